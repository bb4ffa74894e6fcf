import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { loadDemoUsers, startLocalIdp, type LocalIdp, type LocalIdpOptions } from './index.js';
import { Browser, pkcePair, type Hop } from './test-support/browser.js';

// The local IdP's side of account provisioning (issue 12) that the IdpAdmin contract suite
// (libs/auth/test/idp-admin.int-spec.ts, run against Keycloak too) does not reach: the users
// file across restarts, and the login page's new-password step after a temporary password.

const FIXTURE = fileURLToPath(new URL('./__fixtures__/demo-data.json', import.meta.url));
const DIRECTORY_SECRET = 'spec-directory-secret';
const REDIRECT_URI = 'http://localhost:5173/auth/callback';

interface Admin {
  call(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: unknown; location: string | null }>;
}

async function adminOf(idp: LocalIdp): Promise<Admin> {
  const tokenResponse = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`congress-directory:${DIRECTORY_SECRET}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  return {
    async call(path, init = {}) {
      const res = await fetch(`${idp.url}/admin/realms/congress${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, location: res.headers.get('location') };
    },
  };
}

async function passwordGrant(idp: LocalIdp, username: string, password: string) {
  const res = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username, password }),
  });
  return { status: res.status, body: (await res.json()) as { access_token?: string; refresh_token?: string; error?: string; error_description?: string } };
}

/** Creates a user through the admin API; returns its id. */
async function createUser(admin: Admin, username: string, password: string, temporary = false, roles: string[] = []): Promise<string> {
  const created = await admin.call('/users', {
    method: 'POST',
    body: { username, enabled: true, attributes: { fullName: ['赵六'], unit: ['431000'] }, credentials: [{ type: 'password', value: password, temporary }] },
  });
  expect(created.status).toBe(201);
  const id = created.location!.split('/').pop()!;
  if (roles.length > 0) {
    const available = (await admin.call(`/users/${id}/role-mappings/realm/available`)).body as { id: string; name: string }[];
    const mapped = await admin.call(`/users/${id}/role-mappings/realm`, { method: 'POST', body: available.filter((r) => roles.includes(r.name)) });
    expect(mapped.status).toBe(204);
  }
  return id;
}

/** The form a page shows: where it posts and its fields as the page fills them (hidden ones included). */
function formOf(hop: Hop): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(hop.body)?.[1]?.replace(/&amp;/g, '&');
  if (!action) throw new Error(`no form on ${hop.url}:\n${hop.body}`);
  const fields: Record<string, string> = {};
  for (const input of hop.body.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(input[1]!)?.[1];
    if (name) fields[name] = /value="([^"]*)"/.exec(input[1]!)?.[1] ?? '';
  }
  return { action: new URL(action, hop.url).href, fields };
}

function errorOf(hop: Hop): string | undefined {
  return /<p class="error" role="alert">([^<]*)<\/p>/.exec(hop.body)?.[1];
}

