import { describe, expect, it } from '@jest/globals';
import { ALL_ROLES, DEFAULT_EVALUATION_RULE as rule, allowedActionsOf, cellsOf, decide, targetOf, type Actor, type Role } from '@congress/contracts';
import {
  EVALUATION_MACHINE as machine,
  EVALUATION_RULE_MACHINE,
  deferredReportDue,
  grade,
  quorumMet,
  type EvaluationAction,
  type EvaluationFacts,
  type EvaluationState,
  type Standing,
} from './evaluation.rules.js';

const UNIT = '431000';
const actorWith = (role: Role, unitCode = UNIT): Actor => ({ subject: `${role}-1`, unitCode, roles: [role], ...(role === 'body-liaison' ? { bodyId: 'B1' } : {}) });
const otherUnit: Actor = { subject: 'zixing-staff', unitCode: '431081', roles: ['staff'] };
const me = (over: Partial<Standing> = {}): Standing => ({ onRoster: true, present: true, voted: false, ...over });
/** An evaluation where every guard holds: quorum, roster received, the caller on the roster and checked in. */
const at = (state: EvaluationState, over: Partial<EvaluationFacts> = {}) => ({
  state,
  unitCode: UNIT,
  heldOn: '2022-06-28',
  roster: 50,
  present: 30,
  rule,
  me: me(),
  rosterReceived: true,
  ...over,
});

// ---- who may do what, written out independently of the table --------------------------------

const ORGANISER_REFUSAL = '组织测评需要单位管理员、主任会议成员或机关工作人员';
const OFFICE: Role[] = ['unit-admin', 'leader', 'staff'];
/** Each action: the states it is taken from, and the roles that may take it (everyone else: the refusal). */
const EXPECTED: Record<EvaluationAction, { from: EvaluationState[]; roles: Role[]; name: string; to: EvaluationState | 'same' }> = {
  create: { from: ['none'], roles: OFFICE, name: '组织测评', to: 'draft' },
  checkIn: { from: ['draft', 'postponed', 'open'], roles: ['platform-admin', 'unit-admin', 'leader', 'member', 'staff', 'deputy'], name: '签到', to: 'same' },
  recordAttendance: { from: ['draft', 'postponed', 'open'], roles: OFFICE, name: '登记出席', to: 'same' },
  open: { from: ['draft', 'postponed'], roles: OFFICE, name: '开始投票', to: 'open' },
  cast: { from: ['open'], roles: ['leader', 'member'], name: '投票', to: 'same' },
  close: { from: ['open'], roles: OFFICE, name: '结束投票', to: 'closed' },
  paperResult: { from: ['draft', 'postponed'], roles: OFFICE, name: '录入纸质或表决器结果', to: 'closed' },
  postpone: { from: ['draft', 'postponed'], roles: OFFICE, name: '延期', to: 'postponed' },
};
const STATES: EvaluationState[] = ['none', 'draft', 'open', 'closed', 'postponed'];
const STATE_NAMES: Record<EvaluationState, string> = { none: '未创建', draft: '未开始', open: '投票中', closed: '已结束', postponed: '已延期' };
/** Office actions name the office roles; only members vote; a liaison may not check in. */
const roleRefusal = (action: EvaluationAction) => (EXPECTED[action].roles === OFFICE ? ORGANISER_REFUSAL : action === 'cast' ? '只有常委会组成人员可以投票' : `承办单位联络员不能${EXPECTED[action].name}`);

