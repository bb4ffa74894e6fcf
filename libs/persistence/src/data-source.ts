import pg from 'pg';
import { DataSource, type MixedList, type EntitySchema, type MigrationInterface } from 'typeorm';
import { SnakeNamingStrategy } from './naming.js';

export interface ServiceDataSourceOptions {
  url: string;
  /** The one schema this service owns, e.g. `project_library`. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  migrations: (new () => MigrationInterface)[];
  poolSize?: number;
  applicationName?: string;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * A DataSource bound to one schema: entities and the migrations table live in it, and the
 * connection's search_path is that schema alone, so raw SQL of a service cannot reach another
 * service's tables by accident.
 */
export async function createServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name: ${options.schema}`);
  await ensureOwnSchema(options.url, options.schema);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    extra: { options: `-c search_path=${options.schema}` },
    logging: false,
  });
  await dataSource.initialize();
  return dataSource;
}

/**
 * TypeORM creates its migrations table inside the schema before running any migration, so the
 * schema must exist first. With one role per service (roles.ts) it does: the role owns it and may
 * not create schemas (Postgres checks the database's CREATE privilege even for CREATE SCHEMA IF NOT
 * EXISTS on an existing schema, so look first). Without provisioning (an admin's URL) the service
 * creates it. A schema the connection's role may not create tables in stops the start with a
 * message saying what to run.
 */
async function ensureOwnSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ owner: string; creates: boolean; me: string }>(
      `SELECT nspowner::regrole::text AS owner, has_schema_privilege(nspname, 'CREATE') AS creates, current_user AS me FROM pg_namespace WHERE nspname = $1`,
      [schema],
    );
    const existing = found.rows[0];
    if (!existing) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((error: { code?: string; message: string }) => {
        if (error.code !== '42501') throw error;
        throw new Error(`schema ${schema} does not exist and this role may not create it (${error.message}): create it AUTHORIZATION the service's role (docs/operations.md, "One database role per service")`);
      });
    } else if (!existing.creates) {
      throw new Error(
        `schema ${schema} belongs to ${existing.owner} and role ${existing.me} may not create tables in it: give the service its own role ` +
          `(npm start does; operators: docs/operations.md, "One database role per service")`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Runs pending migrations, holding a Postgres advisory lock so that replicas starting together
 * take turns: the first migrates, the others then find nothing to do.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`migrations:${schema}`]);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`migrations:${schema}`]).catch(() => undefined);
    await runner.release();
  }
}
