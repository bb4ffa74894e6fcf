import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1764300000300 implements MigrationInterface {
  name = 'Projects1764300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE projects (
      id uuid PRIMARY KEY,
      unit_code char(6) NOT NULL,
      year smallint NOT NULL,
      title text NOT NULL,
      category text NOT NULL,
      sources text[] NOT NULL,
      supervised_body_ids uuid[] NOT NULL DEFAULT '{}',
      lead_committee_id uuid,
      leader_person_id uuid,
      lead_speaker_ids uuid[] NOT NULL DEFAULT '{}',
      owner_person_id uuid,
      planned_session text,
      summary text NOT NULL DEFAULT '',
      tags text[] NOT NULL DEFAULT '{}',
      stage text NOT NULL CHECK (stage IN ('reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking', 'closed', 'withdrawn')),
      approval jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX projects_unit_year_idx ON projects (unit_code, year, stage, id DESC)`);
    await q.query(`CREATE INDEX projects_unit_id_idx ON projects (unit_code, id DESC)`);
    await q.query(`CREATE TABLE project_stage_history (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects (id),
      from_stage text NOT NULL,
      to_stage text NOT NULL,
      reason text,
      approval jsonb,
      actor_subject text NOT NULL,
      actor_username text,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX project_stage_history_project_idx ON project_stage_history (project_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_stage_history`);
    await q.query(`DROP TABLE projects`);
  }
}
