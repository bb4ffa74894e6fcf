import { ProblemOverdue, todayInShanghai } from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { CONFIG, LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IssueTrackingEnv } from '../config.js';
import { OPEN_SQL } from './problem.rules.js';
import { PROBLEM_COLUMNS, ProblemStore, type ProblemRow } from './problem.store.js';

/**
 * Writes `problem.overdue.v1` once per problem and deadline. The state lives in the problem row
 * (`overdue_notified_at`, cleared when a new deadline is set), so a restart resumes where it was;
 * rows are claimed with FOR UPDATE SKIP LOCKED and marked in the transaction that writes the
 * event, so replicas checking at the same moment never announce one twice.
 */
@Injectable()
export class OverdueWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ProblemStore) private readonly store: ProblemStore,
    @Inject(CONFIG) private readonly config: IssueTrackingEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OVERDUE_CHECK_MS === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'overdue check failed; will retry'))
        .finally(() => (this.running = undefined));
    }, this.config.OVERDUE_CHECK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Announces every problem that became overdue, in batches; returns how many. */
  async runOnce(today = todayInShanghai()): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.batch(today);
      total += n;
      if (n < 500) return total;
    }
  }

  private async batch(today: string): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: ProblemRow[] = await m.query(
        // Matches the partial index problems_overdue_watch_idx (statuses as literals, not a parameter).
        `SELECT ${PROBLEM_COLUMNS} FROM problems
         WHERE overdue_notified_at IS NULL AND status IN (${OPEN_SQL}) AND deadline < $1::date
         ORDER BY deadline, id LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [today],
      );
      for (const r of rows) await this.outbox.add(m, ProblemOverdue, this.store.fact(r), { unitCode: r.unit_code });
      if (rows.length) await m.query(`UPDATE problems SET overdue_notified_at = now() WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
