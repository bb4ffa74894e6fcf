import { FindingInput } from '@congress/contracts';
import { bodyIdOf, readSheet, sheetTemplate, type BodyLookup } from '../sheets/sheet-reading.js';

/** The columns of a research findings sheet (调研发现), in order. */
export const FINDING_SHEET_COLUMNS = ['问题描述', '地点', '类别', '建议责任单位'] as const;
type Column = (typeof FINDING_SHEET_COLUMNS)[number];

const COLUMN_OF: Record<string, Column> = {
  description: '问题描述',
  place: '地点',
  category: '类别',
  suggestedBodyId: '建议责任单位',
};

/** Reads research findings from the first sheet; as with problems, any bad cell rejects the file. */
export async function readFindingSheet(file: Buffer, bodies: BodyLookup): Promise<FindingInput[]> {
  return readSheet(file, {
    columns: FINDING_SHEET_COLUMNS,
    required: ['问题描述'],
    columnOf: COLUMN_OF,
    schema: FindingInput,
    noun: '调研发现',
    toRecord(row, fail) {
      const suggested = row.text('建议责任单位');
      return {
        description: row.text('问题描述'),
        place: row.text('地点'),
        category: row.text('类别'),
        suggestedBodyId: suggested === '' ? null : (bodyIdOf(bodies, suggested, '建议责任单位', fail) ?? null),
      };
    },
  });
}

/** An empty findings sheet with one example row. */
export function findingSheetTemplate(bodies: readonly string[] = []): Promise<Buffer> {
  return sheetTemplate('调研发现', FINDING_SHEET_COLUMNS, [48, 20, 12, 24], ['城区部分老旧小区雨污管网未分流，雨季污水溢流', '北湖区', '生态环境', '市住房和城乡建设局'], {
    bodies,
    bodyColumns: ['建议责任单位'],
  });
}
