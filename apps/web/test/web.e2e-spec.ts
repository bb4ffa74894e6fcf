import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { REPO_ROOT, serviceEnv, startServiceProcess } from '@congress/testing';
import { expectAccessible, type Platform, signOut, journalled, describeInBrowser, usePlatform } from './harness.js';

/**
 * The frame of the web app in a real browser: sign-in through the identity provider, the
 * workbench, menus by role, the read-only view of a descendant unit, logout, the project
 * library list, and how the gateway serves the app. (The areas have their own spec files.)
 */
describeInBrowser('web app in a browser (chromium, gateway, directory, project-library)', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking', 'voting']);

  const newContext = () => running.platform.newContext();
  const signIn: Platform['signIn'] = (...args) => running.platform.signIn(...args);
  const screenshot = (page: Parameters<Platform['screenshot']>[0], name: string) => running.platform.screenshot(page, name);

  it('signs a staff member in, shows the workbench and the project library, filters in Chinese, exports, and signs out', journalled(async () => {
    const context = await newContext();
    const page = await signIn(context, 'chenzhou-staff', '/', 'login.png');

    // 工作台: who, where, the library at a glance.
    await page.getByTestId('current-unit').filter({ hasText: '郴州市人大常委会' }).waitFor();
    await page.getByRole('heading', { name: /您好/ }).waitFor();
    await page.getByTestId('user-menu').getByText('机关工作人员').waitFor();
    await page.getByText('在库项目').waitFor();
    await page.getByRole('figure', { name: '各阶段监督项目数量柱状图' }).locator('canvas').waitFor();
    // My tasks by role: staff verify close-out requests; the overdue problems and what comes next.
    await page.getByRole('link', { name: '待核验的销号申请' }).waitFor();
    await page.locator('.workbench-card', { hasText: '逾期问题' }).locator('.ant-list-item').first().waitFor();
    await page.locator('.workbench-card', { hasText: '近期节点与会议' }).locator('.ant-list-item, .status').first().waitFor();
    await expect(page.title()).resolves.toBe('工作台 · 项目化闭环监督平台');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await expect(menu.getByRole('menuitem').allInnerTexts()).resolves.toEqual(['工作台', '项目库', '年度监督计划', '挂图作战', '问题台账', '满意度测评']);
    await page.waitForTimeout(600); // the chart's entrance animation
    await screenshot(page, 'home.png');
    await expectAccessible(page, 'home');

    // 项目库: the demo projects, paged by the server.
    await menu.getByRole('link', { name: '项目库' }).click();
    await page.waitForURL(`${running.app}/projects`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByRole('link', { name: '政府债务管理情况' }).waitFor();
    expect(await rows.count()).toBe(20);
    await expect(page.getByRole('button', { name: /录入项目/ }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: /下一页/ }).click();
    await page.getByText('第 2 页').waitFor();
    await page.getByRole('button', { name: /上一页/ }).click();
    await page.getByText('第 1 页').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'projects.png');
    await expectAccessible(page, 'projects');

    // Chinese search: 双减 finds 义务教育“双减”工作情况, and the filter lands in the URL.
    await page.getByLabel('关键词').fill('双减');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/q=%E5%8F%8C%E5%87%8F/);
    await page.waitForFunction("document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1");
    await page.getByRole('link', { name: '义务教育"双减"工作情况' }).waitFor();
    await screenshot(page, 'projects-search.png');

    // Excel export of the filtered list, with its Chinese file name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe('项目库.xlsx');
    await page.getByText('已导出：项目库.xlsx').waitFor();

    // The API's field errors appear beside the form's fields.
    await page.goto(`${running.app}/projects/new`);
    await page.getByLabel('项目名称').fill('甲');
    await page.getByLabel('类别').click();
    await page.getByTitle('执法检查').click();
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('标题至少 2 个字').waitFor();
    await page.getByText('请根据提示修改后重新提交').waitFor();
    await screenshot(page, 'project-form-errors.png');
    await expectAccessible(page, 'form');

    // A city user looks at a county of its own, read-only: no changes offered.
    await page.goto(`${running.app}/projects`);
    const switcher = page.getByRole('combobox', { name: '切换查看单位' });
    const zixing = page.locator('.ant-select-tree-node-content-wrapper', { hasText: '资兴市人大常委会' });
    const readOnly = page.getByText('正在查看 资兴市人大常委会 的数据（只读）');
    await switcher.click();
    await switcher.fill('资兴');
    await zixing.click();
    await readOnly.waitFor();
    await expect(page.getByRole('button', { name: /录入项目/ }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '返回本单位' }).click();
    await page.getByRole('button', { name: /录入项目/ }).waitFor();

    // Logout ends the session at the identity provider: the next visit asks for the password again.
    await signOut(page, running.app);
    await page.getByText('您已安全退出').waitFor();
    await page.goto(`${running.app}/`);
    await page.waitForURL(/\/realms\/congress\/login-actions\//);
    await page.locator('#password').waitFor();
    await context.close();
  }), 180_000);

  it('is served by the gateway: pages fall back to the app, assets are cached for good, the API keeps its 404', journalled(async () => {
    const page = await fetch(`${running.app}/projects/some-id?x=1`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const asset = await fetch(`${running.app}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');

    const api = await fetch(`${running.app}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${running.app}/assets/gone-123.js`)).status).toBe(404);

    const config = (await (await fetch(`${running.app}/config.json`)).json()) as { oidc: { authority: string; clientId: string } };
    expect(config.oidc).toMatchObject({ authority: running.platform.idp.issuer, clientId: 'congress-web' });
  }));

  it('keeps the gateway running without a web build, serving the API only', journalled(async () => {
    const env = serviceEnv(running.platform.db.url, running.platform.namespace, { LOG_LEVEL: 'info' });
    const apiOnly = await startServiceProcess('gateway', { ...env, KEYCLOAK_URL: running.platform.idp.url, WEB_DIST_DIR: join(REPO_ROOT, '.data/no-web-build-here') });
    try {
      expect(apiOnly.logs.some((l) => typeof l.message === 'string' && l.message.startsWith('web app not served'))).toBe(true);
      expect((await fetch(`${apiOnly.url}/`)).status).toBe(404);
      expect((await fetch(`${apiOnly.url}/config.json`)).status).toBe(200);
    } finally {
      await apiOnly.kill();
    }
  }), 60_000);

  it('gives a responsible body liaison the portal menu only', journalled(async () => {
    const context = await newContext();
    const page = await signIn(context, 'chenzhou-fgw');
    await page.waitForURL(`${running.app}/portal`);
    await page.getByText('承办单位：郴州市发展和改革委员会').waitFor();
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await expect(menu.getByRole('menuitem').allInnerTexts()).resolves.toEqual(['承办单位工作台']);
    await expect(page.getByRole('combobox', { name: '切换查看单位' }).count()).resolves.toBe(0);
    await page.goto(`${running.app}/projects`);
    await page.getByText('无权访问').waitFor();
    await context.close();
  }), 120_000);

  it('shows a committee member the library without the actions staff have', journalled(async () => {
    const context = await newContext();
    const page = await signIn(context, 'chenzhou-member01', '/projects');
    await page.waitForURL(`${running.app}/projects`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await expect(page.getByRole('button', { name: /录入项目/ }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: /导出 Excel/ }).waitFor();
    await context.close();
  }), 120_000);
});
