// Runs the chart's realm import (keycloak.realmImport) against a real Keycloak, outside Kubernetes:
// renders the ConfigMap and the Job with helm, then starts keycloak-config-cli's jar with exactly
// the Job's environment (the Secrets' values made up here) and the rendered realm file, and checks
// what Keycloak then holds. It imports into a realm of its own (congress-helm-check by default), so
// the `congress` realm of the test server is left alone.
//
// keycloak-config-cli is not on Maven Central (its releases are a container image and jars on
// GitHub), so this is not part of `npm test`: give it a jar, e.g. one built from the project's
// source with `mvn package -DskipTests` (docs/decisions/0018-realm-import-job.md).
//
// Usage: node tools/helm/realm-import-check.mjs --jar keycloak-config-cli.jar
//          [--keycloak-url URL] [--admin user:password] [--realm NAME] [--keep]
//   URL and administrator default to TEST_KEYCLOAK_URL and TEST_KEYCLOAK_ADMIN (tools/dev/servers.mjs
//   writes both); Java 21+ as tools/dev/keycloak.mjs finds it.
//
// What it checks, each step timed:
//   1. a fresh import creates the realm: the clients, roles, built-in scopes and user profile as
//      Keycloak's own --import-realm of the same file makes them (the `congress` realm of the test
//      server), the platform's address in the web client, the congress-directory secret from the
//      "Secret" working for a client-credentials grant, Keycloak's ${username}-style message keys
//      untouched;
//   2. a second run with nothing changed leaves the realm as it is;
//   3. a run with the secret rotated updates it (the new secret works, the old one no longer does);
//   4. a run with another address updates the web client, changes nothing else, and keeps a user and
//      a client that were made outside the import;
//   5. a run whose Secret lacks the client secret fails, names the variable, and changes nothing;
//   6. an administrator that is a confidential client (grantType client_credentials) imports too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAll } from 'js-yaml';
import { ROOT } from '../dev/bootstrap.mjs';
import { findJava } from '../dev/keycloak.mjs';

const { values: args } = parseArgs({
  options: {
    jar: { type: 'string' },
    'keycloak-url': { type: 'string', default: process.env.TEST_KEYCLOAK_URL },
    admin: { type: 'string', default: process.env.TEST_KEYCLOAK_ADMIN },
    realm: { type: 'string', default: 'congress-helm-check' },
    keep: { type: 'boolean', default: false },
  },
});
if (!args.jar || !args['keycloak-url'] || !args.admin) {
  console.error('usage: node tools/helm/realm-import-check.mjs --jar keycloak-config-cli.jar [--keycloak-url URL] [--admin user:password] [--realm NAME] [--keep]');
  process.exit(2);
}
const KC = args['keycloak-url'].replace(/\/$/, '');
const [adminUser, adminPassword] = [args.admin.slice(0, args.admin.indexOf(':')), args.admin.slice(args.admin.indexOf(':') + 1)];
const REALM = args.realm;
const jar = resolve(args.jar);
const java = join(findJava(), 'bin/java');
const work = mkdtempSync(join(tmpdir(), 'realm-import-check-'));
const helm = process.env.HELM ?? join(ROOT, '.tools/bin/helm');

