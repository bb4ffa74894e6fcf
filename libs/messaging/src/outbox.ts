import type { EventContract, PayloadOf, ServiceName } from '@congress/contracts';
import { newId } from '@congress/persistence';
import { injectTraceContext, type Logger } from '@congress/telemetry';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { WireNames } from './wire.js';

/**
 * The transactional outbox. `add` writes the event row with the caller's transaction manager,
 * so the event exists if and only if the state change committed.
 */
export class Outbox {
  private readonly listeners = new Set<() => void>();

  async add<C extends EventContract>(manager: EntityManager, contract: C, payload: PayloadOf<C>, options: { unitCode: string | null }): Promise<string> {
    // A payload that breaks its contract is a bug in this service: fail the transaction.
    const data = contract.payload.parse(payload);
    const id = newId();
    const envelope = { id, type: contract.name, occurredAt: new Date().toISOString(), unitCode: options.unitCode, payload: data };
    const traceHeaders: Record<string, string> = {};
    injectTraceContext((k, v) => (traceHeaders[k] = v));
    await manager.query(`INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)`, [
      id,
      contract.name,
      JSON.stringify(envelope),
      JSON.stringify(traceHeaders),
    ]);
    // Wake the relay once the caller's transaction has had a chance to commit.
    setImmediate(() => this.listeners.forEach((l) => l()));
    return id;
  }

  onAdded(listener: () => void): void {
    this.listeners.add(listener);
  }
}

/** Fault injection for tests of the relay's crash safety; never set in production. */
export interface RelayFaults {
  /** Called after an event was published and before it is marked sent. Throw to simulate a crash there. */
  afterPublish?: (eventId: string) => void;
}

export interface OutboxRelayOptions {
  /** The producing service: named in every event it relays (the envelope's `producer`). */
  service: ServiceName;
  dataSource: DataSource;
  js: JetStreamClient;
  wire: WireNames;
  schema: string;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
  retentionDays?: number;
  faults?: RelayFaults;
}

/**
 * Publishes outbox rows to JetStream in commit order, using the event id as Nats-Msg-Id so the
 * stream drops a second copy, and marks them sent. One replica relays at a time (a transaction-
 * scoped advisory lock), which keeps order and makes running several replicas safe.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = true;
  private runs = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a run now (after a local commit); coalesces with a run in progress. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    let published = 0;
    try {
      this.running = this.runOnce();
      published = await this.running;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'outbox relay run failed; will retry');
    } finally {
      this.running = undefined;
    }
    if (this.stopped) return;
    const more = published === (this.options.batchSize ?? 100) || this.again;
    this.again = false;
    this.schedule(more ? 0 : (this.options.pollMs ?? 250));
  }

  /** One pass: publish up to a batch of unsent events. Returns how many were published. */
  async runOnce(): Promise<number> {
    const { dataSource, js, wire, schema, service } = this.options;
    const runner: QueryRunner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`outbox:${schema}`]);
      if (!locked) {
        await runner.rollbackTransaction();
        return 0;
      }
      const rows: { id: string; subject: string; envelope: Record<string, unknown>; headers: Record<string, string> }[] = await runner.query(
        `SELECT id, subject, envelope, headers FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1`,
        [this.options.batchSize ?? 100],
      );
      for (const row of rows) {
        const h = natsHeaders();
        for (const [k, v] of Object.entries(row.headers ?? {})) h.set(k, v);
        // The relay, not the row, names the producer: rows written before producers were named get it too.
        await js.publish(wire.subject(row.subject), JSON.stringify({ ...row.envelope, producer: service }), { msgID: row.id, headers: h });
        this.options.faults?.afterPublish?.(row.id);
        await runner.query(`UPDATE outbox SET sent_at = now() WHERE id = $1`, [row.id]);
      }
      if (++this.runs % 1000 === 0) {
        await runner.query(`DELETE FROM outbox WHERE sent_at < now() - make_interval(days => $1)`, [this.options.retentionDays ?? 7]);
      }
      await runner.commitTransaction();
      return rows.length;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}

/** Outbox and inbox tables, created in every service's schema by its first migration. */
export class MessagingTables1764300000000 implements MigrationInterface {
  name = 'MessagingTables1764300000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      envelope jsonb NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL`);
    await q.query(`CREATE TABLE inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      subject text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TABLE outbox`);
  }
}
