import {
  EvaluationClosed,
  EvaluationCreated,
  EvaluationOpened,
  EvaluationPostponed,
  OFFICE_ROLES,
  READER_ROLES,
  VOTER_ROLES,
  addDays,
  refuse,
  type Counts,
  type EvaluationGrade,
  type EvaluationRule,
  type EvaluationStatus,
  type GuardContext,
  type Machine,
  type Refusal,
  type Role,
} from '@congress/contracts';

// ---- the machine -----------------------------------------------------------------------------

/** An evaluation's status, and `none` for one not created yet (what `create` starts from). */
export type EvaluationState = EvaluationStatus | 'none';

export type EvaluationAction = 'create' | 'checkIn' | 'recordAttendance' | 'open' | 'cast' | 'close' | 'paperResult' | 'postpone';

/** Where the caller stands on the evaluation's frozen roster: never anyone else's standing, never a choice. */
export interface Standing {
  onRoster: boolean;
  present: boolean;
  voted: boolean;
}
export const NOT_ON_ROSTER: Standing = { onRoster: false, present: false, voted: false };

/** What the rules need to know of an evaluation beyond its status and unit. */
export interface EvaluationFacts {
  heldOn: string;
  /** Members on the frozen roster (for `create`: on the unit's roster now). */
  roster: number;
  present: number;
  rule: EvaluationRule;
  /** The caller's own standing (check-in and ballot depend on it). */
  me: Standing;
  /** `create` only: whether voting has received the unit's roster at all. */
  rosterReceived: boolean;
}

/** The input of a write, as far as a guard checks it (each field belongs to one action). */
export interface EvaluationActionInput {
  /** postpone: the new date. */
  heldOn?: string;
  /** paperResult: the count as the clerk entered it. */
  paper?: { present: number; counts: Counts };
  /**
   * recordAttendance: each person named who is not on the frozen roster, and where
   * (`body.present[2]`); and how many are to be marked absent.
   */
  attendance?: { notOnRoster: { id: string; field: string }[]; absent: number };
}

type Guard = (ctx: GuardContext<EvaluationState, EvaluationFacts, EvaluationActionInput>) => Refusal | null;

const ORGANISER_REFUSAL = '组织测评需要单位管理员、主任会议成员或机关工作人员';
const BEFORE_VOTING = ['draft', 'postponed'] as const satisfies readonly EvaluationState[];
const NOT_CLOSED = ['draft', 'postponed', 'open'] as const satisfies readonly EvaluationState[];

/** A quorum: more than `quorumAbove` of all members present. */
export function quorumMet(present: number, roster: number, rule: EvaluationRule): boolean {
  return roster > 0 && present > rule.quorumAbove * roster;
}

/** Why voting cannot open for want of a quorum, or null when there is one. */
export function quorumRefusal(present: number, roster: number, rule: EvaluationRule): Refusal | null {
  if (quorumMet(present, roster, rule)) return null;
  const share = rule.quorumAbove === 0.5 ? '半数' : `${Math.round(rule.quorumAbove * 100)}%`;
  return refuse(409, `出席 ${present} 人，未超过组成人员 ${roster} 人的${share}，不能开始测评`);
}

const rosterHeld: Guard = ({ subject }) => {
  if (!subject.rosterReceived) return refuse(409, '尚未收到本单位的常委会组成人员名单，不能组织测评');
  if (subject.roster === 0) return refuse(409, '本单位的组成人员名单是空的，不能组织测评');
  return null;
};

const onRosterToCheckIn: Guard = ({ subject }) => (subject.me.onRoster ? null : refuse(403, '你不在本次测评的组成人员名单中'));

const attendanceKnown: Guard = ({ subject, input }) => {
  const a = input?.attendance;
  if (!a) return null;
  if (a.notOnRoster.length) return refuse(400, `${a.notOnRoster.map((p) => p.id).join('、')} 不在本次测评的组成人员名单中`, { field: a.notOnRoster[0]!.field, rule: 'not_on_roster' });
  // Once voting is open nobody is marked absent, voted or not: a refusal that depended on whether the
  // person had voted would tell the clerk who has (issue 13). The clerk sees counts, never a voter.
  if (a.absent > 0 && subject.state === 'open') return refuse(409, '投票开始后不能登记缺席', { field: 'body.absent', rule: 'voting_open' });
  return null;
};

const quorum: Guard = ({ subject }) => quorumRefusal(subject.present, subject.roster, subject.rule);

/** One ballot per member on the frozen roster who has checked in. */
const mayCast: Guard = ({ subject: { me } }) => {
  if (!me.onRoster) return refuse(403, '你不在本次测评的组成人员名单中，不能投票');
  if (!me.present) return refuse(403, '请先签到，再投票');
  if (me.voted) return refuse(409, '你已经投过票，选票不能更改或撤回');
  return null;
};

