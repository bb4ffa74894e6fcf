import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ROLES } from '@congress/contracts';
import { TokenVerifier } from '@congress/auth';
import type { LocalIdp } from '@congress/local-idp';
import {
  createTestDatabase,
  createTestNamespace,
  keycloakAdmin,
  passwordToken,
  runServiceSeed,
  serviceEnv,
  startServiceProcesses,
  startTestIdp,
  type KeycloakAdmin,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';

/**
 * The committed realm (infra/keycloak/realm-congress.json) on a real Keycloak — the server
 * distribution `npm test` starts (tools/dev/keycloak.mjs) with the realm imported — and the gateway
 * reading its tokens. Without a Keycloak (no Java, no registry) it is skipped locally; CI always has one.
 */
const KEYCLOAK = process.env.TEST_KEYCLOAK_URL;
const describeKeycloak = KEYCLOAK || process.env.CI ? describe : describe.skip;
if (!KEYCLOAK && !process.env.CI) console.warn('TEST_KEYCLOAK_URL is not set: the tests against a real Keycloak are skipped');

interface UserProfileAttribute {
  name: string;
  permissions?: { view?: string[]; edit?: string[] };
  validations?: Record<string, Record<string, unknown>>;
}

describeKeycloak('the realm on a real Keycloak, and the gateway reading its tokens', () => {
  const suffix = randomBytes(3).toString('hex');
  const password = `Demo-${randomBytes(6).toString('hex')}`;
  let admin: KeycloakAdmin;
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let services: ServiceProcess[] = [];
  let gatewayUrl: string;

  const adminApi: KeycloakAdmin['api'] = (path, init) => admin.api(path, init);
  const tokenOf = async (username: string): Promise<string> => {
    const res = await fetch(`${KEYCLOAK}/realms/congress/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username, password, scope: 'openid' }),
    });
    const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!body.access_token) throw new Error(`no token for ${username}: ${body.error} ${body.error_description}`);
    return body.access_token;
  };
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const createUser = (username: string, attributes: Record<string, string[]>, roles: string[]) => admin.createUser(username, password, attributes, roles);

  beforeAll(async () => {
    admin = await keycloakAdmin();
    // Scripts sign in through congress-cli (password grant), which the realm ships disabled: an
    // operator turns it on where scripts need it, as this test does.
    const [cli] = (await adminApi<{ id: string }[]>('/clients?clientId=congress-cli')).body;
    expect((await adminApi(`/clients/${cli!.id}`, { method: 'PUT', body: JSON.stringify({ ...cli, enabled: true }) })).status).toBe(204);

    db = await createTestDatabase();
    ns = createTestNamespace();
    const env = serviceEnv(db.url, ns.namespace);
    for (const service of ['directory', 'project-library', 'issue-tracking'] as const) await runServiceSeed(service, env);
    services = await startServiceProcesses([
      { name: 'directory', env },
      { name: 'project-library', env },
      { name: 'issue-tracking', env },
      { name: 'gateway', env: { ...env, KEYCLOAK_URL: KEYCLOAK!, KEYCLOAK_REALM: 'congress' } },
    ]);
    gatewayUrl = services[3]!.url;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((p) => p.kill()));
    await ns?.cleanup();
    await db?.drop();
  });

  it('imports with Keycloak’s built-in scopes, the platform’s roles and the clients as committed', async () => {
    const scopes = (await adminApi<{ name: string }[]>('/client-scopes')).body.map((s) => s.name);
    expect(scopes).toEqual(expect.arrayContaining(['basic', 'profile', 'roles', 'web-origins', 'acr']));
    const roles = (await adminApi<{ name: string }[]>('/roles')).body.map((r) => r.name);
    expect(roles).toEqual(expect.arrayContaining([...ROLES, 'service']));
    const clients = (await adminApi<{ clientId: string; publicClient: boolean; standardFlowEnabled: boolean; directAccessGrantsEnabled: boolean; serviceAccountsEnabled: boolean; attributes: Record<string, string> }[]>('/clients')).body;
    const web = clients.find((c) => c.clientId === 'congress-web')!;
    expect(web).toMatchObject({ publicClient: true, standardFlowEnabled: true, directAccessGrantsEnabled: false });
    expect(web.attributes['pkce.code.challenge.method']).toBe('S256');
    expect(clients.find((c) => c.clientId === 'congress-service')).toMatchObject({ publicClient: false, serviceAccountsEnabled: true });
  });

  it('declares unit (six digits) and body as attributes only an administrator sees and sets, and drops undeclared ones', async () => {
    const profile = (await adminApi<{ attributes: UserProfileAttribute[] }>('/users/profile')).body;
    const unit = profile.attributes.find((a) => a.name === 'unit');
    const body = profile.attributes.find((a) => a.name === 'body');
    expect(unit?.permissions).toEqual({ view: ['admin'], edit: ['admin'] });
    expect(body?.permissions).toEqual({ view: ['admin'], edit: ['admin'] });
    expect(unit?.validations?.pattern?.pattern).toBe('^\\d{6}$');
    const refused = await adminApi('/users', { method: 'POST', body: JSON.stringify({ username: `bad-unit-${suffix}`, enabled: true, attributes: { unit: ['4310'], fullName: ['某人'] } }) });
    expect(refused.status).toBe(400);
    const id = await createUser(`stray-${suffix}`, { unit: ['431000'], fullName: ['某人'], favourite: ['x'] }, ['staff']);
    const stored = (await adminApi<{ attributes: Record<string, string[]> }>(`/users/${id}`)).body;
    expect(stored.attributes.unit).toEqual(['431000']);
    expect(stored.attributes.favourite).toBeUndefined();
  });

  it('issues access tokens with what the gateway reads: sub, roles, unit, body, a Chinese name in order, the API’s audience', async () => {
    await createUser(`chenzhou-liaison-${suffix}`, { unit: ['431000'], body: ['4b3c2a10-0000-4000-8000-000000000001'], fullName: ['孙涛'] }, ['body-liaison']);
    const claims = claimsOf(await tokenOf(`chenzhou-liaison-${suffix}`));
    expect(claims.sub).toEqual(expect.any(String));
    expect(claims.aud).toEqual(expect.arrayContaining(['congress-api']));
    expect(claims).toMatchObject({ unit: '431000', body: '4b3c2a10-0000-4000-8000-000000000001', name: '孙涛', preferred_username: `chenzhou-liaison-${suffix}` });
    expect((claims.realm_access as { roles: string[] }).roles).toContain('body-liaison');
  });

  it('lets the gateway in with a Keycloak token, scoped to the token’s unit, and refuses one whose unit was changed', async () => {
    await createUser(`chenzhou-staff-${suffix}`, { unit: ['431000'], fullName: ['高成平'] }, ['staff']);
    const token = await tokenOf(`chenzhou-staff-${suffix}`);
    const get = (path: string, bearer = token) => fetch(`${gatewayUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    expect((await get('/units/431000/people')).status).toBe(200);
    expect((await get('/units/430100/people')).status).toBe(403);
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claimsOf(token), unit: '430100' })).toString('base64url')}.${signature}`;
    const refused = await get('/units/430100/people', tampered);
    expect(refused.status).toBe(401);
  });

  it('keeps a body liaison signed in at Keycloak to the problems of its own body', async () => {
    const FGW = 'a5e55adf-9030-5f99-9178-0586395daf56'; // 郴州市发展和改革委员会 (demo)
    const STHJJ = '267af8e2-ea90-591b-ad08-e7945d5f1fdf'; // 郴州市生态环境局 (demo)
    await createUser(`chenzhou-fgw-${suffix}`, { unit: ['431000'], body: [FGW], fullName: ['孙涛'] }, ['body-liaison']);
    const token = await tokenOf(`chenzhou-fgw-${suffix}`);
    const get = (path: string) => fetch(`${gatewayUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    const mine = await get('/problems?limit=200');
    expect(mine.status).toBe(200);
    const items = ((await mine.json()) as { items: { responsibleBodyId: string; coBodyIds?: string[] }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    for (const problem of items) expect([problem.responsibleBodyId, ...(problem.coBodyIds ?? [])]).toContain(FGW);
    expect((await get(`/problems?body=${STHJJ}`)).status).toBe(403);
  });

  it('gives the gateway the same actor from Keycloak and from the local identity provider', async () => {
    const username = `twin-${suffix}`;
    const subject = await createUser(username, { unit: ['431000'], body: ['4b3c2a10-0000-4000-8000-000000000002'], fullName: ['双胞'] }, ['staff', 'member']);
    const idp: LocalIdp = await startTestIdp({ users: [{ username, password, subject, name: '双胞', unitCode: '431000', roles: ['staff', 'member'], bodyId: '4b3c2a10-0000-4000-8000-000000000002' }] });
    try {
      const fromKeycloak = await new TokenVerifier({ url: KEYCLOAK!, realm: 'congress', audience: 'congress-api' }).verify(await tokenOf(username));
      const fromLocal = await new TokenVerifier({ url: idp.url, realm: 'congress', audience: 'congress-api' }).verify(await passwordToken(idp, username, password));
      expect({ ...fromKeycloak, roles: [...fromKeycloak.roles].sort() }).toEqual({ ...fromLocal, roles: [...fromLocal.roles].sort() });
    } finally {
      await idp.close();
    }
  });
});
