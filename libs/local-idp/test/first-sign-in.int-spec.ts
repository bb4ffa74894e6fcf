import { existsSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';

import { startLocalIdp, type LocalIdp } from '../src/index.js';

/**
 * A person's first sign-in at the local identity provider, in Debian's chromium: the directory
 * gave the account a temporary password (Keycloak's required action UPDATE_PASSWORD), so the login
 * page asks for a new one (设置新密码) before it sends the browser back to the app.
 * The same rules as the web app's browser tests (apps/web/test/harness.ts): without chromium this
 * fails saying how to install it, unless SKIP_BROWSER_TESTS=1 (never in CI).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = process.env.SKIP_BROWSER_TESTS === '1' && !process.env.CI;
if (skip) console.warn('local IdP browser test skipped: SKIP_BROWSER_TESTS=1');

const DIRECTORY_SECRET = 'browser-test-directory-secret';
const REDIRECT_URI = 'http://localhost:5173/auth/callback';

(skip ? describe.skip : describe)('first sign-in with a temporary password (chromium)', () => {
  let idp: LocalIdp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`this test needs chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH); SKIP_BROWSER_TESTS=1 skips it outside CI`);
    idp = await startLocalIdp({ port: 0, users: [], directoryClientSecret: DIRECTORY_SECRET });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  });

  afterAll(async () => {
    await browser?.close();
    await idp?.close();
  });

  it('asks for a new password, refuses a mismatch in Chinese, then signs the person in', async () => {
    const token = (await (
      await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`congress-directory:${DIRECTORY_SECRET}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      })
    ).json()) as { access_token: string };
    const created = await fetch(`${idp.url}/admin/realms/congress/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'chenzhou-new-staff',
        enabled: true,
        attributes: { fullName: ['新同事'], unit: ['431000'] },
        credentials: [{ type: 'password', value: 'Temporary-pass-1', temporary: true }],
      }),
    });
    expect(created.status).toBe(201);

    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    // Nothing listens at the app's address: answer its callback here.
    await page.route(`${REDIRECT_URI}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'app' }));
    const query = new URLSearchParams({
      client_id: 'congress-web',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      state: 'first-sign-in',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    await page.goto(`${idp.issuer}/protocol/openid-connect/auth?${query}`);
    await page.locator('#username').fill('chenzhou-new-staff');
    await page.locator('#password').fill('Temporary-pass-1');
    await page.getByRole('button', { name: '登录' }).click();

    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    await page.locator('#password-new').fill('Chosen-password-1');
    await page.locator('#password-confirm').fill('Chosen-password-2');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('alert').filter({ hasText: '密码不匹配。' }).waitFor();

    await page.locator('#password-new').fill('Chosen-password-1');
    await page.locator('#password-confirm').fill('Chosen-password-1');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL((url) => url.href.startsWith(REDIRECT_URI));
    const callback = new URL(page.url());
    expect(callback.searchParams.get('state')).toBe('first-sign-in');
    expect(callback.searchParams.get('code')).toBeTruthy();
    await context.close();

    // The new password is the account's password from now on.
    const signIn = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username: 'chenzhou-new-staff', password: 'Chosen-password-1' }),
    });
    expect(signIn.status).toBe(200);
  });
});
