import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { ProblemItem } from '@congress/contracts';
import { BODY, BODY_NAMES, aProblemItem } from './__fixtures__/problems.js';
import { LEDGER_COLUMNS, shanghaiDate, writeLedgerSheet } from './ledger-sheet.js';

const names = { bodyName: (id: string) => BODY_NAMES[id] ?? id };

/** Pages of problems, as the ledger query hands them out. */
async function* pages(total: number, size: number, make: (n: number) => ProblemItem = (n) => aProblemItem(n)): AsyncIterable<ProblemItem[]> {
  for (let start = 1; start <= total; start += size) {
    await Promise.resolve();
    yield Array.from({ length: Math.min(size, total - start + 1) }, (_, i) => make(start + i));
  }
}

async function written(run: (out: PassThrough) => Promise<number>): Promise<{ count: number; sheet: ExcelJS.Worksheet }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const count = await run(out);
  await ended;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return { count, sheet: workbook.worksheets[0] };
}

describe('rectification ledger sheet', () => {
  it('streams 2,000 problems under a bold, frozen header and counts them', async () => {
    const { count, sheet } = await written((out) => writeLedgerSheet(out, pages(2000, 200), names));
    expect(count).toBe(2000);
    expect(sheet.rowCount).toBe(2001);
    expect(sheet.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(2001).getCell(1).value).toBe(2000);
    expect(sheet.getRow(1234).getCell(2).value).toBe('第1233个问题：部分老旧小区雨污管网未分流');
    expect(sheet.getRow(1234).getCell(2).alignment?.wrapText).toBe(true);
  });

  it('writes co-bodies, progress, overdue status and the Shanghai close-out date', async () => {
    const rows = [
      aProblemItem(1, { coBodyIds: [BODY.ecology, BODY.beihu], status: 'extended', overdue: true, percent: 60 }),
      // 2021-06-30 17:30 UTC is already 1 July in Shanghai.
      aProblemItem(2, { status: 'closed', percent: 100, closedAt: '2021-06-30T17:30:00.000Z', deadline: null }),
    ];
    async function* one() {
      yield rows;
    }
    const { count, sheet } = await written((out) => writeLedgerSheet(out, one(), names));
    expect(count).toBe(2);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      1,
      '第1个问题：部分老旧小区雨污管网未分流',
      '市住房和城乡建设局（协办：市生态环境局、北湖区人民政府）',
      '张三',
      '第1项措施：分批实施雨污分流改造',
      '2021-12-31',
      '60%',
      '已延期（逾期）',
    ]);
    expect(sheet.getRow(3).getCell(3).value).toBe('市住房和城乡建设局');
    expect(sheet.getRow(3).getCell(6).value ?? '').toBe('');
    expect(sheet.getRow(3).getCell(8).value).toBe('已销号');
    expect(sheet.getRow(3).getCell(9).value).toBe('2021-07-01');
  });

  it('puts a title above the header and uses the given progress words', async () => {
    const { count, sheet } = await written((out) =>
      writeLedgerSheet(out, pages(3, 2), { ...names, progressOf: (p) => `已完成${p.percent}%，正在施工` }, '郴州市人大常委会审议意见整改台账'),
    );
    expect(count).toBe(3);
    expect(sheet.getCell('A1').value).toBe('郴州市人大常委会审议意见整改台账');
    expect(sheet.getRow(2).getCell(1).value).toBe('序号');
    expect(sheet.getRow(3).getCell(7).value).toBe('已完成40%，正在施工');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('writes a valid file with only the header when there are no problems', async () => {
    async function* none(): AsyncIterable<ProblemItem[]> {}
    const { count, sheet } = await written((out) => writeLedgerSheet(out, none(), names));
    expect(count).toBe(0);
    expect(sheet.rowCount).toBe(1);
  });

  it('dates a close-out by the calendar in Shanghai', () => {
    expect(shanghaiDate('2021-06-30T15:59:59.000Z')).toBe('2021-06-30');
    expect(shanghaiDate('2021-06-30T16:00:00.000Z')).toBe('2021-07-01');
  });
});
