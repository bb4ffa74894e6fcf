import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger by body: one row per (problem, responsible or co-responsible body), kept by
 * triggers, so "this body's problems in this status, newest first" is an ordered index range
 * rather than a bitmap of the body's whole history sorted on every page (see
 * docs/benchmarks/issues.md: 4.8 s before, for a body with 11,000 problems).
 */
export class ProblemBodies1764300000410 implements MigrationInterface {
  name = 'ProblemBodies1764300000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE problem_bodies (
      body_id uuid NOT NULL,
      status text NOT NULL,
      problem_id uuid NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
      unit_code char(6) NOT NULL,
      PRIMARY KEY (body_id, status, problem_id)
    )`);
    await q.query(`CREATE INDEX problem_bodies_body_idx ON problem_bodies (body_id, problem_id DESC)`);
    await q.query(`CREATE INDEX problem_bodies_problem_idx ON problem_bodies (problem_id)`);
    await q.query(`INSERT INTO problem_bodies (body_id, status, problem_id, unit_code)
      SELECT DISTINCT b, p.status, p.id, p.unit_code FROM problems p, unnest(p.body_ids) AS b`);
    // Statement-level triggers with transition tables: one set-based write per statement, so a
    // bulk load or a batch update does not pay a trigger call per row.
    await q.query(`CREATE FUNCTION problem_bodies_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO problem_bodies (body_id, status, problem_id, unit_code)
          SELECT DISTINCT b, n.status, n.id, n.unit_code FROM new_rows n, unnest(n.body_ids) AS b;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION problem_bodies_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM problem_bodies pb USING old_rows o JOIN new_rows n ON n.id = o.id
          WHERE pb.problem_id = o.id AND (o.status IS DISTINCT FROM n.status OR o.body_ids IS DISTINCT FROM n.body_ids);
        INSERT INTO problem_bodies (body_id, status, problem_id, unit_code)
          SELECT DISTINCT b, n.status, n.id, n.unit_code FROM old_rows o JOIN new_rows n ON n.id = o.id, unnest(n.body_ids) AS b
          WHERE o.status IS DISTINCT FROM n.status OR o.body_ids IS DISTINCT FROM n.body_ids;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER problem_bodies_insert AFTER INSERT ON problems REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION problem_bodies_insert()`);
    await q.query(`CREATE TRIGGER problem_bodies_update AFTER UPDATE ON problems REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION problem_bodies_update()`);
    // The GIN index served body filters until now; problem_bodies does, and without the GIN
    // index's pending-list scans after bulk loads.
    await q.query(`DROP INDEX problems_body_ids_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX problems_body_ids_idx ON problems USING gin (body_ids)`);
    await q.query(`DROP TRIGGER problem_bodies_update ON problems`);
    await q.query(`DROP TRIGGER problem_bodies_insert ON problems`);
    await q.query(`DROP FUNCTION problem_bodies_update()`);
    await q.query(`DROP FUNCTION problem_bodies_insert()`);
    await q.query(`DROP TABLE problem_bodies`);
  }
}
