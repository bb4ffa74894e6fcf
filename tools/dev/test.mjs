#!/usr/bin/env node
// `npm test`: everything, through Nx's per-project targets (docs/decisions/0011-nx-tasks.md):
// lint, typecheck, build (services and web app) and the web app's bundle budget of every project,
// then, against a real PostgreSQL, a real NATS (JetStream) and an S3-compatible server (moto)
// started here (or DATABASE_URL / NATS_URL / TEST_S3_ENDPOINT if set), every project's `test`
// (unit tests) and `test:integration` (integration and end-to-end tests, the web app's in chromium).
// Deterministic tasks are cached by Nx: an unchanged project replays its last result.
//   npm test                      everything
//   npm test -- --quick           skip lint and typecheck
//   npm test -- --affected        only the projects affected by the changes since main
//                                 (--base=<ref> / --head=<ref> go to `nx affected`)
//   npm test -- --projects=a,b    only those Nx projects (--exclude=c too), e.g. --projects=directory,storage
//   npm test -- <jest args…>      build, then jest itself with those args over both tiers,
//                                 e.g. a path pattern: npm test -- apps/directory
//   npm run screenshots           the browser tests only, saving their screenshots to docs/screenshots
//                                 (otherwise they go to .data/screenshots, so a test run leaves the tree clean)
// Environment:
//   SKIP_BROWSER_TESTS=1          run without chromium: the browser tests are skipped with a warning
//                                 (without it, a missing chromium fails them; CI cannot opt out)
//   NX_SKIP_NX_CACHE=true         re-run every task instead of replaying cached results
//   TEST_PG_PORT, TEST_NATS_PORT, TEST_S3_PORT, TEST_KEYCLOAK_PORT, TEST_LDAP_PORT   the test servers' ports (54330, 4232, 54371, 54372, 54374)
//   TEST_KEYCLOAK_URL             a Keycloak with the committed realm to use instead of starting one
//   TEST_LDAP_URL                 an LDAP directory (with TEST_LDAP_BASE, TEST_LDAP_ADMIN, TEST_LDAP_BIND) instead of starting slapd
// One project's targets directly: npx nx run voting:test · npx nx run voting:test:integration
// (the latter needs TEST_DATABASE_URL and TEST_NATS_URL, which this script provides).
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, continueOnRuntime, ensureDependencies, fail, log, nx } from './bootstrap.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const screenshots = args.includes('--screenshots');
const affected = args.includes('--affected');
const nxArgs = args.filter((a) => /^--(base|head|projects|exclude)=/.test(a));
const jestArgs = args.filter((a) => !['--quick', '--screenshots', '--affected'].includes(a) && !nxArgs.includes(a));

ensureDependencies();
await continueOnRuntime();
const { startNats, startPostgres, startS3 } = await import('./infra.mjs');

// Two cores are the rule here: two tasks at once, each jest with half the cores (see the targets).
const select = jestArgs.length ? ['run-many'] : [affected ? 'affected' : 'run-many', ...nxArgs];
const nxRun = (targets, env) => nx([...select, '-t', ...targets, '--parallel=2', '--outputStyle=stream'], env);

// End-to-end tests run the services as built processes and open the built web app in a browser.
log(`${quick ? '' : 'lint, typecheck, '}build and web bundle budget (Nx)…`);
if (nxRun([...(quick ? [] : ['lint', 'typecheck']), 'build', 'bundle-budget']) !== 0) fail('lint, typecheck, build or the bundle budget failed (above)');

// A real Keycloak (tools/dev/keycloak.mjs) starts meanwhile: the realm's tests run against it. Without
// Java or the registries it is skipped locally with a warning; CI cannot skip it.
const { KEYCLOAK_ADMIN, KEYCLOAK_DIRECTORY_SECRET, startKeycloak } = await import('./keycloak.mjs');
const keycloakStarting = startKeycloak({ port: Number(process.env.TEST_KEYCLOAK_PORT ?? 54372) }).catch((error) => {
  if (process.env.CI) throw error;
  log(`no Keycloak (${error.message.split('\n')[0]}): the tests against a real Keycloak will be skipped`);
  return undefined;
});
// OpenLDAP (tools/dev/ldap.mjs, Debian's slapd) for the LDAP federation tests: without slapd they are
// skipped locally with a warning; CI installs it.
const { startLdap } = await import('./ldap.mjs');
const ldapStarting = startLdap({ port: Number(process.env.TEST_LDAP_PORT ?? 54374), dir: join(ROOT, '.data/test-ldap') }).catch((error) => {
  if (process.env.CI) throw error;
  log(`no LDAP directory (${error.message.split('\n')[0]}): the LDAP federation tests will be skipped`);
  return undefined;
});
const pg = await startPostgres({ dir: join(ROOT, '.data/test-postgres'), port: Number(process.env.TEST_PG_PORT ?? 54330), database: 'postgres', ephemeral: true });
const nats = await startNats({ dir: join(ROOT, '.data/test-nats'), port: Number(process.env.TEST_NATS_PORT ?? 4232), ephemeral: true });
// The S3 store's tests need an S3-compatible server; without Python they are skipped (CI requires them).
const s3 = await startS3({ port: Number(process.env.TEST_S3_PORT ?? 54371) }).catch((error) => {
  if (process.env.CI) throw error;
  log(`no S3 test server (${error.message}): the S3 blob store tests will be skipped`);
  return undefined;
});
const keycloak = await keycloakStarting;
const ldap = await ldapStarting;
log(`test servers: ${pg.url.replace(/:[^:@/]+@/, ':***@')} · ${nats.url}${s3 ? ` · S3 ${s3.url}` : ''}${keycloak ? ` · Keycloak ${keycloak.url}${keycloak.seconds ? ` (started in ${keycloak.seconds} s)` : ''}` : ''}${ldap ? ` · LDAP ${ldap.url}` : ''}`);
if (!nats.authFile) fail('NATS_URL is set but NATS_AUTH_FILE is not: the tests mint NATS credentials with that account (tools/dev/nats-auth.mjs; servers.mjs writes both)');
const env = { ...process.env, TEST_DATABASE_URL: pg.url, TEST_NATS_URL: nats.url, TEST_NATS_AUTH_FILE: nats.authFile, ...(s3 ? { TEST_S3_ENDPOINT: s3.url } : {}), ...(keycloak ? { TEST_KEYCLOAK_URL: keycloak.url, TEST_KEYCLOAK_ADMIN: `${KEYCLOAK_ADMIN.username}:${KEYCLOAK_ADMIN.password}`, TEST_KEYCLOAK_DIRECTORY_SECRET: KEYCLOAK_DIRECTORY_SECRET } : {}), ...ldap?.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', ...(screenshots ? { SCREENSHOTS_DIR: 'docs/screenshots' } : {}) };

let status = 1;
try {
  if (jestArgs.length) {
    log(`jest ${jestArgs.join(' ')}…`);
    const result = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', join(ROOT, 'node_modules/jest/bin/jest.js'), ...jestArgs], { cwd: ROOT, stdio: 'inherit', env });
    status = result.status ?? 1;
  } else {
    log('unit, integration and end-to-end tests (Nx: test, test:integration)…');
    status = nxRun(['test', 'test:integration'], env);
  }
} finally {
  await keycloak?.stop();
  await ldap?.stop();
  await s3?.stop();
  await nats.stop();
  await pg.stop();
}
process.exit(status);
