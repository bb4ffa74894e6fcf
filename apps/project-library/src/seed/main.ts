import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, ServiceRuntime, loadConfig } from '@congress/service-kit';
import { createLogger } from '@congress/telemetry';
import { ProjectLibraryEnv } from '../config.js';
import { PROJECT_LIBRARY } from '../definition.js';
import { seedProjects } from './demo-projects.js';

/** Loads demo projects (郴州's supervision years, a few per other unit). Idempotent. */
const logger = createLogger('project-library-seed');
try {
  const config = loadConfig('project-library-seed', ProjectLibraryEnv, { PORT: '0', ...process.env });
  const file = resolve(process.env.DEMO_DATA ?? 'infra/demo/demo-data.json');
  const units = (JSON.parse(readFileSync(file, 'utf8')) as { units: { code: string }[] }).units.map((u) => u.code);
  const runtime = await ServiceRuntime.connect(PROJECT_LIBRARY, config, logger);
  const inserted = await seedProjects(runtime.dataSource, units);
  await runtime.stop();
  logger.info({ inserted }, 'demo projects loaded');
} catch (error) {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else logger.error({ err: error }, 'seed failed');
  process.exit(1);
}
