#!/usr/bin/env node
// Each service's NATS credentials (.creds), minted with the account's signing key from the
// permissions the contracts give it (libs/messaging/src/permissions.ts, compiled: run after
// `npm run build`). The launcher calls writeServiceCredentials(); operators run it as a command to
// make what a cluster needs (docs/operations.md, "NATS credentials"):
//   npm run nats:credentials -- --out <dir>
// writes <dir>/auth.json (operator, system and CONGRESS account keys — keep it secret, and keep
// it: new keys mean new accounts, whose streams start empty), <dir>/server-auth.conf (to include in
// the NATS server's configuration) and <dir>/creds/<service>.creds (one Kubernetes Secret each).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ROOT } from './bootstrap.mjs';

async function messaging() {
  return import(pathToFileURL(join(ROOT, 'dist/libs/messaging/src/index.js')).href);
}

/** Writes `<dir>/<service>.creds` (mode 0600) for each service; returns { service: path }. */
export async function writeServiceCredentials(authFile, services, dir, namespace = '') {
  const { mintCredentials, servicePermissions, WireNames } = await messaging();
  const auth = JSON.parse(readFileSync(authFile, 'utf8'));
  const signer = { account: auth.account.public, signingSeed: auth.account.signingSeed };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = {};
  for (const service of services) {
    const file = join(dir, `${service}.creds`);
    writeFileSync(file, await mintCredentials(signer, service, servicePermissions(service, new WireNames(namespace))), { mode: 0o600 });
    chmodSync(file, 0o600);
    files[service] = file;
  }
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, namespace: { type: 'string', default: '' } } });
  if (!values.out) {
    process.stderr.write('usage: npm run nats:credentials -- --out <dir> [--namespace <ns>]\n');
    process.exit(2);
  }
  const out = resolve(values.out);
  const { prepareNatsAuth, serverAuthConfig } = await import('./nats-auth.mjs');
  const auth = await prepareNatsAuth(out);
  writeFileSync(join(out, 'server-auth.conf'), serverAuthConfig(auth), { mode: 0o600 });
  const { SERVICES } = await import(pathToFileURL(join(ROOT, 'dist/libs/contracts/src/index.js')).href);
  const files = await writeServiceCredentials(auth.file, SERVICES, join(out, 'creds'), values.namespace);
  process.stdout.write(
    `NATS account ${auth.account.public}\n` +
      `  ${join(out, 'auth.json')}          operator and account keys: keep secret, keep for good\n` +
      `  ${join(out, 'server-auth.conf')}   include in the NATS server's configuration\n` +
      Object.entries(files)
        .map(([service, file]) => `  ${file}   → Secret for ${service} (key: nats.creds)`)
        .join('\n') +
      '\n',
  );
}
