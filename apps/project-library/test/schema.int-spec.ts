import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pendingSchemaChanges, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { ProjectLibraryEnv } from '../src/config.js';

/**
 * Statements the check accepts: none. The platform's tables (outbox, inbox, audit_log, migrations)
 * have no entities and are never compared. What TypeORM does not compare at all, and so cannot
 * drift here, is kept by the migrations alone: the DESC order of the last column of
 * projects_unit_year_idx and projects_unit_id_idx, the predicate of milestones_open_due_idx
 * (WHERE done_at IS NULL), and the expressions of the named CHECK constraints.
 */
const IGNORE: { match: RegExp; why: string }[] = [];

describe('project-library entities and migrations', () => {
  let svc: ServiceUnderTest<ProjectLibraryEnv>;
  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'project-library', env: ProjectLibraryEnv, module: (config, logger) => AppModule.register(config, logger), extraEnv: { MILESTONE_CHECK_MS: '0' } });
  }, 60_000);
  afterAll(async () => svc?.stop());

  it('agree: after the migrations the schema builder has nothing left to do', async () => {
    expect(await pendingSchemaChanges(svc.dataSource, IGNORE)).toEqual([]);
  });
});
