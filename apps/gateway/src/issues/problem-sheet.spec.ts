import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { problemOf } from '@congress/testing';
import { BODY, bodies } from './__fixtures__/problems.js';
import { PROBLEM_SHEET_COLUMNS, problemSheetTemplate, readProblemSheet } from './problem-sheet.js';

type Cell = ExcelJS.CellValue;

async function sheet(rows: Cell[][], header: readonly string[] = PROBLEM_SHEET_COLUMNS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('问题清单');
  ws.addRow([...header]);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const good: Cell[] = [
  '城区部分老旧小区雨污管网未分流',
  '北湖区',
  '生态环境',
  '市住房和城乡建设局',
  '市生态环境局、北湖区人民政府',
  '张三',
  '分批实施雨污分流改造',
  '2021-12-31',
  '整改文件，site-photo',
];

describe('problem list import', () => {
  it('reads problems, mapping body names to ids and evidence names to kinds', async () => {
    const problems = await readProblemSheet(
      await sheet([good, [], ['农村生活垃圾收运体系不健全', '', '', '市生态环境局', '', '', '', new Date(Date.UTC(2022, 2, 31)), '']]),
      bodies,
    );
    expect(problems).toEqual([
      {
        description: '城区部分老旧小区雨污管网未分流',
        place: '北湖区',
        category: '生态环境',
        responsibleBodyId: BODY.housing,
        coBodyIds: [BODY.ecology, BODY.beihu],
        responsiblePerson: '张三',
        deadline: '2021-12-31',
        measures: '分批实施雨污分流改造',
        requiredEvidence: ['document', 'site-photo'],
        findingId: null,
      },
      expect.objectContaining({ description: '农村生活垃圾收运体系不健全', responsibleBodyId: BODY.ecology, coBodyIds: [], deadline: '2022-03-31', requiredEvidence: [] }),
    ]);
  });

  it('reads a date cell as the date typed in Excel, even late in the day', async () => {
    const late = [...good];
    late[7] = new Date(Date.UTC(2021, 5, 30, 23, 30));
    const [problem] = await readProblemSheet(await sheet([late]), bodies);
    expect(problem.deadline).toBe('2021-06-30');
  });

  it('accepts the usual spellings of a date and columns in any order', async () => {
    const header = ['责任单位', '问题描述', '整改时限'];
    const problems = await readProblemSheet(
      await sheet(
        [
          ['市生态环境局', '农村生活垃圾收运体系不健全', '2021/6/3'],
          ['市生态环境局', '农村黑臭水体治理进度滞后', '2021年12月1日'],
        ],
        header,
      ),
      bodies,
    );
    expect(problems.map((p) => p.deadline)).toEqual(['2021-06-03', '2021-12-01']);
  });

  it('names every bad cell by Excel row and column, and imports nothing', async () => {
    const problem = await problemOf(
      readProblemSheet(
        await sheet([
          good,
          ['短', '', '', '市生态环境局'],
          ['农村生活垃圾收运体系不健全', '', '', '', '', '', '', '2021-02-30'],
          ['农村黑臭水体治理进度滞后', '', '', '市生态环境局', '', '', '', '', '整改文件、录像'],
        ]),
        bodies,
      ),
    );
    expect(problem.detail).toBe('文件中有 4 处错误，未导入任何问题');
    expect(problem.errors).toEqual([
      { field: 'body.rows[3].问题描述', rule: 'too_small', message: '第 3 行“问题描述”：问题描述至少 5 个字' },
      { field: 'body.rows[4].责任单位', rule: 'required', message: '第 4 行“责任单位”：必填' },
      { field: 'body.rows[4].整改时限', rule: 'invalid_format', message: '第 4 行“整改时限”：日期必须是 YYYY-MM-DD' },
      expect.objectContaining({ field: 'body.rows[5].证明材料', rule: 'invalid_value' }),
    ]);
    expect(problem.errors![3].message).toMatch(/^第 5 行“证明材料”：证明材料类型必须是/);
  });

  it('reports a body name it cannot find, once', async () => {
    const row = [...good];
    row[3] = '市交通局';
    row[4] = '市生态环境局、苏仙区人民政府';
    const problem = await problemOf(readProblemSheet(await sheet([row]), bodies));
    expect(problem.errors).toEqual([
      { field: 'body.rows[2].责任单位', rule: 'unknown_body', message: '第 2 行“责任单位”：找不到承办单位“市交通局”' },
      { field: 'body.rows[2].协办单位', rule: 'unknown_body', message: '第 2 行“协办单位”：找不到承办单位“苏仙区人民政府”' },
    ]);
  });

  it('refuses a row whose only fault is an unknown co-body', async () => {
    const row = [...good];
    row[4] = '苏仙区人民政府';
    const problem = await problemOf(readProblemSheet(await sheet([row]), bodies));
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'body.rows[2].协办单位', rule: 'unknown_body' })]);
  });

  it('lists the errors of a row left to right', async () => {
    const problem = await problemOf(readProblemSheet(await sheet([['短', '', '', '市交通局', '', '', '', '明年']]), bodies));
    expect(problem.errors!.map((e) => e.field)).toEqual(['body.rows[2].问题描述', 'body.rows[2].责任单位', 'body.rows[2].整改时限']);
  });

  it('refuses more rows than one import takes', async () => {
    const problem = await problemOf(readProblemSheet(await sheet(Array.from({ length: 2001 }, () => good)), bodies));
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'body', rule: 'too_many_rows' })]);
    expect(problem.errors![0].message).toContain('2001 行问题');
  });

  it('refuses a sheet without the required header', async () => {
    const problem = await problemOf(readProblemSheet(await sheet([['城区部分老旧小区雨污管网未分流']], ['问题描述', '地点']), bodies));
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'body.header', rule: 'missing_columns' })]);
    expect(problem.errors![0].message).toContain('缺少表头：责任单位');
  });

  it('refuses a sheet with a header and no problems', async () => {
    const problem = await problemOf(readProblemSheet(await sheet([[], []]), bodies));
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'body', rule: 'empty_file' })]);
  });

  it('refuses a file that is not an Excel workbook', async () => {
    const problem = await problemOf(readProblemSheet(Buffer.from('问题描述,责任单位\n城区管网,市生态环境局\n'), bodies));
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'body', rule: 'invalid_file' })]);
  });

  it('offers a template that it reads back', async () => {
    const template = await problemSheetTemplate();
    const known = { idOf: (name: string) => (name.endsWith('局') || name.endsWith('政府') ? BODY.housing : undefined) };
    const [example] = await readProblemSheet(template, known);
    expect(example).toMatchObject({ deadline: '2021-12-31', requiredEvidence: ['document', 'site-photo'] });
  });

  it("lists the unit's bodies in the template and offers them in the body columns", async () => {
    const names = ['郴州市住房和城乡建设局', '郴州市生态环境局', '郴州市发展和改革委员会'];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await problemSheetTemplate(names)) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['问题清单', '责任单位名录']);
    const list = workbook.getWorksheet('责任单位名录')!;
    expect([2, 3, 4].map((r) => list.getCell(`A${r}`).value)).toEqual(names);
    const sheet = workbook.getWorksheet('问题清单')!;
    const column = (name: string) => sheet.getColumn(PROBLEM_SHEET_COLUMNS.indexOf(name as never) + 1).letter;
    for (const name of ['责任单位', '协办单位']) {
      expect(sheet.getCell(`${column(name)}2`).dataValidation).toMatchObject({ type: 'list', formulae: ["'责任单位名录'!$A$2:$A$4"] });
      expect(sheet.getCell(`${column(name)}300`).dataValidation).toMatchObject({ type: 'list' });
    }
    expect(sheet.getCell(`${column('问题描述')}2`).dataValidation).toBeUndefined();
    // The rows that only carry a dropdown are blank: the example is all an import reads.
    const known = { idOf: (name: string) => (name.endsWith('局') || name.endsWith('政府') ? BODY.housing : undefined) };
    expect(await readProblemSheet(await problemSheetTemplate(names), known)).toHaveLength(1);
  });
});
