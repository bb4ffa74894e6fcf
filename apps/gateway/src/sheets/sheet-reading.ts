import { ProblemError, type FieldError } from '@congress/contracts';
import ExcelJS from 'exceljs';
import type { z } from 'zod';

// What every imported sheet shares: one header row, one record per row, every bad cell reported
// by Excel row number and column name, and nothing imported while any cell is wrong.

/** The import requests take at most this many records (FindingImport, ProblemImport). */
export const MAX_SHEET_ROWS = 2000;

/** The header may sit under a title row or two, as in sheets people copy from reports. */
const HEADER_SEARCH_ROWS = 5;

/** Lists inside one cell: 、 , ， ; ； (not spaces, which occur inside body names). */
export const splitList = (v: string): string[] =>
  v
    .split(/[、,，;；]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * ExcelJS turns a date cell's serial number into a Date whose UTC fields are the wall-clock
 * value typed in Excel, so the calendar date is read in UTC: formatting it in Asia/Shanghai
 * would move anything typed after 16:00 to the next day.
 */
function excelDate(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return h === 0 && m === 0 ? date : `${date} ${pad(h)}:${pad(m)}`;
}

function valueText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return excelDate(v);
  if (typeof v !== 'object') return String(v).trim();
  if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
  // A hyperlink's text may itself be rich text.
  if ('hyperlink' in v) return valueText(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) return valueText(v.result as ExcelJS.CellValue);
  return '';
}

/** A cell as the text a person sees (rich text, links and formulas flattened; dates as YYYY-MM-DD). */
export function cellText(cell: ExcelJS.Cell): string {
  return valueText(cell.value);
}

/**
 * A date cell or typed text as YYYY-MM-DD. Common spellings (2021/6/30, 2021.6.30, 2021年6月30日)
 * are normalised; anything else comes back as typed, for the schema to reject with its message.
 */
export function cellDate(cell: ExcelJS.Cell): string {
  const v = cell.value instanceof Date ? excelDate(cell.value).slice(0, 10) : cellText(cell);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v);
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : v;
}

/** One data row: its Excel row number and its cells by column name. */
export interface SheetRow<C extends string> {
  readonly number: number;
  /** The cell's text, '' for a column the sheet does not have. */
  text(column: C): string;
  /** The cell's date (see cellDate), '' for a column the sheet does not have. */
  date(column: C): string;
}

/** Reports a cell the row-to-record mapping could not read (the schema is not asked about it). */
export type CellFailure<C extends string> = (column: C, rule: string, reason: string) => void;

export interface SheetSpec<C extends string, T> {
  columns: readonly C[];
  /** Columns the header must have. */
  required: readonly C[];
  /** Which column each schema key comes from, so a schema issue names the cell. */
  columnOf: Readonly<Record<string, C>>;
  schema: z.ZodType<T>;
  /** What a record is called in the summary: 问题, 调研发现. */
  noun: string;
  /** The raw record of one row; `undefined` values are reported as 必填 when the schema needs them. */
  toRecord(row: SheetRow<C>, fail: CellFailure<C>): Record<string, unknown>;
}

