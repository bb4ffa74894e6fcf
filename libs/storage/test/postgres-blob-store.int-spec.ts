import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServiceDataSource, runMigrations } from '@congress/persistence';
import { createTestDatabase, type TestDatabase } from '@congress/testing';
import type { DataSource } from 'typeorm';
import { BLOB_CHUNK_BYTES, BlobTables1764300000002, PostgresBlobStore, newBlobKey } from '../src/index.js';

const SCHEMA = 'files';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

describe('PostgresBlobStore (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: PostgresBlobStore;

  async function rowsOf(key: string): Promise<{ blobs: number; chunks: number }> {
    const [{ blobs, chunks }] = await ds.query(
      `SELECT (SELECT count(*) FROM blobs WHERE key = $1)::int AS blobs, (SELECT count(*) FROM blob_chunks WHERE key = $1)::int AS chunks`,
      [key],
    );
    return { blobs, chunks };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createServiceDataSource({ url: db.url, schema: SCHEMA, entities: [], migrations: [BlobTables1764300000002] });
    expect(await runMigrations(ds, SCHEMA)).toEqual(['BlobTables1764300000002']);
    store = new PostgresBlobStore(ds);
    // Makes the insert of the second chunk of any key under fail/ fail, half-way through a put.
    await ds.query(`CREATE FUNCTION fail_second_chunk() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.key LIKE 'fail/%' AND NEW.seq = 1 THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW;
      END $$`);
    await ds.query(`CREATE TRIGGER fail_second_chunk BEFORE INSERT ON blob_chunks FOR EACH ROW EXECUTE FUNCTION fail_second_chunk()`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates its tables in the service schema', async () => {
    const rows: { table_schema: string; table_name: string }[] = await ds.query(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('blobs', 'blob_chunks') ORDER BY table_name`,
    );
    expect(rows).toEqual([
      { table_schema: SCHEMA, table_name: 'blob_chunks' },
      { table_schema: SCHEMA, table_name: 'blobs' },
    ]);
  });

  it('stores 5 MB in 1 MiB chunks and streams back the same bytes', async () => {
    const data = randomBytes(5 * BLOB_CHUNK_BYTES + 123);
    const key = newBlobKey('attachments');
    await store.put(key, data, { contentType: 'application/pdf' });

    expect(await rowsOf(key)).toEqual({ blobs: 1, chunks: 6 });
    const [{ largest }] = await ds.query(`SELECT max(octet_length(data))::int AS largest FROM blob_chunks WHERE key = $1`, [key]);
    expect(largest).toBe(BLOB_CHUNK_BYTES);

    const blob = await store.get(key);
    expect(blob).toMatchObject({ size: data.length, contentType: 'application/pdf' });
    const back = await readAll(blob!.stream);
    expect(back.length).toBe(data.length);
    expect(sha256(back)).toBe(sha256(data));
  });

  it('round-trips a blob of exactly one chunk and an empty one', async () => {
    for (const data of [randomBytes(BLOB_CHUNK_BYTES), Buffer.alloc(0)]) {
      const key = newBlobKey('attachments');
      await store.put(key, data, { contentType: 'image/png' });
      const blob = await store.get(key);
      expect(blob?.size).toBe(data.length);
      expect((await readAll(blob!.stream)).equals(data)).toBe(true);
    }
  });

  it('reads chunk by chunk: a blob deleted while being read ends the stream with an error', async () => {
    const key = newBlobKey('attachments');
    await store.put(key, randomBytes(3 * BLOB_CHUNK_BYTES), { contentType: 'application/pdf' });
    const blob = await store.get(key);
    const iterator = (blob!.stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value.length).toBe(BLOB_CHUNK_BYTES);
    await store.delete(key);
    await expect(
      (async () => {
        for (let next = await iterator.next(); !next.done; next = await iterator.next());
      })(),
    ).rejects.toThrow(/ended after \d+ of 3145728 bytes/);
  });

  it('leaves nothing behind when a put fails half-way', async () => {
    const key = newBlobKey('fail');
    await expect(store.put(key, randomBytes(3 * BLOB_CHUNK_BYTES), { contentType: 'application/pdf' })).rejects.toThrow('disk full (simulated)');
    expect(await rowsOf(key)).toEqual({ blobs: 0, chunks: 0 });
    expect(await store.get(key)).toBeUndefined();
  });

  it('refuses a second put under the same key and keeps the first blob whole', async () => {
    const key = newBlobKey('attachments');
    const first = randomBytes(2 * BLOB_CHUNK_BYTES + 7);
    await store.put(key, first, { contentType: 'application/pdf' });
    await expect(store.put(key, randomBytes(10), { contentType: 'image/png' })).rejects.toThrow(/duplicate key/);
    const blob = await store.get(key);
    expect(blob).toMatchObject({ size: first.length, contentType: 'application/pdf' });
    expect(sha256(await readAll(blob!.stream))).toBe(sha256(first));
    expect(await rowsOf(key)).toEqual({ blobs: 1, chunks: 3 });
  });

  it('deletes a blob with its chunks; deleting again is not an error', async () => {
    const key = newBlobKey('attachments');
    await store.put(key, randomBytes(BLOB_CHUNK_BYTES + 1), { contentType: 'application/pdf' });
    await store.delete(key);
    expect(await rowsOf(key)).toEqual({ blobs: 0, chunks: 0 });
    expect(await store.get(key)).toBeUndefined();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('answers undefined for a key that was never stored', async () => {
    expect(await store.get(newBlobKey('attachments'))).toBeUndefined();
  });

  it('refuses a malformed key before touching the database', async () => {
    await expect(store.put('../etc/passwd', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow('invalid blob key');
    await expect(store.get('/absolute')).rejects.toThrow('invalid blob key');
  });
});
