import { todayInShanghai } from '@congress/contracts';
import { CONFIG, LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ProjectLibraryEnv } from '../config.js';
import { ScheduleService } from './schedule.service.js';

/**
 * Writes `milestone.due.v1` and `milestone.overdue.v1` once per milestone, every
 * `MILESTONE_CHECK_MS`. The state lives in the milestone rows (`due_notified_at`,
 * `overdue_notified_at`), so a restart resumes where it was; the service claims rows with SKIP
 * LOCKED and marks them in the transaction that writes the event, so replicas running the check
 * together never fire twice.
 */
@Injectable()
export class MilestoneWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(ScheduleService) private readonly schedule: ScheduleService,
    @Inject(CONFIG) private readonly config: ProjectLibraryEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.MILESTONE_CHECK_MS === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'milestone check failed; will retry'))
        .finally(() => (this.running = undefined));
    }, this.config.MILESTONE_CHECK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many events it wrote. */
  async runOnce(today = todayInShanghai()): Promise<{ due: number; overdue: number }> {
    const overdue = await this.schedule.remind('overdue', today);
    const due = await this.schedule.remind('due', today);
    return { due, overdue };
  }
}
