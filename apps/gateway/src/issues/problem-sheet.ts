import { EVIDENCE_NAMES, ProblemInput, type EvidenceKind } from '@congress/contracts';
import { bodyIdOf, readSheet, sheetTemplate, splitList, type BodyLookup } from '../sheets/sheet-reading.js';

/** The columns of a problem list sheet, in order: what import reads and the template shows. */
export const PROBLEM_SHEET_COLUMNS = ['问题描述', '地点', '类别', '责任单位', '协办单位', '责任人', '整改措施', '整改时限', '证明材料'] as const;
type Column = (typeof PROBLEM_SHEET_COLUMNS)[number];

const COLUMN_OF: Record<string, Column> = {
  description: '问题描述',
  place: '地点',
  category: '类别',
  responsibleBodyId: '责任单位',
  coBodyIds: '协办单位',
  responsiblePerson: '责任人',
  measures: '整改措施',
  deadline: '整改时限',
  requiredEvidence: '证明材料',
};

/** Evidence by its Chinese name; the identifiers themselves are accepted too. */
const EVIDENCE_BY_NAME = new Map(Object.entries(EVIDENCE_NAMES).map(([kind, name]) => [name, kind as EvidenceKind]));

/**
 * Reads a problem list (问题清单) from the first sheet: bodies by name, evidence by its Chinese
 * name. Every bad cell is reported by row and column; a file with any error yields nothing.
 */
export async function readProblemSheet(file: Buffer, bodies: BodyLookup): Promise<ProblemInput[]> {
  return readSheet(file, {
    columns: PROBLEM_SHEET_COLUMNS,
    required: ['问题描述', '责任单位'],
    columnOf: COLUMN_OF,
    schema: ProblemInput,
    noun: '问题',
    toRecord(row, fail) {
      const responsible = row.text('责任单位');
      const responsibleBodyId = responsible === '' ? undefined : bodyIdOf(bodies, responsible, '责任单位', fail);
      const coBodyIds = splitList(row.text('协办单位'))
        .map((name) => bodyIdOf(bodies, name, '协办单位', fail))
        .filter((id) => id !== undefined);
      return {
        description: row.text('问题描述'),
        place: row.text('地点'),
        category: row.text('类别'),
        responsibleBodyId,
        coBodyIds,
        responsiblePerson: row.text('责任人'),
        measures: row.text('整改措施'),
        deadline: row.date('整改时限') || null,
        requiredEvidence: splitList(row.text('证明材料')).map((e) => EVIDENCE_BY_NAME.get(e) ?? e),
      };
    },
  });
}

/** An empty problem list with one example row; with the unit's bodies, 责任单位 and 协办单位 offer them. */
export function problemSheetTemplate(bodies: readonly string[] = []): Promise<Buffer> {
  return sheetTemplate('问题清单', PROBLEM_SHEET_COLUMNS, [48, 20, 12, 24, 28, 12, 40, 12, 24], [
    '城区部分老旧小区雨污管网未分流，雨季污水溢流',
    '北湖区',
    '生态环境',
    '市住房和城乡建设局',
    '北湖区人民政府、苏仙区人民政府',
    '张三',
    '制定老旧小区雨污分流改造计划，分批实施',
    '2021-12-31',
    '整改文件、现场照片',
  ], { bodies, bodyColumns: ['责任单位', '协办单位'] });
}
