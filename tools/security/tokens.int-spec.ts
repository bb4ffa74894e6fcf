import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalIdp } from '@congress/local-idp';
import {
  createTestDatabase,
  createTestNamespace,
  demoUsers,
  forgeToken,
  passwordIdToken,
  runServiceSeed,
  serviceEnv,
  signWithIdpKey,
  startServiceProcesses,
  startTestIdp,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';

/**
 * The first boundary, browser → gateway: only an access token of the realm, for the API
 * (`aud` congress-api), unexpired and signed by the realm's key, gets in. The gateway and the
 * directory run as built processes against a real identity provider.
 */
describe('tokens at the gateway (gateway and directory as processes, a real OIDC provider)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let idp: LocalIdp;
  let keyDir: string;
  let services: ServiceProcess[] = [];
  let gatewayUrl: string;

  const get = (token?: string) => fetch(`${gatewayUrl}/api/v1/units/431000`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const claims = (iss: string, aud: string | string[] | null = 'congress-api') => ({ iss, ...(aud === null ? {} : { aud }), sub: 'someone', preferred_username: 'chenzhou-staff', unit: '431000', realm_access: { roles: ['staff'] } });
  const inTenMinutes = () => Math.floor(Date.now() / 1000) + 600;
  const signed = (payload: Record<string, unknown>, exp = inTenMinutes()) => signWithIdpKey(join(keyDir, 'jwks.json'), payload, exp);

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    keyDir = mkdtempSync(join(tmpdir(), 'idp-'));
    idp = await startTestIdp({ keyFile: join(keyDir, 'jwks.json'), users: demoUsers() });
    const env = serviceEnv(db.url, ns.namespace);
    await runServiceSeed('directory', env);
    services = await startServiceProcesses([
      { name: 'directory', env },
      { name: 'gateway', env: { ...env, KEYCLOAK_URL: idp.url, KEYCLOAK_REALM: 'congress' } },
    ]);
    gatewayUrl = services[1]!.url;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((p) => p.kill()));
    await idp?.close();
    await ns?.cleanup();
    await db?.drop();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  it('accepts a token signed by the realm for the API (the control for the refusals below)', async () => {
    const res = await get(await signed(claims(idp.issuer)));
    expect(res.status).toBe(200);
  });

  it.each([
    ['no token', async () => undefined],
    ['an expired token', async () => signed(claims(idp.issuer), Math.floor(Date.now() / 1000) - 120)],
    ['a forged token (another key)', async () => forgeToken(claims(idp.issuer))],
    ['a token of a foreign issuer', async () => signed(claims('http://localhost:8080/realms/elsewhere'))],
    ['garbage', async () => 'not-a-jwt'],
    // Signed by the realm and otherwise valid, but not for the API: the audience is always checked.
    ['an ID token (its audience is the client congress-cli)', async () => passwordIdToken(idp, 'chenzhou-staff')],
    ['a token for another audience', async () => signed(claims(idp.issuer, ['account', 'congress-web']))],
    ['a token without an audience', async () => signed(claims(idp.issuer, null))],
  ])('refuses %s with 401 problem+json', async (_label, make) => {
    const res = await get(await make());
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; requestId: string };
    expect(body.code).toBe('unauthenticated');
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });
});
