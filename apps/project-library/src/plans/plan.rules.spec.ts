import { describe, expect, it } from '@jest/globals';
import { inTimelineOrder, planStatusOf, timelineSummary } from './plan.rules.js';

describe('plan status', () => {
  it('says postponed first, then withdrawn, added, changed, else planned', () => {
    expect(planStatusOf(new Set(['add', 'postpone']), 'planning')).toBe('postponed');
    expect(planStatusOf(new Set(['change']), 'withdrawn')).toBe('withdrawn');
    expect(planStatusOf(new Set(['add', 'change']), 'approved')).toBe('added');
    expect(planStatusOf(new Set(['change']), 'implementing')).toBe('changed');
    expect(planStatusOf(new Set(), 'approved')).toBe('planned');
  });
});

describe('timeline', () => {
  it('words each entry for people', () => {
    expect(timelineSummary.created('延期项目')).toBe('录入项目库：延期项目');
    expect(timelineSummary.stage('planning', 'approved', '郴人常发〔2022〕5号')).toBe('谋划 → 立项（郴人常发〔2022〕5号）');
    expect(timelineSummary.stage('reserve', 'planning', null)).toBe('储备 → 谋划');
    expect(timelineSummary.adjustment('postpone', '条件尚不成熟', '主任会议')).toBe('动态调整·延至下年：条件尚不成熟（批准：主任会议）');
    expect(timelineSummary.milestoneDone('调研')).toBe('完成节点：调研');
  });

  it('orders by time, and entries of one moment by kind', () => {
    const at = (t: string, kind: 'stage' | 'adjustment' | 'created') => ({ at: t, kind, summary: kind, actor: null });
    expect(inTimelineOrder([at('2023-06-20T01:00:00.000Z', 'stage'), at('2023-06-20T01:00:00.000Z', 'adjustment'), at('2023-01-01T00:00:00.000Z', 'created')]).map((e) => e.kind)).toEqual([
      'created',
      'adjustment',
      'stage',
    ]);
  });
});
