#!/usr/bin/env node
// `npm run seed`: loads the demo province into the directory of a platform (idempotent).
// Uses DATABASE_URL and NATS_URL if set, else the servers `npm start` runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, build, continueOnRuntime, ensureDependencies, fail, log } from './bootstrap.mjs';

ensureDependencies();
await continueOnRuntime();
build();
const adminUrl = process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.PG_PORT ?? 54329}/congress`;
const env = {
  ...process.env,
  NATS_URL: process.env.NATS_URL ?? `nats://127.0.0.1:${process.env.NATS_PORT ?? 4222}`,
};
log(`seeding ${adminUrl.replace(/:[^:@/]+@/, ':***@')} · ${env.NATS_URL}`);
// Each seed runs as its service's own database role, as `npm start` runs it (tools/dev/db-roles.mjs).
const services = ['directory', 'project-library', 'issue-tracking', 'voting'];
const { prepareDatabaseRoles } = await import('./db-roles.mjs');
const databaseUrls = await prepareDatabaseRoles(adminUrl, services).catch((error) => fail(`could not prepare the services' database roles: ${error.message}`));
for (const service of services) {
  // … and speaks as its service on NATS: the credentials `npm start` minted, unless NATS_CREDS_FILE names others.
  const creds = { NATS_CREDS_FILE: process.env.NATS_CREDS_FILE ?? join(ROOT, '.data/nats-creds', `${service}.creds`) };
  const result = spawnSync(process.execPath, [join(ROOT, `dist/apps/${service}/src/seed/main.js`)], { cwd: ROOT, env: { ...env, ...creds, DATABASE_URL: databaseUrls[service] }, stdio: 'inherit' });
  if (result.status !== 0) fail('seeding failed (is the platform running? start it with `npm start`, or set DATABASE_URL and NATS_URL)');
}
