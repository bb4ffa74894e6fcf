import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SERVICES, type ServiceName } from '@congress/contracts';
import {
  connectAs,
  createTestDatabase,
  createTestNamespace,
  provisionTestRoles,
  serviceEnv,
  startServiceProcesses,
  type TestDatabase,
  type TestDatabaseRoles,
} from '@congress/testing';
import pg from 'pg';

/**
 * One Postgres role per service (issue 11): every service migrates and runs as the owner of its own
 * schema, and its role is refused every other service's tables, every other schema and the public
 * schema. The roles are provisioned by the code `npm start` runs (libs/persistence/src/roles.ts).
 */

const PERMISSION_DENIED = '42501';

/** Every built service as a process on this database, each with the URL given (not the harness's role), until /ready; then stopped. */
async function bootAll(urls: Record<ServiceName, string>, namespace: string): Promise<void> {
  const processes = await startServiceProcesses(
    SERVICES.map((name) => ({ name, ownDatabaseRole: false, env: { ...serviceEnv(urls[name], namespace), ...(name === 'gateway' ? { KEYCLOAK_URL: 'http://127.0.0.1:9' } : {}) } })),
  );
  const codes = await Promise.all(processes.map((p) => p.stop()));
  expect(codes).toEqual(processes.map(() => 0));
}

interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'sequence';
  /** A column to name in UPDATE (tables). */
  column: string;
}

async function relationsOf(admin: pg.Client): Promise<Relation[]> {
  const schemas = SERVICES.map((s) => s.replace(/-/g, '_'));
  const { rows } = await admin.query<Relation>(
    `SELECT n.nspname AS schema, c.relname AS name, CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END AS kind,
            (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum LIMIT 1) AS column
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'S') ORDER BY 1, 2`,
    [schemas],
  );
  return rows;
}

