import { PROBLEM_STATUS_NAMES, type ProblemItem } from '@congress/contracts';
import ExcelJS from 'exceljs';
import type { Stream } from 'node:stream';

/** The columns of the rectification ledger (整改台账), in order. */
export const LEDGER_COLUMNS = ['序号', '问题', '责任单位', '责任人', '整改措施', '时限', '进展', '状态', '销号时间'] as const;
const WIDTHS = [6, 48, 30, 10, 48, 12, 24, 14, 12];
const WRAPPED = new Set<string>(['问题', '整改措施', '进展']);

export interface LedgerNames {
  bodyName(id: string): string;
  /** The latest progress in words; the percentage when absent. */
  progressOf?(p: ProblemItem): string;
}

/** China has kept UTC+8 all year since 1991, so a fixed offset gives the Shanghai calendar date. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export function shanghaiDate(instant: string): string {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function ledgerRow(p: ProblemItem, n: number, names: LedgerNames): (string | number)[] {
  const co = p.coBodyIds.map((id) => names.bodyName(id));
  return [
    n,
    p.description,
    names.bodyName(p.responsibleBodyId) + (co.length ? `（协办：${co.join('、')}）` : ''),
    p.responsiblePerson,
    p.measures,
    p.deadline?.slice(0, 10) ?? '',
    names.progressOf ? names.progressOf(p) : `${p.percent}%`,
    PROBLEM_STATUS_NAMES[p.status] + (p.overdue ? '（逾期）' : ''),
    p.closedAt ? shanghaiDate(p.closedAt) : '',
  ];
}

/** Resolves once `out` has room again, so a slow reader holds back the pages instead of memory filling up. */
function roomIn(out: NodeJS.WritableStream): Promise<void> {
  const w = out as NodeJS.WritableStream & { writableNeedDrain?: boolean; destroyed?: boolean };
  if (!w.writableNeedDrain || w.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
    out.once('error', done);
  });
}

/**
 * Streams the ledger as .xlsx to `out`, page by page, committing each row so that a ledger of
 * any length is never held whole in memory. Returns the number of problems written.
 */
export async function writeLedgerSheet(out: NodeJS.WritableStream, rows: AsyncIterable<ProblemItem[]>, names: LedgerNames, title?: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as Stream, useSharedStrings: false, useStyles: true });
  workbook.creator = '项目化闭环监督平台';
  const headerRow = title ? 2 : 1;
  const sheet = workbook.addWorksheet('整改台账', {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` },
  });
  sheet.columns = LEDGER_COLUMNS.map((name, i) => ({
    width: WIDTHS[i],
    style: { alignment: { vertical: 'top', wrapText: WRAPPED.has(name) } },
  }));
  if (title) {
    const row = sheet.addRow([title]);
    row.font = { bold: true, size: 16 };
    row.alignment = { horizontal: 'center', vertical: 'middle' };
    row.height = 30;
    sheet.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
    row.commit();
  }
  const header = sheet.addRow([...LEDGER_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.commit();

  let n = 0;
  for await (const page of rows) {
    for (const p of page) sheet.addRow(ledgerRow(p, ++n, names)).commit();
    await roomIn(out);
  }
  sheet.commit();
  await workbook.commit();
  return n;
}
