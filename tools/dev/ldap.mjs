// A real OpenLDAP directory for the tests of Keycloak's LDAP user federation (issue 12,
// docs/decisions/0019-ldap-federation-tested.md): Debian's slapd (packages `slapd` and `ldap-utils`,
// which CI installs as it installs chromium) started as an ordinary process on an unprivileged port,
// with a configuration of its own (cn=config, loaded with slapadd) in a throwaway directory, never
// /etc/ldap. It holds what a province's directory would: ou=people with inetOrgPerson entries (uid,
// cn = the full Chinese name, departmentNumber = the six-digit code of the person's standing
// committee), ou=congress-roles with one groupOfNames per platform role, a read-only account for
// Keycloak (ou=services), and the password-policy overlay, with which an administrator locks an
// account (pwdAccountLockedTime).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { log } from './bootstrap.mjs';

export const LDAP_BASE = 'dc=example,dc=gov,dc=cn';
/** The directory's manager (slapd's rootdn): the tests add, change and remove people with it. */
export const LDAP_ADMIN = { dn: `cn=admin,${LDAP_BASE}`, password: 'ldap-admin-password-for-tests' };
/** The account Keycloak binds as: it may read people and groups, and change nothing. */
export const LDAP_READER = { dn: `cn=keycloak,ou=services,${LDAP_BASE}`, password: 'ldap-reader-password-for-tests' };
/** Demo people (their password is `Demo-ldap-1`); the tests add people of their own. */
export const LDAP_PEOPLE = [
  { uid: 'wangjianguo', cn: '王建国', sn: '王', givenName: '建国', departmentNumber: '431000', roles: ['staff'] },
  { uid: 'lixiuying', cn: '李秀英', sn: '李', givenName: '秀英', departmentNumber: '431000', roles: ['member'] },
  { uid: 'zhangwei', cn: '张伟', sn: '张', givenName: '伟', roles: ['staff'] },
];
export const LDAP_DEMO_PASSWORD = 'Demo-ldap-1';
const ROLES = ['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy', 'body-liaison'];
const SCHEMAS = ['core', 'cosine', 'inetorgperson'];
const SLAPD_CANDIDATES = [process.env.SLAPD_BIN, '/usr/sbin/slapd', '/usr/local/libexec/slapd', '/usr/libexec/slapd'];

/** `{SSHA}` as OpenLDAP stores it (slappasswd's default): the directory never holds a clear password. */
export function ssha(password) {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash('sha1').update(password).update(salt).digest(), salt]).toString('base64')}`;
}

/** LDIF of one value: base64 (`attr:: …`) when it is not plain ASCII, as LDIF requires for 汉字. */
const line = (attr, value) => (/^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value) ? `${attr}: ${value}` : `${attr}:: ${Buffer.from(value, 'utf8').toString('base64')}`);

/** The LDIF of a person as the tests and the demo directory add them. */
export function personLdif({ uid, cn, sn, givenName, departmentNumber, password = LDAP_DEMO_PASSWORD, mail }) {
  return [
    `dn: uid=${uid},ou=people,${LDAP_BASE}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`,
    line('cn', cn),
    line('sn', sn),
    ...(givenName ? [line('givenName', givenName)] : []),
    ...(departmentNumber ? [`departmentNumber: ${departmentNumber}`] : []),
    ...(mail ? [`mail: ${mail}`] : []),
    `userPassword: ${ssha(password)}`,
  ].join('\n');
}

function configLdif({ dir }) {
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${join(dir, 'slapd.pid')}
olcArgsFile: ${join(dir, 'slapd.args')}
olcLogLevel: none

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: ppolicy

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

${SCHEMAS.map((s) => `include: file:///etc/ldap/schema/${s}.ldif`).join('\n\n')}

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${LDAP_BASE}
olcDbDirectory: ${join(dir, 'db')}
olcRootDN: ${LDAP_ADMIN.dn}
olcRootPW: ${ssha(LDAP_ADMIN.password)}
olcDbIndex: objectClass eq
olcDbIndex: uid,entryUUID eq
olcDbIndex: member eq
olcAccess: {0}to attrs=userPassword by self =xw by anonymous auth by * none
olcAccess: {1}to * by dn.exact="${LDAP_READER.dn}" read by self read by * none