/** Objects in the services' schemas whose owner is not the schema's service role. */
async function foreignOwned(admin: pg.Client, roles: TestDatabaseRoles): Promise<string[]> {
  const owners = Object.values(roles.roles).map((r) => [r.schema, r.role]);
  const { rows } = await admin.query<{ object: string }>(
    `WITH o(schema, role) AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(schema text, role text))
     SELECT format('%s %s (owner %s)', kind, name, owner) AS object FROM (
       SELECT 'schema' AS kind, n.nspname AS name, n.nspowner::regrole::text AS owner, n.nspname AS schema FROM pg_namespace n
       UNION ALL SELECT 'relation', c.oid::regclass::text, c.relowner::regrole::text, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       UNION ALL SELECT 'routine', p.oid::regprocedure::text, p.proowner::regrole::text, n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       UNION ALL SELECT 'type', t.oid::regtype::text, t.typowner::regrole::text, n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       UNION ALL SELECT 'statistics', s.stxname, s.stxowner::regrole::text, n.nspname FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
     ) x JOIN o USING (schema) WHERE x.owner <> o.role ORDER BY 1`,
    [JSON.stringify(owners.map(([schema, role]) => ({ schema, role })))],
  );
  return rows.map((r) => r.object);
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(client: pg.Client, sql: string): Promise<string> {
  return client.query(sql).then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

describe('one Postgres role per service', () => {
  let db: TestDatabase;
  let roles: TestDatabaseRoles;
  let admin: pg.Client;
  let relations: Relation[];
  const ns = createTestNamespace();

  beforeAll(async () => {
    db = await createTestDatabase();
    roles = await provisionTestRoles(db);
    // A fresh database: every service creates its tables as the owner of its schema.
    await bootAll(Object.fromEntries(SERVICES.map((s) => [s, roles.roles[s].url])) as Record<ServiceName, string>, ns.namespace);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    relations = await relationsOf(admin);
  }, 240_000);

  afterAll(async () => {
    await admin?.end();
    await roles?.drop();
    await ns.cleanup();
    await db?.drop();
  });

  it('lets every service migrate and run as the owner of its schema, with nothing owned by anyone else', async () => {
    for (const service of SERVICES) {
      const schema = roles.roles[service].schema;
      const [{ count }] = (await admin.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${q(schema)}.migrations`)).rows as [{ count: number }];
      expect({ service, migrated: count > 0 }).toEqual({ service, migrated: true });
    }
    expect(await foreignOwned(admin, roles)).toEqual([]);
  });

  it("refuses each service's role every other service's tables, sequences and schema, and the public schema (42501)", async () => {
    const allowed: string[] = [];
    let pairs = 0;
    let tables = 0;
    let statements = 0;
    for (const a of SERVICES) {
      const client = await connectAs(roles.roles[a].url);
      try {
        const check = async (sql: string) => {
          statements++;
          const code = await outcome(client, sql);
          if (code !== PERMISSION_DENIED) allowed.push(`${a}: ${sql} → ${code}`);
        };
        await check(`CREATE TABLE public.probe_${a.replace(/-/g, '_')} (x int)`);
        for (const b of SERVICES) {
          if (b === a) continue;
          pairs++;
          const schema = roles.roles[b].schema;
          await check(`CREATE TABLE ${q(schema)}.probe (x int)`);
          await check(`CREATE FUNCTION ${q(schema)}.probe() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
          for (const r of relations.filter((x) => x.schema === schema)) {
            const name = `${q(r.schema)}.${q(r.name)}`;
            if (r.kind === 'sequence') {
              await check(`SELECT nextval('${name}')`);
              await check(`SELECT last_value FROM ${name}`);
              continue;
            }
            tables++;
            await check(`SELECT * FROM ${name} LIMIT 1`);
            await check(`INSERT INTO ${name} DEFAULT VALUES`);
            await check(`UPDATE ${name} SET ${q(r.column)} = ${q(r.column)}`);
            await check(`DELETE FROM ${name}`);
            await check(`TRUNCATE ${name}`);
          }
        }
      } finally {
        await client.end();
      }
    }
    console.log(`postgres roles: ${pairs} ordered pairs of services, ${tables} (role, other service's table) checks, ${statements} statements, all refused with 42501`);
    expect(relations.filter((r) => r.kind === 'table').length).toBeGreaterThan(30);
    expect(allowed).toEqual([]);
  });

  it('lets each role read and write its own tables', async () => {
    const refused: string[] = [];
    for (const a of SERVICES) {
      const client = await connectAs(roles.roles[a].url);
      try {
        const schema = roles.roles[a].schema;
        await client.query('BEGIN');
        for (const r of relations.filter((x) => x.schema === schema && x.kind === 'table')) {
          const name = `${q(r.schema)}.${q(r.name)}`;
          for (const sql of [`SELECT * FROM ${name} LIMIT 1`, `UPDATE ${name} SET ${q(r.column)} = ${q(r.column)} WHERE false`, `DELETE FROM ${name} WHERE false`]) {
            const code = await outcome(client, `SAVEPOINT s; ${sql}; RELEASE SAVEPOINT s`);
            if (code !== 'ok') {
              refused.push(`${a}: ${sql} → ${code}`);
              await client.query('ROLLBACK TO SAVEPOINT s');
            }
          }
        }
        // A real write: a table of its own, a row in it, read back.
        await client.query(`CREATE TABLE ${q(schema)}.probe (x int)`);
        await client.query(`INSERT INTO ${q(schema)}.probe VALUES (42)`);
        expect((await client.query(`SELECT x FROM ${q(schema)}.probe`)).rows).toEqual([{ x: 42 }]);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    }
    expect(refused).toEqual([]);
  });

  it('leaves PUBLIC no way into the database: no CONNECT, no TEMPORARY, no CREATE in the public schema, nothing in it', async () => {
    const { rows } = await admin.query(
      `SELECT has_database_privilege('public', current_database(), 'CONNECT') AS connect, has_database_privilege('public', current_database(), 'TEMPORARY') AS temporary,
              has_schema_privilege('public', 'public', 'CREATE') AS create_in_public,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public') AS in_public`,
    );
    expect(rows).toEqual([{ connect: false, temporary: false, create_in_public: false, in_public: 0 }]);
  });

  it('changes nothing when run again, and keeps the passwords', async () => {
    const again = await roles.provisionAgain();
    expect(again.changes).toEqual([]);
    expect(Object.fromEntries(Object.entries(again.roles).map(([s, r]) => [s, r.url]))).toEqual(Object.fromEntries(Object.entries(roles.roles).map(([s, r]) => [s, r.url])));
  });

  it('repairs a role an admin gave more rights to: attributes reset, memberships revoked, password restored', async () => {
    const voting = roles.roles.voting;
    const directory = roles.roles.directory;
    await admin.query(`ALTER ROLE ${q(directory.role)} CREATEDB PASSWORD 'changed'`);
    await admin.query(`GRANT pg_read_all_data TO ${q(directory.role)}`);
    await admin.query(`GRANT ${q(voting.role)} TO ${q(directory.role)}`);
    // What an admin's slip would have given directory: who voted (the role inherits nothing, but may SET ROLE).
    const asDirectory = await connectAs(directory.url.replace(/:[^:@/]+@/, ':changed@'));
    try {
      expect(await outcome(asDirectory, 'SET ROLE pg_read_all_data')).toBe('ok');
      expect(await outcome(asDirectory, 'SELECT * FROM voting.participations LIMIT 1')).toBe('ok');
    } finally {
      await asDirectory.end();
    }

    const repaired = await roles.provisionAgain();
    expect(repaired.changes).toHaveLength(4);
    expect(repaired.changes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ALTER ROLE .* LOGIN NOSUPERUSER NOCREATEDB/),
        expect.stringMatching(/^ALTER ROLE .* PASSWORD '…'$/),
        expect.stringMatching(/^REVOKE "pg_read_all_data" FROM /),
        `REVOKE ${q(voting.role)} FROM ${q(directory.role)}`,
      ]),
    );
    const again = await connectAs(directory.url);
    try {
      expect(await outcome(again, 'SET ROLE pg_read_all_data')).toBe(PERMISSION_DENIED);
      expect(await outcome(again, `SET ROLE ${q(voting.role)}`)).toBe(PERMISSION_DENIED);
      expect(await outcome(again, 'SELECT * FROM voting.participations LIMIT 1')).toBe(PERMISSION_DENIED);
    } finally {
      await again.end();
    }
    expect((await roles.provisionAgain()).changes).toEqual([]);
  });
});

