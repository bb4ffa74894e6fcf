import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BaseEnv } from '@congress/service-kit';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { startServiceUnderTest, type ServiceUnderTest, type ServiceUnderTestOptions } from './service-under-test.js';

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

/** Tables of every schema that are the platform's own, not the service's domain (no entities). */
export const PLATFORM_TABLES = ['actor_nonces', 'audit_log', 'inbox', 'migrations', 'outbox', 'typeorm_metadata'];

/**
 * The two checks every service's `test/schema.int-spec.ts` makes, against a database its migrations
 * built: TypeORM would change nothing (entities and migrations agree, but for the ignore list), and
 * every table of the service but the platform's own has an entity (a table cannot be forgotten).
 */
export function describeEntitiesAgainstMigrations<S extends z.ZodType<BaseEnv>>(options: ServiceUnderTestOptions<S> & { schema: string; ignore?: readonly IgnoredStatement[] }): void {
  describe(`${options.service}: entities and migrations agree`, () => {
    let sut: ServiceUnderTest<z.output<S>> | undefined;
    beforeAll(async () => {
      sut = await startServiceUnderTest(options);
    }, 60_000);
    afterAll(async () => sut?.stop());

    it('leaves the schema builder nothing to do after the migrations ran', async () => {
      expect(await pendingSchemaChanges(sut!.dataSource, options.ignore)).toEqual([]);
    });

    it('has an entity for every table of the service but the platform’s own', async () => {
      const tables = (await sut!.q<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [options.schema])).map((t) => t.table_name);
      const entities = [...new Set(sut!.dataSource.entityMetadatas.map((e) => e.tableName))].sort();
      expect(entities).toEqual(tables.filter((t) => !PLATFORM_TABLES.includes(t)));
    });
  });
}
