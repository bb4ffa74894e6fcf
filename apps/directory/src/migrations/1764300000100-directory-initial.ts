import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryInitial1764300000100 implements MigrationInterface {
  name = 'DirectoryInitial1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE units (
      id uuid PRIMARY KEY,
      code char(6) NOT NULL UNIQUE,
      name text NOT NULL,
      region text NOT NULL,
      level text NOT NULL CHECK (level IN ('province', 'city', 'county')),
      parent_code char(6) REFERENCES units (code),
      roster_version integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX units_parent_idx ON units (parent_code)`);
    await q.query(`CREATE TABLE committees (
      id uuid PRIMARY KEY,
      unit_code char(6) NOT NULL REFERENCES units (code),
      name text NOT NULL,
      short_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('special', 'working', 'office')),
      sort_order integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX committees_unit_idx ON committees (unit_code, sort_order, id)`);
    await q.query(`CREATE TABLE bodies (
      id uuid PRIMARY KEY,
      unit_code char(6) NOT NULL REFERENCES units (code),
      name text NOT NULL,
      short_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('government', 'supervisory-commission', 'court', 'procuratorate', 'department')),
      parent_body_id uuid REFERENCES bodies (id),
      sort_order integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX bodies_unit_idx ON bodies (unit_code, sort_order, id)`);
    await q.query(`CREATE TABLE people (
      id uuid PRIMARY KEY,
      unit_code char(6) NOT NULL REFERENCES units (code),
      name text NOT NULL,
      roles text[] NOT NULL,
      title text NOT NULL,
      chairs_council boolean NOT NULL DEFAULT false,
      committee_id uuid REFERENCES committees (id),
      body_id uuid REFERENCES bodies (id),
      username text UNIQUE,
      idp_subject text UNIQUE,
      on_roster boolean NOT NULL DEFAULT false,
      sort_order integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX people_unit_idx ON people (unit_code, sort_order, id)`);
    await q.query(`CREATE INDEX people_roles_idx ON people USING gin (roles)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE people`);
    await q.query(`DROP TABLE bodies`);
    await q.query(`DROP TABLE committees`);
    await q.query(`DROP TABLE units`);
  }
}
