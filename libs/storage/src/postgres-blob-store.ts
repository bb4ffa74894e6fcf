import { Readable } from 'node:stream';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { assertBlobKey, type BlobMeta, type BlobStore, type StoredBlob } from './blob-store.js';

/**
 * Size of one row of blob_chunks. A reader holds about one chunk in memory at a time, and each
 * row stays well below the sizes at which bytea becomes awkward for the pg driver.
 */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

/**
 * The embedded default: blobs in the service's own PostgreSQL schema (the DataSource's search_path
 * picks it), so a single-server installation needs nothing besides the database and the blobs are
 * in its backups. Needs the migration {@link BlobTables1764300000002}.
 */
export class PostgresBlobStore implements BlobStore {
  constructor(private readonly dataSource: DataSource) {}

  async put(key: string, data: Buffer, meta: BlobMeta): Promise<void> {
    assertBlobKey(key);
    // One transaction: a reader never sees a blob with only some of its chunks, and a failure
    // half-way leaves nothing behind. A key that exists fails on the primary key (keys are write-once).
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO blobs (key, content_type, size) VALUES ($1, $2, $3)`, [key, meta.contentType, data.length]);
      for (let seq = 0; seq * BLOB_CHUNK_BYTES < data.length; seq++) {
        const chunk = data.subarray(seq * BLOB_CHUNK_BYTES, (seq + 1) * BLOB_CHUNK_BYTES);
        await manager.query(`INSERT INTO blob_chunks (key, seq, data) VALUES ($1, $2, $3)`, [key, seq, chunk]);
      }
    });
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    assertBlobKey(key);
    const rows: { content_type: string; size: string }[] = await this.dataSource.query(`SELECT content_type, size FROM blobs WHERE key = $1`, [key]);
    if (!rows.length) return undefined;
    const size = Number(rows[0].size);
    return { stream: new ChunkReader(this.dataSource, key, size), size, contentType: rows[0].content_type };
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    // The chunks go with it (ON DELETE CASCADE).
    await this.dataSource.query(`DELETE FROM blobs WHERE key = $1`, [key]);
  }
}

/**
 * Streams a blob one chunk per query. Each query takes a pooled connection only for its own
 * duration, so a slow download does not hold a connection (or a transaction) for minutes. The
 * price: a blob deleted while it is being read ends the stream with an error instead of a
 * consistent snapshot, which the byte count below detects.
 */
class ChunkReader extends Readable {
  private seq = 0;
  private delivered = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: string,
    private readonly size: number,
  ) {
    // Below one chunk, so push() reports back-pressure after every chunk and the next query
    // waits until the consumer has taken this one.
    super({ highWaterMark: 64 * 1024 });
  }

  override _read(): void {
    this.fetchNext().then(
      (chunk) => {
        if (this.destroyed) return;
        this.push(chunk);
      },
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private async fetchNext(): Promise<Buffer | null> {
    const rows: { data: Buffer }[] = await this.dataSource.query(`SELECT data FROM blob_chunks WHERE key = $1 AND seq = $2`, [this.key, this.seq]);
    if (!rows.length) {
      if (this.delivered !== this.size) throw new Error(`blob ${this.key} ended after ${this.delivered} of ${this.size} bytes (deleted while being read?)`);
      return null;
    }
    this.seq++;
    this.delivered += rows[0].data.length;
    if (this.delivered > this.size) throw new Error(`blob ${this.key} holds more than its recorded ${this.size} bytes`);
    return rows[0].data;
  }
}

/** The tables of {@link PostgresBlobStore}; list it in the migrations of a service that stores blobs. */
export class BlobTables1764300000002 implements MigrationInterface {
  name = 'BlobTables1764300000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE blobs (
      key text PRIMARY KEY,
      content_type text NOT NULL,
      size bigint NOT NULL CHECK (size >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE blob_chunks (
      key text NOT NULL REFERENCES blobs (key) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 0),
      data bytea NOT NULL,
      PRIMARY KEY (key, seq)
    )`);
    // PDF, JPEG, PNG and OOXML are compressed already: EXTERNAL keeps the values out of line
    // (TOAST) without PostgreSQL spending CPU on a compression attempt that gains nothing.
    await q.query(`ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE blob_chunks`);
    await q.query(`DROP TABLE blobs`);
  }
}
