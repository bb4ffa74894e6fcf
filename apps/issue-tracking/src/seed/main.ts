import 'reflect-metadata';
import { ConfigError, ServiceRuntime, loadConfig } from '@congress/service-kit';
import { createLogger } from '@congress/telemetry';
import { IssueTrackingEnv } from '../config.js';
import { ISSUE_TRACKING } from '../definition.js';
import { seedIssues } from './demo-issues.js';

/** Loads 郴州's demo opinions and problem lists (on project-library's demo projects). Idempotent. */
const logger = createLogger('issue-tracking-seed');
try {
  const config = loadConfig('issue-tracking-seed', IssueTrackingEnv, { PORT: '0', ...process.env });
  const runtime = await ServiceRuntime.connect(ISSUE_TRACKING, config, logger);
  const inserted = await seedIssues(runtime.dataSource);
  await runtime.stop();
  logger.info({ inserted }, 'demo problem lists loaded');
} catch (error) {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else logger.error({ err: error }, 'seed failed');
  process.exit(1);
}
