import type { DataSource } from 'typeorm';

/** A statement TypeORM would run that the check accepts, and why (it cannot express the thing, or it is the platform's own). */
export interface IgnoredStatement {
  match: RegExp;
  why: string;
}

/**
 * The statements TypeORM's schema builder would run to make the database match the entities,
 * after the migrations ran: none means entities and migrations agree. A renamed column, a
 * missing index or a changed type shows up here in the test run, not in production.
 */
export async function pendingSchemaChanges(dataSource: DataSource, ignore: readonly IgnoredStatement[] = []): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query.replace(/\s+/g, ' ').trim()).filter((sql) => !ignore.some((i) => i.match.test(sql)));
}