describe('the evaluation machine, row by row', () => {
  it('has exactly the cells written out here', () => {
    const cells = cellsOf(machine).map((c) => `${c.action}@${c.from}`).sort();
    const expected = Object.entries(EXPECTED).flatMap(([action, e]) => e.from.map((s) => `${action}@${s}`)).sort();
    expect(cells).toEqual(expected);
  });

  const cases = cellsOf(machine).flatMap(({ action, from }) => [...ALL_ROLES.map((role) => ({ action, from, role: role as Role, who: role })), { action, from, role: 'staff' as Role, who: 'another unit' }]);
  it.each(cases)('$action from $from by $who', ({ action, from, role, who }) => {
    const actor = who === 'another unit' ? otherUnit : actorWith(role);
    const d = decide(machine, action, actor, at(from));
    if (who === 'another unit') return expect(d).toEqual({ allowed: false, status: 403, reason: '只能操作本单位的测评' });
    if (EXPECTED[action].roles.includes(role)) {
      expect(d).toEqual({ allowed: true });
      const to = EXPECTED[action].to;
      expect(targetOf(machine, action, actor, at(from))).toBe(to === 'same' ? from : to);
    } else {
      expect(d).toEqual({ allowed: false, status: 403, reason: roleRefusal(action) });
    }
  });

  const closed = (Object.keys(EXPECTED) as EvaluationAction[]).flatMap((action) => STATES.filter((s) => !EXPECTED[action].from.includes(s)).map((state) => ({ action, state })));
  it.each(closed)('refuses $action from $state with 409', ({ action, state }) => {
    const role = EXPECTED[action].roles.includes('staff') ? 'staff' : 'member';
    expect(decide(machine, action, actorWith(role), at(state))).toEqual({ allowed: false, status: 409, reason: `测评当前为「${STATE_NAMES[state]}」，不能${EXPECTED[action].name}` });
  });

  it('names the event each action writes', () => {
    const events = Object.fromEntries(machine.rows.map((r) => [r.action, r.event]));
    expect(events).toEqual({
      create: 'evaluation.created.v1',
      checkIn: null,
      recordAttendance: null,
      open: 'evaluation.opened.v1',
      cast: null,
      close: 'evaluation.closed.v1',
      paperResult: 'evaluation.closed.v1',
      postpone: 'evaluation.postponed.v1',
    });
  });
});

describe('the guards', () => {
  const staff = actorWith('staff');
  const member = actorWith('member');

  it('opens only with more than half of all members present', () => {
    expect(decide(machine, 'open', staff, at('draft', { present: 25 }))).toEqual({ allowed: false, status: 409, reason: '出席 25 人，未超过组成人员 50 人的半数，不能开始测评' });
    expect(decide(machine, 'open', staff, at('draft', { present: 26 }))).toEqual({ allowed: true });
    expect(decide(machine, 'open', staff, at('postponed', { present: 30, rule: { ...rule, quorumAbove: 2 / 3 } }))).toMatchObject({ status: 409, reason: '出席 30 人，未超过组成人员 50 人的67%，不能开始测评' });
  });

  it('organises an evaluation only once the unit\'s roster has arrived, and not on an empty one', () => {
    expect(decide(machine, 'create', staff, at('none', { rosterReceived: false, roster: 0 }))).toEqual({ allowed: false, status: 409, reason: '尚未收到本单位的常委会组成人员名单，不能组织测评' });
    expect(decide(machine, 'create', staff, at('none', { roster: 0 }))).toEqual({ allowed: false, status: 409, reason: '本单位的组成人员名单是空的，不能组织测评' });
  });

  it('lets only members on the frozen roster check in', () => {
    expect(decide(machine, 'checkIn', member, at('draft', { me: me({ onRoster: false, present: false }) }))).toEqual({ allowed: false, status: 403, reason: '你不在本次测评的组成人员名单中' });
    expect(decide(machine, 'checkIn', member, at('open', { me: me({ present: false }) }))).toEqual({ allowed: true });
  });

  it('takes one ballot from a member on the roster who has checked in', () => {
    expect(decide(machine, 'cast', member, at('open', { me: me({ onRoster: false, present: false }) }))).toEqual({ allowed: false, status: 403, reason: '你不在本次测评的组成人员名单中，不能投票' });
    expect(decide(machine, 'cast', member, at('open', { me: me({ present: false }) }))).toEqual({ allowed: false, status: 403, reason: '请先签到，再投票' });
    expect(decide(machine, 'cast', member, at('open', { me: me({ voted: true }) }))).toEqual({ allowed: false, status: 409, reason: '你已经投过票，选票不能更改或撤回' });
  });

  it('records attendance only of members on the roster, and marks nobody absent once voting is open (voted or not)', () => {
    expect(decide(machine, 'recordAttendance', staff, at('open'), { attendance: { notOnRoster: [{ id: 'p9', field: 'body.absent[1]' }], absent: 1 } })).toEqual({
      allowed: false,
      status: 400,
      reason: 'p9 不在本次测评的组成人员名单中',
      field: 'body.absent[1]',
      rule: 'not_on_roster',
    });
    expect(decide(machine, 'recordAttendance', staff, at('open'), { attendance: { notOnRoster: [], absent: 1 } })).toEqual({ allowed: false, status: 409, reason: '投票开始后不能登记缺席', field: 'body.absent', rule: 'voting_open' });
    expect(decide(machine, 'recordAttendance', staff, at('open'), { attendance: { notOnRoster: [], absent: 0 } })).toEqual({ allowed: true });
    expect(decide(machine, 'recordAttendance', staff, at('draft'), { attendance: { notOnRoster: [], absent: 2 } })).toEqual({ allowed: true });
  });

  it('takes a paper count only when it adds up to those present, who cannot exceed the roster', () => {
    const counts = { satisfied: 30, basic: 6, unsatisfied: 2, notVoting: 2 };
    expect(decide(machine, 'paperResult', staff, at('draft'), { paper: { present: 51, counts } })).toMatchObject({ status: 400, field: 'body.present', rule: 'too_big' });
    expect(decide(machine, 'paperResult', staff, at('draft'), { paper: { present: 41, counts } })).toMatchObject({
      status: 400,
      field: 'body.counts',
      rule: 'mismatch',
      reason: '满意、基本满意、不满意和未投票之和（40）应等于出席人数 41',
    });
    expect(decide(machine, 'paperResult', staff, at('draft'), { paper: { present: 40, counts } })).toEqual({ allowed: true });
  });

  it('postpones only to a later date', () => {
    expect(decide(machine, 'postpone', staff, at('draft'), { heldOn: '2022-06-28' })).toMatchObject({ status: 400, field: 'body.heldOn', rule: 'too_small', reason: '延期后的日期必须晚于原定的 2022-06-28' });
    expect(decide(machine, 'postpone', staff, at('postponed'), { heldOn: '2022-06-29' })).toEqual({ allowed: true });
  });

  it('lets only the unit\'s own administrator set its counting rule', () => {
    const current = { state: 'current' as const, unitCode: UNIT };
    expect(decide(EVALUATION_RULE_MACHINE, 'set', actorWith('unit-admin'), current)).toEqual({ allowed: true });
    for (const role of ALL_ROLES.filter((r) => r !== 'unit-admin')) {
      expect(decide(EVALUATION_RULE_MACHINE, 'set', actorWith(role), current)).toEqual({ allowed: false, status: 403, reason: '只有本单位的单位管理员可以设置测评规则' });
    }
    expect(decide(EVALUATION_RULE_MACHINE, 'set', actorWith('unit-admin', '431081'), current)).toMatchObject({ status: 403 });
  });
});

