import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomName } from '@congress/testing';
import type { DataSource } from 'typeorm';
import { S3BlobStore, StorageEnv, createBlobStore, newBlobKey } from '../src/index.js';

/**
 * Needs an S3-compatible server at TEST_S3_ENDPOINT (CI runs moto's server, see libs/storage/README.md);
 * any credentials are accepted there. Without one the suite is skipped locally and fails in CI.
 */
const endpoint = process.env.TEST_S3_ENDPOINT;
if (!endpoint && process.env.CI) throw new Error('TEST_S3_ENDPOINT is not set: CI must start an S3-compatible server (moto_server) for the S3 blob store tests.');
const describeS3 = endpoint ? describe : describe.skip;
if (!endpoint) console.warn('S3BlobStore tests skipped: set TEST_S3_ENDPOINT to an S3-compatible server, e.g. `moto_server -p 54350` → http://127.0.0.1:54350');

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

describeS3('S3BlobStore (real S3-compatible server)', () => {
  // Each test file its own bucket, so files can run in parallel against one server.
  const bucket = randomName('t-').replace(/_/g, '-');
  let store: S3BlobStore;

  beforeAll(async () => {
    const config = StorageEnv.parse({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'test',
      S3_SECRET_ACCESS_KEY: 'test-secret',
    });
    store = createBlobStore(config, {} as DataSource) as S3BlobStore;
    await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  afterAll(async () => {
    if (!store) return;
    const listed = await store.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    for (const object of listed.Contents ?? []) await store.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
    await store.client.send(new DeleteBucketCommand({ Bucket: bucket }));
    store.close();
  });

  it('stores 5 MB and streams back the same bytes with size and content type', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 123);
    const key = newBlobKey('attachments');
    await store.put(key, data, { contentType: 'application/pdf' });
    const blob = await store.get(key);
    expect(blob).toMatchObject({ size: data.length, contentType: 'application/pdf' });
    expect(sha256(await readAll(blob!.stream))).toBe(sha256(data));
  });

  it('answers undefined for a key that was never stored', async () => {
    expect(await store.get(newBlobKey('attachments'))).toBeUndefined();
  });

  it('deletes a blob; deleting again is not an error', async () => {
    const key = newBlobKey('attachments');
    await store.put(key, randomBytes(1000), { contentType: 'image/png' });
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('refuses a malformed key before calling the server', async () => {
    await expect(store.put('../secret', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow('invalid blob key');
  });
});
