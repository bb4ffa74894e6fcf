import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in accounts of people at the identity provider (issue 12), provisioned by the directory. */
export class Accounts1764300002000 implements MigrationInterface {
  name = 'Accounts1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE accounts (
      id uuid PRIMARY KEY REFERENCES people (id),
      unit_code char(6) NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'linked', 'failed', 'unlinked', 'disabled')),
      wanted boolean NOT NULL,
      synced text,
      subject text,
      retire_subject text,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_error text,
      password_issued_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX accounts_due_idx ON accounts (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);
    await q.query(`CREATE INDEX accounts_unit_idx ON accounts (unit_code, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accounts`);
  }
}