dn: olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {0}ppolicy
olcPPolicyDefault: cn=default,ou=policies,${LDAP_BASE}
`;
}

function dataLdif() {
  const ou = (name) => `dn: ou=${name},${LDAP_BASE}\nobjectClass: organizationalUnit\nou: ${name}`;
  const people = LDAP_PEOPLE.map((p) => personLdif(p));
  // groupOfNames needs a member: the directory's manager stands in for an empty group.
  const groups = ROLES.map((role) => {
    const members = LDAP_PEOPLE.filter((p) => p.roles.includes(role)).map((p) => `uid=${p.uid},ou=people,${LDAP_BASE}`);
    return [`dn: cn=${role},ou=congress-roles,${LDAP_BASE}`, 'objectClass: groupOfNames', `cn: ${role}`, ...(members.length ? members : [LDAP_ADMIN.dn]).map((m) => `member: ${m}`)].join('\n');
  });
  return [
    `dn: ${LDAP_BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\n${line('o', '某省人大常委会')}`,
    ou('people'),
    ou('congress-roles'),
    ou('services'),
    ou('policies'),
    `dn: ${LDAP_READER.dn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: keycloak\nuserPassword: ${ssha(LDAP_READER.password)}`,
    // No lockout after failures here (Keycloak counts those itself); an administrator locks an account
    // by setting pwdAccountLockedTime: 000001010000Z.
    `dn: cn=default,ou=policies,${LDAP_BASE}\nobjectClass: organizationalRole\nobjectClass: pwdPolicy\ncn: default\npwdAttribute: userPassword\npwdLockout: TRUE\npwdMaxFailure: 0`,
    ...people,
    ...groups,
  ].join('\n\n');
}

/** slapd from Debian's package (or SLAPD_BIN). */
export function findSlapd() {
  const found = SLAPD_CANDIDATES.find((c) => c && existsSync(c));
  if (!found) throw new Error('slapd is not installed: apt-get install slapd ldap-utils (Debian), or set TEST_LDAP_URL to a directory of yours');
  return found;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitForPort(port, until) {
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`slapd did not open port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * slapd on 127.0.0.1:`port`, its configuration and database in `dir` (emptied first: every start
 * begins from the directory above). TEST_LDAP_URL, if set, is used instead (with TEST_LDAP_BASE,
 * TEST_LDAP_ADMIN and TEST_LDAP_BIND). Returns { url, base, admin, reader, seconds, env, stop }.
 */
export async function startLdap({ port, dir, timeoutMs = 30_000 }) {
  const env = (url) => ({ TEST_LDAP_URL: url, TEST_LDAP_BASE: LDAP_BASE, TEST_LDAP_ADMIN: `${LDAP_ADMIN.dn}:${LDAP_ADMIN.password}`, TEST_LDAP_BIND: `${LDAP_READER.dn}:${LDAP_READER.password}` });
  if (process.env.TEST_LDAP_URL) {
    const keys = ['TEST_LDAP_URL', 'TEST_LDAP_BASE', 'TEST_LDAP_ADMIN', 'TEST_LDAP_BIND'];
    return { url: process.env.TEST_LDAP_URL, env: Object.fromEntries(keys.map((k) => [k, process.env[k] ?? ''])), external: true, stop: async () => {} };
  }
  const slapd = findSlapd();
  if (!(await portFree(port))) throw new Error(`port ${port} (LDAP) is in use`);
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'slapd.d'), { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, 'db'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'config.ldif'), configLdif({ dir }), { mode: 0o600 });
  writeFileSync(join(dir, 'data.ldif'), `${dataLdif()}\n`, { mode: 0o600 });
  // slapadd is slapd itself under another name; -n0 loads cn=config, -n1 the directory's entries.
  const slapadd = (args) => {
    const result = spawnSync(slapd, ['-T', 'add', '-F', join(dir, 'slapd.d'), ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`slapadd ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  };
  slapadd(['-n', '0', '-l', join(dir, 'config.ldif')]);
  slapadd(['-n', '1', '-l', join(dir, 'data.ldif')]);
  // -d keeps slapd in the foreground (its logs on stderr, at level none), so it is our child and stops with us.
  const child = spawn(slapd, ['-F', join(dir, 'slapd.d'), '-h', `ldap://127.0.0.1:${port}/`, '-d', 'none'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Never outlive the launcher, whatever way it ends.
  process.once('exit', () => child.kill('SIGKILL'));
  try {
    await Promise.race([waitForPort(port, started + timeoutMs), exited.then((code) => Promise.reject(new Error(`slapd exited (${code}): ${stderr}`)))]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const url = `ldap://127.0.0.1:${port}`;
  return {
    url,
    seconds: ((Date.now() - started) / 1000).toFixed(1),
    env: env(url),
    external: false,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `node tools/dev/ldap.mjs [port]`: the directory alone, until Ctrl-C (to look at it with ldapsearch).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { ROOT } = await import('./bootstrap.mjs');
  const ldap = await startLdap({ port: Number(process.argv[2] ?? 55389), dir: join(ROOT, '.data/dev-ldap') });
  log(`slapd on ${ldap.url} (started in ${ldap.seconds} s): ldapsearch -x -H ${ldap.url} -D '${LDAP_ADMIN.dn}' -w ${LDAP_ADMIN.password} -b ${LDAP_BASE}`);
  const stop = () => ldap.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
