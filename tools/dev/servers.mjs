#!/usr/bin/env node
// Starts PostgreSQL, NATS (JetStream) and an S3-compatible test server (moto) and keeps them running until SIGTERM/SIGINT.
// Writes DATABASE_URL, NATS_URL, NATS_AUTH_FILE (the NATS account's keys, see nats-auth.mjs) and TEST_S3_ENDPOINT to --write-env once both are up.
// Also Keycloak and, when slapd is installed (always in CI), an OpenLDAP directory (ldap.mjs: TEST_LDAP_*). Used by .ci/run, and handy
// in development: `node tools/dev/servers.mjs --write-env .data/servers.env`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, log } from './bootstrap.mjs';
import { startNats, startPostgres, startS3 } from './infra.mjs';
import { KEYCLOAK_ADMIN, KEYCLOAK_DIRECTORY_SECRET, startKeycloak } from './keycloak.mjs';
import { startLdap } from './ldap.mjs';

const { values } = parseArgs({
  options: {
    'write-env': { type: 'string', default: join(ROOT, '.data/servers.env') },
    'pg-port': { type: 'string', default: '54330' },
    'nats-port': { type: 'string', default: '4232' },
    's3-port': { type: 'string', default: '54370' },
    'keycloak-port': { type: 'string', default: '54373' },
    'ldap-port': { type: 'string', default: '54375' },
    ephemeral: { type: 'boolean', default: true },
  },
});

const keycloakStarting = startKeycloak({ port: Number(values['keycloak-port']) });
// If one server fails to start, those already up are stopped: a failed run leaves no port taken.
const started = [];
let pg, nats, s3, keycloak, ldap;
try {
  pg = await startPostgres({ dir: join(ROOT, '.data/ci-postgres'), port: Number(values['pg-port']), database: 'postgres', ephemeral: values.ephemeral });
  started.push(pg);
  nats = await startNats({ dir: join(ROOT, '.data/ci-nats'), port: Number(values['nats-port']), ephemeral: values.ephemeral });
  started.push(nats);
  s3 = await startS3({ port: Number(values['s3-port']) });
  started.push(s3);
  // Without slapd (a developer's machine) the LDAP federation tests are skipped; CI installs it.
  ldap = await startLdap({ port: Number(values['ldap-port']), dir: join(ROOT, '.data/ci-ldap') }).catch((error) => {
    if (process.env.CI) throw error;
    log(`no LDAP directory (${error.message})`);
    return undefined;
  });
  if (ldap) started.push(ldap);
  keycloak = await keycloakStarting;
} catch (error) {
  await keycloakStarting.then((k) => k.stop(), () => undefined);
  for (const server of started.reverse()) await server.stop().catch(() => undefined);
  throw error;
}
writeFileSync(values['write-env'], `DATABASE_URL=${pg.url}\nNATS_URL=${nats.url}\nNATS_AUTH_FILE=${nats.authFile}\nTEST_S3_ENDPOINT=${s3.url}\nTEST_KEYCLOAK_URL=${keycloak.url}\nTEST_KEYCLOAK_ADMIN=${KEYCLOAK_ADMIN.username}:${KEYCLOAK_ADMIN.password}\nTEST_KEYCLOAK_DIRECTORY_SECRET=${KEYCLOAK_DIRECTORY_SECRET}\n${Object.entries(ldap?.env ?? {}).map(([k, v]) => `${k}=${v}\n`).join('')}`);
log(`servers up: ${pg.url.replace(/:[^:@/]+@/, ':***@')} · ${nats.url} · S3 ${s3.url} · Keycloak ${keycloak.url} (started in ${keycloak.seconds} s)${ldap ? ` · LDAP ${ldap.url}` : ''} (env in ${values['write-env']})`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await keycloak.stop();
  await ldap?.stop();
  await s3.stop();
  await nats.stop();
  await pg.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
