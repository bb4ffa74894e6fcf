import { describeEntitiesAgainstMigrations } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { VotingEnv } from '../src/config.js';

/*
 * Ignore list: empty. What the entities do not describe, because TypeORM cannot and never compares
 * it (so nothing needs ignoring):
 * - the `ballot_box_<id>` tables, one per open evaluation, created at opening under a name computed
 *   from its id and dropped when counted: no entity can describe a table that exists only for a
 *   while (none exists in a freshly migrated database, so the every-table check holds);
 * - the trigger that makes `evaluation_results` insert-only;
 * - the DESC order of `evaluations_unit_idx` (TypeORM compares an index's columns, not their order).
 */
describeEntitiesAgainstMigrations({ service: 'voting', schema: 'voting', env: VotingEnv, module: (config, logger) => AppModule.register(config, logger) });
