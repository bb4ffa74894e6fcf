import { describe, expect, it } from '@jest/globals';
import { addDays, todayInShanghai } from '@congress/contracts';
import { STANDARD_ROADMAP, healthOf, progressOf } from './schedule.rules.js';

describe('progress', () => {
  it('is 0 without tasks', () => {
    expect(progressOf([])).toBe(0);
  });
  it('weighs tasks equally by default', () => {
    expect(progressOf([{ weight: 1, percent: 100 }, { weight: 1, percent: 0 }, { weight: 1, percent: 50 }])).toBe(50);
  });
  it('rolls up by weight', () => {
    expect(progressOf([{ weight: 3, percent: 100 }, { weight: 1, percent: 0 }])).toBe(75);
  });
});

describe('health', () => {
  const today = '2022-06-10';
  it('is green when nothing is due within the horizon', () => {
    expect(healthOf([{ dueDate: '2022-06-30', doneAt: null }], today, 7)).toBe('green');
  });
  it('is yellow when an open milestone is due within 7 days', () => {
    expect(healthOf([{ dueDate: '2022-06-17', doneAt: null }], today, 7)).toBe('yellow');
    expect(healthOf([{ dueDate: '2022-06-17', doneAt: null }], today, 5)).toBe('green');
  });
  it('is red when an open milestone is past due', () => {
    expect(healthOf([{ dueDate: '2022-06-09', doneAt: null }, { dueDate: '2022-06-12', doneAt: null }], today, 7)).toBe('red');
  });
  it('ignores milestones that are done', () => {
    expect(healthOf([{ dueDate: '2022-06-01', doneAt: '2022-06-01T10:00:00Z' }], today, 7)).toBe('green');
  });
});

describe('dates', () => {
  it('lays the standard roadmap out from a start date', () => {
    expect(STANDARD_ROADMAP.map((s) => addDays('2022-03-01', s.offsetDays))).toEqual(['2022-03-31', '2022-04-30', '2022-05-15', '2022-08-13', '2022-08-28', '2023-03-01']);
  });
  it('takes today in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2022-06-09T17:30:00Z'))).toBe('2022-06-10');
  });
});
