import { DEFAULT_PAGE_SIZE } from '../../api/paging';
import { PROBLEM_STATUSES, type LedgerQuery, type ProblemStatus } from './components/types';

/** The ledger's filters, kept in the URL (?status=rectifying&overdue=true&q=…) so a view can be shared and survives a reload. */
export interface LedgerFilters {
  project?: string;
  opinion?: string;
  body?: string;
  status?: ProblemStatus;
  overdue?: 'true' | 'false';
  deadlineFrom?: string;
  deadlineTo?: string;
  q?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const matching = (pattern: RegExp, value: string | null) => (value !== null && pattern.test(value) ? value : undefined);

/** Filters from the URL; values the API would refuse are dropped rather than sent. */
export function ledgerFiltersFromSearch(search: URLSearchParams): LedgerFilters {
  const status = search.get('status');
  const overdue = search.get('overdue');
  const q = search.get('q')?.trim().slice(0, 100);
  return {
    project: matching(UUID, search.get('project')),
    opinion: matching(UUID, search.get('opinion')),
    body: matching(UUID, search.get('body')),
    status: status !== null && (PROBLEM_STATUSES as readonly string[]).includes(status) ? (status as ProblemStatus) : undefined,
    overdue: overdue === 'true' || overdue === 'false' ? overdue : undefined,
    deadlineFrom: matching(DATE, search.get('deadlineFrom')),
    deadlineTo: matching(DATE, search.get('deadlineTo')),
    q: q || undefined,
  };
}

/** The URL of these filters (empty ones left out). */
export function ledgerSearchOf(filters: LedgerFilters, size: number): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  if (size !== DEFAULT_PAGE_SIZE) search.set('size', String(size));
  return search;
}

/** The API query of a page of the ledger. */
export function ledgerQuery(unit: string, filters: LedgerFilters, size: number, cursor: string | undefined): LedgerQuery {
  return { unit, ...definedOnly(filters), limit: size, ...(cursor ? { cursor } : {}) };
}

/** The filters without the unset ones (for counts and the export, which take no paging). */
export function definedOnly(filters: LedgerFilters): LedgerFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as LedgerFilters;
}

/** Whole days from `today` to `deadline` (both YYYY-MM-DD): negative when past. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The row and column of an import error (`body.rows[12].责任单位`, message `第 12 行“责任单位”：…`),
 * with the reason alone; errors about the whole file (missing header, not an Excel file) have no row.
 */
export function sheetError(error: { field: string; message: string }): { row?: number; column?: string; reason: string } {
  const cell = /^body\.rows\[(\d+)\]\.(.+)$/.exec(error.field);
  if (!cell) return { reason: error.message };
  const reason = error.message.replace(/^第\s*\d+\s*行[“"][^”"]*[”"][:：]\s*/, '');
  return { row: Number(cell[1]), column: cell[2], reason };
}
