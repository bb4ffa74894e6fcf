import 'reflect-metadata';
import { ConfigError, ServiceRuntime, loadConfig } from '@congress/service-kit';
import { createLogger } from '@congress/telemetry';
import { VotingEnv } from '../config.js';
import { VOTING } from '../definition.js';
import { seedEvaluations } from './demo-evaluations.js';

/** Loads 郴州's satisfaction evaluations of 2019–2022 (paper counts, closed). Idempotent. */
const logger = createLogger('voting-seed');
try {
  const config = loadConfig('voting-seed', VotingEnv, { PORT: '0', ...process.env });
  const runtime = await ServiceRuntime.connect(VOTING, config, logger);
  const inserted = await seedEvaluations(runtime.dataSource);
  await runtime.stop();
  logger.info({ inserted }, 'demo evaluations loaded');
} catch (error) {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else logger.error({ err: error }, 'seed failed');
  process.exit(1);
}
