import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pendingSchemaChanges, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { VotingEnv } from '../src/config.js';

/**
 * Statements the check accepts: none. What the entities do not describe, because TypeORM cannot and
 * never compares it (so nothing needs ignoring):
 * - the `ballot_box_<id>` tables, one per open evaluation, created at opening under a name computed
 *   from its id and dropped when counted: no entity can describe a table that exists only for a while;
 * - the trigger that makes `evaluation_results` insert-only;
 * - the DESC order of `evaluations_unit_idx` (TypeORM compares an index's columns, not their order);
 * - the platform's own tables (outbox, inbox, audit_log, migrations), which have no entities here.
 */
const IGNORE: { match: RegExp; why: string }[] = [];

describe('voting entities and migrations', () => {
  let svc: ServiceUnderTest<VotingEnv>;
  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'voting', env: VotingEnv, module: (config, logger) => AppModule.register(config, logger) });
  }, 60_000);
  afterAll(async () => svc?.stop());

  it('agree: after the migrations the schema builder has nothing left to do', async () => {
    expect(await pendingSchemaChanges(svc.dataSource, IGNORE)).toEqual([]);
  });
});
