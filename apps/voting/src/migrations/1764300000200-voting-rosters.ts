import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Voting's read copy of each unit's committee roster, fed by unit.roster-changed.v1. */
export class VotingRosters1764300000200 implements MigrationInterface {
  name = 'VotingRosters1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE unit_rosters (
      unit_code char(6) PRIMARY KEY,
      roster_version integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE roster_members (
      unit_code char(6) NOT NULL REFERENCES unit_rosters (unit_code),
      person_id uuid NOT NULL,
      name text NOT NULL,
      title text NOT NULL,
      chairs_council boolean NOT NULL,
      position integer NOT NULL,
      PRIMARY KEY (unit_code, person_id)
    )`);
    await q.query(`CREATE TABLE roster_changes (
      event_id uuid PRIMARY KEY,
      unit_code char(6) NOT NULL,
      roster_version integer NOT NULL,
      kind text NOT NULL,
      person_id uuid,
      applied boolean NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX roster_changes_unit_idx ON roster_changes (unit_code, roster_version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roster_changes`);
    await q.query(`DROP TABLE roster_members`);
    await q.query(`DROP TABLE unit_rosters`);
  }
}
