import { ProblemError, ProjectInput, type FieldError, type Project } from '@congress/contracts';
import ExcelJS from 'exceljs';
import { cellText as text, firstSheet } from '../sheets/sheet-reading.js';
import { CATEGORY_BY_NAME, CATEGORY_NAME, SOURCE_BY_NAME, SOURCE_NAME, STAGE_NAME } from './project-labels.js';

/** The columns of a project list sheet, in order: what import reads and export writes. */
export const SHEET_COLUMNS = ['项目名称', '年度', '类别', '来源', '主要内容', '标签', '拟提请会议'] as const;
const KEY: Record<(typeof SHEET_COLUMNS)[number], keyof ProjectInput> = {
  项目名称: 'title',
  年度: 'year',
  类别: 'category',
  来源: 'sources',
  主要内容: 'summary',
  标签: 'tags',
  拟提请会议: 'plannedSession',
};
const split = (v: string) => v.split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);

/**
 * Reads candidate projects from the first sheet (header row, then one project per row). Every
 * bad cell is reported with its row, column and reason; a file with any error yields nothing.
 */
export async function readProjectSheet(file: Buffer): Promise<ProjectInput[]> {
  const sheet = await firstSheet(file);
  const header = sheet.getRow(1);
  const columns = new Map<string, number>();
  header.eachCell((cell, col) => columns.set(text(cell), col));
  const missing = SHEET_COLUMNS.slice(0, 4).filter((c) => !columns.has(c));
  if (missing.length) {
    throw ProblemError.validation([{ field: 'body.header', rule: 'missing_columns', message: `第 1 行缺少表头：${missing.join('、')}（需要：${SHEET_COLUMNS.join('、')}）` }]);
  }
  const errors: FieldError[] = [];
  const projects: ProjectInput[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const value = (name: (typeof SHEET_COLUMNS)[number]) => (columns.has(name) ? text(row.getCell(columns.get(name)!)) : '');
    if (SHEET_COLUMNS.every((c) => value(c) === '')) continue;
    const raw: Record<string, unknown> = {
      title: value('项目名称'),
      year: value('年度') === '' ? undefined : value('年度'),
      category: CATEGORY_BY_NAME[value('类别')] ?? (value('类别') || undefined),
      sources: split(value('来源')).map((s) => SOURCE_BY_NAME[s] ?? s),
      summary: value('主要内容'),
      tags: split(value('标签')),
      plannedSession: value('拟提请会议') || null,
    };
    const parsed = ProjectInput.safeParse(raw);
    if (parsed.success) {
      projects.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const name = SHEET_COLUMNS.find((c) => KEY[c] === key) ?? key;
      const letter = columns.has(name) ? sheet.getColumn(columns.get(name)!).letter : '?';
      errors.push({ field: `body.rows[${r}].${letter}`, rule: issue.code, message: `第 ${r} 行 ${letter} 列「${name}」：${raw[key] === undefined || raw[key] === '' ? '必填' : issue.message}` });
    }
  }
  if (errors.length) throw ProblemError.validation(errors, `文件有 ${errors.length} 处错误，未导入任何项目`);
  if (projects.length === 0) throw ProblemError.validation([{ field: 'body', rule: 'no_rows', message: '文件中没有项目（第 2 行起每行一个项目）' }]);
  return projects;
}

/** Any filtered list of projects, as a sheet in the import layout plus unit and stage. */
export async function projectSheet(projects: Project[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('项目库');
  sheet.addRow([...SHEET_COLUMNS, '单位', '阶段', '立项文号']);
  sheet.getRow(1).font = { bold: true };
  sheet.columns = [{ width: 36 }, { width: 8 }, { width: 14 }, { width: 28 }, { width: 48 }, { width: 20 }, { width: 24 }, { width: 10 }, { width: 8 }, { width: 22 }];
  for (const p of projects) {
    sheet.addRow([p.title, p.year, CATEGORY_NAME[p.category], p.sources.map((s) => SOURCE_NAME[s]).join('、'), p.summary, p.tags.join('、'), p.plannedSession ?? '', p.unitCode, STAGE_NAME[p.stage], p.approval?.documentNumber ?? '']);
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
