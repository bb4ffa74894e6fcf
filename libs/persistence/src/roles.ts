import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

/**
 * One Postgres role per service, with rights on its own schema only (issue 11, docs/operations.md
 * "One database role per service", docs/decisions/0014-one-database-role-per-service.md).
 *
 * The one place that knows the SQL: `npm start` (tools/dev/db-roles.mjs, from the compiled
 * module), `npm run seed`, the test harness and the security suite all call
 * provisionServiceRoles(). An operator runs the same statements by hand (the docs list them).
 *
 * Every step looks first and acts only when the cluster differs from what it should be, so a second
 * run changes nothing (`changes` is empty) and keeps the passwords.
 */

export interface ServiceSchema {
  service: string;
  /** The schema the service owns (ServiceDefinition.schema). */
  schema: string;
}

/** Where generated passwords are kept between runs (a 0600 file locally, memory in tests). */
export interface PasswordStore {
  get(role: string): string | undefined;
  set(role: string, password: string): void;
}

export interface ProvisionRolesOptions {
  /** A superuser's URL to the platform's database (the roles get CONNECT on this database only). */
  adminUrl: string;
  services: readonly ServiceSchema[];
  /** Roles are `<prefix><schema>`; tests sharing a cluster pass a prefix of their own. */
  rolePrefix?: string;
  passwords: PasswordStore;
}

export interface ProvisionedRole extends ServiceSchema {
  role: string;
  /** adminUrl with the role's name and password in place of the admin's. */
  url: string;
}

export interface ProvisionResult {
  roles: Record<string, ProvisionedRole>;
  /** What this run changed, one line each (passwords never appear): empty when all was in place. */
  changes: string[];
}

export const DEFAULT_ROLE_PREFIX = 'congress_';
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A service's schema: its name in snake_case (the rule every ServiceDefinition.schema follows). */
export function schemaOfService(service: string): string {
  return service.replace(/-/g, '_');
}

export function serviceRoleName(schema: string, prefix = DEFAULT_ROLE_PREFIX): string {
  const role = `${prefix}${schema}`;
  if (!IDENTIFIER.test(role) || Buffer.byteLength(role) > 63) throw new Error(`invalid role name: ${role} (lower-case letters, digits and _, at most 63 bytes)`);
  return role;
}

