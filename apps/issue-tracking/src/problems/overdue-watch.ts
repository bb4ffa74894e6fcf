import { todayInShanghai } from '@congress/contracts';
import { CONFIG, LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { IssueTrackingEnv } from '../config.js';
import { ProblemsService } from './problems.service.js';

const BATCH = 500;

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
    @Inject(ProblemsService) private readonly problems: ProblemsService,
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
      const n = await this.problems.announceOverdue(today, BATCH);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
