import type { Plan } from '@congress/contracts';
import ExcelJS from 'exceljs';
import { CATEGORY_NAME, STAGE_NAME } from '../projects/project-labels.js';

const DECIDER: Record<string, string> = { 'chairs-council': '主任会议', 'standing-committee': '常委会', 'party-committee': '党委批转' };
const PLAN_STATUS: Record<string, string> = { planned: '计划内', added: '增补', changed: '变更', withdrawn: '撤销', postponed: '延至下年' };
const ADJUSTMENT: Record<string, string> = { add: '增补', withdraw: '撤销', postpone: '延至下年', change: '变更' };

/** The year's plan (年度监督计划) in the usual table layout, with a sheet of adjustments. */
export async function planWorkbook(plan: Plan, unitName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '项目化闭环监督平台';
  const sheet = workbook.addWorksheet('年度监督计划', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.mergeCells('A1:I1');
  sheet.getCell('A1').value = `${unitName}${plan.year}年度监督工作计划`;
  sheet.getCell('A1').font = { name: '方正小标宋简体', size: 18, bold: true };
  sheet.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 36;
  const header = ['序号', '项目名称', '类别', '主要内容', '决定机关', '决定日期', '文号', '当前阶段', '计划状态'];
  sheet.addRow(header);
  sheet.getRow(2).font = { bold: true };
  sheet.columns = [{ width: 6 }, { width: 36 }, { width: 14 }, { width: 48 }, { width: 12 }, { width: 12 }, { width: 22 }, { width: 10 }, { width: 10 }];
  plan.entries.forEach((e, i) => {
    sheet.addRow([
      i + 1,
      e.title,
      CATEGORY_NAME[e.category] ?? e.category,
      e.summary,
      e.approval ? DECIDER[e.approval.decidingBody] : '',
      e.approval?.decisionDate ?? '',
      e.approval?.documentNumber ?? '',
      STAGE_NAME[e.stage] ?? e.stage,
      PLAN_STATUS[e.planStatus],
    ]);
  });
  sheet.eachRow((row, n) => {
    if (n < 2) return;
    row.alignment = { vertical: 'middle', wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }));
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];

  const changes = workbook.addWorksheet('动态调整');
  changes.addRow(['序号', '项目名称', '调整类型', '调整理由', '批准人', '批准日期', '文号', '调整前', '调整后', '登记人']);
  changes.getRow(1).font = { bold: true };
  changes.columns = [{ width: 6 }, { width: 30 }, { width: 10 }, { width: 36 }, { width: 14 }, { width: 12 }, { width: 22 }, { width: 30 }, { width: 30 }, { width: 16 }];
  plan.adjustments.forEach((a, i) =>
    changes.addRow([i + 1, a.projectTitle, ADJUSTMENT[a.kind], a.reason, a.approverName, a.approvedOn, a.documentNumber ?? '', JSON.stringify(a.before), JSON.stringify(a.after), a.recordedBy]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
