import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction evaluations. What must hold for the secret ballot (docs/security/secret-ballot.md):
 * `participations` says who voted and nothing else (no time, no choice); choices go into a ballot
 * box table of the evaluation's own (`ballot_box_<id>`, created at opening: one column, the
 * choice) that is counted and dropped when the evaluation closes; the result row can never be
 * changed (corrections are new rows).
 */
export class Evaluations1764300000210 implements MigrationInterface {
  name = 'Evaluations1764300000210';

  async up(q: QueryRunner): Promise<void> {
    // Who each member is at the identity provider, so a ballot is cast by the member signed in.
    await q.query(`ALTER TABLE roster_members ADD COLUMN subject text`);
    await q.query(`CREATE TABLE evaluation_rules (
      unit_code char(6) PRIMARY KEY,
      rule jsonb NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE evaluations (
      id uuid PRIMARY KEY,
      unit_code char(6) NOT NULL,
      project_id uuid NOT NULL,
      opinion_id uuid,
      body_id uuid,
      session text NOT NULL,
      held_on date NOT NULL,
      report_title text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'postponed')),
      rule jsonb NOT NULL,
      opened_at timestamptz,
      closed_at timestamptz,
      postponed_from date,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX evaluations_unit_idx ON evaluations (unit_code, held_on DESC, id DESC)`);
    await q.query(`CREATE INDEX evaluations_project_idx ON evaluations (project_id)`);
    // The roster frozen when the evaluation was created, with attendance.
    await q.query(`CREATE TABLE evaluation_roster (
      evaluation_id uuid NOT NULL REFERENCES evaluations (id),
      person_id uuid NOT NULL,
      subject text,
      name text NOT NULL,
      title text NOT NULL,
      position integer NOT NULL,
      present boolean NOT NULL DEFAULT false,
      PRIMARY KEY (evaluation_id, person_id)
    )`);
    await q.query(`CREATE INDEX evaluation_roster_subject_idx ON evaluation_roster (evaluation_id, subject)`);
    // Who has voted. Deliberately nothing else: no time, no order column, no choice.
    await q.query(`CREATE TABLE participations (
      evaluation_id uuid NOT NULL REFERENCES evaluations (id),
      person_id uuid NOT NULL,
      PRIMARY KEY (evaluation_id, person_id)
    )`);
    await q.query(`CREATE TABLE evaluation_results (
      evaluation_id uuid PRIMARY KEY REFERENCES evaluations (id),
      satisfied integer NOT NULL CHECK (satisfied >= 0),
      basic integer NOT NULL CHECK (basic >= 0),
      unsatisfied integer NOT NULL CHECK (unsatisfied >= 0),
      not_voting integer NOT NULL CHECK (not_voting >= 0),
      roster integer NOT NULL,
      present integer NOT NULL,
      base integer NOT NULL,
      satisfaction_rate numeric(5, 4) NOT NULL,
      satisfied_rate numeric(5, 4) NOT NULL,
      grade text NOT NULL CHECK (grade IN ('satisfied', 'basic', 'unsatisfied')),
      rule jsonb NOT NULL,
      deferred_report_due date,
      source text NOT NULL CHECK (source IN ('electronic', 'paper', 'device')),
      clerk text,
      scrutineers text[] NOT NULL DEFAULT '{}',
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    // A stored result is final: corrections are new, audited rows in result_corrections.
    await q.query(`CREATE FUNCTION evaluation_results_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'evaluation results cannot be changed; record a correction instead' USING ERRCODE = 'P0001'; END $$`);
    await q.query(`CREATE TRIGGER evaluation_results_immutable BEFORE UPDATE OR DELETE ON evaluation_results FOR EACH ROW EXECUTE FUNCTION evaluation_results_immutable()`);
    await q.query(`CREATE TRIGGER evaluation_results_no_truncate BEFORE TRUNCATE ON evaluation_results FOR EACH STATEMENT EXECUTE FUNCTION evaluation_results_immutable()`);
    await q.query(`CREATE TABLE result_corrections (
      id uuid PRIMARY KEY,
      evaluation_id uuid NOT NULL REFERENCES evaluation_results (evaluation_id),
      satisfied integer NOT NULL,
      basic integer NOT NULL,
      unsatisfied integer NOT NULL,
      not_voting integer NOT NULL,
      reason text NOT NULL,
      corrected_by text NOT NULL,
      corrected_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE result_corrections`);
    await q.query(`DROP TABLE evaluation_results`);
    await q.query(`DROP FUNCTION evaluation_results_immutable()`);
    await q.query(`DROP TABLE participations`);
    await q.query(`DROP TABLE evaluation_roster`);
    await q.query(`DROP TABLE evaluations`);
    await q.query(`DROP TABLE evaluation_rules`);
    await q.query(`ALTER TABLE roster_members DROP COLUMN subject`);
  }
}
