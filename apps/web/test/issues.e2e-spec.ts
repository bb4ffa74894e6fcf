import { expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expectAccessible, journalled, describeInBrowser, usePlatform } from './harness.js';

/**
 * 问题清单 and the responsible body's portal in a real browser, against the issue-tracking demo
 * seed of 郴州 (97 problems in every state): the ledger with its counts, a filter and the export;
 * a problem's detail and a close-out verified by staff; the opinion page and an import refused
 * row by row; a liaison reporting progress and asking to close a problem (first without the
 * required evidence, then with it); and what a liaison may not open.
 */
/** A PDF header is all the gateway's content sniffing needs to take the file as a PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A problem list with one good row and one whose body and deadline are wrong. */
async function problemSheet(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('问题清单');
  sheet.addRow(['问题描述', '地点', '类别', '责任单位', '协办单位', '责任人', '整改措施', '整改时限', '证明材料']);
  sheet.addRow(['城区部分道路井盖缺失破损，存在安全隐患', '北湖区', '市政设施', '郴州市发展和改革委员会', '', '张三', '全面排查并更换破损井盖', '2030-12-31', '整改文件']);
  sheet.addRow(['农贸市场周边占道经营问题突出', '苏仙区', '市容秩序', '不存在的管理局', '', '', '', '明年年底', '']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describeInBrowser('problem ledger, opinions and the responsible body portal in a browser', () => {
  const running = usePlatform(['directory', 'project-library', 'issue-tracking']);
  /** The problem the liaison asked to extend (/problems/<id>), for the leader to decide. */
  let extended = '';

  const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
  /** Ant Design puts a space between two CJK characters of a button: 提 交. */
  const spaced = (text: string) => new RegExp(text.split('').join('\\s*'));

  it('shows staff the ledger with counts, filters and exports it, verifies a close-out, and refuses an import row by row', journalled(async () => {
    const context = await running.platform.newContext();
    const page = await running.platform.signIn(context, 'chenzhou-staff', '/problems');
    await page.waitForURL(`${running.app}/problems`);

    // 台账: figures, statuses, the chart by body and the first page of problems.
    await page.getByText('问题总数').waitFor();
    await page.getByRole('figure', { name: '各责任单位问题整改情况堆叠条形图' }).locator('canvas').waitFor();
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(20);
    await page.waitForTimeout(600); // the chart's entrance animation
    await running.platform.screenshot(page, 'ledger.png', { fullPage: true });
    await expectAccessible(page, 'ledger');

    // A status filter, on the server and in the URL.
    await page.getByLabel('状态', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('申请销号').click();
    await page.getByRole('button', { name: spaced('查询') }).click();
    await page.waitForURL(/status=close-requested/);
    await page.waitForFunction(`(() => {
      const rows = [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')];
      return rows.length > 0 && rows.every((row) => row.textContent.includes('申请销号'));
    })()`);

    // The export takes the same filters and has its Chinese name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe('问题台账.xlsx');
    await page.getByText('已导出：问题台账.xlsx').waitFor();

    // 问题详情 of a close-out request: staff verify and close it.
    await rows(page).first().locator('a').first().click();
    await page.waitForURL(/\/problems\/[0-9a-f-]{36}$/);
    await page.getByText('承办单位已申请销号').waitFor();
    await page.getByText('办理记录', { exact: true }).waitFor();
    await page.locator('.ant-timeline-item').first().waitFor();
    await running.platform.screenshot(page, 'problem-detail.png', { fullPage: true });
    await expectAccessible(page, 'problem-detail');
    await page.getByRole('button', { name: '核验通过，销号' }).click();
    const accept = page.getByRole('dialog', { name: '核验通过，销号' });
    await accept.getByLabel('核验意见').fill('经实地核验，整改到位');
    await accept.getByRole('button', { name: '核验通过，销号' }).click();
    await page.getByText('问题已销号', { exact: true }).waitFor();
    await page.locator('.ant-descriptions').getByText('已销号', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: '核验通过，销号' }).count()).resolves.toBe(0);

    // Its opinion: the list, the letters, and an import that the API refuses with a row's errors.
    await page.getByRole('link', { name: '查看审议意见' }).click();
    await page.waitForURL(/\/opinions\/[0-9a-f-]{36}$/);
    await page.getByText('审议意见全文').waitFor();
    await rows(page).first().waitFor();
    await page.getByRole('button', { name: /的交办函$/ }).first().waitFor();
    await running.platform.screenshot(page, 'opinion.png');
    // The import template comes with 郴州's bodies to choose from.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载导入模板/ }).click()]);
    expect(template.suggestedFilename()).toBe('问题清单导入模板.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await template.path());
    expect(book.worksheets.map((w) => w.name)).toEqual(['问题清单', '责任单位名录']);
    await page.locator('input[type=file]').setInputFiles({ name: '问题清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await problemSheet() });
    await page.getByText(/导入未完成：文件中有 \d+ 处错误/).waitFor();
    const errors = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '原因' }) });
    await errors.getByRole('cell', { name: '责任单位' }).first().waitFor();
    const errorRows = await errors.locator('tbody tr').allInnerTexts();
    expect(errorRows.every((row) => row.startsWith('3'))).toBe(true);
    expect(errorRows.some((row) => row.includes('整改时限'))).toBe(true);
    await page.getByText('导入错误').scrollIntoViewIfNeeded();
    await running.platform.screenshot(page, 'import-errors.png');

    // A draft opinion is transmitted with its problem list.
    await page.goto(`${running.app}/problems?status=draft`);
    await rows(page).first().locator('a').first().click();
    await page.getByRole('link', { name: '查看审议意见' }).click();
    await page.getByText('未交办').waitFor();

    // A problem added to the draft list; the API's rule on the description shows beside the field.
    await page.getByRole('button', { name: '增加问题' }).click();
    const add = page.getByRole('dialog', { name: '增加问题' });
    await add.getByLabel('问题描述').fill('短问题');
    await add.getByLabel('责任单位', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('郴州市发展和改革委员会').click();
    await add.getByRole('button', { name: spaced('提交') }).click();
    await add.getByText('问题描述至少 5 个字').waitFor();
    await add.getByLabel('问题描述').fill('部分重大项目前期工作经费保障不足');
    await add.getByRole('button', { name: spaced('提交') }).click();
    await page.getByText('问题已列入清单').waitFor();
    await rows(page).filter({ hasText: '部分重大项目前期工作经费保障不足' }).waitFor();

    await page.getByRole('button', { name: /(^|\s)交\s*办$/ }).click();
    const transmit = page.getByRole('dialog', { name: '交办审议意见和问题清单' });
    await transmit.getByLabel('统一整改时限').fill('2030-03-31');
    await transmit.getByText('全部问题一并交办给责任单位').click();
    await transmit.getByLabel('研究处理情况报告时限').fill('2030-06-30');
    await transmit.getByText('全部问题一并交办给责任单位').click();
    await transmit.getByRole('button', { name: /^交\s*办$/ }).click();
    await page.getByText('审议意见已交办').waitFor();
    await page.locator('.ant-descriptions').getByText('已交办', { exact: true }).waitFor();
    await rows(page).filter({ hasText: '已交办' }).first().waitFor();
    await context.close();
  }), 180_000);

  it('lets a liaison report progress and request close-out with the evidence the problem requires, and nothing of the ledger', journalled(async () => {
    const context = await running.platform.newContext();
    const page = await running.platform.signIn(context, 'chenzhou-fgw');
    await page.waitForURL(`${running.app}/portal`);
    await page.getByText('承办单位：郴州市发展和改革委员会').waitFor();
    await page.getByText('承办问题').waitFor();
    await rows(page).first().waitFor();
    await running.platform.screenshot(page, 'portal.png');

    // A problem this body leads that is being rectified (not yet asked to be closed).
    const row = rows(page).filter({ hasText: '牵头' }).filter({ hasText: /整改中|已交办|重新整改/ }).first();
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/portal\/problems\/[0-9a-f-]{36}$/);
    await page.getByText('销号须提供的证明材料').waitFor();

    // The assignment letter of its own body.
    const [letter] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /的交办函$/ }).click()]);
    expect(letter.suggestedFilename()).toMatch(/^交办函-郴州市发展和改革委员会\.docx$/);

    // 填写整改措施 (the body's part of the rectification list).
    await page.getByRole('button', { name: '填写整改措施' }).click();
    const measures = page.getByRole('dialog', { name: '填写整改措施' });
    await measures.getByLabel('整改措施').fill('成立工作专班，逐项明确责任科室和完成时限，每月调度。');
    await measures.getByRole('button', { name: spaced('提交') }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.locator('.ant-descriptions').getByText('成立工作专班，逐项明确责任科室和完成时限，每月调度。').waitFor();

    // 报告整改进展.
    await page.getByRole('button', { name: '报告整改进展' }).click();
    const progress = page.getByRole('dialog', { name: '报告整改进展' });
    await progress.getByLabel('进展情况').fill('已完成主要整改任务，正在开展自查验收。');
    await progress.getByLabel('完成百分比').fill('90');
    await progress.getByRole('button', { name: spaced('提交') }).click();
    await page.getByText('整改进展已报告').waitFor();
    await page.getByText('已完成主要整改任务，正在开展自查验收。').waitFor();

    // 申请销号 without evidence: the API lists what is missing.
    await page.getByRole('button', { name: '申请销号' }).click();
    const close = page.getByRole('dialog', { name: '申请销号' });
    await close.getByLabel('整改情况说明').fill('整改任务全部完成，长效机制已建立。');
    await close.getByRole('button', { name: '申请销号' }).click();
    await close.getByText('销号申请缺少以下证明材料').waitFor();
    const missing = await close.getByRole('alert').filter({ hasText: '销号申请缺少以下证明材料' }).locator('li').allInnerTexts();
    expect(missing.some((m) => m.includes('整改文件'))).toBe(true);

    // A file over 20 MB is refused at once, saying why, before it is sent.
    await close.locator('input[type=file]').setInputFiles({ name: '现场录像.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(21 * 1024 * 1024) });
    await page.getByText('现场录像.pdf（21.0 MB）超过 20.0 MB，不能上传；请压缩或拆分后再传').waitFor();
    // Upload the evidence in the dialog (chosen for the request as it arrives), then ask again.
    await close.locator('input[type=file]').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('已上传：整改报告.pdf').waitFor();
    if (missing.some((m) => m.includes('现场照片'))) {
      await close.getByRole('combobox', { name: '材料类型' }).click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('现场照片').click();
      await close.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
      await page.getByText('已上传：现场照片.png').waitFor();
    }
    await close.getByRole('button', { name: '申请销号' }).click();
    await page.getByText('销号申请已提交，等待核验').waitFor();
    await page.locator('.ant-descriptions').getByText('申请销号', { exact: true }).waitFor();
    await page.getByText('整改报告.pdf').first().waitFor();
    await expect(page.getByRole('button', { name: '申请销号' }).count()).resolves.toBe(0);
    await running.platform.screenshot(page, 'portal-problem.png', { fullPage: true });
    await expectAccessible(page, 'portal-problem');

    // 申请延期 on another problem the body leads (one without a pending request).
    await page.goto(`${running.app}/portal`);
    const candidates = rows(page).filter({ hasText: '牵头' }).filter({ hasText: /整改中|已交办|重新整改|已延期/ });
    await candidates.first().waitFor();
    const links = await candidates.locator('a').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
    for (const href of links) {
      await page.goto(`${running.app}${href}`);
      await page.getByText('销号须提供的证明材料').waitFor();
      await page.getByText('延期申请', { exact: true }).waitFor();
      if (await page.getByRole('button', { name: '申请延期' }).count()) break;
    }
    extended = new URL(page.url()).pathname.replace('/portal/problems/', '/problems/');
    await page.getByRole('button', { name: '申请延期' }).click();
    const extension = page.getByRole('dialog', { name: '申请延期' });
    await extension.getByLabel('延期理由').fill('项目资金分年度下达，须分期实施，申请延长整改期限。');
    await extension.getByLabel('建议的新时限').fill('2030-12-31');
    await extension.getByText('延期理由').click();
    await extension.getByRole('button', { name: spaced('提交') }).click();
    await page.getByText('延期申请已提交，等待审批').waitFor();
    await page.getByText('待审批', { exact: true }).waitFor();

    // The ledger is not a liaison's.
    await page.goto(`${running.app}/problems`);
    await page.getByText('无权访问').waitFor();
    await context.close();
  }), 120_000);

  it('lets a leader approve the extension the body asked for', journalled(async () => {
    expect(extended).toMatch(/^\/problems\/[0-9a-f-]{36}$/);
    const context = await running.platform.newContext();
    const page = await running.platform.signIn(context, 'chenzhou-leader', extended);
    await page.getByText('待审批', { exact: true }).waitFor();
    await page.getByRole('button', { name: '同意延期' }).click();
    const decide = page.getByRole('dialog', { name: /审批延期/ });
    await decide.getByLabel('审批意见').fill('同意，请按季度报告进展。');
    await decide.getByRole('button', { name: '同意延期' }).click();
    await page.getByText('已同意延期，新时限生效').waitFor();
    await page.locator('.ant-descriptions').getByText('已延期', { exact: true }).waitFor();
    await page.locator('.ant-descriptions').getByText('2030-12-31').waitFor();
    await context.close();
  }), 60_000);

  it('offers a committee member no verification of a close-out request', journalled(async () => {
    const context = await running.platform.newContext();
    const page = await running.platform.signIn(context, 'chenzhou-member01', '/problems?status=close-requested');
    await rows(page).first().waitFor();
    await rows(page).first().locator('a').first().click();
    await page.waitForURL(/\/problems\/[0-9a-f-]{36}$/);
    await page.locator('.ant-descriptions').getByText('申请销号', { exact: true }).waitFor();
    await page.getByText('当前状态下没有您可以办理的事项。').waitFor();
    await expect(page.getByRole('button', { name: '核验通过，销号' }).count()).resolves.toBe(0);
    await context.close();
  }), 60_000);
});
