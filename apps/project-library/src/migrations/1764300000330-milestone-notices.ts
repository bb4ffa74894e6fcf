import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When each milestone's due and overdue events were written, so each fires once. */
export class MilestoneNotices1764300000330 implements MigrationInterface {
  name = 'MilestoneNotices1764300000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE milestones ADD COLUMN due_notified_at timestamptz, ADD COLUMN overdue_notified_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE milestones DROP COLUMN due_notified_at, DROP COLUMN overdue_notified_at`);
  }
}
