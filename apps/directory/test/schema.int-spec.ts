import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pendingSchemaChanges, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { DirectoryEnv } from '../src/config.js';

/** Statements the check accepts: none. The platform's tables (outbox, inbox, audit_log, migrations) have no entities and are never compared. */
const IGNORE: { match: RegExp; why: string }[] = [];

describe('directory entities and migrations', () => {
  let svc: ServiceUnderTest<DirectoryEnv>;
  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'directory', env: DirectoryEnv, module: (config, logger) => AppModule.register(config, logger) });
  }, 60_000);
  afterAll(async () => svc?.stop());

  it('agree: after the migrations the schema builder has nothing left to do', async () => {
    expect(await pendingSchemaChanges(svc.dataSource, IGNORE)).toEqual([]);
  });
});
