import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';

import { loadDemoUsers, startLocalIdp, type LocalIdp, type LocalIdpUser } from './index.js';
import { Browser, pkcePair } from './test-support/browser.js';

const FIXTURE = fileURLToPath(new URL('./__fixtures__/demo-data.json', import.meta.url));
const SERVICE_SECRET = 'spec-service-secret';
const REDIRECT_URI = 'http://localhost:5173/auth/callback';

interface TokenResponse {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
  error?: string;
  error_description?: string;
}

describe('loadDemoUsers', () => {
  it('returns the people with a username, with the file password', () => {
    const users = loadDemoUsers(FIXTURE);
    expect(users).toEqual([
      {
        username: 'fixture-leader',
        password: 'fixture-pass',
        subject: '6f1c2d3e-4b5a-5c6d-8e7f-001122334455',
        name: '王建国',
        unitCode: '431000',
        roles: ['leader', 'member'],
        bodyId: null,
      },
      {
        username: 'fixture-liaison',
        password: 'fixture-pass',
        subject: '6f1c2d3e-4b5a-5c6d-8e7f-001122334466',
        name: '李红梅',
        unitCode: '431000',
        roles: ['body-liaison'],
        bodyId: '9a8b7c6d-5e4f-5a3b-9c2d-1e0f00aa11bb',
      },
    ]);
  });
});