const paperCountAddsUp: Guard = ({ subject, input }) => {
  const p = input?.paper;
  if (!p) return null;
  if (p.present > subject.roster) return refuse(400, `出席人数不能超过组成人员 ${subject.roster} 人`, { field: 'body.present', rule: 'too_big' });
  const sum = p.counts.satisfied + p.counts.basic + p.counts.unsatisfied + p.counts.notVoting;
  if (sum !== p.present) return refuse(400, `满意、基本满意、不满意和未投票之和（${sum}）应等于出席人数 ${p.present}`, { field: 'body.counts', rule: 'mismatch' });
  return null;
};

const laterDate: Guard = ({ subject, input }) =>
  input?.heldOn !== undefined && input.heldOn <= subject.heldOn ? refuse(400, `延期后的日期必须晚于原定的 ${subject.heldOn}`, { field: 'body.heldOn', rule: 'too_small' }) : null;

/**
 * 满意度测评, the whole machine: created (draft) → postponed any number of times → open (with a
 * quorum; ballots go into the box) → closed (counted), or closed straight from draft by a paper or
 * voting-device count. Attendance is taken until the count. Members check themselves in and cast
 * their own ballot (the frozen roster says who is a member: the role only rules out those who never
 * vote); office staff run the rest.
 */
export const EVALUATION_MACHINE: Machine<EvaluationAction, EvaluationState, EvaluationFacts, EvaluationActionInput> = {
  noun: '测评',
  otherUnit: '只能操作本单位的测评',
  actionNames: {
    create: '组织测评',
    checkIn: '签到',
    recordAttendance: '登记出席',
    open: '开始投票',
    cast: '投票',
    close: '结束投票',
    paperResult: '录入纸质或表决器结果',
    postpone: '延期',
  },
  stateNames: { none: '未创建', draft: '未开始', open: '投票中', closed: '已结束', postponed: '已延期' },
  rows: [
    { action: 'create', from: ['none'], roles: OFFICE_ROLES, roleRefusal: ORGANISER_REFUSAL, scope: 'own-unit', guard: rosterHeld, to: 'draft', event: EvaluationCreated.name },
    { action: 'checkIn', from: NOT_CLOSED, roles: READER_ROLES, scope: 'own-unit', guard: onRosterToCheckIn, to: 'same', event: null },
    { action: 'recordAttendance', from: NOT_CLOSED, roles: OFFICE_ROLES, roleRefusal: ORGANISER_REFUSAL, scope: 'own-unit', guard: attendanceKnown, to: 'same', event: null },
    { action: 'open', from: BEFORE_VOTING, roles: OFFICE_ROLES, roleRefusal: ORGANISER_REFUSAL, scope: 'own-unit', guard: quorum, to: 'open', event: EvaluationOpened.name },
    { action: 'cast', from: ['open'], roles: VOTER_ROLES, roleRefusal: '只有常委会组成人员可以投票', scope: 'own-unit', guard: mayCast, to: 'same', event: null },
    { action: 'close', from: ['open'], roles: OFFICE_ROLES, roleRefusal: ORGANISER_REFUSAL, scope: 'own-unit', to: 'closed', event: EvaluationClosed.name },
    { action: 'paperResult', from: BEFORE_VOTING, roles: OFFICE_ROLES, roleRefusal: ORGANISER_REFUSAL, scope: 'own-unit', guard: paperCountAddsUp, to: 'closed', event: EvaluationClosed.name },
    { action: 'postpone', from: BEFORE_VOTING, roles: OFFICE_ROLES, roleRefusal: ORGANISER_REFUSAL, scope: 'own-unit', guard: laterDate, to: 'postponed', event: EvaluationPostponed.name },
  ],
};

/** Who may set a unit's counting rule: its own unit administrator (one state: the rule in force). */
export const RULE_SETTERS = ['unit-admin'] as const satisfies readonly Role[];
export const EVALUATION_RULE_MACHINE: Machine<'set', 'current'> = {
  noun: '测评规则',
  otherUnit: '只有本单位的单位管理员可以设置测评规则',
  actionNames: { set: '设置测评规则' },
  stateNames: { current: '现行' },
  rows: [{ action: 'set', from: ['current'], roles: RULE_SETTERS, roleRefusal: '只有本单位的单位管理员可以设置测评规则', scope: 'own-unit', to: 'same', event: null }],
};

// ---- derived facts: the count --------------------------------------------------------------

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

/** Counts by choice exist to read only once an evaluation is closed. */
export const resultReadable = (status: EvaluationStatus): boolean => status === 'closed';
