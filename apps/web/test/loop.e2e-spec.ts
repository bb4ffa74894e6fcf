import { expect, it } from '@jest/globals';
import { passwordToken } from '@congress/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { PHONE, journalled, describeInBrowser, usePlatform } from './harness.js';

/**
 * The closed loop in one story, in a real browser, each step by the role that takes it:
 * staff enter a project, a leader approves it, staff give it a responsibility letter and a
 * roadmap and start it; after the session deliberates, staff record the opinion, list a problem
 * and transmit it; the responsible body's liaison reports progress and asks to close it; staff
 * verify and close it; staff organise the satisfaction evaluation and take attendance; members
 * vote (one on a phone); the presiding officer closes the vote on the hall's screen; the leader
 * closes the project, which the platform allows only now. The project's timeline tells it all.
 */
const TITLE = '关于城区内涝治理工作情况的报告';
const PROBLEM = '城区部分低洼路段排水管网标准偏低，汛期积水严重';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** Ant Design puts a space between two CJK characters of a button: 提 交. */
const spaced = (text: string) => new RegExp(`^${text.split('').join('\\s*')}$`);

describeInBrowser('the closed loop, from a new project to a closed evaluation and a closed project', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking', 'voting']);

  const as = async (username: string, path: string, viewport?: typeof PHONE): Promise<[BrowserContext, Page]> => {
    const context = await running.platform.newContext(viewport);
    return [context, await running.platform.signIn(context, username, path)];
  };
  const stageIs = (page: Page, stage: string) => page.locator('.stage-path .stage-current', { hasText: stage }).waitFor();
  const move = async (page: Page, button: string) => {
    await page.getByRole('button', { name: spaced(button) }).click();
    const dialog = page.locator('.ant-modal-confirm-confirm');
    await dialog.getByRole('button', { name: spaced(button) }).click();
    await dialog.waitFor({ state: 'hidden' });
    // A refusal is shown in an error dialog: fail with what it says.
    const refused = page.locator('.ant-modal-confirm-error');
    if (await refused.isVisible()) throw new Error(`${button} refused: ${await refused.innerText()}`);
  };
  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

  it('runs the whole loop as the roles who do each step', journalled(async () => {
    // 1. Staff enter the project and move it to 谋划.
    let [context, page] = await as('chenzhou-staff', '/projects/new');
    await page.getByLabel('项目名称').fill(TITLE);
    await page.getByLabel('类别').click();
    await page.getByTitle('专项工作报告').click();
    await page.getByLabel('项目来源').click();
    await page.getByTitle('群众急难愁盼').click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: spaced('提交') }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectPath = new URL(page.url()).pathname;
    await move(page, '转入谋划');
    await stageIs(page, '谋划');
    await context.close();

    // 2. A leader approves it (主任会议).
    [context, page] = await as('chenzhou-leader', projectPath);
    await page.getByRole('button', { name: spaced('立项') }).click();
    const approval = page.getByRole('dialog', { name: '立项' });
    await approval.getByLabel('文号').fill('郴人常办〔2026〕12号');
    await approval.getByRole('button', { name: spaced('立项') }).click();
    await stageIs(page, '立项');
    await context.close();

    // 3. Staff: responsibility letter, roadmap, implementing; then the opinion after deliberation.
    [context, page] = await as('chenzhou-staff', projectPath);
    await page.getByRole('tab', { name: '责任书' }).click();
    await page.getByLabel('职责角色').fill('牵头领导');
    await page.getByLabel('责任人').fill('李明');
    await page.getByLabel('职责内容').fill('牵头调研、组织审议和跟踪监督');
    await page.getByRole('button', { name: /添加责任/ }).click();
    await page.getByRole('cell', { name: '牵头调研、组织审议和跟踪监督' }).waitFor();
    await page.getByRole('tab', { name: '路线图' }).click();
    await page.getByRole('button', { name: '按标准模板生成' }).click();
    await page.locator('.ant-steps-item').nth(5).waitFor();
    await move(page, '开始实施');
    await stageIs(page, '实施');

    await page.getByRole('tab', { name: '审议意见' }).click();
    await page.getByRole('button', { name: /录入审议意见/ }).click();
    const opinion = page.getByRole('dialog', { name: '录入审议意见' });
    await opinion.getByLabel('审议会议').fill('市六届人大常委会第十次会议');
    await opinion.getByLabel('审议意见', { exact: true }).fill('常委会组成人员认为，城区内涝治理取得一定成效，但排水设施标准偏低、管护机制不健全等问题仍然突出，建议加快管网改造。');
    await opinion.getByRole('button', { name: spaced('提交') }).click();
    await page.waitForURL(/\/opinions\/[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: '增加问题' }).click();
    const add = page.getByRole('dialog', { name: '增加问题' });
    await add.getByLabel('问题描述').fill(PROBLEM);
    await add.getByLabel('责任单位', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('郴州市发展和改革委员会').click();
    await add.getByRole('button', { name: spaced('提交') }).click();
    await rows(page).filter({ hasText: PROBLEM }).waitFor();

    await page.getByRole('button', { name: /(^|\s)交\s*办$/ }).click();
    const transmit = page.getByRole('dialog', { name: '交办审议意见和问题清单' });
    await transmit.getByLabel('统一整改时限').fill('2030-03-31');
    await transmit.getByText('全部问题一并交办给责任单位').click();
    await transmit.getByLabel('研究处理情况报告时限').fill('2030-06-30');
    await transmit.getByText('全部问题一并交办给责任单位').click();
    await transmit.getByRole('button', { name: spaced('交办') }).click();
    await page.getByText('审议意见已交办').waitFor();
    const problemLink = rows(page).filter({ hasText: PROBLEM }).locator('a[href^="/problems/"]').first();
    const problemPath = (await problemLink.getAttribute('href'))!;
    await context.close();

    // 4. The liaison of 发改委 reports progress and asks to close it, with the evidence.
    [context, page] = await as('chenzhou-fgw', problemPath.replace('/problems/', '/portal/problems/'));
    await page.getByRole('button', { name: '报告整改进展' }).click();
    const progress = page.getByRole('dialog', { name: '报告整改进展' });
    await progress.getByLabel('进展情况').fill('完成 12 处低洼路段管网改造，汛期未再出现严重积水。');
    await progress.getByLabel('完成百分比').fill('100');
    await progress.getByRole('button', { name: spaced('提交') }).click();
    await page.getByText('整改进展已报告').waitFor();
    await page.getByRole('button', { name: '申请销号' }).click();
    const close = page.getByRole('dialog', { name: '申请销号' });
    await close.getByLabel('整改情况说明').fill('管网改造全部完成，已建立汛前排查机制。');
    await close.locator('input[type=file]').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('已上传：整改报告.pdf').waitFor();
    await close.getByRole('button', { name: '申请销号' }).click();
    await page.getByText('销号申请已提交，等待核验').waitFor();
    await context.close();

    // 5. Staff verify it and close it (销号); the project goes to evaluation; the evaluation is organised.
    [context, page] = await as('chenzhou-staff', problemPath);
    await page.getByRole('button', { name: '核验通过，销号' }).click();
    const accept = page.getByRole('dialog', { name: '核验通过，销号' });
    await accept.getByLabel('核验意见').fill('经实地核验，整改到位');
    await accept.getByRole('button', { name: '核验通过，销号' }).click();
    await page.locator('.ant-descriptions').getByText('已销号', { exact: true }).waitFor();

    await page.goto(`${running.app}${projectPath}`);
    await move(page, '转入评估');
    await stageIs(page, '评估');

    await page.goto(`${running.app}/evaluations`);
    await page.getByRole('button', { name: /组织测评/ }).click();
    const drawer = page.getByRole('dialog', { name: '组织满意度测评' });
    await drawer.getByLabel('监督项目').fill('内涝');
    await page.locator('.ant-select-item-option').filter({ hasText: TITLE }).first().click();
    await drawer.getByLabel('会议', { exact: true }).fill('市六届人大常委会第十二次会议');
    await drawer.getByLabel('测评日期').fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    await drawer.getByLabel('测评日期').press('Enter');
    await drawer.getByLabel('测评的报告').fill('市人民政府关于城区内涝治理工作审议意见研究处理情况的报告');
    // The project's transmitted opinion is proposed; creating opens the new evaluation.
    await drawer.getByText('市六届人大常委会第十次会议').waitFor();
    await drawer.getByRole('button', { name: /创建测评/ }).click();
    await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);
    const evaluationPath = new URL(page.url()).pathname;
    await page.locator('.ant-table-thead .ant-checkbox-input').check();
    await page.getByRole('button', { name: /登记出席（46）/ }).click();
    await page.getByText('组成人员名单与出席（出席 46 / 46 人）').waitFor();
    await page.getByRole('button', { name: /开始投票/ }).click();
    await page.getByText('已开始投票').waitFor();
    await context.close();

    // 6. Members vote: one on her phone, twenty-five more from their own devices (the API).
    const [phoneContext, phone] = await as('chenzhou-member01', `${evaluationPath}/vote`, PHONE);
    await phone.getByRole('group', { name: '测评选项' }).getByRole('button', { name: '满意', exact: true }).click();
    await phone.getByRole('button', { name: /确认投票/ }).click();
    await phone.getByRole('heading', { name: '已投票' }).waitFor();
    await phoneContext.close();
    const evaluationId = evaluationPath.split('/').pop()!;
    const statuses = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const username = `chenzhou-member${String(i + 2).padStart(2, '0')}`;
        const token = await passwordToken(running.platform.idp, username);
        const response = await fetch(`${running.app}/api/v1/evaluations/${evaluationId}/ballots`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ choice: i < 24 ? 'satisfied' : 'basic' }),
        });
        return response.status;
      }),
    );
    expect(statuses.every((s) => s === 201)).toBe(true);

    // 7. The presiding officer closes the vote on the hall's screen: the result is revealed.
    [context, page] = await as('chenzhou-leader', `${evaluationPath}/presiding`);
    await page.waitForFunction(`document.querySelector('[data-testid=presiding-ballots]')?.textContent === '26'`);
    await page.getByRole('button', { name: /结束投票/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /结束投票/ }).click();
    await page.getByRole('heading', { name: '测评结果' }).waitFor();
    expect(await page.getByTestId('presiding-grade').innerText()).toBe('满意');

    // 8. Tracking, then 办结: allowed now that every problem is closed and the evaluation passed.
    await page.goto(`${running.app}${projectPath}`);
    await move(page, '转入跟踪');
    await stageIs(page, '跟踪');
    await move(page, '办结');
    await stageIs(page, '办结');
    await page.getByRole('tab', { name: '闭环时间线' }).click();
    await page.locator('.ant-timeline-item .ant-tag', { hasText: '满意度测评' }).first().waitFor();
    const kinds = await page.locator('.ant-timeline-item .ant-tag').allInnerTexts();
    for (const kind of ['录入', '阶段', '审议意见', '交办', '问题销号', '满意度测评']) expect(kinds).toContain(kind);
    // In the order it happened; people named as people.
    expect(kinds.indexOf('交办')).toBeLessThan(kinds.indexOf('问题销号'));
    expect(kinds.indexOf('问题销号')).toBeLessThan(kinds.indexOf('满意度测评'));
    await page.locator('.ant-timeline-item', { hasText: '储备 → 谋划' }).getByText('高成平').waitFor();
    await page.locator('.ant-timeline-item', { hasText: '谋划 → 立项' }).getByText('肖小琴').waitFor();
    await running.platform.screenshot(page, 'loop-timeline.png', { fullPage: true });
    await context.close();
  }), 300_000);
});
