import type { Logger } from '@congress/telemetry';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { ASSERTION_CLOCK_SKEW_MS } from './assertion.js';

/** What the request server needs to refuse a replay: claim a nonce once, whichever replica asks. */
export interface NonceStore {
  /** True the first time a jti is claimed, false ever after (until it expires). */
  claim(jti: string, deadline: number): Promise<boolean>;
}

/**
 * The nonces of actor assertions a service has accepted, in a table of its own schema, so every
 * replica sees every other's: a replay is refused on whichever replica receives it. A row lives
 * as long as its assertion could still be accepted (deadline + clock skew, at most about a minute:
 * ASSERTION_MAX_LIFETIME_MS), so the table stays small; expired rows are purged periodically.
 */
export class ActorNonceStore implements NonceStore {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly purgeEveryMs = 30_000,
  ) {}

  async claim(jti: string, deadline: number): Promise<boolean> {
    // Kept a little beyond the moment the verifier would refuse the assertion as expired anyway.
    const expiresAt = new Date(deadline + 2 * ASSERTION_CLOCK_SKEW_MS);
    const rows: unknown[] = await this.dataSource.query(`INSERT INTO actor_nonces (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING jti`, [jti, expiresAt]);
    return rows.length === 1;
  }

  /** Deletes the nonces whose assertions can no longer be accepted. Returns how many. */
  async purge(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(`DELETE FROM actor_nonces WHERE expires_at < now() RETURNING jti`);
    return rows.length;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.purge().catch((err: unknown) => this.logger.warn({ err }, 'purging expired actor nonces failed; will retry'));
    }, this.purgeEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * The nonce table, in every serving service's schema. UNLOGGED: nothing in it outlives a minute,
 * so it need not survive a crash (or reach a standby); after one, the at most one minute of
 * nonces it held are forgotten (docs/decisions/0013-signed-actor-assertions.md).
 */
export class ActorNonces1764300001000 implements MigrationInterface {
  name = 'ActorNonces1764300001000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE actor_nonces (
      jti uuid PRIMARY KEY,
      expires_at timestamptz NOT NULL
    )`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE actor_nonces`);
  }
}
