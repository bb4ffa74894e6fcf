import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { keycloakAdmin, passwordToken, type KeycloakAdmin } from '@congress/testing';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { describeInBrowser, expectAccessible, journalled, usePlatform, type ViewportOptions } from './harness.js';

/**
 * 会场平板 (hall tablet mode) in a real browser against the local identity provider and the real
 * services: the office makes a shared tablet a hall tablet for one evaluation; members take turns
 * on it, each signing in with their own password (prompt=login), checking in, voting, and being
 * signed out at the identity provider with nothing of theirs left on the device; idle sign-out
 * with a countdown; 退出; a reload mid-turn.
 */
const HALL_TABLET: ViewportOptions = { width: 1280, height: 800, mobile: true };
const DEVICE_KEY = 'congress.hall.device';
const TAB_KEY = 'congress.hall.tab';

interface Person {
  username: string;
  name: string;
}
const STAFF: Person = { username: 'chenzhou-staff', name: '高成平' };
const A: Person = { username: 'chenzhou-member01', name: '谭玉兰' };
const B: Person = { username: 'chenzhou-member02', name: '胡远民' };
const C: Person = { username: 'chenzhou-member04', name: '曹杰' };
const D: Person = { username: 'chenzhou-member05', name: '张思芬' };

describeInBrowser('the hall tablet (chromium, gateway, directory, project-library, issue-tracking, voting)', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking', 'voting']);
  const tokens: Record<string, string> = {};
  const subjects: Record<string, string> = {};
  const reportTitle = '市人民政府关于义务教育“双减”工作审议意见研究处理情况的报告';

  const api = async (username: string, path: string, init: { method?: string; json?: unknown } = {}) => {
    tokens[username] ??= await passwordToken(running.platform.idp, username);
    return fetch(`${running.app}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${tokens[username]}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };
  const subjectOf = async (person: Person) => {
    tokens[person.username] ??= await passwordToken(running.platform.idp, person.username);
    subjects[person.username] ??= (JSON.parse(Buffer.from(tokens[person.username]!.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    return subjects[person.username]!;
  };

  /** An open evaluation of 郴州 whose roster is present but for the members who check in on the tablet. */
  const openEvaluation = async () => {
    const projects = (await (await api(STAFF.username, `/projects?unit=431000&q=${encodeURIComponent('双减')}`)).json()) as { items: { id: string }[] };
    const created = await api(STAFF.username, '/evaluations', {
      method: 'POST',
      json: { projectId: projects.items[0]!.id, session: '市六届人大常委会第五次会议', heldOn: '2026-12-01', reportTitle },
    });
    expect([created.status, await created.clone().text()]).toEqual([201, expect.anything()]);
    const { id } = (await created.json()) as { id: string };
    const roster = (await (await api(STAFF.username, `/evaluations/${id}/roster`)).json()) as { items: { personId: string; name: string }[] };
    const present = roster.items.filter((p) => p.name !== A.name && p.name !== B.name).map((p) => p.personId);
    expect((await api(STAFF.username, `/evaluations/${id}/attendance`, { method: 'POST', json: { present } })).status).toBeLessThan(300);
    expect((await api(STAFF.username, `/evaluations/${id}/open`, { method: 'POST' })).status).toBeLessThan(300);
    return id;
  };

  /** What the web origin holds in the browser: both Web Storages (key → value) and the cookies a request to it would carry. */
  const deviceState = async (context: BrowserContext, page: Page) => {
    const storage = (await page.evaluate(`(() => {
      const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
      return { local: dump(localStorage), session: dump(sessionStorage) };
    })()`)) as { local: Record<string, string>; session: Record<string, string> };
    return { ...storage, cookies: await context.cookies(running.app) };
  };

  /** Nothing of the person on the device: only the device flag and the hall marker, neither naming them, no token, no cookie. */
  const expectNothingOf = async (context: BrowserContext, page: Page, person: Person) => {
    const state = await deviceState(context, page);
    expect(Object.keys(state.local)).toEqual([DEVICE_KEY]);
    expect(Object.keys(state.session).filter((key) => key !== TAB_KEY)).toEqual([]);
    expect(state.cookies).toEqual([]);
    const everything = JSON.stringify(state);
    for (const trace of [person.name, person.username, await subjectOf(person), 'eyJ']) expect([trace, everything.includes(trace)]).toEqual([trace, false]);
    expect(await page.locator('body').innerText()).not.toContain(person.name);
  };

  /**
   * Whether the identity provider would sign this browser in without a password: an authorization
   * request of the web client without prompt=login, in a tab of the same profile. Alive: it comes
   * straight back with a code (the callback is answered here, not by the app); gone: its login form.
   */
  const idpSessionAlive = async (context: BrowserContext) => {
    const probe = await context.newPage();
    const callback = `${running.app}/auth/callback`;
    await probe.route(`${callback}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'probe' }));
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      client_id: 'congress-web',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: callback,
      state: 'probe',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    await probe.goto(`${running.platform.idp.issuer}/protocol/openid-connect/auth?${query}`);
    await probe.waitForURL((url) => url.href.startsWith(callback) || url.pathname.includes('/login-actions/'));
    const alive = probe.url().startsWith(callback);
    await probe.close();
    return alive;
  };

  /** The authorization requests the app sent (to check prompt=login) and the logout requests (to check POST, id_token_hint kept out of the URL). */
  const watchIdp = (page: Page) => {
    const seen: { authorize: URL[]; logout: Request[] } = { authorize: [], logout: [] };
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!url.href.startsWith(running.platform.idp.issuer) || !request.isNavigationRequest()) return;
      if (url.pathname.endsWith('/protocol/openid-connect/auth')) seen.authorize.push(url);
      if (url.pathname.endsWith('/protocol/openid-connect/logout')) seen.logout.push(request);
    });
    return seen;
  };

  /** At the identity provider's login form: the person types their own username and password. */
  const typeCredentials = async (page: Page, person: Person) => {
    await page.waitForURL(/\/realms\/congress\/login-actions\//, { timeout: 30_000 });
    // No one's username is offered: the form starts empty for every member.
    await expect(page.locator('#username').inputValue()).resolves.toBe('');
    await page.locator('#username').fill(person.username);
    await page.locator('#password').fill('demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.origin === running.app && (url.pathname === '/hall' || url.pathname === '/hall/setup'), { timeout: 30_000 });
  };

  /**
   * The end of a turn at the identity provider, then the app's goodbye screen. The app posts the
   * logout with the member's ID token, which the local identity provider honours without asking, as
   * Keycloak does (a confirmation page here would stop the test). `asks`: the tab had lost the ID
   * token (a reload mid-turn), so the provider asks whoever is at the tablet to confirm.
   */
  const signedOutAtIdp = async (page: Page, reason: string, options: { asks?: boolean } = {}) => {
    if (options.asks) {
      await page.waitForURL(/\/protocol\/openid-connect\/logout/, { timeout: 30_000, waitUntil: 'commit' });
      await page.getByRole('button', { name: '退出登录' }).click();
    }
    await page.waitForURL(`${running.app}/hall/done?reason=${reason}`, { timeout: 30_000 });
  };

  const vote = async (page: Page, choice: '满意' | '基本满意' | '不满意') => {
    await page.getByRole('group', { name: '测评选项' }).getByRole('button', { name: choice, exact: true }).click();
    await page.getByRole('heading', { name: '请确认您的选择' }).waitFor();
    await page.getByRole('button', { name: /确认投票/ }).click();
  };

  it('lets the office set up a tablet; two members vote in turn, each signed out at the identity provider with nothing left behind', journalled(async () => {
    const evaluationId = await openEvaluation();
    const tablet = await running.platform.newContext(HALL_TABLET);
    const page = await tablet.newPage();
    const idp = watchIdp(page);

    // ---- The office: /hall/setup asks for a password, offers the unit's evaluations, then signs the office out.
    await page.goto(`${running.app}/hall/setup`);
    await typeCredentials(page, STAFF);
    expect(idp.authorize.at(-1)!.searchParams.get('prompt')).toBe('login');
    await page.getByRole('heading', { name: /会场平板设置/ }).waitFor();
    await page.getByRole('radio', { name: new RegExp(reportTitle) }).check();
    await expect(page.getByTestId('hall-bookmark').innerText()).resolves.toContain(`/hall?evaluation=${evaluationId}`);
    await page.getByText('会场平板模式只限制本平台的页面，不是系统级锁定').waitFor();
    await running.platform.screenshot(page, 'hall-setup.png', { fullPage: true });
    await page.getByRole('button', { name: '设为本平板的测评并退出登录' }).click();
    await signedOutAtIdp(page, 'setup');
    await page.getByText('会场平板已设置，办公室人员已退出登录').waitFor();
    await expectNothingOf(tablet, page, STAFF);
    await expect(idpSessionAlive(tablet)).resolves.toBe(false);
    // The flag is about the meeting only.
    const flag = JSON.parse((await deviceState(tablet, page)).local[DEVICE_KEY]!) as Record<string, unknown>;
    expect(flag).toEqual({ evaluationId, reportTitle, meeting: '市六届人大常委会第五次会议', idleSeconds: 180 });

    // ---- The start screen: the evaluation, one large button.
    await page.goto(`${running.app}/hall`);
    await page.getByRole('heading', { name: '请委员本人登录后参加测评' }).waitFor();
    await page.getByText(reportTitle).waitFor();
    const signIn = page.getByRole('button', { name: /委员登录/ });
    const box = (await signIn.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(64);
    expect(box.width).toBeGreaterThan(400);
    await running.platform.screenshot(page, 'hall-start.png');
    await expectAccessible(page, 'hall-start');

    // ---- Member A: signs in with her password, checks in, sees only the ballot.
    await signIn.click();
    await typeCredentials(page, A);
    expect(idp.authorize.at(-1)!.searchParams.get('prompt')).toBe('login');
    await page.getByText(`当前登录：${A.name}`).waitFor();
    await page.getByRole('heading', { name: '请先签到' }).waitFor();
    // Nothing leads out of the ballot: no link but the office's, no menu.
    await expect(page.getByRole('link').count()).resolves.toBe(0);
    await page.getByRole('button', { name: /签\s*到/ }).click();
    await page.getByRole('heading', { name: '请对报告的研究处理情况作出评价' }).waitFor();
    const exit = page.getByRole('button', { name: /退出/ });
    expect((await exit.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await running.platform.screenshot(page, 'hall-ballot.png');
    await expectAccessible(page, 'hall-ballot');
    // Her tokens are in memory only: nothing in either Web Storage holds a token or her name.
    const during = await deviceState(tablet, page);
    expect(JSON.stringify({ local: during.local, session: during.session })).not.toMatch(new RegExp(`eyJ|${A.name}|${A.username}`));
    // The identity provider would let this browser in without a password now (so the probe can tell).
    await expect(idpSessionAlive(tablet)).resolves.toBe(true);

    // ---- She votes; the tablet signs her out by itself.
    await vote(page, '满意');
    await signedOutAtIdp(page, 'voted');
    await page.getByRole('heading', { name: '已完成，请将平板交给下一位委员' }).waitFor();
    await page.getByText('您的选票已投出，已退出登录。').waitFor();
    await running.platform.screenshot(page, 'hall-done.png');
    await expectAccessible(page, 'hall-done');
    // The logout was a form POST naming her session with her ID token, kept out of the URL and the
    // tablet's history (as against Keycloak, see the test below).
    const logout = idp.logout.at(-1)!;
    expect(logout.method()).toBe('POST');
    expect(logout.url()).not.toContain('id_token_hint');
    expect(new URLSearchParams(logout.postData() ?? '').get('id_token_hint')).toMatch(/^eyJ/);
    // Nothing of hers remains, and the identity provider demands a password again.
    await expectNothingOf(tablet, page, A);
    await expect(idpSessionAlive(tablet)).resolves.toBe(false);

    // ---- Member B, on the same tablet: asked for his own password, votes, signed out.
    await page.getByRole('button', { name: /下一位委员登录/ }).click();
    await typeCredentials(page, B);
    await page.getByText(`当前登录：${B.name}`).waitFor();
    await page.getByRole('button', { name: /签\s*到/ }).click();
    await vote(page, '不满意');
    await signedOutAtIdp(page, 'voted');
    await expectNothingOf(tablet, page, B);
    await expect(idpSessionAlive(tablet)).resolves.toBe(false);

    // ---- Two ballots cast from the tablet, two present more than before.
    const progress = (await (await api(STAFF.username, `/evaluations/${evaluationId}/progress`)).json()) as { ballots: number; present: number; roster: number };
    expect(progress).toMatchObject({ ballots: 2, present: progress.roster });
    expect((await api(STAFF.username, `/evaluations/${evaluationId}/close`, { method: 'POST' })).status).toBeLessThan(300);
    const result = (await (await api(STAFF.username, `/evaluations/${evaluationId}/result`)).json()) as { counts: Record<string, number> };
    expect(result.counts).toMatchObject({ satisfied: 1, unsatisfied: 1 });
    await tablet.close();
  }), 240_000);

  it('warns an idle member with a countdown and signs them out; 退出 and a reload mid-turn sign out too', journalled(async () => {
    const evaluationId = await openEvaluation();
    const tablet = await running.platform.newContext(HALL_TABLET);
    // The page's clock, moved on by the test: the idle limit is the office's 3 minutes, without waiting for them.
    await tablet.clock.install();
    const page = await tablet.newPage();
    // A tablet set up from the bookmarked address, with a limit of its own.
    await page.goto(`${running.app}/hall?evaluation=${evaluationId}&idle=120`);
    await page.getByRole('heading', { name: '请委员本人登录后参加测评' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(JSON.parse((await deviceState(tablet, page)).local[DEVICE_KEY]!)).toEqual({ evaluationId, idleSeconds: 120 });

    // ---- Idle: warned a minute before, 继续 keeps the session, then signed out.
    await page.getByRole('button', { name: /委员登录/ }).click();
    await typeCredentials(page, C);
    await page.getByText(`当前登录：${C.name}`).waitFor();
    // The title is noted for the start screen (the meeting's, not his).
    await page.waitForFunction(`JSON.parse(localStorage.getItem('${DEVICE_KEY}')).reportTitle === '${reportTitle}'`);
    await page.clock.fastForward(61_000);
    const warning = page.getByRole('dialog', { name: '即将自动退出登录' });
    await warning.waitFor();
    await expect(warning.getByTestId('hall-idle-countdown').innerText()).resolves.toMatch(/^\d+ 秒后将自动退出登录/);
    // 继续 has the focus: Enter keeps the session.
    await page.waitForFunction(`document.activeElement?.textContent.replace(/\\s/g, '') === '继续'`);
    await running.platform.screenshot(page, 'hall-idle-warning.png');
    await warning.getByRole('button', { name: /继\s*续/ }).click();
    await warning.waitFor({ state: 'hidden' });
    await page.clock.fastForward(61_000);
    await expect(page.getByRole('dialog', { name: '即将自动退出登录' }).isVisible()).resolves.toBe(true);
    await page.clock.fastForward(60_000);
    await signedOutAtIdp(page, 'idle');
    await page.getByRole('heading', { name: '因长时间未操作，已自动退出登录' }).waitFor();
    await expectNothingOf(tablet, page, C);
    await expect(idpSessionAlive(tablet)).resolves.toBe(false);

    // ---- 退出: at once, no vote.
    await page.getByRole('button', { name: /下一位委员登录/ }).click();
    await typeCredentials(page, D);
    await page.getByText(`当前登录：${D.name}`).waitFor();
    await page.getByRole('button', { name: /退出/ }).click();
    await signedOutAtIdp(page, 'exit');
    await page.getByRole('heading', { name: '已退出登录，请将平板交给下一位委员' }).waitFor();
    await expectNothingOf(tablet, page, D);

    // ---- An address typed in mid-turn: the rest of the app is not there, and the turn ends at the
    // identity provider too (the tokens went with the page; the logout asks, lacking her ID token).
    await page.getByRole('button', { name: /下一位委员登录/ }).click();
    await typeCredentials(page, D);
    await page.getByText(`当前登录：${D.name}`).waitFor();
    await page.goto(`${running.app}/projects`);
    await signedOutAtIdp(page, 'interrupted', { asks: true });
    await page.getByRole('heading', { name: '本次登录已结束' }).waitFor();
    await expect(page.getByRole('heading', { name: '项目库' }).count()).resolves.toBe(0);
    await expectNothingOf(tablet, page, D);
    await expect(idpSessionAlive(tablet)).resolves.toBe(false);
    await tablet.close();
  }), 240_000);
});

/**
 * The same tablet against the real Keycloak `npm test` starts, the production path: sign-in with
 * prompt=login on Keycloak's own login page; the logout a form POST carrying the ID token, which
 * Keycloak honours without asking, so the member is gone from Keycloak's sessions by the time the
 * goodbye screen shows.
 */
const KEYCLOAK = process.env.TEST_KEYCLOAK_URL;
const describeKeycloak = KEYCLOAK || process.env.CI ? describeInBrowser : describe.skip;
// A client of this spec's own, a copy of congress-web (its mappers: audience, unit, roles, name) with
// this platform's address: no other spec's change to congress-web can race with ours.
const HALL_CLIENT = `congress-web-hall-${randomBytes(3).toString('hex')}`;

describeKeycloak('the hall tablet against a real Keycloak (chromium)', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking', 'voting'], {
    KEYCLOAK_URL: KEYCLOAK ?? 'http://127.0.0.1:9',
    KEYCLOAK_REALM: 'congress',
    WEB_OIDC_CLIENT_ID: HALL_CLIENT,
    WEB_OIDC_LOGOUT_METHOD: 'post',
  });
  let admin: KeycloakAdmin | undefined;
  let clientUuid: string | undefined;
  afterAll(async () => {
    if (admin && clientUuid) await admin.api(`/clients/${clientUuid}`, { method: 'DELETE' });
  });

  it('signs a member in with prompt=login and out with a POST carrying the ID token: no confirmation, no session left at Keycloak', journalled(async () => {
    admin = await keycloakAdmin();
    const app = running.app;
    const [web] = (await admin.api<Record<string, unknown>[]>('/clients?clientId=congress-web')).body;
    const { id: _id, clientId: _clientId, protocolMappers, attributes, ...rest } = web as { id: string; clientId: string; protocolMappers?: Record<string, unknown>[]; attributes: Record<string, string> };
    const copy = {
      ...rest,
      clientId: HALL_CLIENT,
      redirectUris: [`${app}/*`],
      webOrigins: [app],
      attributes: { ...attributes, 'post.logout.redirect.uris': `${app}/*` },
      protocolMappers: (protocolMappers ?? []).map(({ id: _mapperId, ...mapper }) => mapper),
    };
    expect((await admin.api('/clients', { method: 'POST', body: JSON.stringify(copy) })).status).toBe(201);
    clientUuid = (await admin.api<{ id: string }[]>(`/clients?clientId=${HALL_CLIENT}`)).body[0]!.id;

    const username = `chenzhou-hall-${randomBytes(3).toString('hex')}`;
    const password = `Demo-${randomBytes(6).toString('hex')}`;
    const userId = await admin.createUser(username, password, { unit: ['431000'], fullName: ['欧阳明'] }, ['member']);
    const sessions = async () => (await admin!.api<unknown[]>(`/users/${userId}/sessions`)).body.length;

    // A closed evaluation of 郴州: the member is not on its roster; what matters here is who is signed in.
    const db = new pg.Client({ connectionString: running.platform.db.url });
    await db.connect();
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM voting.evaluations WHERE unit_code = '431000' LIMIT 1`);
    await db.end();

    const tablet = await running.platform.newContext(HALL_TABLET);
    const page = await tablet.newPage();
    const logouts: Request[] = [];
    page.on('request', (request) => request.url().startsWith(`${KEYCLOAK}/realms/congress/protocol/openid-connect/logout`) && logouts.push(request));
    await page.goto(`${app}/hall?evaluation=${rows[0]!.id}`);
    await page.getByRole('button', { name: /委员登录/ }).click();
    await page.waitForURL((url) => url.href.startsWith(`${KEYCLOAK}/realms/congress/protocol/openid-connect/auth`), { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('prompt')).toBe('login');
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.locator('#kc-login').click();
    await page.waitForURL(`${app}/hall`, { timeout: 30_000 });
    await page.getByText('当前登录：欧阳明').waitFor();
    expect(await sessions()).toBe(1);
    const during = await page.evaluate('JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])');
    expect(during).not.toMatch(/eyJ|欧阳明/);

    // 退出: straight back to the goodbye screen, nothing to confirm at Keycloak.
    await page.getByRole('button', { name: /退出/ }).click();
    await page.waitForURL(`${app}/hall/done?reason=exit`, { timeout: 30_000 });
    await page.getByRole('heading', { name: '已退出登录，请将平板交给下一位委员' }).waitFor();
    expect(logouts).toHaveLength(1);
    expect(logouts[0]!.method()).toBe('POST');
    expect(logouts[0]!.url()).not.toContain('id_token_hint');
    expect(new URLSearchParams(logouts[0]!.postData() ?? '').get('id_token_hint')).toMatch(/^eyJ/);
    expect(await sessions()).toBe(0);
    const after = await page.evaluate('JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage)])');
    expect(JSON.parse(after as string)).toEqual([[DEVICE_KEY], [TAB_KEY]]);
    expect(await tablet.cookies(app)).toEqual([]);

    // The next member gets Keycloak's login form with nothing filled in.
    await page.getByRole('button', { name: /下一位委员登录/ }).click();
    await page.waitForURL((url) => url.origin === new URL(KEYCLOAK!).origin, { timeout: 30_000 });
    await page.locator('#username').waitFor();
    await expect(page.locator('#username').inputValue()).resolves.toBe('');
    await running.platform.screenshot(page, 'hall-keycloak-login.png');
    await tablet.close();
  }), 180_000);
});
