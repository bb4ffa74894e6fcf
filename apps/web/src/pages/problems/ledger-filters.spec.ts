import { describe, expect, it } from '@jest/globals';
import { daysUntil, ledgerFiltersFromSearch, ledgerQuery, ledgerSearchOf, sheetError } from './ledger-filters';

describe('ledger filters', () => {
  it('keeps only values the API accepts from the URL', () => {
    const search = new URLSearchParams('status=closed&overdue=maybe&project=not-a-uuid&deadlineFrom=2022-01-01&deadlineTo=soon&q=%20%E6%B2%B3%20');
    expect(ledgerFiltersFromSearch(search)).toEqual({
      project: undefined,
      opinion: undefined,
      body: undefined,
      status: 'closed',
      overdue: undefined,
      deadlineFrom: '2022-01-01',
      deadlineTo: undefined,
      q: '河',
    });
  });

  it('round-trips through the URL and sends no empty filter to the API', () => {
    const filters = { status: 'rectifying' as const, overdue: 'true' as const, body: undefined };
    const search = ledgerSearchOf(filters, 50);
    expect(search.toString()).toBe('status=rectifying&overdue=true&size=50');
    expect(ledgerQuery('431000', ledgerFiltersFromSearch(search), 50, undefined)).toEqual({ unit: '431000', status: 'rectifying', overdue: 'true', limit: 50 });
  });

  it('counts days to a deadline, negative when past', () => {
    expect(daysUntil('2022-07-10', '2022-07-01')).toBe(9);
    expect(daysUntil('2022-06-30', '2022-07-01')).toBe(-1);
  });

  it('reads the row, column and reason of an import error', () => {
    expect(sheetError({ field: 'body.rows[3].责任单位', message: '第 3 行“责任单位”：没有名为 某局 的单位' })).toEqual({ row: 3, column: '责任单位', reason: '没有名为 某局 的单位' });
    expect(sheetError({ field: 'body.header', message: '第 1 行缺少表头：问题描述' })).toEqual({ reason: '第 1 行缺少表头：问题描述' });
  });
});
