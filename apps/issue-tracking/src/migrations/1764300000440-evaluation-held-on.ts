import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day each applied evaluation was held, so the result in force is the latest held, not the
 * latest to arrive: an older evaluation's event delivered after a newer one's (a redelivery, a
 * replay) is recorded but changes nothing. Rows from before take the day they were applied.
 */
export class EvaluationHeldOn1764300000440 implements MigrationInterface {
  name = 'EvaluationHeldOn1764300000440';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_outcomes ADD COLUMN held_on date`);
    await q.query(`UPDATE evaluation_outcomes SET held_on = (applied_at AT TIME ZONE 'Asia/Shanghai')::date`);
    await q.query(`ALTER TABLE evaluation_outcomes ALTER COLUMN held_on SET NOT NULL`);
    await q.query(`CREATE INDEX evaluation_outcomes_opinion_held_idx ON evaluation_outcomes (opinion_id, held_on)`);
    await q.query(`CREATE INDEX evaluation_outcomes_project_held_idx ON evaluation_outcomes (project_id, held_on, applied_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX evaluation_outcomes_project_held_idx`);
    await q.query(`DROP INDEX evaluation_outcomes_opinion_held_idx`);
    await q.query(`ALTER TABLE evaluation_outcomes DROP COLUMN held_on`);
  }
}
