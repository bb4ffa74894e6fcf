import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { keycloakAdmin } from '@congress/testing';
import { describeInBrowser, journalled, usePlatform } from './harness.js';

/**
 * Issue 12, end to end on the real Keycloak `npm test` starts: an office administrator adds a member
 * to the roster through the API; the directory makes her account at Keycloak (admin API, client
 * credentials of congress-directory) and links its `sub`; the office issues an initial password; she
 * signs in to the web app through Keycloak's login page, must change it there, and votes in a
 * satisfaction evaluation — matched to the roster by that `sub`.
 */
const KEYCLOAK = process.env.TEST_KEYCLOAK_URL;
const describeKeycloak = KEYCLOAK || process.env.CI ? describeInBrowser : describe.skip;

describeKeycloak('a member provisioned through the roster API signs in at Keycloak and votes (chromium)', () => {
  const suffix = randomBytes(3).toString('hex');
  const running = usePlatform(
    ['directory', 'project-library', 'voting'],
    { KEYCLOAK_URL: KEYCLOAK ?? 'http://127.0.0.1:9', KEYCLOAK_REALM: 'congress' },
    { directory: { IDP_ADMIN_URL: KEYCLOAK ?? 'http://127.0.0.1:9', IDP_ADMIN_CLIENT_SECRET: process.env.TEST_KEYCLOAK_DIRECTORY_SECRET ?? '', ACCOUNT_SYNC_MS: '300' } },
  );
  const officePassword = `Office-${randomBytes(6).toString('hex')}`;
  const officeUsername = `chenzhou-admin-${suffix}`;
  const memberUsername = `ouyang-${suffix}`;

  const tokenOf = async (username: string, password: string) => {
    const res = await fetch(`${KEYCLOAK}/realms/congress/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username, password, scope: 'openid' }),
    });
    return (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  };

  it('adds her, makes and links her account, hands over a password she must change, and counts her ballot', journalled(async () => {
    const admin = await keycloakAdmin();
    const app = running.app;
    // The operator registers the platform's address with the web client, and enables the
    // password grant for scripts (here: the office's API calls).
    const [web] = (await admin.api<{ id: string; redirectUris: string[]; webOrigins: string[]; attributes: Record<string, string> }[]>('/clients?clientId=congress-web')).body;
    const updated = { ...web, redirectUris: [...web!.redirectUris, `${app}/*`], webOrigins: [...web!.webOrigins, app], attributes: { ...web!.attributes, 'post.logout.redirect.uris': `${web!.attributes['post.logout.redirect.uris']}##${app}/*` } };
    expect((await admin.api(`/clients/${web!.id}`, { method: 'PUT', body: JSON.stringify(updated) })).status).toBe(204);
    const [cli] = (await admin.api<{ id: string }[]>('/clients?clientId=congress-cli')).body;
    expect((await admin.api(`/clients/${cli!.id}`, { method: 'PUT', body: JSON.stringify({ ...cli, enabled: true }) })).status).toBe(204);
    await admin.createUser(officeUsername, officePassword, { unit: ['431000'], fullName: ['郴州管理员'] }, ['unit-admin']);

    const officeToken = (await tokenOf(officeUsername, officePassword)).access_token!;
    const api = async <T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${app}/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${officeToken}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
      return { status: res.status, body: (await res.json()) as T };
    };

    // ---- The office adds her to the roster: the answer does not wait for Keycloak.
    const added = await api<{ id: string; username: string }>('/units/431000/roster', { method: 'POST', json: { name: '欧阳新', title: '委员', username: memberUsername } });
    expect(added).toMatchObject({ status: 201, body: { username: memberUsername } });
    const personId = added.body.id;

    // ---- The directory makes and links her account at Keycloak.
    let account: { state: string | null; hasAccount: boolean; lastError: string | null } | undefined;
    for (let i = 0; i < 150 && !account?.hasAccount; i++) {
      const page = await api<{ items: { personId: string; state: string | null; hasAccount: boolean; lastError: string | null }[] }>('/units/431000/accounts?limit=200');
      account = page.body.items.find((a) => a.personId === personId);
      if (!account?.hasAccount) await new Promise((r) => setTimeout(r, 200));
    }
    expect(account).toMatchObject({ state: 'linked', hasAccount: true, lastError: null });
    const [made] = (await admin.api<{ id: string; username: string; enabled: boolean; attributes: Record<string, string[]> }[]>(`/users?username=${memberUsername}&exact=true`)).body;
    expect(made).toMatchObject({ username: memberUsername, enabled: true, attributes: { unit: ['431000'], fullName: ['欧阳新'] } });
    const roles = (await admin.api<{ name: string }[]>(`/users/${made!.id}/role-mappings/realm`)).body.map((r) => r.name);
    expect(roles).toContain('member');

    // ---- The office issues her initial password; it cannot be used as it is.
    const issued = await api<{ username: string; password: string; temporary: boolean }>(`/units/431000/accounts/${personId}/initial-password`, { method: 'POST' });
    expect(issued).toMatchObject({ status: 200, body: { username: memberUsername, temporary: true } });
    const refused = await tokenOf(memberUsername, issued.body.password);
    expect(refused).toMatchObject({ error: 'invalid_grant' });
    expect(refused.error_description).toMatch(/not fully set up/i);

    // ---- An evaluation organised now has her on its roster.
    const projects = await api<{ items: { id: string }[] }>('/projects?limit=1');
    const created = await api<{ id: string; roster: number }>('/evaluations', {
      method: 'POST',
      json: { projectId: projects.body.items[0]!.id, session: '郴州市第六届人大常委会第九次会议', heldOn: new Date().toISOString().slice(0, 10), reportTitle: '关于新任委员账号开通测试的报告' },
    });
    expect(created.status).toBe(201);
    const evaluationId = created.body.id;
    const roster = await api<{ items: { personId: string; name: string }[] }>(`/evaluations/${evaluationId}/roster`);
    expect(roster.body.items.map((x) => x.personId)).toContain(personId);
    expect((await api(`/evaluations/${evaluationId}/attendance`, { method: 'POST', json: { present: roster.body.items.map((x) => x.personId), absent: [] } })).status).toBe(200);
    expect((await api(`/evaluations/${evaluationId}/open`, { method: 'POST' })).status).toBe(200);

    // ---- She signs in through Keycloak's page, sets her own password, and votes.
    const context = await running.platform.newContext();
    const page = await context.newPage();
    await page.goto(`${app}/evaluations/${evaluationId}/vote`);
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/congress/`), { timeout: 30_000 });
    await page.locator('#username').fill(memberUsername);
    await page.locator('#password').fill(issued.body.password);
    await page.locator('#kc-login').click();
    await page.locator('#password-new').waitFor({ timeout: 30_000 });
    await running.platform.screenshot(page, 'keycloak-first-sign-in.png');
    const ownPassword = `Mine-${randomBytes(6).toString('hex')}`;
    await page.locator('#password-new').fill(ownPassword);
    await page.locator('#password-confirm').fill(ownPassword);
    await page.locator('#kc-passwd-update-form [type=submit]').first().click();
    await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/auth/'), { timeout: 30_000 });
    // Back where she was going: the ballot of this evaluation.
    expect(page.url()).toContain(`/evaluations/${evaluationId}/vote`);
    await page.getByRole('heading', { name: '请对报告的研究处理情况作出评价' }).waitFor();
    await page.getByRole('group', { name: '测评选项' }).getByRole('button', { name: '满意', exact: true }).click();
    await page.getByRole('button', { name: /确认投票/ }).click();
    await page.getByRole('heading', { name: '已投票' }).waitFor();
    await context.close();

    const after = await api<{ ballots: number }>(`/evaluations/${evaluationId}`);
    expect(after.body.ballots).toBe(1);
    // The initial password is spent: only hers works now.
    expect((await tokenOf(memberUsername, issued.body.password)).error).toBe('invalid_grant');
    expect((await tokenOf(memberUsername, ownPassword)).access_token).toBeDefined();
  }));
});
