import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  addLdapFederation,
  addPersonLdif,
  createTestDatabase,
  createTestNamespace,
  keycloakAdmin,
  ldapDirectory,
  personDn,
  roleMembersLdif,
  runServiceSeed,
  serviceEnv,
  startServiceProcesses,
  type KeycloakAdmin,
  type LdapDirectory,
  type LdapPerson,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';

/**
 * A province's existing directory federated into the realm (docs/operations.md, "Identity"):
 * infra/keycloak/ldap-federation.example.json added through the admin API to the real Keycloak
 * `npm test` starts, reading the real OpenLDAP it starts too (tools/dev/ldap.mjs, Debian's slapd).
 * People sign in with their directory password; the gateway reads their tokens. Keycloak is shared
 * with the other Keycloak tests of the run: everything here is named with a suffix of its own, and
 * the provider, the client and the directory entries are removed afterwards.
 * Without slapd or Keycloak it is skipped locally; CI always has both.
 */
const KEYCLOAK = process.env.TEST_KEYCLOAK_URL;
const LDAP = process.env.TEST_LDAP_URL;
const describeLdap = (KEYCLOAK && LDAP) || process.env.CI ? describe : describe.skip;
if (!(KEYCLOAK && LDAP) && !process.env.CI) console.warn('TEST_KEYCLOAK_URL or TEST_LDAP_URL is not set: the LDAP federation tests are skipped');

interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  error?: string;
  error_description?: string;
}
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describeLdap('a province directory (OpenLDAP) federated into the realm, and the gateway reading its people’s tokens', () => {
  const suffix = randomBytes(3).toString('hex');
  const clientId = `ldap-test-${suffix}`;
  const person = (key: string, cn: string, departmentNumber?: string): LdapPerson => ({ uid: `ldap-${suffix}-${key}`, cn, sn: cn.slice(0, 1), departmentNumber, password: `Ldap-${randomBytes(6).toString('hex')}` });
  const wang = person('wang', '王建国', '431000');
  const zhang = person('zhang', '张伟');
  const liu = person('liu', '刘芳', '办公厅');
  const li = person('li', '李秀英', '431000');
  const zhao = person('zhao', '赵敏', '431000');
  const people = [wang, zhang, liu, li, zhao];

  let directory: LdapDirectory;
  let admin: KeycloakAdmin;
  let providerId: string | undefined;
  let clientUuid: string | undefined;
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let services: ServiceProcess[] = [];
  let gatewayUrl: string;

  /** The password grant through this file's own client (a copy of the realm's congress-cli, enabled). */
  const signIn = async (p: LdapPerson, password = p.password) => {
    const res = await fetch(`${KEYCLOAK}/realms/congress/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username: p.uid, password, scope: 'openid' }),
    });
    return { status: res.status, body: (await res.json()) as TokenResponse };
  };
  const refresh = async (refreshToken: string) => {
    const res = await fetch(`${KEYCLOAK}/realms/congress/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }) });
    return { status: res.status, body: (await res.json()) as TokenResponse };
  };
  const tokenOf = async (p: LdapPerson) => {
    const { body } = await signIn(p);
    if (!body.access_token) throw new Error(`no token for ${p.uid}: ${body.error} ${body.error_description}`);
    return body.access_token;
  };
  const get = (path: string, token: string) => fetch(`${gatewayUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const keycloakUser = async (p: LdapPerson) => (await admin.api<{ id: string; federationLink?: string; attributes?: Record<string, string[]> }[]>(`/users?username=${p.uid}&exact=true`)).body[0];

  beforeAll(async () => {
    directory = ldapDirectory();
    db = await createTestDatabase();
    ns = createTestNamespace();
    const env = serviceEnv(db.url, ns.namespace);
    await runServiceSeed('directory', env);
    services = await startServiceProcesses([
      { name: 'directory', env },
      { name: 'gateway', env: { ...env, KEYCLOAK_URL: KEYCLOAK!, KEYCLOAK_REALM: 'congress' } },
    ]);
    gatewayUrl = services[1]!.url;

    // The directory as the province's administrators keep it: people, and the platform roles' groups.
    directory.change(people.map((p) => addPersonLdif(directory, p)).join('\n'));
    directory.change(roleMembersLdif(directory, 'staff', [wang.uid, zhang.uid, liu.uid, zhao.uid]));
    directory.change(roleMembersLdif(directory, 'member', [li.uid]));

    admin = await keycloakAdmin();
    providerId = await addLdapFederation(admin, directory, `province-directory-${suffix}`);
    // Scripts sign in through congress-cli, which the realm ships disabled; this file uses an enabled
    // copy of its own rather than switching the shared one on and off under the other Keycloak tests.
    const [cli] = (await admin.api<{ id: string }[]>('/clients?clientId=congress-cli')).body;
    const { id: _id, protocolMappers, ...representation } = (await admin.api<{ id: string; protocolMappers?: { id?: string }[] }>(`/clients/${cli!.id}`)).body;
    const copy = { ...representation, clientId, enabled: true, protocolMappers: (protocolMappers ?? []).map(({ id: _mapperId, ...mapper }) => mapper) };
    expect((await admin.api('/clients', { method: 'POST', body: JSON.stringify(copy) })).status).toBe(201);
    clientUuid = (await admin.api<{ id: string }[]>(`/clients?clientId=${clientId}`)).body[0]!.id;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((p) => p.kill()));
    await ns?.cleanup();
    await db?.drop();
    // Both exist only once `admin` does.
    if (providerId) await admin.api(`/components/${providerId}`, { method: 'DELETE' });
    if (clientUuid) await admin.api(`/clients/${clientUuid}`, { method: 'DELETE' });
    // Each change alone: a test that failed half-way leaves some of them undone already.
    const undo = directory
      ? [
          ...people.flatMap((p) => ['staff', 'member'].map((role) => roleMembersLdif(directory, role, [p.uid], 'delete'))),
          ...people.map((p) => `dn: ${personDn(directory, p.uid)}\nchangetype: delete\n`),
        ]
      : [];
    for (const ldif of undo) {
      try {
        directory.change(ldif);
      } catch {
        // already undone by the test
      }
    }
  });

  it('signs a person in with the directory’s password: sub, the whole Chinese name from cn, unit from departmentNumber, roles from the directory’s groups', async () => {
    expect((await signIn(wang, 'not-the-password-1')).status).toBe(401);
    const claims = claimsOf(await tokenOf(wang));
    expect(claims.sub).toEqual(expect.any(String));
    expect(claims).toMatchObject({ name: '王建国', unit: '431000', preferred_username: wang.uid });
    expect(claims.aud).toEqual(expect.arrayContaining(['congress-api']));
    expect((claims.realm_access as { roles: string[] }).roles).toContain('staff');
    expect((claims.realm_access as { roles: string[] }).roles).not.toContain('member');
    // Imported on first sign-in and linked to the provider: the sub stays the same at the next one.
    const user = await keycloakUser(wang);
    expect(user).toMatchObject({ id: claims.sub, federationLink: providerId });
    expect(claimsOf(await tokenOf(wang)).sub).toBe(claims.sub);
  });

  it('lets the gateway in with the token of a directory person, scoped to the directory’s unit', async () => {
    const token = await tokenOf(wang);
    expect((await get('/units/431000/people', token)).status).toBe(200);
    expect((await get('/units/430100/people', token)).status).toBe(403);
  });

  it('adds the roles an administrator grants in Keycloak to those of the directory’s groups', async () => {
    const user = (await keycloakUser(wang))!;
    const leader = (await admin.api('/roles/leader')).body;
    expect((await admin.api(`/users/${user.id}/role-mappings/realm`, { method: 'POST', body: JSON.stringify([leader]) })).status).toBe(204);
    const roles = (claimsOf(await tokenOf(wang)).realm_access as { roles: string[] }).roles;
    expect(roles).toEqual(expect.arrayContaining(['staff', 'leader']));
  });

  it('refuses unit-scoped calls to a person whose entry has no unit, or a departmentNumber that is not a unit code', async () => {
    const withoutUnit = claimsOf(await tokenOf(zhang));
    expect(withoutUnit).toMatchObject({ name: '张伟' });
    expect(withoutUnit.unit).toBeUndefined();
    const refused = await get('/units/431000/people', await tokenOf(zhang));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('令牌中没有所属单位');
    // A directory that keeps department names there: the token carries it, the gateway takes it for no unit.
    const named = await tokenOf(liu);
    expect(claimsOf(named).unit).toBe('办公厅');
    expect((await get('/units/431000/people', named)).status).toBe(403);
  });

  it('takes the unit and the roles from the directory at each sign-in, and lets no one change them in Keycloak', async () => {
    const before = claimsOf(await tokenOf(li));
    expect(before).toMatchObject({ unit: '431000', name: '李秀英' });
    expect((before.realm_access as { roles: string[] }).roles).toContain('member');
    directory.change(`dn: ${personDn(directory, li.uid)}\nchangetype: modify\nreplace: departmentNumber\ndepartmentNumber: 431002\n`);
    directory.change(roleMembersLdif(directory, 'member', [li.uid], 'delete'));
    directory.change(roleMembersLdif(directory, 'staff', [li.uid]));
    const after = claimsOf(await tokenOf(li));
    expect(after).toMatchObject({ sub: before.sub, unit: '431002' });
    expect((after.realm_access as { roles: string[] }).roles).toContain('staff');
    expect((after.realm_access as { roles: string[] }).roles).not.toContain('member');
    directory.change(roleMembersLdif(directory, 'staff', [li.uid], 'delete'));
    directory.change(roleMembersLdif(directory, 'member', [li.uid]));
    // READ_ONLY: an administrator cannot move a directory person to another unit in Keycloak.
    const user = (await admin.api<Record<string, unknown> & { attributes: Record<string, string[]> }>(`/users/${before.sub}`)).body;
    const changed = await admin.api<{ field?: string; errorMessage?: string }>(`/users/${before.sub}`, { method: 'PUT', body: JSON.stringify({ ...user, attributes: { ...user.attributes, unit: ['430100'] } }) });
    expect(changed.status).toBe(400);
    expect(changed.body).toMatchObject({ field: 'unit', errorMessage: 'error-user-attribute-read-only' });
  });

  it('refuses sign-in to a person the directory has locked (pwdAccountLockedTime); a running session lasts until the office signs them out in Keycloak', async () => {
    const session = await signIn(li);
    directory.change(`dn: ${personDn(directory, li.uid)}\nchangetype: modify\nadd: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n`);
    const refused = await signIn(li);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_grant');
    // The lock is a bind refusal: a refresh does not bind, so the session runs on (idle 30 min, at most 10 h)…
    const refreshed = await refresh(session.body.refresh_token!);
    expect(refreshed.status).toBe(200);
    // …until an administrator ends it (Users → Sessions → Sign out, or this call).
    const sub = claimsOf(session.body.access_token!).sub as string;
    expect((await admin.api(`/users/${sub}/logout`, { method: 'POST' })).status).toBe(204);
    expect((await refresh(refreshed.body.refresh_token!)).status).toBe(400);
  });

  it('refuses sign-in and refresh to a person removed from the directory, and drops the Keycloak account', async () => {
    const { body } = await signIn(zhao);
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.refresh_token).toEqual(expect.any(String));
    const sub = claimsOf(body.access_token!).sub as string;
    directory.change(roleMembersLdif(directory, 'staff', [zhao.uid], 'delete'));
    directory.change(`dn: ${personDn(directory, zhao.uid)}\nchangetype: delete\n`);
    const refused = await signIn(zhao);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_grant');
    // No user cache (cachePolicy NO_CACHE): each read of the account checks it against the directory.
    expect((await admin.api(`/users/${sub}`)).status).toBe(404);
    const refreshed = await refresh(body.refresh_token!);
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('removes the accounts it imported when the provider is removed; added again, it imports them with a new sub', async () => {
    const before = (await keycloakUser(wang))!.id;
    expect((await admin.api(`/components/${providerId}`, { method: 'DELETE' })).status).toBe(204);
    providerId = undefined;
    expect((await admin.api(`/users/${before}`)).status).toBe(404);
    expect((await signIn(wang)).status).toBe(401);
    providerId = await addLdapFederation(admin, directory, `province-directory-${suffix}`);
    const again = claimsOf(await tokenOf(wang));
    expect(again).toMatchObject({ name: '王建国', unit: '431000' });
    expect(again.sub).not.toBe(before);
  });
});
