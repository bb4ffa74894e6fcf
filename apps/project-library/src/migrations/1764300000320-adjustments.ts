import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dynamic adjustments (动态调整) of the year's plan, kept as history. */
export class Adjustments1764300000320 implements MigrationInterface {
  name = 'Adjustments1764300000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE adjustments (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects (id),
      unit_code char(6) NOT NULL,
      kind text NOT NULL CHECK (kind IN ('add', 'withdraw', 'postpone', 'change')),
      plan_year smallint NOT NULL,
      reason text NOT NULL,
      approver_name text NOT NULL,
      approved_on date NOT NULL,
      document_number text,
      before jsonb NOT NULL,
      after jsonb NOT NULL,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX adjustments_plan_idx ON adjustments (unit_code, plan_year, recorded_at)`);
    await q.query(`CREATE INDEX adjustments_project_idx ON adjustments (project_id, recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adjustments`);
  }
}
