import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { assertBlobKey, type BlobMeta, type BlobStore, type StoredBlob } from './blob-store.js';

export interface S3BlobStoreOptions {
  /** For a store other than AWS (MinIO, Ceph, a cloud's S3-compatible service): its base URL. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** `bucket` in the path rather than in the host name; most self-hosted stores need it. */
  forcePathStyle?: boolean;
  /** Without them the SDK's default chain applies (environment, instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Blobs as objects in one bucket of any S3-compatible store. The bucket must exist. */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Since 3.729 the SDK adds CRC checksums to every upload and validates them on download by
      // default; many S3-compatible stores reject or lack them. Checksums only where S3 requires them.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, data: Buffer, meta: BlobMeta): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data, ContentLength: data.length, ContentType: meta.contentType }));
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    assertBlobKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node the body is an http.IncomingMessage; the browser types of the SDK's union never occur here.
      if (!(out.Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${key}`);
      return { stream: out.Body, size: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      // A missing key is NoSuchKey (404). Without s3:ListBucket, AWS answers 403 instead, which stays an error.
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the client's sockets (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }
}
