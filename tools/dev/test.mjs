#!/usr/bin/env node
// `npm test`: lint, typecheck, build (services and web app), the web app's bundle budget, unit
// tests, then integration and end-to-end tests (the web app's in chromium) against a real
// PostgreSQL, a real NATS (JetStream) and an S3-compatible server (moto) started here (or
// DATABASE_URL / NATS_URL / TEST_S3_ENDPOINT if set).
//   npm test                      everything
//   npm test -- --quick           skip lint and typecheck
//   npm test -- <jest args…>      e.g. a path pattern: npm test -- apps/directory
//   npm run screenshots           the browser tests only, saving their screenshots to docs/screenshots
//                                 (otherwise they go to .data/screenshots, so a test run leaves the tree clean)
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, build, continueOnRuntime, ensureDependencies, log, run } from './bootstrap.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const screenshots = args.includes('--screenshots');
const jestArgs = args.filter((a) => a !== '--quick' && a !== '--screenshots');

ensureDependencies();
await continueOnRuntime();
const { startNats, startPostgres, startS3 } = await import('./infra.mjs');

if (!quick) {
  const { lint } = await import('./lint.mjs');
  lint();
  log('typecheck (tsc)…');
  run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
  run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'apps/web/tsconfig.json', '--noEmit']);
}

// End-to-end tests run the services as built processes and open the built web app in a browser.
build();
log('web bundle budget…');
run(process.execPath, [join(ROOT, 'tools/checks/web-bundle.mjs')]);

const pg = await startPostgres({ dir: join(ROOT, '.data/test-postgres'), port: Number(process.env.TEST_PG_PORT ?? 54330), database: 'postgres', ephemeral: true });
const nats = await startNats({ dir: join(ROOT, '.data/test-nats'), port: Number(process.env.TEST_NATS_PORT ?? 4232), ephemeral: true });
// The S3 store's tests need an S3-compatible server; without Python they are skipped (CI requires them).
const s3 = await startS3({ port: Number(process.env.TEST_S3_PORT ?? 54371) }).catch((error) => {
  if (process.env.CI) throw error;
  log(`no S3 test server (${error.message}): the S3 blob store tests will be skipped`);
  return undefined;
});
log(`test servers: ${pg.url.replace(/:[^:@/]+@/, ':***@')} · ${nats.url}${s3 ? ` · S3 ${s3.url}` : ''}`);

let status = 1;
try {
  log('jest: unit, integration and end-to-end tests…');
  const result = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', join(ROOT, 'node_modules/jest/bin/jest.js'), ...jestArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: pg.url, TEST_NATS_URL: nats.url, ...(s3 ? { TEST_S3_ENDPOINT: s3.url } : {}), LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...(screenshots ? { SCREENSHOTS_DIR: 'docs/screenshots' } : {}) },
  });
  status = result.status ?? 1;
} finally {
  await s3?.stop();
  await nats.stop();
  await pg.stop();
}
process.exit(status);
