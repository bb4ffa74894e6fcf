import { v7 as uuidv7 } from 'uuid';

export interface BlobMeta {
  contentType: string;
}

export interface StoredBlob {
  /** The bytes, delivered piece by piece. Consume it or destroy it: an abandoned S3 body holds a socket. */
  stream: NodeJS.ReadableStream;
  size: number;
  contentType: string;
}

/**
 * Where attachment bytes live. The metadata (name, owner, unit, sha256) belongs to the service that
 * owns the attachment; a store only keeps bytes under a key.
 *
 * Keys are write-once: make each one with {@link newBlobKey}. The PostgreSQL store refuses a key
 * that exists; S3 would silently replace the object, so a reused key is a bug either way.
 */
export interface BlobStore {
  put(key: string, data: Buffer, meta: BlobMeta): Promise<void>;
  /** undefined when there is no blob under the key. */
  get(key: string): Promise<StoredBlob | undefined>;
  /** Deleting a key that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

const PREFIX = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;
// What both stores accept: safe in an S3 key and in a URL path, no `..` segments, no leading slash.
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const KEY_MAX_LENGTH = 512;

/**
 * A fresh key under a prefix, partitioned by the month of upload (UTC) so that a bucket listing or
 * a lifecycle rule can work month by month: `attachments/2026/11/<uuidv7>`.
 */
export function newBlobKey(prefix: string, now: Date = new Date()): string {
  if (!PREFIX.test(prefix)) throw new Error(`invalid blob key prefix: ${JSON.stringify(prefix)} (lower-case words separated by /)`);
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${prefix}/${now.getUTCFullYear()}/${month}/${uuidv7()}`;
}

/** Throws on a key neither store should accept; the stores call it before touching anything. */
export function assertBlobKey(key: string): void {
  if (key.length > KEY_MAX_LENGTH || !KEY.test(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
}