describe('provisioning over a database from before the roles', () => {
  it('takes over the schemas the services created as an admin (tables, sequences, functions, statistics), after which every service boots as its role', async () => {
    const db = await createTestDatabase();
    const ns = createTestNamespace();
    let roles: TestDatabaseRoles | undefined;
    const admin = new pg.Client({ connectionString: db.url });
    try {
      // As every service ran before issue 11: the admin's URL, so postgres owns every schema.
      await bootAll(Object.fromEntries(SERVICES.map((s) => [s, db.url])) as Record<ServiceName, string>, ns.namespace);
      roles = await provisionTestRoles(db);
      // Each schema, its tables (owned sequences follow), voting's and issue-tracking's trigger functions, issue-tracking's statistics.
      for (const kind of ['SCHEMA "voting"', 'TABLE voting.migrations', 'TABLE gateway.outbox', 'TABLE directory.inbox', 'ROUTINE voting.evaluation_results_immutable()', 'STATISTICS issue_tracking.problem_bodies_body_unit']) {
        expect(roles.changes).toContainEqual(expect.stringContaining(`ALTER ${kind} OWNER TO`));
      }
      await admin.connect();
      expect(await foreignOwned(admin, roles)).toEqual([]);
      await bootAll(Object.fromEntries(SERVICES.map((s) => [s, roles!.roles[s].url])) as Record<ServiceName, string>, ns.namespace);
      const again = await roles.provisionAgain();
      expect(again.changes).toEqual([]);
    } finally {
      await admin.end().catch(() => undefined);
      await roles?.drop();
      await ns.cleanup();
      await db.drop();
    }
  }, 300_000);
});
