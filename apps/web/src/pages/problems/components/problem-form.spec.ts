import { describe, expect, it } from '@jest/globals';
import { changedOnly, measuresBody, problemBody, problemFormValues } from './problem-form';
import type { ProblemItem } from './types';

const problem = {
  description: '部分重大项目前期工作经费保障不足',
  place: '市本级',
  category: '重大项目',
  responsibleBodyId: '11111111-1111-4111-8111-111111111111',
  coBodyIds: [],
  responsiblePerson: '',
  deadline: '2030-12-31',
  measures: '',
  requiredEvidence: ['document'],
} as unknown as ProblemItem;

describe('problem form', () => {
  it('sends only what changed', () => {
    const values = { ...problemFormValues(problem), measures: '成立工作专班' };
    expect(changedOnly(measuresBody(values), problem)).toEqual({ measures: '成立工作专班' });
    expect(changedOnly(problemBody(values, false), problem)).toEqual({ measures: '成立工作专班' });
  });

  it('sends the deadline as a date only when it may be set', () => {
    const values = problemFormValues(problem);
    expect(problemBody(values, true).deadline).toBe('2030-12-31');
    expect('deadline' in problemBody(values, false)).toBe(false);
    expect(problemBody({ ...values, deadline: null }, true).deadline).toBeNull();
  });
});
