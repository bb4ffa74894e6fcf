import { addDays, type Counts, type EvaluationGrade, type EvaluationRule } from '@congress/contracts';

/** A quorum: more than `quorumAbove` of all members present. */
export function quorumMet(present: number, roster: number, rule: EvaluationRule): boolean {
  return roster > 0 && present > rule.quorumAbove * roster;
}

export interface Tally {
  grade: EvaluationGrade;
  passed: boolean;
  base: number;
  ballots: number;
  /** (satisfied + basically satisfied) / ballots cast; 0 with no ballots. */
  satisfactionRate: number;
  satisfiedRate: number;
}

/**
 * The grade of a count under a rule. Thresholds are strict ("exceed half"): with a base of 40,
 * 20 satisfied votes are not more than half, 21 are.
 */
export function grade(counts: Counts, present: number, roster: number, rule: EvaluationRule): Tally {
  const ballots = counts.satisfied + counts.basic + counts.unsatisfied;
  const base = rule.base === 'present' ? present : roster;
  const g: EvaluationGrade =
    counts.satisfied > rule.satisfiedAbove * base ? 'satisfied' : counts.satisfied + counts.basic > rule.acceptableAbove * base ? 'basic' : 'unsatisfied';
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    grade: g,
    passed: g !== 'unsatisfied',
    base,
    ballots,
    satisfactionRate: ballots ? round((counts.satisfied + counts.basic) / ballots) : 0,
    satisfiedRate: ballots ? round(counts.satisfied / ballots) : 0,
  };
}

/** When the deferred report of an unsatisfied result is due: `months` after the meeting. */
export function deferredReportDue(heldOn: string, months: number): string {
  const [y, m, d] = heldOn.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return addDays(target.toISOString().slice(0, 10), 0);
}

/** The ballot box of an open evaluation: a table of its own, dropped when the ballots are counted. */
export function ballotBoxTable(evaluationId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(evaluationId)) throw new Error(`not an evaluation id: ${evaluationId}`);
  return `ballot_box_${evaluationId.replace(/-/g, '')}`;
}
