#!/usr/bin/env node
// `npm start`: the whole platform on one machine with embedded defaults.
// PostgreSQL (DATABASE_URL or embedded), NATS with JetStream (NATS_URL or a local nats-server),
// the local identity provider (unless KEYCLOAK_URL is set), every service, the demo data, and
// the web app (built into dist/apps/web, served by the gateway at http://localhost:3000/).
// Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, build, continueOnRuntime, ensureDependencies, log } from './bootstrap.mjs';

const SERVICES = [
  ['directory', 3101],
  ['project-library', 3102],
  ['issue-tracking', 3103],
  ['supervision-scheduling', 3104],
  ['voting', 3105],
  ['publication', 3106],
  ['personnel-assessment', 3107],
  ['gateway', 3000],
];

ensureDependencies();
await continueOnRuntime();
build();
const { startNats, startPostgres } = await import('./infra.mjs');

const logsDir = join(ROOT, '.data/logs');
mkdirSync(logsDir, { recursive: true });
const children = [];
const stoppers = [];
let stopping = false;

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.once('exit', resolve);
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 20_000).unref();
        }),
    ),
  );
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function startProcess(name, script, env) {
  const out = createWriteStream(join(logsDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`\n[congress] ${name} exited (${signal ?? code}). Last output:\n${stderr || tail(join(logsDir, `${name}.log`))}\n`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

async function waitFor(url, what, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stopping) return;
    if (await fetch(url).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  process.stderr.write(`\x1b[31m[congress] ${what} did not become ready at ${url} within ${timeoutMs / 1000} s; see ${logsDir}\x1b[0m\n`);
  await stopAll(1);
}

const pg = await startPostgres({ dir: join(ROOT, '.data/postgres'), port: Number(process.env.PG_PORT ?? 54329) });
stoppers.push(pg.stop);
const nats = await startNats({ dir: join(ROOT, '.data/nats'), port: Number(process.env.NATS_PORT ?? 4222) });
stoppers.push(nats.stop);

// Each service's identity: its own database role, its own NATS credentials, its actor-signing key.
const { prepareDatabaseRoles } = await import('./db-roles.mjs');
const { prepareActorKeys } = await import('./actor-keys.mjs');
const serviceNames = SERVICES.map(([name]) => name);
const databaseUrls = await prepareDatabaseRoles(pg.url, serviceNames);
const actorKeys = prepareActorKeys(join(ROOT, '.data/keys'), serviceNames);
/** The environment of one service (or its seed): shared settings plus what proves who it is. */
if (!nats.authFile) {
  process.stderr.write('\x1b[31m[congress] NATS_URL is set but NATS_AUTH_FILE is not: the services need credentials of that server\'s account (see docs/operations.md, "NATS credentials").\x1b[0m\n');
  await stopAll(1);
}
const { writeServiceCredentials } = await import('./nats-credentials.mjs');
const natsCreds = await writeServiceCredentials(nats.authFile, serviceNames, join(ROOT, '.data/nats-creds'));
const envOf = (service) => ({ ...common, DATABASE_URL: databaseUrls[service] ?? pg.url, NATS_CREDS_FILE: natsCreds[service], ...actorKeys[service] });

let keycloakUrl = process.env.KEYCLOAK_URL;
// The directory provisions people's accounts through the identity provider's admin API (decision
// 0017): the local one's congress-directory client, or a real Keycloak's when its secret is given.
let directoryIdp = process.env.IDP_ADMIN_CLIENT_SECRET ? { IDP_ADMIN_URL: process.env.IDP_ADMIN_URL ?? keycloakUrl, IDP_ADMIN_CLIENT_SECRET: process.env.IDP_ADMIN_CLIENT_SECRET } : {};
if (!keycloakUrl) {
  const port = Number(process.env.LOCAL_IDP_PORT ?? 8080);
  keycloakUrl = `http://localhost:${port}`;
  log('starting the local identity provider…');
  // Accounts the directory provisions through its admin API are kept there across restarts.
  startProcess('local-idp', 'dist/libs/local-idp/src/main.js', { LOCAL_IDP_PORT: String(port), LOCAL_IDP_USERS_FILE: join(ROOT, '.data/local-idp/users.json') });
  await waitFor(`${keycloakUrl}/realms/congress/.well-known/openid-configuration`, 'the local identity provider', 20_000);
  directoryIdp = { IDP_ADMIN_URL: keycloakUrl, IDP_ADMIN_CLIENT_SECRET: process.env.LOCAL_IDP_DIRECTORY_SECRET ?? 'congress-directory-secret' };
}

const common = {
  DATABASE_URL: pg.url,
  NATS_URL: nats.url,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};

log('loading the demo province (npm run seed)…');
for (const [name, service] of [
  ['seed-directory', 'directory'],
  ['seed-projects', 'project-library'],
  ['seed-issues', 'issue-tracking'],
  ['seed-evaluations', 'voting'],
]) {
  await new Promise((resolve) => {
    const seed = startProcess(name, `dist/apps/${service}/src/seed/main.js`, envOf(service));
    seed.removeAllListeners('exit');
    seed.once('exit', (code) => {
      if (code === 0) return resolve();
      process.stderr.write(`\x1b[31m[congress] seeding failed; see ${join(logsDir, `${name}.log`)}\x1b[0m\n${tail(join(logsDir, `${name}.log`))}\n`);
      void stopAll(1);
    });
  });
}

log('starting services…');
for (const [name, port] of SERVICES) {
  // Logout is a form POST (the gateway's default) for the local identity provider and Keycloak alike.
  const env = { ...envOf(name), PORT: String(port), ...(name === 'gateway' ? { KEYCLOAK_URL: keycloakUrl, KEYCLOAK_REALM: 'congress' } : {}), ...(name === 'directory' ? directoryIdp : {}) };
  startProcess(name, `dist/apps/${name}/src/main.js`, env);
}
await Promise.all(SERVICES.map(([name, port]) => waitFor(`http://127.0.0.1:${port}/ready`, name)));

const demo = JSON.parse(readFileSync(join(ROOT, 'infra/demo/demo-data.json'), 'utf8'));
const logins = demo.people.filter((p) => p.username && !/member(0[2-9]|[1-4]\d)$/.test(p.username));
process.stdout.write(`
\x1b[32m项目化闭环监督平台 is running.\x1b[0m

  Web app          http://localhost:3000/${existsSync(join(ROOT, 'dist/apps/web/index.html')) ? '' : '  (not built)'}
  API gateway      http://localhost:3000/api/v1
  API docs         http://localhost:3000/api/docs
  Identity (OIDC)  ${keycloakUrl}/realms/congress
  PostgreSQL       ${pg.url.replace(/:[^:@/]+@/, ':***@')}
  NATS             ${nats.url}
  Logs             ${logsDir}/<service>.log

Demo logins (password: demo):
${logins.map((p) => `  ${p.username.padEnd(20)} ${p.roles.join(',').padEnd(18)} ${p.unitCode}  ${p.name}`).join('\n')}
  … and chenzhou-member02 … chenzhou-member45

Try:
  TOKEN=$(curl -s -d grant_type=password -d client_id=congress-cli -d username=hunan-admin -d password=demo \\
    ${keycloakUrl}/realms/congress/protocol/openid-connect/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -s -H "Authorization: Bearer $TOKEN" http://localhost:3000/api/v1/units

Press Ctrl-C to stop.
`);
