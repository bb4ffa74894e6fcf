import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The project of each satisfaction evaluation applied, from `evaluation.closed.v1`: an
 * evaluation held for a project without naming an opinion still counts for its closing guard
 * (办结 needs the last evaluation passed). Rows from before take their opinion's project.
 */
export class EvaluationProjects1764300000430 implements MigrationInterface {
  name = 'EvaluationProjects1764300000430';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_outcomes ADD COLUMN project_id uuid`);
    await q.query(`UPDATE evaluation_outcomes e SET project_id = o.project_id FROM opinions o WHERE o.id = e.opinion_id`);
    await q.query(`CREATE INDEX evaluation_outcomes_project_idx ON evaluation_outcomes (project_id, applied_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_outcomes DROP COLUMN project_id`);
  }
}
