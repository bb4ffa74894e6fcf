import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectAccessible, journalled, describeInBrowser, usePlatform } from './harness.js';

/**
 * 项目库 in a real browser: a project entered by staff, moved through its stages by the roles who
 * may (the approval by a leader), with the guards explained where they hold it back; its
 * responsibility letter, roadmap from the standard template, schedule and adjustment; the
 * timeline; the year's plan and the battle map of the demo year.
 */
describeInBrowser('project library pages in a browser', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking']);

  const stageIs = (page: Page, stage: string) => page.locator('.stage-path .stage-current', { hasText: stage }).waitFor();
  const confirmDialog = async (page: Page, button: RegExp) => {
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.getByRole('button', { name: button }).click();
    await dialog.waitFor({ state: 'hidden' });
  };

  it('takes a project from entry to implementing, each step by the role that may take it', journalled(async () => {
    const staff = await running.platform.newContext();
    const page = await running.platform.signIn(staff, 'chenzhou-staff', '/projects/new');

    // 录入: staff enter a candidate project; it lands in 储备.
    await page.getByLabel('项目名称').fill('关于城乡供水一体化工作情况的报告');
    await page.getByLabel('类别').click();
    await page.getByTitle('专项工作报告').click();
    await page.getByLabel('项目来源').click();
    await page.getByTitle('群众急难愁盼').click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectUrl = page.url();
    await page.getByRole('heading', { name: '关于城乡供水一体化工作情况的报告' }).waitFor();
    await stageIs(page, '储备');

    // 储备 → 谋划, confirmed.
    await page.getByRole('button', { name: '转入谋划' }).click();
    await confirmDialog(page, /转入谋划/);
    await stageIs(page, '谋划');

    // 立项 is a leader's move: staff see why the button is disabled.
    const approve = page.getByRole('button', { name: /^立\s*项$/ });
    await expect(approve.isDisabled()).resolves.toBe(true);
    await approve.hover({ force: true });
    await page.getByRole('tooltip').filter({ hasText: '转到立项需要以下角色之一：主任会议成员、单位管理员' }).waitFor();
    await staff.close();

    // The leader approves it with the deciding body, date and document number.
    const leaderContext = await running.platform.newContext();
    const leader = await running.platform.signIn(leaderContext, 'chenzhou-leader', new URL(projectUrl).pathname);
    await stageIs(leader, '谋划');
    await leader.getByRole('button', { name: /^立\s*项$/ }).click();
    const approval = leader.getByRole('dialog', { name: '立项' });
    await approval.getByLabel('决定机关').click();
    await leader.getByTitle('党委批转').click();
    await approval.getByLabel('文号').fill('郴人常发〔2027〕1号');
    await running.platform.screenshot(leader, 'project-approve.png');
    await approval.getByRole('button', { name: /^立\s*项$/ }).click();
    await stageIs(leader, '立项');
    await leader.getByText('党委批转立项 郴人常发〔2027〕1号').waitFor();
    await leaderContext.close();

    // Staff again: implementing needs the responsibility letter and the roadmap first.
    const staffAgain = await running.platform.newContext();
    const p = await running.platform.signIn(staffAgain, 'chenzhou-staff', new URL(projectUrl).pathname);
    await stageIs(p, '立项');
    const implement = p.getByRole('button', { name: '开始实施' });
    await expect(implement.isDisabled()).resolves.toBe(true);

    await p.getByRole('tab', { name: '责任书' }).click();
    await p.getByLabel('职责角色').fill('牵头领导');
    await p.getByLabel('责任人').fill('李明');
    await p.getByLabel('职责内容').fill('统筹调研、审议意见落实和满意度测评');
    await p.getByRole('button', { name: /添加责任/ }).click();
    await p.getByRole('cell', { name: '统筹调研、审议意见落实和满意度测评' }).waitFor();

    await p.getByRole('tab', { name: '路线图' }).click();
    await p.getByRole('button', { name: '按标准模板生成' }).click();
    await p.getByText('已按标准模板生成路线图').waitFor();
    await p.locator('.ant-steps-item').nth(5).waitFor();
    expect(await p.locator('.ant-steps-item').count()).toBe(6);

    await expect(implement.isDisabled()).resolves.toBe(false);
    await implement.click();
    await confirmDialog(p, /开始实施/);
    await stageIs(p, '实施');

    // 施工表: a task, then its percent done rolls up into the project's progress.
    await p.getByRole('tab', { name: '施工表' }).click();
    await p.getByLabel('任务').fill('赴北湖区、苏仙区实地调研');
    await p.getByLabel('负责人').fill('王芳');
    await p.getByLabel('起止日期').click();
    await p.locator('.ant-picker-dropdown .ant-picker-cell-today').first().click();
    await p.locator('.ant-picker-dropdown .ant-picker-cell-today').first().click();
    await p.getByRole('button', { name: /添加任务/ }).click();
    await p.getByRole('cell', { name: '赴北湖区、苏仙区实地调研' }).waitFor();
    const percent = p.getByLabel('“赴北湖区、苏仙区实地调研”的完成百分比');
    await percent.fill('40');
    await percent.blur();
    await p.getByText('任务已更新').waitFor();
    await p.locator('[role="progressbar"][aria-label="实施进度"][aria-valuenow="40"]').waitFor();

    // 动态调整: a change of title, recorded with reason and approver.
    await p.getByRole('tab', { name: '动态调整' }).click();
    await p.getByRole('button', { name: /登记调整/ }).click();
    const adjust = p.getByRole('dialog', { name: '登记调整' });
    await adjust.getByLabel('新的项目名称').fill('关于城乡供水一体化和农村饮水安全工作情况的报告');
    await adjust.getByLabel('调整理由').fill('根据市委要求扩大监督范围');
    await adjust.getByLabel('批准人').fill('主任会议');
    await adjust.getByRole('button', { name: /提\s*交/ }).click();
    await p.getByRole('cell', { name: '根据市委要求扩大监督范围' }).waitFor();
    await p.getByRole('heading', { name: '关于城乡供水一体化和农村饮水安全工作情况的报告' }).waitFor();

    // The timeline: every step above, in order.
    await p.getByRole('tab', { name: '闭环时间线' }).click();
    const timeline = p.locator('.ant-timeline-item');
    await timeline.nth(4).waitFor();
    const kinds = await p.locator('.ant-timeline-item .ant-tag').allInnerTexts();
    expect(kinds.slice(0, 5)).toEqual(['录入', '阶段', '阶段', '阶段', '调整']);
    await p.evaluate('window.scrollTo(0, 0)');
    await running.platform.screenshot(p, 'project-detail.png', { fullPage: true });
    await expectAccessible(p, 'project-detail');
    await staffAgain.close();
  }), 240_000);

  it('shows the 2022 plan of 郴州 with its export, and the battle map', journalled(async () => {
    const context = await running.platform.newContext();
    const page = await running.platform.signIn(context, 'chenzhou-staff', '/plans?year=2022');
    await page.getByRole('heading', { name: '2022 年度监督计划' }).waitFor();
    await page.getByRole('link', { name: '政府债务管理情况' }).first().waitFor();
    const entries = await page.locator('.ant-card', { hasText: '计划项目' }).locator('.ant-table-tbody tr.ant-table-row').count();
    expect(entries).toBeGreaterThanOrEqual(23);
    await running.platform.screenshot(page, 'plan.png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/2022.*\.xlsx$/);

    // This year has no approved project in the demo: the empty map offers the latest year that has.
    await page.goto(`${running.app}/battle-map`);
    await page.getByText(/年度没有立项的项目/).waitFor();
    await page.getByRole('button', { name: '查看 2022 年度' }).click();
    await page.waitForURL(/year=2022/);
    await page.getByRole('heading', { name: '2022 年度挂图作战' }).waitFor();
    await page.getByRole('figure', { name: '2022 年度监督项目甘特图' }).locator('canvas').waitFor();
    await expect(page.getByRole('list', { name: '挂图项目列表' }).getByRole('listitem').count()).resolves.toBeGreaterThanOrEqual(23);
    await page.getByText('显示施工表任务').click();
    await page.waitForTimeout(300);
    await running.platform.screenshot(page, 'battle-map.png', { fullPage: true });
    await expectAccessible(page, 'battle-map');
    await context.close();
  }), 120_000);
});