/** The first worksheet of an .xlsx, or the reason it cannot be read. */
export async function firstSheet(file: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw ProblemError.validation([{ field: 'body', rule: 'invalid_file', message: '无法读取文件：请上传 Excel（.xlsx）文件' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw ProblemError.validation([{ field: 'body', rule: 'empty_file', message: '文件中没有工作表' }]);
  return sheet;
}

/** Column numbers by header name, from the first of the top rows that names the first required column. */
function findHeader<C extends string>(sheet: ExcelJS.Worksheet, spec: SheetSpec<C, unknown>): { row: number; columns: Map<string, number> } {
  const read = (r: number) => {
    const columns = new Map<string, number>();
    sheet.getRow(r).eachCell((cell, col) => columns.set(cellText(cell), col));
    return columns;
  };
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
    const columns = read(r);
    if (columns.has(spec.required[0])) return { row: r, columns };
  }
  return { row: 1, columns: read(1) };
}

/**
 * Reads every record of the first sheet, or throws one validation problem listing every bad
 * cell as `body.rows[<Excel row>].<column>`: a file is imported whole or not at all.
 */
export async function readSheet<C extends string, T>(file: Buffer, spec: SheetSpec<C, T>): Promise<T[]> {
  const sheet = await firstSheet(file);
  const header = findHeader(sheet, spec);
  const missing = spec.required.filter((c) => !header.columns.has(c));
  if (missing.length) {
    throw ProblemError.validation([
      { field: 'body.header', rule: 'missing_columns', message: `第 ${header.row} 行缺少表头：${missing.join('、')}（表头应为：${spec.columns.join('、')}）` },
    ]);
  }
  const errors: FieldError[] = [];
  const records: T[] = [];
  let rows = 0;
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const cell = (column: C) => (header.columns.has(column) ? excelRow.getCell(header.columns.get(column)!) : undefined);
    const row: SheetRow<C> = {
      number: r,
      text: (column) => {
        const c = cell(column);
        return c ? cellText(c) : '';
      },
      date: (column) => {
        const c = cell(column);
        return c ? cellDate(c) : '';
      },
    };
    if (spec.columns.every((c) => row.text(c) === '')) continue;
    if (++rows > MAX_SHEET_ROWS) continue; // counted for the message below, not read

    // A row's errors are listed left to right, whichever step found them.
    const rowErrors: { column: C; error: FieldError }[] = [];
    const report = (column: C, rule: string, reason: string) =>
      rowErrors.push({ column, error: { field: `body.rows[${r}].${column}`, rule, message: `第 ${r} 行“${column}”：${reason}` } });
    const failed = new Set<C>();
    const raw = spec.toRecord(row, (column, rule, reason) => {
      failed.add(column);
      report(column, rule, reason);
    });
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) {
      if (rowErrors.length === 0) records.push(parsed.data);
    } else {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        const column = spec.columnOf[key] ?? (key as C);
        if (failed.has(column)) continue; // already said why, in the row's own words
        const absent = raw[key] === undefined;
        report(column, absent ? 'required' : issue.code, absent ? '必填' : issue.message);
      }
    }
    const order = (c: C) => spec.columns.indexOf(c);
    errors.push(...rowErrors.sort((a, b) => order(a.column) - order(b.column)).map((e) => e.error));
  }
  if (rows > MAX_SHEET_ROWS) {
    throw ProblemError.validation([
      { field: 'body', rule: 'too_many_rows', message: `文件中有 ${rows} 行${spec.noun}，一次最多导入 ${MAX_SHEET_ROWS} 行，请分成几个文件导入` },
    ]);
  }
  if (errors.length) throw ProblemError.validation(errors, `文件中有 ${errors.length} 处错误，未导入任何${spec.noun}`);
  if (records.length === 0) {
    throw ProblemError.validation([{ field: 'body', rule: 'empty_file', message: `文件中没有${spec.noun}（表头下每行一个${spec.noun}）` }]);
  }
  return records;
}

export interface BodyLookup {
  /** The id of the body (承办单位) with this name, if there is one. */
  idOf(name: string): string | undefined;
}

/** Maps a body name to its id, reporting a name nobody knows. */
export function bodyIdOf<C extends string>(
  bodies: BodyLookup,
  name: string,
  column: C,
  fail: CellFailure<C>,
): string | undefined {
  const id = bodies.idOf(name);
  if (id === undefined) fail(column, 'unknown_body', `找不到承办单位“${name}”`);
  return id;
}

/** Rows of a template that get the body choices (a dropdown) on its body columns. */
const TEMPLATE_ROWS = 500;

/**
 * A blank sheet in the import layout with one example row, for people to fill in. With `bodies`
 * (a unit's responsible bodies), they are listed on a second sheet 「责任单位名录」 and the
 * `bodyColumns` offer them as a dropdown, so names are chosen rather than typed (a mistyped
 * name is refused at import). The dropdown warns but lets a short name or a list through.
 */
export async function sheetTemplate(
  sheetName: string,
  columns: readonly string[],
  widths: readonly number[],
  example: readonly string[],
  options: { bodies?: readonly string[]; bodyColumns?: readonly string[] } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = widths.map((width) => ({ width, style: { alignment: { vertical: 'top', wrapText: true } } }));
  sheet.addRow([...columns]).font = { bold: true };
  sheet.addRow([...example]);
  const bodies = options.bodies ?? [];
  if (bodies.length) {
    const list = workbook.addWorksheet('责任单位名录');
    list.columns = [{ header: '责任单位', width: 40 }];
    list.getRow(1).font = { bold: true };
    for (const name of bodies) list.addRow([name]);
    for (const column of options.bodyColumns ?? []) {
      const index = columns.indexOf(column);
      if (index < 0) continue;
      const letter = sheet.getColumn(index + 1).letter;
      for (let row = 2; row <= TEMPLATE_ROWS + 1; row++) {
        sheet.getCell(`${letter}${row}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`'责任单位名录'!$A$2:$A$${bodies.length + 1}`],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: '不在责任单位名录中',
          error: '请从下拉列表选择责任单位；简称或多个单位（用顿号分隔）也可导入',
        };
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