describe('what the API tells each caller they may do', () => {
  it('tells a member checked in that they may vote, and once they have, why not', () => {
    expect(allowedActionsOf(machine, actorWith('member'), at('open'))).toEqual([
      { action: 'checkIn', allowed: true },
      { action: 'recordAttendance', allowed: false, reason: ORGANISER_REFUSAL },
      { action: 'cast', allowed: true },
      { action: 'close', allowed: false, reason: ORGANISER_REFUSAL, to: 'closed' },
    ]);
    expect(allowedActionsOf(machine, actorWith('member'), at('open', { me: me({ voted: true }) })).find((a) => a.action === 'cast')).toEqual({ action: 'cast', allowed: false, reason: '你已经投过票，选票不能更改或撤回' });
  });

  it('tells staff why voting cannot open yet', () => {
    const staff = { ...actorWith('staff'), subject: 'clerk' };
    expect(allowedActionsOf(machine, staff, at('draft', { present: 10, me: me({ onRoster: false, present: false }) }))).toEqual([
      { action: 'checkIn', allowed: false, reason: '你不在本次测评的组成人员名单中' },
      { action: 'recordAttendance', allowed: true },
      { action: 'open', allowed: false, reason: '出席 10 人，未超过组成人员 50 人的半数，不能开始测评', to: 'open' },
      { action: 'paperResult', allowed: true, to: 'closed' },
      { action: 'postpone', allowed: true, to: 'postponed' },
    ]);
  });

  it('offers nothing once an evaluation is closed', () => {
    expect(allowedActionsOf(machine, actorWith('staff'), at('closed'))).toEqual([]);
  });
});

// ---- the count ---------------------------------------------------------------------------------

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
