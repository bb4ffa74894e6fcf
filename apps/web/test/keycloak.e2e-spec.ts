import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { keycloakAdmin } from '@congress/testing';
import { describeInBrowser, journalled, usePlatform } from './harness.js';

/**
 * The web app signing in at a real Keycloak (the server `npm test` starts with the committed realm,
 * tools/dev/keycloak.mjs): authorization code with PKCE through Keycloak's own login page, back to
 * the workbench of the user's unit, with the Chinese name as Keycloak issues it.
 */
const KEYCLOAK = process.env.TEST_KEYCLOAK_URL;
const describeKeycloak = KEYCLOAK || process.env.CI ? describeInBrowser : describe.skip;

describeKeycloak('the web app signing in at a real Keycloak (chromium, PKCE)', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking'], { KEYCLOAK_URL: KEYCLOAK ?? 'http://127.0.0.1:9', KEYCLOAK_REALM: 'congress' });
  const username = `chenzhou-staff-web-${randomBytes(3).toString('hex')}`;
  const password = `Demo-${randomBytes(6).toString('hex')}`;

  it('signs a staff member in through Keycloak’s login page with PKCE and shows the workbench of 郴州', journalled(async () => {
    const admin = await keycloakAdmin();
    // The operator registers the platform's address with the web client (here: the test's gateway).
    const [web] = (await admin.api<{ id: string; redirectUris: string[]; webOrigins: string[]; attributes: Record<string, string> }[]>('/clients?clientId=congress-web')).body;
    const app = running.app;
    const updated = { ...web, redirectUris: [...web!.redirectUris, `${app}/*`], webOrigins: [...web!.webOrigins, app], attributes: { ...web!.attributes, 'post.logout.redirect.uris': `${web!.attributes['post.logout.redirect.uris']}##${app}/*` } };
    expect((await admin.api(`/clients/${web!.id}`, { method: 'PUT', body: JSON.stringify(updated) })).status).toBe(204);
    // A staff member of 郴州, as the office would enter them.
    await admin.createUser(username, password, { unit: ['431000'], fullName: ['高成平'] }, ['staff']);

    const context = await running.platform.newContext();
    const page = await context.newPage();
    await page.goto(`${app}/`);
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/congress/protocol/openid-connect/auth`), { timeout: 30_000 });
    // PKCE: the app asked with an S256 code challenge.
    expect(new URL(page.url()).searchParams.get('code_challenge_method')).toBe('S256');
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await running.platform.screenshot(page, 'keycloak-login.png');
    await page.locator('#kc-login').click();
    await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/auth/'), { timeout: 30_000 });
    await page.getByTestId('current-unit').filter({ hasText: '郴州市人大常委会' }).waitFor();
    await page.getByTestId('user-menu').getByText('高成平').waitFor();
    await page.getByTestId('user-menu').getByText('机关工作人员').waitFor();
    await page.getByText('在库项目').waitFor();
    await running.platform.screenshot(page, 'keycloak-workbench.png');
    await context.close();
  }));
});
