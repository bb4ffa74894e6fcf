import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name of who moved a project (高成平), beside the login kept for the audit: the timeline is
 * read by people, who know each other by name. Rows from before keep only the login.
 */
export class ActorNames1764300000340 implements MigrationInterface {
  name = 'ActorNames1764300000340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project_stage_history ADD COLUMN actor_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project_stage_history DROP COLUMN actor_name`);
  }
}
