// Runs the local identity provider with the demo logins: `node dist/libs/local-idp/src/main.js`.
// Environment: LOCAL_IDP_PORT (8080), LOCAL_IDP_HOST (127.0.0.1), LOCAL_IDP_PUBLIC_URL
// (http://localhost:<port>), LOCAL_IDP_KEY_FILE (<repo>/.data/local-idp/jwks.json),
// LOCAL_IDP_USERS_FILE (<repo>/.data/local-idp/users.json: accounts the admin API created or changed),
// LOCAL_IDP_DIRECTORY_SECRET (congress-directory-secret), DEMO_DATA (<repo>/infra/demo/demo-data.json).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { loadDemoUsers, startLocalIdp } from './index.js';

/** The repository root: the nearest directory at or above the working directory with nx.json. */
function repoRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

const env = process.env;
const root = repoRoot(process.cwd());
const port = Number(env.LOCAL_IDP_PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LOCAL_IDP_PORT is not a port: ${env.LOCAL_IDP_PORT}`);

const users = loadDemoUsers(env.DEMO_DATA ?? join(root, 'infra/demo/demo-data.json'));
const idp = await startLocalIdp({
  port,
  host: env.LOCAL_IDP_HOST ?? '127.0.0.1',
  publicUrl: env.LOCAL_IDP_PUBLIC_URL ?? `http://localhost:${port}`,
  keyFile: env.LOCAL_IDP_KEY_FILE ?? join(root, '.data/local-idp/jwks.json'),
  usersFile: env.LOCAL_IDP_USERS_FILE ?? join(root, '.data/local-idp/users.json'),
  directoryClientSecret: env.LOCAL_IDP_DIRECTORY_SECRET,
  users,
});
console.log(JSON.stringify({ level: 'info', msg: 'local-idp started', issuer: idp.issuer, url: idp.url, demoUsers: users.length }));

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    idp.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('local-idp: close failed', error);
        process.exit(1);
      },
    );
  });
}
