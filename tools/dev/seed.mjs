#!/usr/bin/env node
// `npm run seed`: loads the demo province into the directory of a platform (idempotent).
// Uses DATABASE_URL and NATS_URL if set, else the servers `npm start` runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, build, continueOnRuntime, ensureDependencies, fail, log } from './bootstrap.mjs';

ensureDependencies();
await continueOnRuntime();
build();
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.PG_PORT ?? 54329}/congress`,
  NATS_URL: process.env.NATS_URL ?? `nats://127.0.0.1:${process.env.NATS_PORT ?? 4222}`,
};
log(`seeding ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')} · ${env.NATS_URL}`);
for (const script of ['dist/apps/directory/src/seed/main.js', 'dist/apps/project-library/src/seed/main.js', 'dist/apps/issue-tracking/src/seed/main.js', 'dist/apps/voting/src/seed/main.js']) {
  const result = spawnSync(process.execPath, [join(ROOT, script)], { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) fail('seeding failed (is the platform running? start it with `npm start`, or set DATABASE_URL and NATS_URL)');
}