describe('local identity provider', () => {
  let idp: LocalIdp;
  let users: LocalIdpUser[];
  let leader: LocalIdpUser;
  let liaison: LocalIdpUser;
  let discovery: Record<string, unknown>;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  const tokenEndpoint = () => String(discovery.token_endpoint);

  async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as TokenResponse & Record<string, unknown> };
  }

  function passwordGrant(username: string, password: string, scope = 'openid') {
    return postForm(tokenEndpoint(), { grant_type: 'password', client_id: 'congress-cli', username, password, scope });
  }

  function basic(clientId: string, secret: string): Record<string, string> {
    return { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` };
  }

  async function verifyAccessToken(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, jwks, { issuer: idp.issuer, audience: 'congress-api', algorithms: ['RS256'] });
    return payload;
  }

  beforeAll(async () => {
    users = loadDemoUsers(FIXTURE);
    [leader, liaison] = users;
    idp = await startLocalIdp({ port: 0, users, serviceClientSecret: SERVICE_SECRET });
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    discovery = (await response.json()) as Record<string, unknown>;
    jwks = createRemoteJWKSet(new URL(String(discovery.jwks_uri)));
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('reports the real port when started on port 0', () => {
    const { port } = new URL(idp.url);
    expect(Number(port)).toBeGreaterThan(0);
    expect(idp.url).toBe(`http://localhost:${port}`);
    expect(idp.issuer).toBe(`http://localhost:${port}/realms/congress`);
  });

  it('serves a Keycloak-shaped discovery document', () => {
    const base = `${idp.issuer}/protocol/openid-connect`;
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${base}/auth`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/certs`,
      userinfo_endpoint: `${base}/userinfo`,
      end_session_endpoint: `${base}/logout`,
      introspection_endpoint: `${base}/token/introspect`,
      revocation_endpoint: `${base}/revoke`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'password']),
    );
    expect(discovery.grant_types_supported).not.toContain('implicit');
    expect(discovery.response_types_supported).toEqual(['code']);
  });

  it('publishes only public RSA keys with a kid', async () => {
    const body = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    expect(typeof body.keys[0].kid).toBe('string');
    expect(body.keys[0].d).toBeUndefined();
  });

  describe('password grant (congress-cli)', () => {
    it('issues a verifiable Keycloak-shaped access token', async () => {
      const { status, body } = await passwordGrant(leader.username, leader.password);
      expect(status).toBe(200);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'openid' });
      expect(typeof body.refresh_token).toBe('string');
      expect(typeof body.id_token).toBe('string');

      const header = decodeProtectedHeader(body.access_token!);
      const published = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: { kid: string }[] };
      expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
      expect(published.keys.map((k) => k.kid)).toContain(header.kid);

      const claims = await verifyAccessToken(body.access_token!);
      expect(claims).toMatchObject({
        iss: idp.issuer,
        sub: leader.subject,
        typ: 'Bearer',
        azp: 'congress-cli',
        scope: 'openid',
        preferred_username: 'fixture-leader',
        name: '王建国',
        realm_access: { roles: ['leader', 'member'] },
        unit: '431000',
      });
      expect(claims.aud).toEqual(expect.arrayContaining(['congress-api', 'account']));
      expect(claims.exp! - claims.iat!).toBe(900);
      expect(typeof claims.jti).toBe('string');
      expect(claims.body).toBeUndefined();
      expect(claims.client_id).toBeUndefined(); // Keycloak names the client in azp only

      const { payload: idClaims } = await jwtVerify(body.id_token!, jwks, { issuer: idp.issuer, audience: 'congress-cli' });
      expect(idClaims.sub).toBe(leader.subject);
    });

    it('carries the body of a user who has one', async () => {
      const { body } = await passwordGrant(liaison.username, liaison.password, 'profile');
      const claims = await verifyAccessToken(body.access_token!);
      expect(claims).toMatchObject({ sub: liaison.subject, body: liaison.bodyId, realm_access: { roles: ['body-liaison'] } });
      expect(body.id_token).toBeUndefined(); // no openid scope, no ID token
    });

    it('refuses a wrong password or an unknown user with invalid_grant', async () => {
      for (const [username, password] of [
        [leader.username, 'wrong'],
        ['nobody', leader.password],
      ]) {
        const { status, body } = await passwordGrant(username, password);
        expect(status).toBe(401);
        expect(body).toEqual({ error: 'invalid_grant', error_description: '用户名或密码错误' });
      }
    });

    it('is not open to the web client', async () => {
      const { status, body } = await postForm(tokenEndpoint(), {
        grant_type: 'password',
        client_id: 'congress-web',
        username: leader.username,
        password: leader.password,
      });
      expect(status).toBe(400);
      expect(body.access_token).toBeUndefined();
    });
  });

  describe('refresh_token grant', () => {
    it('returns a new access token with the same claims and rotates the refresh token', async () => {
      const first = (await passwordGrant(leader.username, leader.password)).body;
      const firstClaims = await verifyAccessToken(first.access_token!);

      const { status, body } = await postForm(tokenEndpoint(), {
        grant_type: 'refresh_token',
        client_id: 'congress-cli',
        refresh_token: first.refresh_token!,
      });
      expect(status).toBe(200);
      const claims = await verifyAccessToken(body.access_token!);
      expect(claims.jti).not.toBe(firstClaims.jti);
      for (const claim of ['sub', 'azp', 'preferred_username', 'name', 'realm_access', 'unit', 'scope', 'aud']) {
        expect(claims[claim]).toEqual(firstClaims[claim]);
      }
      expect(typeof body.refresh_token).toBe('string');
      expect(body.refresh_token).not.toBe(first.refresh_token);

      const reuse = await postForm(tokenEndpoint(), {
        grant_type: 'refresh_token',
        client_id: 'congress-cli',
        refresh_token: first.refresh_token!,
      });
      expect(reuse.status).toBe(400);
      expect(reuse.body.error).toBe('invalid_grant');
    });
  });

  describe('revocation', () => {
    it('revokes a refresh token so it can no longer be used', async () => {
      const { refresh_token: refreshToken } = (await passwordGrant(leader.username, leader.password)).body;
      const revoked = await fetch(String(discovery.revocation_endpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken!, client_id: 'congress-cli' }),
      });
      expect(revoked.status).toBe(200);
      const { status, body } = await postForm(tokenEndpoint(), { grant_type: 'refresh_token', client_id: 'congress-cli', refresh_token: refreshToken! });
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_grant');
    });
  });

  describe('client_credentials grant (congress-service)', () => {
    it('issues a service-account token with client_secret_basic', async () => {
      const { status, body } = await postForm(tokenEndpoint(), { grant_type: 'client_credentials' }, basic('congress-service', SERVICE_SECRET));
      expect(status).toBe(200);
      expect(body.refresh_token).toBeUndefined();
      const claims = await verifyAccessToken(body.access_token!);
      expect(claims).toMatchObject({
        azp: 'congress-service',
        typ: 'Bearer',
        client_id: 'congress-service',
        preferred_username: 'service-account-congress-service',
        realm_access: { roles: ['service'] },
      });
      expect(claims.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(claims.unit).toBeUndefined();

      // The same client gets the same subject, also with client_secret_post.
      const again = await postForm(tokenEndpoint(), {
        grant_type: 'client_credentials',
        client_id: 'congress-service',
        client_secret: SERVICE_SECRET,
      });
      expect((await verifyAccessToken(again.body.access_token!)).sub).toBe(claims.sub);
    });

    it('refuses a wrong secret', async () => {
      const { status, body } = await postForm(tokenEndpoint(), { grant_type: 'client_credentials' }, basic('congress-service', 'wrong'));
      expect(status).toBe(401);
      expect(body.error).toBe('invalid_client');
      expect(body.access_token).toBeUndefined();
    });
  });

  describe('userinfo and introspection', () => {
    it('answers userinfo for an access token with the openid scope only', async () => {
      const withOpenid = (await passwordGrant(liaison.username, liaison.password, 'openid')).body.access_token!;
      const info = await fetch(String(discovery.userinfo_endpoint), { headers: { authorization: `Bearer ${withOpenid}` } });
      expect(info.status).toBe(200);
      expect(await info.json()).toEqual({
        sub: liaison.subject,
        preferred_username: 'fixture-liaison',
        name: '李红梅',
        realm_access: { roles: ['body-liaison'] },
        unit: '431000',
        body: liaison.bodyId,
      });

      const withoutOpenid = (await passwordGrant(liaison.username, liaison.password, 'profile')).body.access_token!;
      const refused = await fetch(String(discovery.userinfo_endpoint), { headers: { authorization: `Bearer ${withoutOpenid}` } });
      expect(refused.status).toBe(403);

      const tampered = `${withOpenid.slice(0, -4)}AAAA`;
      const invalid = await fetch(String(discovery.userinfo_endpoint), { headers: { authorization: `Bearer ${tampered}` } });
      expect(invalid.status).toBe(401);
    });

    it('introspects access and refresh tokens for confidential clients only', async () => {
      const tokens = (await passwordGrant(leader.username, leader.password)).body;
      const endpoint = String(discovery.introspection_endpoint);
      const service = basic('congress-service', SERVICE_SECRET);

      const access = await postForm(endpoint, { token: tokens.access_token! }, service);
      expect(access.status).toBe(200);
      expect(access.body).toMatchObject({ active: true, sub: leader.subject, username: 'fixture-leader', client_id: 'congress-cli', unit: '431000' });

      const refresh = await postForm(endpoint, { token: tokens.refresh_token! }, service);
      expect(refresh.body).toMatchObject({ active: true, sub: leader.subject, client_id: 'congress-cli' });

      const garbage = await postForm(endpoint, { token: `${tokens.access_token!.slice(0, -4)}AAAA` }, service);
      expect(garbage.body).toEqual({ active: false });

      const publicClient = await postForm(endpoint, { token: tokens.access_token!, client_id: 'congress-cli' });
      expect(publicClient.status).toBe(401);
    });
  });

  describe('authorization code flow with PKCE (congress-web)', () => {
    async function authorize(browser: Browser, challenge: string, state = 'state-123') {
      const query = new URLSearchParams({
        client_id: 'congress-web',
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid profile',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const start = await browser.request(`${discovery.authorization_endpoint}?${query}`);
      return browser.follow(start, (url) => url.startsWith(REDIRECT_URI));
    }

    async function login(browser: Browser, challenge: string, who: LocalIdpUser = leader): Promise<URL> {
      const loginPage = await authorize(browser, challenge);
      expect(loginPage.response.status).toBe(200);
      expect(loginPage.url).toMatch(/\/realms\/congress\/login-actions\/[\w-]+$/);
      expect(loginPage.body).toContain('用户名');
      expect(loginPage.body).toContain('密码');
      expect(loginPage.body).toContain('登录');

      const wrong = await browser.request(loginPage.url, { form: { username: who.username, password: 'wrong' } });
      expect(wrong.response.status).toBe(200);
      expect(wrong.body).toContain('用户名或密码错误');

      const submitted = await browser.request(loginPage.url, { form: { username: who.username, password: who.password } });
      expect(submitted.response.status).toBe(303);
      const landed = await browser.follow(submitted, (url) => url.startsWith(REDIRECT_URI));
      expect(landed.url.startsWith(REDIRECT_URI)).toBe(true);
      return new URL(landed.url);
    }

    function exchange(code: string, verifier: string, origin?: string) {
      return postForm(
        tokenEndpoint(),
        { grant_type: 'authorization_code', client_id: 'congress-web', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
        origin ? { origin } : {},
      );
    }

    it('logs in on the login page and exchanges the code with the code_verifier', async () => {
      const browser = new Browser();
      const { verifier, challenge } = pkcePair();
      const callback = await login(browser, challenge);
      expect(callback.searchParams.get('state')).toBe('state-123');
      const code = callback.searchParams.get('code');
      expect(code).toBeTruthy();

      const { status, headers, body } = await exchange(code!, verifier, 'http://localhost:5173');
      expect(status).toBe(200);
      expect(headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      expect(typeof body.refresh_token).toBe('string');
      expect(typeof body.id_token).toBe('string');

      const claims = await verifyAccessToken(body.access_token!);
      expect(claims).toMatchObject({
        sub: leader.subject,
        azp: 'congress-web',
        preferred_username: 'fixture-leader',
        realm_access: { roles: ['leader', 'member'] },
        unit: '431000',
      });
      expect(String(claims.scope).split(' ')).toEqual(expect.arrayContaining(['openid', 'profile']));

      const { payload: idClaims } = await jwtVerify(body.id_token!, jwks, { issuer: idp.issuer, audience: 'congress-web' });
      expect(idClaims).toMatchObject({ sub: leader.subject, preferred_username: 'fixture-leader', name: '王建国' });

      // The code is single-use.
      const replay = await exchange(code!, verifier);
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe('invalid_grant');

      // The second authorization in the same browser needs no login (SSO session).
      const again = await authorize(browser, pkcePair().challenge, 'state-456');
      expect(again.url.startsWith(REDIRECT_URI)).toBe(true);
      expect(new URL(again.url).searchParams.get('state')).toBe('state-456');
    });

    it('answers browsers from the web origins only (CORS)', async () => {
      const refresh = (origin: string) =>
        postForm(tokenEndpoint(), { grant_type: 'refresh_token', client_id: 'congress-web', refresh_token: 'unknown' }, { origin });
      const allowed = await refresh('http://localhost:3000');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(allowed.body.error).toBe('invalid_grant'); // got as far as the grant
      const foreign = await refresh('http://evil.example');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(foreign.body.error).toBe('invalid_request');
    });

    it('refuses a wrong code_verifier', async () => {
      const browser = new Browser();
      const { challenge } = pkcePair();
      const code = (await login(browser, challenge)).searchParams.get('code')!;
      const { status, body } = await exchange(code, pkcePair().verifier);
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_grant');
      expect(body.access_token).toBeUndefined();
    });

    it('refuses a redirect_uri outside the registered patterns', async () => {
      const query = new URLSearchParams({
        client_id: 'congress-web',
        response_type: 'code',
        redirect_uri: 'http://evil.example/callback',
        scope: 'openid',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      });
      const { response } = await new Browser().request(`${discovery.authorization_endpoint}?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    });

    /** A browser signed in as `who` (the web client) and the ID token the app would keep. */
    async function signedIn(who: LocalIdpUser = leader): Promise<{ browser: Browser; idToken: string }> {
      const browser = new Browser();
      const { verifier, challenge } = pkcePair();
      const code = (await login(browser, challenge, who)).searchParams.get('code')!;
      const { id_token: idToken } = (await exchange(code, verifier)).body;
      return { browser, idToken: idToken! };
    }

    /** The logout page's form: where it posts, its xsrf token, and whether it says logout=yes by itself. */
    function logoutForm(body: string) {
      const action = /<form[^>]*action="([^"]+)"/.exec(body)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(body)?.[1];
      expect(action && xsrf).toBeTruthy();
      return { action: new URL(action!, idp.url).href, xsrf: xsrf!, confirmed: /<input type="hidden" name="logout" value="yes"/.test(body), asks: body.includes('确定要退出登录吗') };
    }

    /** Whether the browser is still signed in: a new authorization request comes straight back with a code. */
    async function stillSignedIn(browser: Browser): Promise<boolean> {
      const landed = await authorize(browser, pkcePair().challenge);
      return landed.url.startsWith(REDIRECT_URI);
    }

    const logoutQuery = (idToken?: string) => ({
      ...(idToken ? { id_token_hint: idToken } : {}),
      client_id: 'congress-web',
      post_logout_redirect_uri: 'http://localhost:5173/auth/signed-out',
      state: 'bye',
    });

    it('logs out without asking when a form POST names the signed-in person with their ID token (as Keycloak)', async () => {
      const { browser, idToken } = await signedIn();
      const page = await browser.request(String(discovery.end_session_endpoint), { form: logoutQuery(idToken) });
      expect(page.response.status).toBe(200);
      const form = logoutForm(page.body);
      // The page sends its form by itself (logout=yes): nothing for the person to confirm.
      expect(form).toMatchObject({ confirmed: true, asks: false });
      expect(page.body).toContain("document.getElementById('op.logoutForm').submit()");

      const done = await browser.request(form.action, { form: { xsrf: form.xsrf, logout: 'yes' } });
      const landed = await browser.follow(done, (url) => url.startsWith('http://localhost:5173/'));
      expect(landed.url).toBe('http://localhost:5173/auth/signed-out?state=bye');
      await expect(stillSignedIn(browser)).resolves.toBe(false);
    });

    it('logs out without asking by GET too, to a post-logout redirect URI matching the patterns', async () => {
      const { browser, idToken } = await signedIn();
      const page = await browser.request(`${discovery.end_session_endpoint}?${new URLSearchParams({ ...logoutQuery(idToken), post_logout_redirect_uri: 'http://localhost:5173/' })}`);
      const form = logoutForm(page.body);
      expect(form).toMatchObject({ confirmed: true, asks: false });
      const done = await browser.request(form.action, { form: { xsrf: form.xsrf, logout: 'yes' } });
      const landed = await browser.follow(done, (url) => url.startsWith('http://localhost:5173/'));
      expect(landed.url).toBe('http://localhost:5173/?state=bye');
    });

    it('asks to confirm a logout that names no one (no id_token_hint), and keeps the session on 取消', async () => {
      const { browser } = await signedIn();
      const page = await browser.request(String(discovery.end_session_endpoint), { form: logoutQuery() });
      const form = logoutForm(page.body);
      expect(form).toMatchObject({ confirmed: false, asks: true });
      const cancelled = await browser.request(form.action, { form: { xsrf: form.xsrf } });
      expect(cancelled.response.status).toBe(303);
      await expect(stillSignedIn(browser)).resolves.toBe(true);
    });

    it("asks to confirm a logout whose ID token is another person's", async () => {
      const { idToken: othersToken } = await signedIn(liaison);
      const { browser } = await signedIn();
      const page = await browser.request(`${discovery.end_session_endpoint}?${new URLSearchParams(logoutQuery(othersToken))}`);
      expect(logoutForm(page.body)).toMatchObject({ confirmed: false, asks: true });
      await expect(stillSignedIn(browser)).resolves.toBe(true);
    });

    it('refuses a logout POST with a forged ID token', async () => {
      const { browser, idToken } = await signedIn();
      const [header, payload] = idToken.split('.');
      const page = await browser.request(String(discovery.end_session_endpoint), { form: logoutQuery(`${header}.${payload}.${'A'.repeat(342)}`) });
      expect(page.response.status).toBe(400);
      expect(page.body).not.toContain('op.logoutForm');
      await expect(stillSignedIn(browser)).resolves.toBe(true);
    });
  });
});

describe('local identity provider key file', () => {
  it('creates the key file once and keeps signing with it across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-idp-'));
    const keyFile = join(dir, 'nested', 'jwks.json');
    try {
      const kids: string[] = [];
      for (let run = 0; run < 2; run += 1) {
        const idp = await startLocalIdp({ port: 0, users: [], keyFile });
        try {
          const body = (await (await fetch(`${idp.issuer}/protocol/openid-connect/certs`)).json()) as { keys: { kid: string }[] };
          kids.push(body.keys[0].kid);
        } finally {
          await idp.close();
        }
      }
      expect(existsSync(keyFile)).toBe(true);
      const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as { keys: { kid: string; d?: string }[] };
      expect(typeof stored.keys[0].d).toBe('string');
      expect(kids).toEqual([stored.keys[0].kid, stored.keys[0].kid]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
