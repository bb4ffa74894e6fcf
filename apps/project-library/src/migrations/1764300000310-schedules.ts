import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Responsibility letters (责任书), roadmaps (路线图) and schedules (施工表). */
export class Schedules1764300000310 implements MigrationInterface {
  name = 'Schedules1764300000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE responsibilities (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects (id),
      unit_code char(6) NOT NULL,
      role text NOT NULL,
      holder_name text NOT NULL,
      holder_person_id uuid,
      duty text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX responsibilities_project_idx ON responsibilities (project_id)`);
    await q.query(`CREATE TABLE milestones (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects (id),
      unit_code char(6) NOT NULL,
      position integer NOT NULL,
      title text NOT NULL,
      due_date date NOT NULL,
      done_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX milestones_project_idx ON milestones (project_id, position)`);
    await q.query(`CREATE INDEX milestones_open_due_idx ON milestones (due_date) WHERE done_at IS NULL`);
    await q.query(`CREATE TABLE tasks (
      id uuid PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects (id),
      unit_code char(6) NOT NULL,
      milestone_id uuid REFERENCES milestones (id),
      title text NOT NULL,
      owner_name text NOT NULL,
      owner_person_id uuid,
      start_date date NOT NULL,
      due_date date NOT NULL CHECK (due_date >= start_date),
      weight numeric NOT NULL DEFAULT 1 CHECK (weight > 0),
      status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
      percent smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX tasks_project_idx ON tasks (project_id, start_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tasks`);
    await q.query(`DROP TABLE milestones`);
    await q.query(`DROP TABLE responsibilities`);
  }
}
