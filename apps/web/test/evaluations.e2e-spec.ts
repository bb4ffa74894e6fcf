import { expect, it } from '@jest/globals';
import { passwordToken } from '@congress/testing';
import type { Page } from 'playwright-core';
import { expectAccessible, PHONE, journalled, describeInBrowser, usePlatform } from './harness.js';

/**
 * 满意度测评 in a real browser: staff organise an evaluation and take attendance, open the vote;
 * a member checks in and votes on a phone (three buttons, a confirmation, "已投票" for good); the
 * hall's presiding screen follows the count live and reveals the result with its chart when the
 * presiding officer closes the vote; statistics. Roles that may not vote are told so.
 */
describeInBrowser('satisfaction evaluations in a browser (chromium, gateway, directory, project-library, issue-tracking, voting)', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking', 'voting']);
  const tokens: Record<string, string> = {};

  /** The API as a given demo user (for the many members who vote beside the one in the browser). */
  const api = async (username: string, path: string, init: { method?: string; json?: unknown } = {}) => {
    tokens[username] ??= await passwordToken(running.platform.idp, username);
    return fetch(`${running.app}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${tokens[username]}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };
  const member = (n: number) => `chenzhou-member${String(n).padStart(2, '0')}`;
  const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

  it('organises, takes attendance, opens, votes on a phone, shows the live count and the result, and refuses who may not vote', journalled(async () => {
    // ---- 满意度测评 list: the 39 demo evaluations of 郴州, newest meeting first.
    const staffContext = await running.platform.newContext();
    const staff = await running.platform.signIn(staffContext, 'chenzhou-staff', '/evaluations');
    await staff.getByRole('heading', { name: '满意度测评' }).waitFor();
    const rows = staff.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    await staff.getByRole('button', { name: /下一页/ }).click();
    await staff.getByText('第 2 页').waitFor();
    await staff.getByRole('button', { name: /上一页/ }).click();
    await staff.getByText('第 1 页').waitFor();
    // The year filter (gathered from the cursor pages: the API has none).
    await staff.getByLabel('年度', { exact: true }).click();
    await staff.locator('.ant-select-item-option[title="2021"]').click();
    await staff.getByRole('button', { name: /查\s*询/ }).click();
    await staff.waitForURL(/year=2021/, { waitUntil: 'commit' });
    expect(staff.url()).toMatch(/year=2021/);
    await staff.waitForFunction(`[...document.querySelectorAll('.ant-table-tbody tr.ant-table-row td:first-child')].every((td) => td.textContent.startsWith('2021-'))`);
    await running.platform.screenshot(staff, 'evaluations.png');
    await staff.getByRole('button', { name: /重\s*置/ }).click();
    await staff.waitForURL(`${running.app}/evaluations`);

    // ---- 组织测评: the API's field errors beside the fields, then created.
    await staff.getByRole('button', { name: /组织测评/ }).click();
    const drawer = staff.getByRole('dialog', { name: '组织满意度测评' });
    await drawer.getByLabel('监督项目').fill('营商');
    await staff.locator('.ant-select-item-option').filter({ hasText: '优化营商环境专项工作报告' }).first().click();
    await drawer.getByLabel('会议', { exact: true }).fill('常委会');
    await drawer.getByLabel('测评日期').fill('2026-11-27');
    await drawer.getByLabel('测评日期').press('Enter');
    await drawer.getByLabel('测评的报告').fill('市人民政府关于优化营商环境专项工作报告审议意见研究处理情况的报告');
    await drawer.getByRole('button', { name: /创建测评/ }).click();
    await drawer.getByText('会议名称至少 4 个字').waitFor();
    await drawer.getByLabel('会议', { exact: true }).fill('市六届人大常委会第四次会议');
    await drawer.getByRole('button', { name: /创建测评/ }).click();
    await staff.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);
    const id = staff.url().split('/').pop()!;
    await staff.getByRole('heading', { name: '市人民政府关于优化营商环境专项工作报告审议意见研究处理情况的报告' }).waitFor();

    // ---- Attendance: without a quorum voting cannot open, and the page says why.
    await staff.getByText('组成人员名单与出席（出席 0 / 46 人）').waitFor();
    await expect(staff.getByRole('button', { name: /开始投票/ }).isDisabled()).resolves.toBe(true);
    // The reason is voting's own (its rules table, through allowedActions), not a copy of the rule in the page.
    await staff.getByText('出席 0 人，未超过组成人员 46 人的半数，不能开始测评').waitFor();
    // The clerk marks everyone present but 谭玉兰 (member01), who checks in on her phone.
    await staff.locator('.ant-table-thead .ant-checkbox-input').check();
    await staff.getByRole('row', { name: /谭玉兰/ }).locator('.ant-checkbox-input').uncheck();
    await staff.getByRole('button', { name: /登记出席（45）/ }).click();
    await staff.getByText('组成人员名单与出席（出席 45 / 46 人）').waitFor();
    await staff.getByText(/已达到法定人数/).waitFor();

    // A staff member may organise but not vote: the voting page says so.
    await staff.goto(`${running.app}/evaluations/${id}/vote`);
    await staff.getByRole('heading', { name: '您不能在本次测评中投票' }).waitFor();
    await staff.getByText(/您当前的身份为“机关工作人员”/).waitFor();
    await staff.goto(`${running.app}/evaluations/${id}`);

    await staff.getByRole('button', { name: /开始投票/ }).click();
    await staff.getByText('已开始投票').waitFor();
    await staff.getByRole('button', { name: /结束投票并公布结果/ }).waitFor();
    expect((await api('chenzhou-staff', `/evaluations/${id}/result`)).status).toBe(409);

    // ---- The presiding screen (the leader, who may also close), live from the event stream.
    // (The member signs in on her phone meanwhile.)
    const hallContext = await running.platform.newContext({ width: 1600, height: 900 });
    const phoneContext = await running.platform.newContext(PHONE);
    const [hall, phone] = await Promise.all([
      running.platform.signIn(hallContext, 'chenzhou-leader', `/evaluations/${id}/presiding`),
      running.platform.signIn(phoneContext, member(1), '/evaluations'),
    ]);
    await hall.getByText('实时更新').waitFor();
    await hall.waitForFunction(`document.querySelector('[data-testid=presiding-present]')?.textContent === '45'`);
    expect(await text(hall, 'presiding-ballots')).toBe('0');
    expect(await text(hall, 'presiding-roster')).toBe('46');
    // No count by choice anywhere while voting.
    expect(await hall.getByText(/^满意$|^基本满意$|^不满意$/).count()).toBe(0);

    // ---- A member on a phone: not checked in, checks in, three buttons, confirms, voted.
    await phone.getByRole('button', { name: /去投票/ }).first().waitFor();
    // A member sees no organiser's actions on the detail page.
    await phone.goto(`${running.app}/evaluations/${id}`);
    await phone.getByText('您尚未签到，签到后方可投票。').waitFor();
    await expect(phone.getByRole('button', { name: /开始投票|结束投票/ }).count()).resolves.toBe(0);
    await phone.goto(`${running.app}/evaluations/${id}/vote`);
    await phone.getByRole('heading', { name: '请先签到' }).waitFor();
    await phone.getByRole('button', { name: /签\s*到/ }).click();
    await phone.getByRole('heading', { name: '请对报告的研究处理情况作出评价' }).waitFor();
    const choices = phone.getByRole('group', { name: '测评选项' }).getByRole('button');
    await expect(choices.allInnerTexts()).resolves.toEqual(['满意', '基本满意', '不满意']);
    const box = await choices.first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(64);
    expect(box!.width).toBeGreaterThan(300);
    await running.platform.screenshot(phone, 'vote-phone.png');
    await expectAccessible(phone, 'vote-phone');
    // Choose, go back, choose again by keyboard, confirm.
    await choices.nth(2).click();
    await phone.getByRole('heading', { name: '请确认您的选择' }).waitFor();
    await phone.getByRole('button', { name: /返回重新选择/ }).click();
    await phone.getByRole('group', { name: '测评选项' }).getByRole('button', { name: '满意', exact: true }).focus();
    await phone.keyboard.press('Enter');
    await phone.getByRole('heading', { name: '请确认您的选择' }).waitFor();
    await phone.getByRole('button', { name: /确认投票/ }).click();
    await phone.getByRole('heading', { name: '已投票' }).waitFor();
    await phone.getByText('您的选票已投出，不能更改或撤回。感谢您参加测评。').waitFor();
    // Nothing on the page says which way she voted.
    expect(await phone.getByText(/^满意$/).count()).toBe(0);
    await running.platform.screenshot(phone, 'vote-done-phone.png');
    await phone.reload();
    await phone.getByRole('heading', { name: '已投票' }).waitFor();
    await expect(phone.getByRole('group', { name: '测评选项' }).count()).resolves.toBe(0);
    // The API refuses a second ballot anyway.
    expect((await api(member(1), `/evaluations/${id}/ballots`, { method: 'POST', json: { choice: 'unsatisfied' } })).status).toBe(409);

    // The hall sees the count go up: her ballot, then thirty more.
    await hall.waitForFunction(`document.querySelector('[data-testid=presiding-ballots]')?.textContent === '1'`);
    expect(await text(hall, 'presiding-present')).toBe('46');
    const choice = (n: number) => (n <= 26 ? 'satisfied' : n <= 30 ? 'basic' : 'unsatisfied');
    const castRange = async (first: number, last: number) => {
      const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const statuses = await Promise.all(numbers.map(async (n) => (await api(member(n), `/evaluations/${id}/ballots`, { method: 'POST', json: { choice: choice(n) } })).status));
      expect(statuses).toEqual(numbers.map(() => 201));
    };
    await castRange(2, 11);
    await hall.waitForFunction(`document.querySelector('[data-testid=presiding-ballots]')?.textContent === '11'`);
    await castRange(12, 31);
    await hall.waitForFunction(`document.querySelector('[data-testid=presiding-ballots]')?.textContent === '31'`);
    await hall.getByText('投票进行中，尚有 15 位出席人员未投票').waitFor();
    await running.platform.screenshot(hall, 'presiding-live.png');
    await expectAccessible(hall, 'presiding-live');

    // Without the event stream (a proxy that cuts it) the screen polls and says so.
    await hall.route('**/api/v1/evaluations/*/progress', (route) =>
      (route.request().headers()['accept'] ?? '').includes('text/event-stream') ? route.abort() : route.continue(),
    );
    await hall.reload();
    await hall.getByText('实时连接中断，每 2 秒刷新').waitFor();
    await hall.waitForFunction(`document.querySelector('[data-testid=presiding-ballots]')?.textContent === '31'`);

    // ---- The presiding officer closes; the result is revealed with its chart.
    await hall.getByRole('button', { name: /结束投票/ }).click();
    await hall.getByRole('dialog').getByText(/已投票 31 人，出席 46 人/).waitFor();
    await hall.getByRole('dialog').getByRole('button', { name: /结束投票/ }).click();
    await hall.getByRole('heading', { name: '测评结果' }).waitFor();
    expect(await text(hall, 'presiding-grade')).toBe('满意');
    await hall.getByText('96.8%').waitFor(); // (26 + 4) / 31
    await hall.getByRole('figure', { name: '测评结果各选项票数柱状图' }).locator('canvas').waitFor();
    await hall.waitForTimeout(800); // the chart's entrance animation
    await running.platform.screenshot(hall, 'presiding-result.png');
    await expectAccessible(hall, 'presiding-result');

    // The phone, still open, says the evaluation is over; the detail page has the result.
    await phone.reload();
    await phone.getByText('测评已结束，结果以主持人公布的为准。').waitFor();
    await staff.reload();
    await staff.getByText('结果等次').waitFor();
    await staff.getByText('96.8%').waitFor();
    await staff.getByRole('figure', { name: '测评结果各选项票数柱状图' }).locator('canvas').waitFor();
    await expect(staff.getByRole('button', { name: /开始投票|结束投票|延期/ }).count()).resolves.toBe(0);
    await staff.waitForTimeout(800);
    await running.platform.screenshot(staff, 'evaluation-detail.png', { fullPage: true });
    await expectAccessible(staff, 'evaluation-detail');

    // ---- 测评统计: forty evaluations now, by year and by body.
    await staff.goto(`${running.app}/evaluations/stats`);
    await staff.getByText('总体满意度').waitFor();
    await staff.getByRole('figure', { name: '各年度测评次数柱状图与满意度折线图' }).locator('canvas').waitFor();
    await staff.getByRole('figure', { name: '各承办单位满意度条形图' }).locator('canvas').waitFor();
    await staff.getByRole('cell', { name: '2026' }).waitFor();
    await staff.waitForTimeout(800);
    await running.platform.screenshot(staff, 'evaluation-stats.png', { fullPage: true });

    // ---- A meeting that voted on paper: the count with the clerk and the scrutineers (监票人).
    const { projectId } = (await (await api('chenzhou-staff', `/evaluations/${id}`)).json()) as { projectId: string };
    const paper = (await (
      await api('chenzhou-staff', '/evaluations', {
        method: 'POST',
        json: { projectId, session: '市六届人大常委会第三次会议', heldOn: '2026-10-28', reportTitle: '市人民政府关于营商环境审议意见研究处理情况的报告（纸质选票）' },
      })
    ).json()) as { id: string };
    await staff.goto(`${running.app}/evaluations/${paper.id}`);
    await staff.getByRole('button', { name: /录入纸质或表决器结果/ }).click();
    const dialog = staff.getByRole('dialog', { name: '录入纸质或表决器计票结果' });
    await dialog.getByLabel('出席人数').fill('40');
    await dialog.getByLabel('满意', { exact: true }).fill('20');
    await dialog.getByLabel('基本满意').fill('10');
    await dialog.getByLabel('不满意').fill('10');
    await dialog.getByLabel('计票人').fill('高成平');
    await dialog.getByLabel('监票人').fill('胡远民');
    await dialog.getByLabel('监票人').press('Enter');
    await dialog.getByLabel('监票人').fill('易新良');
    await dialog.getByLabel('监票人').press('Enter');
    await dialog.getByRole('button', { name: /录入结果/ }).click();
    await staff.getByText('计票结果已录入').waitFor();
    await staff.getByText('结果等次').waitFor();
    await staff.getByText('纸质选票', { exact: true }).waitFor();
    await staff.getByText('胡远民、易新良').waitFor();
    // 20 satisfied of 40 present is not more than half: basically satisfied (30 > 20).
    await staff.locator('.grade-tag-large').filter({ hasText: '基本满意' }).waitFor();

    // A liaison has no evaluations at all (the voting page is not in the portal's menu either).
    expect((await api('chenzhou-fgw', `/evaluations/${id}/ballots`, { method: 'POST', json: { choice: 'satisfied' } })).status).toBe(403);

    await Promise.all([staffContext.close(), hallContext.close(), phoneContext.close()]);
  }), 150_000);
});