describe('local IdP: the congress-directory client', () => {
  it('gets tokens for Keycloak’s admin API only, not for the platform’s API (as in the realm)', async () => {
    const idp = await startLocalIdp({ port: 0, users: [], directoryClientSecret: DIRECTORY_SECRET });
    try {
      const res = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`congress-directory:${DIRECTORY_SECRET}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const { access_token: token } = (await res.json()) as { access_token: string };
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      expect(claims).toMatchObject({
        aud: ['realm-management'],
        azp: 'congress-directory',
        preferred_username: 'service-account-congress-directory',
        realm_access: { roles: ['service'] },
        resource_access: { 'realm-management': { roles: ['manage-users', 'view-users', 'query-users'] } },
      });
    } finally {
      await idp.close();
    }
  });
});

describe('local IdP: accounts created at runtime survive a restart (usersFile)', () => {
  let dir: string;
  const options = (): LocalIdpOptions => ({ port: 0, users: loadDemoUsers(FIXTURE), usersFile: join(dir, 'users.json'), directoryClientSecret: DIRECTORY_SECRET });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-idp-users-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps created and changed users, hashed, and leaves untouched demo logins as the demo data says', async () => {
    const password = 'Runtime-password-1';
    let id: string;
    let first = await startLocalIdp(options());
    try {
      const admin = await adminOf(first);
      id = await createUser(admin, 'Runtime-User', password, false, ['staff']);
      // A demo login changed at runtime: the leader loses 'member'.
      const [leader] = (await admin.call('/users?username=fixture-leader&exact=true')).body as { id: string }[];
      const mappings = (await admin.call(`/users/${leader!.id}/role-mappings/realm`)).body as { id: string; name: string }[];
      expect((await admin.call(`/users/${leader!.id}/role-mappings/realm`, { method: 'DELETE', body: mappings.filter((r) => r.name === 'member') })).status).toBe(204);
      // And the liaison deleted.
      const [liaison] = (await admin.call('/users?username=fixture-liaison&exact=true')).body as { id: string }[];
      expect((await admin.call(`/users/${liaison!.id}`, { method: 'DELETE' })).status).toBe(204);
    } finally {
      await first.close();
    }

    const file = readFileSync(join(dir, 'users.json'), 'utf8');
    expect(file).not.toContain(password);
    expect(file).not.toContain('fixture-pass');
    const stored = JSON.parse(file) as { users: { username: string; credential: { algorithm: string } }[]; deleted: string[] };
    expect(stored.users.map((u) => [u.username, u.credential.algorithm]).sort()).toEqual([
      ['fixture-leader', 'scrypt'],
      ['runtime-user', 'scrypt'],
    ]);

    first = await startLocalIdp(options());
    try {
      const admin = await adminOf(first);
      const user = (await admin.call(`/users/${id}`)).body as { username: string; attributes: Record<string, string[]> };
      expect(user).toMatchObject({ username: 'runtime-user', attributes: { fullName: ['赵六'], unit: ['431000'] } });
      const runtimeToken = await passwordGrant(first, 'runtime-user', password);
      expect(runtimeToken.status).toBe(200);
      const claims = JSON.parse(Buffer.from(runtimeToken.body.access_token!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      expect(claims).toMatchObject({ sub: id, name: '赵六', unit: '431000', preferred_username: 'runtime-user' });
      expect((claims.realm_access as { roles: string[] }).roles.sort()).toEqual(['default-roles-congress', 'offline_access', 'staff', 'uma_authorization']);

      const leaderToken = await passwordGrant(first, 'fixture-leader', 'fixture-pass');
      expect(leaderToken.status).toBe(200);
      const leaderClaims = JSON.parse(Buffer.from(leaderToken.body.access_token!.split('.')[1]!, 'base64url').toString('utf8')) as { realm_access: { roles: string[] } };
      expect(leaderClaims.realm_access.roles).toEqual(['leader']);
      expect((await passwordGrant(first, 'fixture-liaison', 'fixture-pass')).status).toBe(401);
    } finally {
      await first.close();
    }
  });
});

describe('local IdP: the login page after a temporary password (设置新密码)', () => {
  let idp: LocalIdp;
  let admin: Admin;

  beforeAll(async () => {
    idp = await startLocalIdp({ port: 0, users: loadDemoUsers(FIXTURE), directoryClientSecret: DIRECTORY_SECRET });
    admin = await adminOf(idp);
  });
  afterAll(async () => {
    await idp?.close();
  });

  async function loginPage(browser: Browser): Promise<Hop> {
    const query = new URLSearchParams({
      client_id: 'congress-web',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const page = await browser.follow(await browser.request(`${idp.issuer}/protocol/openid-connect/auth?${query}`), (url) => url.startsWith(REDIRECT_URI));
    expect(page.body).toContain('请登录');
    return page;
  }

  async function submit(browser: Browser, page: Hop, values: Record<string, string>): Promise<Hop> {
    const { action, fields } = formOf(page);
    for (const name of Object.keys(values)) expect(Object.keys(fields)).toContain(name);
    return browser.request(action, { form: { ...fields, ...values } });
  }

  it('asks for a new password before completing the sign-in, and then the new one works', async () => {
    const temporary = 'Temporary-pass-1';
    await createUser(admin, 'first-sign-in', temporary, true);
    const browser = new Browser();

    const update = await submit(browser, await loginPage(browser), { username: 'First-Sign-In', password: temporary });
    expect(update.response.status).toBe(200);
    expect(update.body).toContain('设置新密码');
    expect(update.body).toContain('您需要更新您的密码来激活您的账户。');

    const refusals: [Record<string, string>, string][] = [
      [{ 'password-new': 'New-password-1', 'password-confirm': 'New-password-2' }, '密码不匹配。'],
      [{ 'password-new': 'Short-1', 'password-confirm': 'Short-1' }, '无效的密码：最短长度 10。'],
      [{ 'password-new': 'first-sign-in', 'password-confirm': 'first-sign-in' }, '无效的密码：不能与用户名相同。'],
      [{ 'password-new': temporary, 'password-confirm': temporary }, '新密码不能与临时密码相同。'],
    ];
    let page = update;
    for (const [values, message] of refusals) {
      page = await submit(browser, page, values);
      expect(page.response.status).toBe(200);
      expect(errorOf(page)).toBe(message);
    }
    // Until the new password is set, the temporary one gives no token.
    expect(await passwordGrant(idp, 'first-sign-in', temporary)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Account is not fully set up' } });

    const done = await submit(browser, page, { 'password-new': 'Chosen-password-1', 'password-confirm': 'Chosen-password-1' });
    expect(done.response.status).toBe(303);
    const landed = await browser.follow(done, (url) => url.startsWith(REDIRECT_URI));
    expect(new URL(landed.url).searchParams.get('code')).toBeTruthy();

    expect((await passwordGrant(idp, 'first-sign-in', 'Chosen-password-1')).status).toBe(200);
    expect((await passwordGrant(idp, 'first-sign-in', temporary)).status).toBe(401);
    const [user] = (await admin.call('/users?username=first-sign-in&exact=true')).body as { requiredActions: string[] }[];
    expect(user!.requiredActions).toEqual([]);
  });

  it('does not let a new-password form be posted without the temporary password first', async () => {
    const browser = new Browser();
    const page = await loginPage(browser);
    const { action } = formOf(page);
    const forged = await browser.request(action, { form: { step: 'update-password', 'password-new': 'Chosen-password-1', 'password-confirm': 'Chosen-password-1' } });
    expect(forged.response.status).toBe(200);
    expect(forged.body).toContain('请登录');
    expect(forged.body).not.toContain('设置新密码');
  });

  it('tells a disabled account so after the right password only, and its refresh tokens stop working', async () => {
    const password = 'Disabled-pass-1';
    const id = await createUser(admin, 'soon-disabled', password);
    const { body: tokens } = await passwordGrant(idp, 'soon-disabled', password);
    expect((await admin.call(`/users/${id}`, { method: 'PUT', body: { enabled: false } })).status).toBe(204);

    const browser = new Browser();
    const wrong = await submit(browser, await loginPage(browser), { username: 'soon-disabled', password: 'Not-the-password' });
    expect(errorOf(wrong)).toBe('用户名或密码错误');
    const right = await submit(browser, wrong, { username: 'soon-disabled', password });
    expect(right.response.status).toBe(200);
    expect(errorOf(right)).toBe('账户已被禁用，请联系您的管理员。');

    const refresh = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'congress-cli', refresh_token: tokens.refresh_token! }),
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
  });
});
