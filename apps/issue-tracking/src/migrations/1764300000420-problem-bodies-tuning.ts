import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * From the ledger benchmark (docs/benchmarks/issues.md):
 * - the trigger functions name `problem_bodies` unqualified, so a session with another
 *   search_path (a bulk load, psql) could not write problems: pin their search_path to the
 *   schema they were created in;
 * - the planner took body and unit as independent and underestimated a body's rows 12-fold,
 *   sorting a busy body's whole history on every export page: tell it they are dependent.
 */
export class ProblemBodiesTuning1764300000420 implements MigrationInterface {
  name = 'ProblemBodiesTuning1764300000420';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION problem_bodies_insert() SET search_path FROM CURRENT`);
    await q.query(`ALTER FUNCTION problem_bodies_update() SET search_path FROM CURRENT`);
    await q.query(`CREATE STATISTICS problem_bodies_body_unit (dependencies) ON body_id, unit_code FROM problem_bodies`);
    await q.query(`ANALYZE problem_bodies`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS problem_bodies_body_unit`);
    await q.query(`ALTER FUNCTION problem_bodies_update() RESET search_path`);
    await q.query(`ALTER FUNCTION problem_bodies_insert() RESET search_path`);
  }
}
