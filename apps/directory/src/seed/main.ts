import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, ServiceRuntime, loadConfig } from '@congress/service-kit';
import { createLogger } from '@congress/telemetry';
import { DirectoryEnv } from '../config.js';
import { DIRECTORY } from '../definition.js';
import { DemoData, seedDirectory } from './demo-seed.js';

/** `npm run seed`: migrates the directory schema, loads the demo province, relays its events. */
const logger = createLogger('directory-seed');
try {
  const config = loadConfig('directory-seed', DirectoryEnv);
  const file = resolve(process.env.DEMO_DATA ?? 'infra/demo/demo-data.json');
  const data = DemoData.parse(JSON.parse(readFileSync(file, 'utf8')));
  const runtime = await ServiceRuntime.connect(DIRECTORY, config, logger);
  const report = await seedDirectory(runtime.dataSource, runtime.outbox, data);
  while ((await runtime.relay.runOnce()) > 0);
  await runtime.stop();
  logger.info({ ...report, file }, 'demo data loaded');
} catch (error) {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else logger.error({ err: error }, 'seed failed');
  process.exit(1);
}
