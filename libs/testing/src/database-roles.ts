import { SERVICES, type ServiceName } from '@congress/contracts';
import { memoryPasswordStore, provisionServiceRoles, schemaOfService, type PasswordStore, type ProvisionResult, type ProvisionedRole } from '@congress/persistence';
import pg from 'pg';
import { randomName, testServers, type TestDatabase } from '@congress/test-servers';

export interface TestDatabaseRoles {
  /** Role names start with it (`t_<hex>_`), so files running in parallel on one cluster never meet. */
  prefix: string;
  roles: Record<ServiceName, ProvisionedRole>;
  passwords: PasswordStore;
  /** What the first provisioning changed (roles created, schemas created or taken over). */
  changes: string[];
  /** The same provisioning again (e.g. to show it is idempotent, or after an admin changed something). */
  provisionAgain(): Promise<ProvisionResult>;
  /** Drops what the roles own in the database and the roles themselves (before the database is dropped). */
  drop(): Promise<void>;
}

/**
 * The database roles `npm start` creates (libs/persistence/src/roles.ts), for a test database:
 * one LOGIN role per service owning its schema, under a prefix of this test's own.
 */
export async function provisionTestRoles(db: TestDatabase, services: readonly ServiceName[] = SERVICES): Promise<TestDatabaseRoles> {
  const prefix = `${randomName('t_')}_`;
  const passwords = memoryPasswordStore();
  const provision = () => provisionServiceRoles({ adminUrl: db.url, rolePrefix: prefix, passwords, services: services.map((service) => ({ service, schema: schemaOfService(service) })) });
  const { roles, changes } = await provision();
  return {
    prefix,
    changes,
    roles: roles as Record<ServiceName, ProvisionedRole>,
    passwords,
    provisionAgain: provision,
    async drop() {
      const names = Object.values(roles).map((r) => `"${r.role}"`).join(', ');
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        await admin.query(`DROP OWNED BY ${names}`);
        await admin.query(`DROP ROLE IF EXISTS ${names}`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A client connected as a role (closed by the caller). */
export async function connectAs(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Passwords of the roles serviceDatabaseUrl() made, for this test process (each test file has its own databases). */
const harnessPasswords = memoryPasswordStore();
const TEST_DATABASE = /^t_[0-9a-f]+$/;

/**
 * The URL a service connects with in tests: for a database of createTestDatabase() reached as the
 * test cluster's admin, its own role (`<database>_<schema>`, provisioned on first use, owner of its
 * schema, as `npm start` and production run it); any other URL as given. Every harness
 * (startServiceUnderTest, startServiceProcess) passes the service's DATABASE_URL through this, so
 * every integration test runs under the roles. The roles go with the database (TestDatabase.drop).
 */
export async function serviceDatabaseUrl(service: ServiceName, url: string): Promise<string> {
  const given = new URL(url);
  const admin = new URL(testServers().adminUrl);
  const database = decodeURIComponent(given.pathname.slice(1));
  if (given.username !== admin.username || given.host !== admin.host || !TEST_DATABASE.test(database)) return url;
  const { roles } = await provisionServiceRoles({ adminUrl: url, rolePrefix: `${database}_`, passwords: harnessPasswords, services: [{ service, schema: schemaOfService(service) }] });
  return roles[service]!.url;
}
