import { describe, expect, it } from '@jest/globals';
import { pageSizeFromSearch } from '../../api/paging';
import { filtersFromSearch, listQuery, searchOf } from './project-filters';

describe('project list filters in the URL', () => {
  it('reads the filters, Chinese search included', () => {
    const search = new URLSearchParams('year=2022&stage=implementing&category=work-report&source=public-concern&q=%E5%8F%8C%E5%87%8F&size=50');
    expect(filtersFromSearch(search)).toEqual({ year: 2022, stage: 'implementing', category: 'work-report', source: 'public-concern', q: '双减' });
    expect(pageSizeFromSearch(search)).toBe(50);
  });

  it('drops values the API would refuse instead of sending them', () => {
    expect(filtersFromSearch(new URLSearchParams('year=1999&stage=done&q=%20%20&size=7'))).toEqual({
      year: undefined,
      stage: undefined,
      category: undefined,
      source: undefined,
      q: undefined,
    });
    expect(pageSizeFromSearch(new URLSearchParams('size=7'))).toBe(20);
  });

  it('writes only the filters that are set', () => {
    expect(searchOf({ year: 2022, q: '双减' }, 20).toString()).toBe('year=2022&q=%E5%8F%8C%E5%87%8F');
    expect(searchOf({}, 50).toString()).toBe('size=50');
  });

  it('asks the API for one page of one unit', () => {
    expect(listQuery('431000', { stage: 'approved' }, 20, undefined)).toEqual({ unit: '431000', stage: 'approved', limit: 20 });
    expect(listQuery('431000', {}, 20, 'c1')).toEqual({ unit: '431000', limit: 20, cursor: 'c1' });
  });
});