/** A URL like adminUrl (host, port, database, parameters such as sslmode) for another role. */
export function urlForRole(adminUrl: string, role: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * The SCRAM-SHA-256 secret Postgres stores for a password (RFC 5803, as libpq's
 * PQencryptPasswordConn computes it). Provisioning sends this, not the password, so the password
 * never appears in the server's statement log or pg_stat_activity.
 */
export function scramSecret(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Whether a stored SCRAM secret is the one of this password (same salt and iterations). */
export function scramSecretMatches(secret: string | null, password: string): boolean {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$[^:]+:.+$/.exec(secret ?? '');
  return !!m && scramSecret(password, Buffer.from(m[2]!, 'base64'), Number(m[1])) === secret;
}

/** Passwords in memory (tests). */
export function memoryPasswordStore(): PasswordStore {
  const map = new Map<string, string>();
  return { get: (role) => map.get(role), set: (role, password) => void map.set(role, password) };
}

/** Passwords in a JSON file `{ role: password }`, readable by its owner only (mode 0600). */
export function filePasswordStore(path: string): PasswordStore {
  const read = (): Record<string, string> => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {});
  return {
    get: (role) => read()[role],
    set(role, password) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify({ ...read(), [role]: password }, null, 2)}\n`, { mode: 0o600 });
      chmodSync(path, 0o600);
    },
  };
}

const ROLE_ATTRIBUTES = { rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false, rolinherit: false } as const;
const ATTRIBUTES_SQL = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT';

/**
 * Creates (or repairs) each service's role and schema:
 * - a LOGIN role `<prefix><schema>` without any other attribute, member of no role, with a
 *   generated password (kept in `passwords`; an existing role's password is kept when it matches);
 * - CONNECT on this database, which PUBLIC no longer has (nor TEMPORARY), and CREATE on the public
 *   schema revoked from PUBLIC (already so since PostgreSQL 15);
 * - the schema with the role as owner (CREATE SCHEMA … AUTHORIZATION), or, for a schema an admin
 *   created earlier, the schema and every table, view, sequence, type, function and statistics
 *   object in it handed over to the role.
 * A role gets nothing else: other schemas are owned by other roles and grant nothing to anyone.
 * Runs in one transaction under an advisory lock, so two launchers take turns.
 */
export async function provisionServiceRoles(options: ProvisionRolesOptions): Promise<ProvisionResult> {
  const prefix = options.rolePrefix ?? DEFAULT_ROLE_PREFIX;
  const client = new pg.Client({ connectionString: options.adminUrl });
  await client.connect();
  const changes: string[] = [];
  const run = async (sql: string, note = sql) => {
    await client.query(sql);
    changes.push(note);
  };
  try {
    await client.query('BEGIN');
    // Names below come out of regclass/regprocedure fully qualified, and nothing resolves through a
    // schema someone else could create objects in.
    await client.query('SET LOCAL search_path = pg_catalog');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('congress:service-roles'))`);
    const [{ database, admin }] = (await client.query<{ database: string; admin: string }>('SELECT current_database() AS database, current_user AS admin')).rows as [{ database: string; admin: string }];
    const roles: Record<string, ProvisionedRole> = {};
    for (const { service, schema } of options.services) {
      if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
      const role = serviceRoleName(schema, prefix);
      if (role === admin) throw new Error(`the admin role ${admin} cannot also be ${service}'s role`);
      const password = await ensureRole(client, role, options.passwords, run);
      roles[service] = { service, schema, role, url: urlForRole(options.adminUrl, role, password) };
    }
    await ensureDatabaseAccess(client, database, Object.values(roles).map((r) => r.role), run);
    for (const r of Object.values(roles)) await ensureSchemaOwner(client, r.schema, r.role, run);
    await client.query('COMMIT');
    return { roles, changes };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

type Run = (sql: string, note?: string) => Promise<void>;

async function ensureRole(client: pg.Client, role: string, passwords: PasswordStore, run: Run): Promise<string> {
  const id = client.escapeIdentifier(role);
  const found = await client.query<Record<keyof typeof ROLE_ATTRIBUTES, boolean>>(`SELECT ${Object.keys(ROLE_ATTRIBUTES).join(', ')} FROM pg_roles WHERE rolname = $1`, [role]);
  let password = passwords.get(role);
  if (!found.rowCount) {
    password ??= randomBytes(24).toString('base64url');
    passwords.set(role, password);
    await run(`CREATE ROLE ${id} ${ATTRIBUTES_SQL} PASSWORD ${client.escapeLiteral(scramSecret(password))}`, `CREATE ROLE ${id} ${ATTRIBUTES_SQL} PASSWORD '…'`);
    return password;
  }
  const attributes = found.rows[0]!;
  if (Object.entries(ROLE_ATTRIBUTES).some(([k, v]) => attributes[k as keyof typeof ROLE_ATTRIBUTES] !== v)) await run(`ALTER ROLE ${id} ${ATTRIBUTES_SQL}`);
  // Reading pg_authid needs a superuser; an admin with CREATEROLE only sets the password again.
  let secret: string | null | undefined;
  await client.query('SAVEPOINT authid');
  try {
    secret = (await client.query<{ rolpassword: string | null }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0]?.rolpassword ?? null;
    await client.query('RELEASE SAVEPOINT authid');
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT authid');
  }
  if (!password || secret === undefined || !scramSecretMatches(secret, password)) {
    password ??= randomBytes(24).toString('base64url');
    passwords.set(role, password);
    await run(`ALTER ROLE ${id} PASSWORD ${client.escapeLiteral(scramSecret(password))}`, `ALTER ROLE ${id} PASSWORD '…'`);
  }
  // Membership in another role (pg_read_all_data, another service's role…) would carry its rights.
  const memberships = await client.query<{ granted: string }>(`SELECT g.rolname AS granted FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1`, [role]);
  for (const { granted } of memberships.rows) await run(`REVOKE ${client.escapeIdentifier(granted)} FROM ${id}`);
  return password;
}

async function ensureDatabaseAccess(client: pg.Client, database: string, roles: string[], run: Run): Promise<void> {
  const db = client.escapeIdentifier(database);
  const acl = await client.query<{ grantee: string; privilege: string }>(
    `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee, a.privilege_type AS privilege
       FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a WHERE d.datname = current_database()`,
  );
  const has = (grantee: string, privilege: string) => acl.rows.some((r) => r.grantee === grantee && r.privilege === privilege);
  // PUBLIC may connect to a new database and create temporary tables in it: only the roles named here may connect.
  const publicRights = ['CONNECT', 'TEMPORARY'].filter((p) => has('PUBLIC', p));
  if (publicRights.length) await run(`REVOKE ${publicRights.join(', ')} ON DATABASE ${db} FROM PUBLIC`);
  for (const role of roles) if (!has(role, 'CONNECT')) await run(`GRANT CONNECT ON DATABASE ${db} TO ${client.escapeIdentifier(role)}`);
  // PostgreSQL before 15 let PUBLIC create objects in the public schema.
  const publicCreate = await client.query<{ create: boolean }>(`SELECT has_schema_privilege('public', 'public', 'CREATE') AS create WHERE EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public')`);
  if (publicCreate.rows[0]?.create) await run('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
}

async function ensureSchemaOwner(client: pg.Client, schema: string, role: string, run: Run): Promise<void> {
  const s = client.escapeIdentifier(schema);
  const r = client.escapeIdentifier(role);
  const found = await client.query<{ owner: string }>('SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = $1', [schema]);
  if (!found.rowCount) {
    await run(`CREATE SCHEMA ${s} AUTHORIZATION ${r}`);
    return;
  }
  if (found.rows[0]!.owner !== role) await run(`ALTER SCHEMA ${s} OWNER TO ${r}`);
  // Everything in it that another role owns (a schema the services created as an admin before
  // this change: tables with their indexes, triggers and owned sequences, the migrations, outbox,
  // inbox and audit_log tables, trigger functions, statistics objects, types).
  const kinds: [string, string][] = [
    ['TABLE', `SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p', 'f') AND c.relowner <> $2::regrole`],
    ['VIEW', `SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'v' AND c.relowner <> $2::regrole`],
    ['MATERIALIZED VIEW', `SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'm' AND c.relowner <> $2::regrole`],
    // After the tables: a sequence owned by a column has moved with its table.
    ['SEQUENCE', `SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'S' AND c.relowner <> $2::regrole`],
    ['ROUTINE', `SELECT p.oid::regprocedure::text AS name FROM pg_proc p WHERE p.pronamespace = $1::regnamespace AND p.proowner <> $2::regrole`],
    ['STATISTICS', `SELECT format('%I.%I', $1::text, s.stxname) AS name FROM pg_statistic_ext s WHERE s.stxnamespace = $1::regnamespace AND s.stxowner <> $2::regrole`],
    ['DOMAIN', `SELECT t.oid::regtype::text AS name FROM pg_type t WHERE t.typnamespace = $1::regnamespace AND t.typowner <> $2::regrole AND t.typtype = 'd'`],
    // Enums, ranges and composite types of their own; a table's row type, array and multirange types follow their owner.
    [
      'TYPE',
      `SELECT t.oid::regtype::text AS name FROM pg_type t WHERE t.typnamespace = $1::regnamespace AND t.typowner <> $2::regrole AND t.typtype IN ('e', 'r', 'b', 'c')
          AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid) AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')`,
    ],
  ];
  for (const [kind, sql] of kinds) {
    const objects = await client.query<{ name: string }>(sql, [schema, role]);
    for (const { name } of objects.rows) await run(`ALTER ${kind} ${name} OWNER TO ${r}`);
  }
}
