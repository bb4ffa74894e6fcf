import { MilestoneDue, MilestoneOverdue } from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { CONFIG, LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProjectLibraryEnv } from '../config.js';
import { addDays, todayInShanghai } from '@congress/contracts';

interface DueRow {
  id: string;
  project_id: string;
  unit_code: string;
  title: string;
  due_date: string;
  project_title: string;
}

/**
 * Writes `milestone.due.v1` and `milestone.overdue.v1` once per milestone. The state lives in the
 * milestone rows (`due_notified_at`, `overdue_notified_at`), so a restart resumes where it was;
 * rows are claimed with FOR UPDATE SKIP LOCKED and marked in the transaction that writes the
 * event, so replicas running the check together never fire twice.
 */
@Injectable()
export class MilestoneWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
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
    const overdue = await this.fire('overdue', `ms.due_date < $1::date AND ms.overdue_notified_at IS NULL`, today);
    const due = await this.fire('due', `ms.due_date <= $1::date AND ms.due_date >= $2::date AND ms.due_notified_at IS NULL`, today);
    return { due, overdue };
  }

  private async fire(kind: 'due' | 'overdue', condition: string, today: string): Promise<number> {
    return this.db.transaction(async (m) => {
      const params = kind === 'due' ? [addDays(today, this.config.PROJECT_AT_RISK_DAYS), today] : [today];
      const rows: DueRow[] = await m.query(
        `SELECT ms.id, ms.project_id, ms.unit_code, ms.title, to_char(ms.due_date, 'YYYY-MM-DD') AS due_date, p.title AS project_title
         FROM milestones ms JOIN projects p ON p.id = ms.project_id
         WHERE ms.done_at IS NULL AND p.stage NOT IN ('closed', 'withdrawn') AND ${condition}
         ORDER BY ms.due_date, ms.id LIMIT 500 FOR UPDATE OF ms SKIP LOCKED`,
        params,
      );
      for (const r of rows) {
        const payload = { milestoneId: r.id, projectId: r.project_id, unitCode: r.unit_code, projectTitle: r.project_title, title: r.title, dueDate: r.due_date };
        await this.outbox.add(m, kind === 'due' ? MilestoneDue : MilestoneOverdue, payload, { unitCode: r.unit_code });
      }
      if (rows.length) {
        await m.query(`UPDATE milestones SET ${kind === 'due' ? 'due_notified_at' : 'overdue_notified_at'} = now() WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
      }
      return rows.length;
    });
  }
}
