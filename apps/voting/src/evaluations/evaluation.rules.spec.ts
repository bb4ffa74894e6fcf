import { describe, expect, it } from '@jest/globals';
import { DEFAULT_EVALUATION_RULE as rule } from '@congress/contracts';
import { ballotBoxTable, deferredReportDue, grade, quorumMet } from './evaluation.rules.js';

const counts = (satisfied: number, basic: number, unsatisfied: number, notVoting = 0) => ({ satisfied, basic, unsatisfied, notVoting });

describe('the grade of a satisfaction evaluation', () => {
  it('is satisfied only when satisfied votes exceed half of those present', () => {
    expect(grade(counts(20, 15, 5), 40, 45, rule).grade).toBe('basic'); // 20 of 40 is not more than half
    expect(grade(counts(21, 14, 5), 40, 45, rule).grade).toBe('satisfied');
    expect(grade(counts(20, 0, 0), 39, 45, rule).grade).toBe('satisfied'); // 20 > 19.5
  });

  it('is basically satisfied when satisfied + basically satisfied exceed half, else unsatisfied', () => {
    expect(grade(counts(10, 11, 19), 40, 45, rule)).toMatchObject({ grade: 'basic', passed: true });
    expect(grade(counts(10, 10, 20), 40, 45, rule)).toMatchObject({ grade: 'unsatisfied', passed: false }); // 20 of 40
    expect(grade(counts(0, 0, 0, 40), 40, 45, rule).grade).toBe('unsatisfied');
  });

  it('counts against all members when the rule says so', () => {
    const all = { ...rule, base: 'all' as const };
    expect(grade(counts(22, 10, 2), 34, 45, all).grade).toBe('basic'); // 22 of 45 is not more than half
    expect(grade(counts(23, 10, 1), 34, 45, all).grade).toBe('satisfied');
    expect(grade(counts(10, 12, 12), 34, 45, all).grade).toBe('unsatisfied'); // 22 of 45
  });

  it('honours other thresholds', () => {
    const twoThirds = { ...rule, satisfiedAbove: 2 / 3 };
    expect(grade(counts(26, 10, 3), 39, 45, twoThirds).grade).toBe('basic'); // 26 = 2/3 of 39
    expect(grade(counts(27, 9, 3), 39, 45, twoThirds).grade).toBe('satisfied');
  });

  it('rates satisfaction over ballots cast', () => {
    expect(grade(counts(30, 6, 4, 2), 42, 45, rule)).toMatchObject({ ballots: 40, satisfactionRate: 0.9, satisfiedRate: 0.75 });
    expect(grade(counts(0, 0, 0), 30, 45, rule).satisfactionRate).toBe(0);
  });
});

describe('quorum', () => {
  it('needs more than half of all members present', () => {
    expect(quorumMet(22, 44, rule)).toBe(false);
    expect(quorumMet(23, 44, rule)).toBe(true);
    expect(quorumMet(0, 0, rule)).toBe(false);
  });
});

describe('deferred report', () => {
  it('is due months after the meeting, on the last day of a shorter month', () => {
    expect(deferredReportDue('2022-06-28', 3)).toBe('2022-09-28');
    expect(deferredReportDue('2022-11-30', 3)).toBe('2023-02-28');
    expect(deferredReportDue('2023-11-30', 3)).toBe('2024-02-29');
  });
});

describe('ballot box', () => {
  it('is a table per evaluation, named from its id only', () => {
    expect(ballotBoxTable('018f0000-0000-7000-8000-0000000000aa')).toBe('ballot_box_018f00000000700080000000000000aa');
    expect(() => ballotBoxTable('x; DROP TABLE y')).toThrow();
  });
});
