import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `'assigned', 'rectifying', 'close-requested', 'extended', 'reopened'`;

export class Issues1764300000400 implements MigrationInterface {
  name = 'Issues1764300000400';

  async up(q: QueryRunner): Promise<void> {
    // A project's place in its unit-year, for problem numbers (unit-year-project-sequence).
    await q.query(`CREATE TABLE project_refs (
      project_id uuid PRIMARY KEY,
      unit_code char(6) NOT NULL,
      year smallint NOT NULL,
      ordinal integer NOT NULL,
      next_problem integer NOT NULL DEFAULT 1,
      UNIQUE (unit_code, year, ordinal)
    )`);
    await q.query(`CREATE TABLE findings (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      unit_code char(6) NOT NULL,
      year smallint NOT NULL,
      description text NOT NULL,
      place text NOT NULL DEFAULT '',
      category text NOT NULL DEFAULT '',
      suggested_body_id uuid,
      recorded_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX findings_project_idx ON findings (project_id, id)`);
    await q.query(`CREATE TABLE opinions (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL,
      unit_code char(6) NOT NULL,
      year smallint NOT NULL,
      session text NOT NULL,
      deliberated_on date NOT NULL,
      text text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'transmitted')),
      transmitted_at timestamptz,
      report_due_date date,
      deferred_report_due date,
      last_evaluation_passed boolean,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX opinions_project_idx ON opinions (project_id, id)`);
    await q.query(`CREATE TABLE problems (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      sequence integer NOT NULL,
      opinion_id uuid NOT NULL REFERENCES opinions (id),
      project_id uuid NOT NULL,
      unit_code char(6) NOT NULL,
      year smallint NOT NULL,
      description text NOT NULL,
      place text NOT NULL DEFAULT '',
      category text NOT NULL DEFAULT '',
      responsible_body_id uuid NOT NULL,
      co_body_ids uuid[] NOT NULL DEFAULT '{}',
      body_ids uuid[] GENERATED ALWAYS AS (array_prepend(responsible_body_id, co_body_ids)) STORED,
      responsible_person text NOT NULL DEFAULT '',
      deadline date,
      measures text NOT NULL DEFAULT '',
      required_evidence text[] NOT NULL DEFAULT '{}',
      finding_id uuid REFERENCES findings (id),
      status text NOT NULL CHECK (status IN ('draft', ${OPEN}, 'closed')),
      percent smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
      last_progress_at timestamptz,
      assigned_at timestamptz,
      closed_at timestamptz,
      closed_by text,
      overdue_notified_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    // The ledger: newest first within units; by body (responsible or co-responsible) and status.
    await q.query(`CREATE INDEX problems_unit_idx ON problems (unit_code, id DESC)`);
    await q.query(`CREATE INDEX problems_unit_status_idx ON problems (unit_code, status, id DESC)`);
    await q.query(`CREATE INDEX problems_body_status_idx ON problems (responsible_body_id, status, id DESC)`);
    await q.query(`CREATE INDEX problems_body_ids_idx ON problems USING gin (body_ids)`);
    await q.query(`CREATE INDEX problems_opinion_idx ON problems (opinion_id, sequence)`);
    await q.query(`CREATE INDEX problems_project_idx ON problems (project_id)`);
    // The overdue watch only ever looks at open problems with a deadline not yet announced.
    await q.query(`CREATE INDEX problems_overdue_watch_idx ON problems (deadline) WHERE overdue_notified_at IS NULL AND status IN (${OPEN})`);

    await q.query(`CREATE TABLE problem_progress (
      id uuid PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES problems (id),
      text text NOT NULL,
      percent smallint NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      reported_by text NOT NULL,
      reported_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX problem_progress_problem_idx ON problem_progress (problem_id, reported_at)`);
    await q.query(`CREATE TABLE close_requests (
      id uuid PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES problems (id),
      text text NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      outcome text CHECK (outcome IN ('accepted', 'sent-back')),
      outcome_reason text,
      decided_by text,
      decided_at timestamptz
    )`);
    await q.query(`CREATE INDEX close_requests_problem_idx ON close_requests (problem_id, requested_at)`);
    await q.query(`CREATE TABLE extensions (
      id uuid PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES problems (id),
      reason text NOT NULL,
      proposed_deadline date NOT NULL,
      previous_deadline date,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      decided_by text,
      decided_at timestamptz,
      decision_reason text
    )`);
    // One pending extension request per problem at a time.
    await q.query(`CREATE UNIQUE INDEX extensions_one_pending_idx ON extensions (problem_id) WHERE status = 'pending'`);
    await q.query(`CREATE TABLE look_backs (
      id uuid PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES problems (id),
      checked_on date NOT NULL,
      result text NOT NULL CHECK (result IN ('passed', 'failed')),
      note text NOT NULL,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX look_backs_problem_idx ON look_backs (problem_id, checked_on)`);
    await q.query(`CREATE TABLE problem_history (
      id uuid PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES problems (id),
      action text NOT NULL,
      from_status text,
      to_status text,
      summary text NOT NULL,
      actor text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX problem_history_problem_idx ON problem_history (problem_id, at, id)`);
    await q.query(`CREATE TABLE attachments (
      id uuid PRIMARY KEY,
      owner_type text NOT NULL CHECK (owner_type IN ('problem', 'finding')),
      owner_id uuid NOT NULL,
      unit_code char(6) NOT NULL,
      name text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL,
      sha256 char(64) NOT NULL,
      evidence text,
      blob_key text NOT NULL UNIQUE,
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX attachments_owner_idx ON attachments (owner_type, owner_id, id)`);
    // Each satisfaction evaluation is applied once, however often its event arrives.
    await q.query(`CREATE TABLE evaluation_outcomes (
      evaluation_id uuid PRIMARY KEY,
      opinion_id uuid,
      grade text NOT NULL,
      passed boolean NOT NULL,
      deferred_report_due date,
      reopened integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['evaluation_outcomes', 'attachments', 'problem_history', 'look_backs', 'extensions', 'close_requests', 'problem_progress', 'problems', 'opinions', 'findings', 'project_refs']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
