import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { problemOf } from '@congress/testing';
import { BODY, bodies } from './__fixtures__/problems.js';
import { FINDING_SHEET_COLUMNS, findingSheetTemplate, readFindingSheet } from './finding-sheet.js';

async function sheet(rows: ExcelJS.CellValue[][], above: string[][] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('调研发现');
  for (const row of above) ws.addRow(row);
  ws.addRow([...FINDING_SHEET_COLUMNS]);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('research findings import', () => {
  it('reads findings, with the suggested body optional', async () => {
    const findings = await readFindingSheet(
      await sheet([
        ['城区部分老旧小区雨污管网未分流', '北湖区', '生态环境', '市住房和城乡建设局'],
        [{ richText: [{ text: '农村生活垃圾' }, { text: '收运体系不健全' }] }, '', '', ''],
      ]),
      bodies,
    );
    expect(findings).toEqual([
      { description: '城区部分老旧小区雨污管网未分流', place: '北湖区', category: '生态环境', suggestedBodyId: BODY.housing },
      { description: '农村生活垃圾收运体系不健全', place: '', category: '', suggestedBodyId: null },
    ]);
  });

  it('finds the header under a title row, and names rows by their Excel number', async () => {
    const problem = await problemOf(
      readFindingSheet(
        await sheet(
          [
            ['城区部分老旧小区雨污管网未分流', '', '', '市交通局'],
            ['太短', '', '', ''],
          ],
          [['2021年城市管网专题调研发现问题']],
        ),
        bodies,
      ),
    );
    expect(problem.detail).toBe('文件中有 2 处错误，未导入任何调研发现');
    expect(problem.errors).toEqual([
      { field: 'body.rows[3].建议责任单位', rule: 'unknown_body', message: '第 3 行“建议责任单位”：找不到承办单位“市交通局”' },
      { field: 'body.rows[4].问题描述', rule: 'too_small', message: '第 4 行“问题描述”：问题描述至少 5 个字' },
    ]);
  });

  it('refuses a file that is not an Excel workbook', async () => {
    const problem = await problemOf(readFindingSheet(Buffer.from('PK not really a zip'), bodies));
    expect(problem.errors).toEqual([expect.objectContaining({ rule: 'invalid_file' })]);
  });

  it('offers a template that it reads back', async () => {
    const [example] = await readFindingSheet(await findingSheetTemplate(), bodies);
    expect(example).toMatchObject({ place: '北湖区', suggestedBodyId: BODY.housing });
  });
});
