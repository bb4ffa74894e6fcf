import { describeEntitiesAgainstMigrations } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { ProjectLibraryEnv } from '../src/config.js';

/*
 * Ignore list: empty. What TypeORM does not compare at all, and so cannot drift here, is kept by the
 * migrations alone: the DESC order of the last column of projects_unit_year_idx and
 * projects_unit_id_idx, the predicate of milestones_open_due_idx (WHERE done_at IS NULL), and the
 * expressions of the named CHECK constraints.
 */
describeEntitiesAgainstMigrations({
  service: 'project-library',
  schema: 'project_library',
  env: ProjectLibraryEnv,
  module: (config, logger) => AppModule.register(config, logger),
  extraEnv: { MILESTONE_CHECK_MS: '0' },
});
