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
  // TypeORM creates its migrations table inside the schema before running any migration,
  // so the schema must exist first.
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  } finally {
    await client.end();
  }
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