let failures = 0;
function check(ok, what, detail = '') {
  if (ok) console.log(`  ok: ${what}`);
  else {
    failures++;
    console.log(`  FAIL: ${what}${detail ? `\n        ${detail}` : ''}`);
  }
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The ConfigMap and the Job as the chart renders them for these settings. */
function render({ platformUrl, realm = REALM, grantType = 'password' }) {
  const set = {
    'global.keycloak.url': KC,
    'global.keycloak.realm': realm,
    'keycloak.realmImport.admin.grantType': grantType,
    'keycloak.realmImport.admin.clientId': grantType === 'password' ? 'admin-cli' : 'realm-import-check',
    'keycloak.realmImport.enabled': 'true',
    'keycloak.realmImport.admin.existingSecret': 'kc-admin',
    'keycloak.realmImport.directoryClient.existingSecret': 'congress-directory-keycloak',
    'keycloak.realmImport.platformUrl': platformUrl,
    'keycloak.realmImport.waitForKeycloakSeconds': '30',
  };
  const result = spawnSync(
    helm,
    ['template', 'congress', join(ROOT, 'charts/congress-platform'), ...Object.entries(set).flatMap(([k, v]) => ['--set', `${k}=${v}`]), '--show-only', 'templates/keycloak-realm-import-configmap.yaml', '--show-only', 'templates/keycloak-realm-import-job.yaml'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  const docs = loadAll(result.stdout).filter(Boolean);
  return { configMap: docs.find((d) => d.kind === 'ConfigMap'), job: docs.find((d) => d.kind === 'Job') };
}

/** Runs keycloak-config-cli as the Job's container would, with `secrets` standing in for the Secrets. `observe`: extra environment (log levels). Returns { status, output, seconds }. */
function runImport({ configMap, job }, secrets, observe = {}) {
  const pod = job.spec.template.spec;
  const container = pod.containers[0];
  const mount = container.volumeMounts.find((m) => m.name === pod.volumes.find((v) => v.configMap)?.name);
  const dir = join(work, 'config');
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(configMap.data)) writeFileSync(join(dir, file), text);
  const env = { PATH: process.env.PATH, HOME: work, ...observe };
  for (const e of container.env) {
    if (e.value !== undefined) env[e.name] = e.value;
    else {
      const ref = e.valueFrom.secretKeyRef;
      const value = secrets[ref.name]?.[ref.key];
      if (value !== undefined) env[e.name] = value;
    }
  }
  // The ConfigMap is mounted at mount.mountPath in the pod; here it is a folder of the work dir.
  env.IMPORT_FILES_LOCATIONS = env.IMPORT_FILES_LOCATIONS.replace(`file:${mount.mountPath}`, `file:${dir}`);
  const javaOpts = env.JAVA_OPTS.replace('-Djava.io.tmpdir=/tmp', `-Djava.io.tmpdir=${work}`).split(/\s+/).filter(Boolean);
  const started = Date.now();
  const result = spawnSync(java, [...javaOpts, '-jar', jar], { env, encoding: 'utf8', cwd: work, timeout: (job.spec.activeDeadlineSeconds ?? 600) * 1000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

async function adminToken() {
  const r = await fetch(`${KC}/realms/master/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: adminUser, password: adminPassword }) });
  if (!r.ok) throw new Error(`signing in as ${adminUser} at ${KC}: ${r.status}`);
  return (await r.json()).access_token;
}
async function admin(method, path, body) {
  const r = await fetch(`${KC}/admin/realms${path}`, { method, headers: { authorization: `Bearer ${await adminToken()}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok && !(method === 'DELETE' && r.status === 404)) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.status === 200 ? r.json() : null;
}
async function deleteAdminClient() {
  for (const c of await admin('GET', '/master/clients?clientId=realm-import-check')) await admin('DELETE', `/master/clients/${c.id}`);
}
async function directoryToken(realm, secret) {
  const r = await fetch(`${KC}/realms/${realm}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'congress-directory', client_secret: secret }) });
  return r.status;
}

/**
 * A mapper's settings, comparable: an audience mapper has no userinfo part, and Keycloak drops its
 * `userinfo.token.claim: "false"` when keycloak-config-cli updates the mapper (kept when the realm is
 * created); absent, it means the same.
 */
function mapperConfig(m) {
  return Object.entries(m.config)
    .filter(([k, v]) => !(m.protocolMapper === 'oidc-audience-mapper' && k === 'userinfo.token.claim' && v === 'false'))
    .sort();
}

/** What a realm holds that the platform relies on, comparable between two realms. */
async function shape(realm) {
  const [rep, clients, scopes, profile, roles] = await Promise.all([admin('GET', `/${realm}`), admin('GET', `/${realm}/clients`), admin('GET', `/${realm}/client-scopes`), admin('GET', `/${realm}/users/profile`), admin('GET', `/${realm}/roles`)]);
  const own = clients.filter((c) => c.clientId.startsWith('congress-'));
  const directory = clients.find((c) => c.clientId === 'congress-directory');
  const management = clients.find((c) => c.clientId === 'realm-management');
  const account = await admin('GET', `/${realm}/clients/${directory.id}/service-account-user`);
  const accountRoles = await admin('GET', `/${realm}/users/${account.id}/role-mappings/clients/${management.id}`);
  const accountRealmRoles = await admin('GET', `/${realm}/users/${account.id}/role-mappings/realm`);
  return {
    settings: Object.fromEntries(['enabled', 'sslRequired', 'accessTokenLifespan', 'ssoSessionIdleTimeout', 'ssoSessionMaxLifespan', 'revokeRefreshToken', 'bruteForceProtected', 'passwordPolicy', 'registrationAllowed', 'loginWithEmailAllowed', 'defaultLocale'].map((k) => [k, rep[k]])),
    clients: own
      .map((c) => ({
        clientId: c.clientId,
        enabled: c.enabled,
        publicClient: c.publicClient,
        flows: [c.standardFlowEnabled, c.directAccessGrantsEnabled, c.serviceAccountsEnabled],
        redirectUris: c.redirectUris,
        postLogout: c.attributes['post.logout.redirect.uris'] ?? null,
        pkce: c.attributes['pkce.code.challenge.method'] ?? null,
        defaultScopes: [...c.defaultClientScopes].sort(),
        mappers: (c.protocolMappers ?? []).map((m) => `${m.name}:${m.protocolMapper}:${JSON.stringify(mapperConfig(m))}`).sort(),
      }))
      .sort((a, b) => a.clientId.localeCompare(b.clientId)),
    scopes: scopes.map((s) => s.name).sort(),
    profile: profile.attributes.map((a) => ({ name: a.name, displayName: a.displayName, permissions: a.permissions, validations: a.validations })),
    roles: roles.map((r) => r.name.replace(`default-roles-${realm}`, 'default-roles-<realm>')).sort(),
    directoryAccount: { clientRoles: accountRoles.map((r) => r.name).sort(), realmRoles: accountRealmRoles.map((r) => r.name.replace(`default-roles-${realm}`, 'default-roles-<realm>')).sort() },
  };
}

function differences(a, b, path = '') {
  if (same(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => differences(a[k], b[k], `${path}.${k}`));
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  return [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

const secrets = (clientSecret) => ({ 'kc-admin': { username: adminUser, password: adminPassword, 'client-secret': ADMIN_CLIENT_SECRET }, 'congress-directory-keycloak': { 'client-secret': clientSecret } });
const first = { platformUrl: 'https://jiandu.example.cn', secret: 'helm-check-secret-1' };
const second = { platformUrl: 'https://supervision.example.cn', secret: 'helm-check-secret-2' };
const figures = [];
const ADMIN_CLIENT_SECRET = 'realm-import-check-admin-secret';
const CC_REALM = `${REALM}-cc`;

try {
  console.log(`realm import check: keycloak-config-cli ${args.jar} → ${KC}, realm ${REALM}`);
  await admin('DELETE', `/${REALM}`);
  await admin('DELETE', `/${CC_REALM}`);
  await deleteAdminClient();

  console.log('1. a fresh import creates the realm');
  let rendered = render(first);
  let run = runImport(rendered, secrets(first.secret));
  figures.push(['create', run.seconds]);
  check(run.status === 0, `keycloak-config-cli exited 0 (${run.seconds} s)`, run.output.slice(-3000));
  if (run.status !== 0) throw new Error('the first import failed: nothing more to check');
  const reference = await shape('congress');
  const imported = await shape(REALM);
  const expected = structuredClone(reference);
  for (const c of expected.clients) {
    c.redirectUris = c.redirectUris.map((u) => u.replace('https://supervision.example.gov.cn', first.platformUrl));
    if (c.postLogout) c.postLogout = c.postLogout.replace('https://supervision.example.gov.cn', first.platformUrl);
  }
  // Where the admin API (keycloak-config-cli) and Keycloak's own import of the same file differ, by
  // Keycloak's design, none of it read by the platform:
  // - an account made through the admin API gets the realm's default roles (offline_access,
  //   uma_authorization) besides those listed;
  // - a client with service accounts made through the admin API gets Keycloak's service_account scope
  //   (claims client_id, clientHost, clientAddress) even when its list omits it (congress-directory's does);
  // - Keycloak's import gives clients without post-logout URIs "+" (the redirect URIs); the admin API
  //   none. Only congress-web signs users in through the browser, and it lists its own.
  expected.directoryAccount.realmRoles = [...new Set([...expected.directoryAccount.realmRoles, 'default-roles-<realm>'])].sort();
  for (const c of expected.clients) {
    if (c.flows[2] && !c.defaultScopes.includes('service_account')) c.defaultScopes = [...c.defaultScopes, 'service_account'].sort();
    if (!c.flows[0] && c.postLogout === '+') c.postLogout = null;
  }
  const diff = differences(expected, imported);
  check(diff.length === 0, 'the realm holds what Keycloak’s own --import-realm made of the same file (settings, clients and their mappers, built-in scopes, roles, user profile, the directory account’s roles), with the platform’s address', diff.join('\n        '));
  const web = imported.clients.find((c) => c.clientId === 'congress-web');
  check(same(web.redirectUris, [`${first.platformUrl}/*`]) && web.postLogout === `${first.platformUrl}/*`, `congress-web redirects to ${first.platformUrl}/* only`, JSON.stringify(web));
  check(imported.profile.find((a) => a.name === 'username')?.displayName === '${username}', 'Keycloak’s message key ${username} in the user profile is left as it is');
  check((await directoryToken(REALM, first.secret)) === 200, 'congress-directory signs in with the secret from its Secret (client credentials)');
  check(!rendered.configMap.data['realm-congress.json'].includes(first.secret), 'the ConfigMap does not hold the secret');

  console.log('2. a second run with nothing changed');
  // Its "no need to update" line is at debug level: shown for this run only.
  run = runImport(rendered, secrets(first.secret), { LOGGING_LEVEL_DE_ADORSYS_KEYCLOAK_CONFIG_SERVICE: 'debug' });
  figures.push(['unchanged', run.seconds]);
  check(run.status === 0, `keycloak-config-cli exited 0 (${run.seconds} s)`, run.output.slice(-3000));
  check(/No need to update realm '[^']+', import checksum same/.test(run.output), 'it saw the file unchanged (checksum) and skipped the import', run.output.split('\n').filter((l) => /INFO|WARN/.test(l)).slice(-5).join('\n        '));
  check(differences(imported, await shape(REALM)).length === 0, 'the realm is as it was');

  console.log('3. the same file, the secret rotated in its Secret');
  run = runImport(rendered, secrets(second.secret));
  figures.push(['rotate', run.seconds]);
  check(run.status === 0, `keycloak-config-cli exited 0 (${run.seconds} s)`, run.output.slice(-3000));
  check((await directoryToken(REALM, second.secret)) === 200, 'the rotated secret works (the checksum covers the substituted file)');
  check((await directoryToken(REALM, first.secret)) === 401, 'the old secret is refused');

  console.log('4. another address; a user and a client made outside the import');
  const user = { username: 'provisioned-check', enabled: true, attributes: { fullName: ['王五'], unit: ['431000'] } };
  await admin('POST', `/${REALM}/users`, user);
  await admin('POST', `/${REALM}/clients`, { clientId: 'ops-made-client', publicClient: true, redirectUris: ['https://ops.example.cn/*'] });
  rendered = render(second);
  run = runImport(rendered, secrets(second.secret));
  figures.push(['update', run.seconds]);
  check(run.status === 0, `keycloak-config-cli exited 0 (${run.seconds} s)`, run.output.slice(-3000));
  const updated = await shape(REALM);
  const updatedWeb = updated.clients.find((c) => c.clientId === 'congress-web');
  check(same(updatedWeb.redirectUris, [`${second.platformUrl}/*`]) && updatedWeb.postLogout === `${second.platformUrl}/*`, `congress-web now redirects to ${second.platformUrl}/*`, JSON.stringify(updatedWeb));
  const others = (r) => ({ ...r, clients: r.clients.filter((c) => c.clientId !== 'congress-web') });
  const changed = differences(others(imported), others(updated));
  check(changed.length === 0, 'nothing else changed', changed.join('\n        '));
  const users = await admin('GET', `/${REALM}/users?username=provisioned-check&exact=true`);
  check(users.length === 1 && users[0].attributes?.unit?.[0] === '431000', 'the user made outside the import is kept, with its unit');
  const clients = await admin('GET', `/${REALM}/clients?clientId=ops-made-client`);
  check(clients.length === 1, 'the client made outside the import is kept');

  console.log('5. a Secret without the client secret');
  const broken = secrets(second.secret);
  delete broken['congress-directory-keycloak']['client-secret'];
  run = runImport(rendered, broken);
  figures.push(['refused', run.seconds]);
  check(run.status !== 0 && run.output.includes("Cannot resolve variable 'env:CONGRESS_DIRECTORY_CLIENT_SECRET'"), `keycloak-config-cli fails and names the variable (exit ${run.status}, ${run.seconds} s)`, run.output.split('\n').filter((l) => /ERROR/.test(l)).slice(0, 3).join('\n        '));
  check((await directoryToken(REALM, second.secret)) === 200, 'and leaves the realm as it was');

  console.log('6. an administrator that is a client of the master realm (grantType client_credentials)');
  await admin('POST', '/master/clients', { clientId: 'realm-import-check', publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false, secret: ADMIN_CLIENT_SECRET });
  const [adminClient] = await admin('GET', '/master/clients?clientId=realm-import-check');
  const account = await admin('GET', `/master/clients/${adminClient.id}/service-account-user`);
  await admin('POST', `/master/users/${account.id}/role-mappings/realm`, [await admin('GET', '/master/roles/admin')]);
  rendered = render({ ...first, realm: CC_REALM, grantType: 'client_credentials' });
  const container = rendered.job.spec.template.spec.containers[0];
  check(container.env.some((e) => e.name === 'KEYCLOAK_CLIENTSECRET' && e.valueFrom?.secretKeyRef) && !container.env.some((e) => e.name === 'KEYCLOAK_PASSWORD'), 'the Job takes the client secret from the Secret, and no password');
  run = runImport(rendered, secrets(first.secret));
  figures.push(['client credentials', run.seconds]);
  check(run.status === 0, `keycloak-config-cli exited 0 (${run.seconds} s)`, run.output.slice(-3000));
  check(run.status === 0 && (await directoryToken(CC_REALM, first.secret)) === 200, `realm ${CC_REALM} made, congress-directory signs in`);
} finally {
  if (!args.keep) {
    await admin('DELETE', `/${REALM}`).catch(() => {});
    await admin('DELETE', `/${CC_REALM}`).catch(() => {});
  }
  await deleteAdminClient().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}

console.log(`\nruns (s): ${figures.map(([what, s]) => `${what} ${s}`).join(', ')}`);
console.log(`${failures === 0 ? 'realm import check: all passed' : `realm import check: ${failures} failed`}`);
process.exit(failures === 0 ? 0 : 1);
