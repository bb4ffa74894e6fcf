import { describe, expect, it } from '@jest/globals';
import { roleNames, ALL_ROLES, cellsOf, PROBLEM_STATUS_NAMES, decide, targetOf, type Actor, type ProblemStatus } from '@congress/contracts';
import { PROBLEM_MACHINE, editActionOf, lightOf, missingEvidence, problemActionsOf, problemNumber, worstLight, type ProblemAction, type ProblemSubject } from './problem.rules.js';

const LEAD = 'a5e55adf-9030-5f99-9178-0586395daf56';
const CO = '267af8e2-ea90-591b-ad08-e7945d5f1fdf';
const OTHER_BODY = '0b7c1f9e-1111-4c4c-8888-000000000001';
const STATUSES = Object.keys(PROBLEM_STATUS_NAMES) as ProblemStatus[];
const ACTIONABLE: ProblemStatus[] = ['assigned', 'rectifying', 'extended', 'reopened'];
const OPEN: ProblemStatus[] = [...ACTIONABLE, 'close-requested'];

/** Who may take each action from which statuses, written out independently of the table. */
const EXPECTED: Record<ProblemAction, { from: ProblemStatus[]; who: 'office' | 'deciders' | 'system'; liaison?: 'responsible' | 'any-body' }> = {
  create: { from: ['draft'], who: 'office' },
  assign: { from: ['draft'], who: 'office' },
  edit: { from: ['draft', ...ACTIONABLE], who: 'office' },
  'edit-measures': { from: ['draft', ...ACTIONABLE], who: 'office', liaison: 'responsible' },
  progress: { from: ACTIONABLE, who: 'office', liaison: 'any-body' },
  'close-request': { from: ACTIONABLE, who: 'office', liaison: 'responsible' },
  accept: { from: ['close-requested'], who: 'office' },
  'send-back': { from: ['close-requested'], who: 'office' },
  'request-extension': { from: ACTIONABLE, who: 'office', liaison: 'responsible' },
  'decide-extension': { from: ACTIONABLE, who: 'deciders' },
  'look-back': { from: ['closed'], who: 'office' },
  reopen: { from: [...OPEN, 'closed'], who: 'system' },
  'overdue-notice': { from: OPEN, who: 'system' },
};
const OFFICE = ['unit-admin', 'leader', 'staff'];
const DECIDERS = ['leader', 'unit-admin'];

type Who = { name: string; actor: Actor; kind: 'role' | 'lead' | 'co' | 'stranger' | 'other-unit' | 'system'; role?: string };
const people: Who[] = [
  ...ALL_ROLES.filter((r) => r !== 'body-liaison').map((role) => ({ name: role, actor: { subject: role, unitCode: '431000', roles: [role] }, kind: 'role' as const, role })),
  { name: 'liaison of the lead body', actor: { subject: 'b', unitCode: '431000', roles: ['body-liaison'], bodyId: LEAD }, kind: 'lead' },
  { name: 'liaison of a co-responsible body', actor: { subject: 'c', unitCode: '431000', roles: ['body-liaison'], bodyId: CO }, kind: 'co' },
  { name: 'liaison of an unrelated body', actor: { subject: 'x', unitCode: '431000', roles: ['body-liaison'], bodyId: OTHER_BODY }, kind: 'stranger' },
  { name: 'staff of another unit', actor: { subject: 'z', unitCode: '431081', roles: ['staff'] }, kind: 'other-unit' },
  { name: 'the system', actor: { subject: 'system', roles: [] }, kind: 'system' },
];

const at = (state: ProblemStatus, facts: Partial<ProblemSubject> = {}): ProblemSubject => ({
  state,
  unitCode: '431000',
  bodies: { responsible: LEAD, co: [CO] },
  deadline: '2099-06-30',
  requiredEvidence: [],
  pendingExtension: false,
  ...facts,
});

function expected(action: ProblemAction, state: ProblemStatus, who: Who): { allowed: true } | { allowed: false; status: number; reason: string } {
  const e = EXPECTED[action];
  const name = PROBLEM_MACHINE.actionNames[action];
  if (who.kind === 'other-unit') return { allowed: false, status: 403, reason: '只能处理本单位交办的问题' };
  if (who.kind === 'stranger') return { allowed: false, status: 404, reason: '问题不存在' };
  const may =
    who.kind === 'system' ||
    (who.kind === 'role' && e.who === 'office' && OFFICE.includes(who.role!)) ||
    (who.kind === 'role' && e.who === 'deciders' && DECIDERS.includes(who.role!)) ||
    (who.kind === 'lead' && !!e.liaison) ||
    (who.kind === 'co' && e.liaison === 'any-body');
  if (!may) {
    if (e.who === 'system') return { allowed: false, status: 403, reason: '这是系统根据满意度测评结果或整改时限自动执行的操作' };
    if (who.kind === 'lead' || who.kind === 'co') return { allowed: false, status: 403, reason: `承办单位联络员不能${name}${e.liaison === 'responsible' ? '（只有牵头责任单位可以）' : ''}` };
    return { allowed: false, status: 403, reason: `${name}需要以下角色之一：${roleNames((e.who === 'deciders' ? DECIDERS : OFFICE))}` };
  }
  if (!e.from.includes(state)) return { allowed: false, status: 409, reason: `问题当前为「${PROBLEM_STATUS_NAMES[state]}」，不能${name}` };
  // The one guard that holds without input: a decision needs a pending request.
  if (action === 'decide-extension') return { allowed: false, status: 409, reason: '没有待审批的延期申请' };
  return { allowed: true };
}

const cases = (Object.keys(EXPECTED) as ProblemAction[]).flatMap((action) => STATUSES.flatMap((state) => people.map((who) => [action, state, who.name, who] as const)));

describe('the problem machine, row by row', () => {
  it('has a row for every action the expectations name, and no other', () => {
    expect([...new Set(PROBLEM_MACHINE.rows.map((r) => r.action))].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('opens exactly the cells the expectations name', () => {
    const cells = cellsOf(PROBLEM_MACHINE).map((c) => `${c.action} from ${c.from}`).sort();
    expect(cells).toEqual(Object.entries(EXPECTED).flatMap(([action, e]) => e.from.map((from) => `${action} from ${from}`)).sort());
  });

  it.each(cases)('%s from %s by %s', (action, state, _name, who) => {
    const d = decide(PROBLEM_MACHINE, action, who.actor, at(state));
    const want = expected(action, state, who);
    if (want.allowed) expect(d).toEqual({ allowed: true });
    else expect(d).toMatchObject(want);
  });
});

describe('the problem machine’s guards', () => {
  const staff = people.find((p) => p.name === 'staff')!.actor;
  const leader = people.find((p) => p.name === 'leader')!.actor;
  const lead = people.find((p) => p.kind === 'lead')!.actor;
  const system = people.find((p) => p.kind === 'system')!.actor;

  it('refuses a close-out without the evidence the problem requires, naming it', () => {
    const p = at('rectifying', { requiredEvidence: ['document', 'site-photo'] });
    expect(decide(PROBLEM_MACHINE, 'close-request', lead, p, { evidence: ['document', null] })).toMatchObject({ allowed: false, status: 400, rule: 'missing_evidence', reason: '销号申请缺少证明材料：现场照片' });
    expect(decide(PROBLEM_MACHINE, 'close-request', lead, p, { evidence: ['document', 'site-photo'] })).toEqual({ allowed: true });
    // Asking "may I?" without naming attachments is not refused for evidence.
    expect(decide(PROBLEM_MACHINE, 'close-request', lead, p)).toEqual({ allowed: true });
  });

  it('refuses an extension not later than the deadline, and a second one while one is pending', () => {
    expect(decide(PROBLEM_MACHINE, 'request-extension', lead, at('assigned'), { proposedDeadline: '2099-06-30' })).toMatchObject({ status: 400, field: 'body.proposedDeadline', rule: 'too_small', reason: '延期后的时限必须晚于现在的时限 2099-06-30' });
    expect(decide(PROBLEM_MACHINE, 'request-extension', lead, at('assigned', { pendingExtension: true }), { proposedDeadline: '2099-09-30' })).toMatchObject({ status: 409, reason: '已有一个待审批的延期申请，请等待审批结果' });
    expect(decide(PROBLEM_MACHINE, 'request-extension', lead, at('assigned'), { proposedDeadline: '2099-09-30' })).toEqual({ allowed: true });
  });

  it('decides only a pending extension request of this problem', () => {
    const p = at('rectifying', { pendingExtension: true });
    expect(decide(PROBLEM_MACHINE, 'decide-extension', leader, p)).toEqual({ allowed: true });
    expect(decide(PROBLEM_MACHINE, 'decide-extension', leader, p, { decision: 'approve', extensionId: 'e1', extension: null })).toMatchObject({ status: 404, reason: '延期申请 e1 不存在' });
    expect(decide(PROBLEM_MACHINE, 'decide-extension', leader, p, { decision: 'approve', extensionId: 'e1', extension: { id: 'e1', status: 'approved', proposedDeadline: '2099-09-30' } })).toMatchObject({ status: 409, reason: '延期申请已同意，不能重复审批' });
    expect(decide(PROBLEM_MACHINE, 'decide-extension', leader, p, { decision: 'refuse', extensionId: 'e1', extension: { id: 'e1', status: 'refused', proposedDeadline: '2099-09-30' } })).toMatchObject({ status: 409, reason: '延期申请已不同意，不能重复审批' });
  });

  it('needs a new deadline for a failed look-back', () => {
    expect(decide(PROBLEM_MACHINE, 'look-back', staff, at('closed'), { result: 'failed' })).toMatchObject({ status: 400, field: 'body.newDeadline', rule: 'required' });
    expect(decide(PROBLEM_MACHINE, 'look-back', staff, at('closed'), { result: 'failed', newDeadline: '2099-12-31' })).toEqual({ allowed: true });
  });

  it('keeps the deadline and the lead body to the extension procedure once assigned', () => {
    expect(decide(PROBLEM_MACHINE, 'edit', staff, at('assigned'), { changes: ['deadline'] })).toMatchObject({ status: 409, reason: '问题已交办：整改时限只能通过延期申请变更，责任单位不能再改' });
    expect(decide(PROBLEM_MACHINE, 'edit', staff, at('assigned'), { changes: ['responsibleBodyId'] })).toMatchObject({ status: 409 });
    expect(decide(PROBLEM_MACHINE, 'edit', staff, at('draft'), { changes: ['deadline'] })).toEqual({ allowed: true });
    expect(editActionOf(['measures', 'responsiblePerson'])).toBe('edit-measures');
    expect(editActionOf(['measures', 'place'])).toBe('edit');
  });

  it('assigns only with a deadline, the problem’s own or the default', () => {
    expect(decide(PROBLEM_MACHINE, 'assign', staff, at('draft', { deadline: null }), {})).toMatchObject({ status: 400, field: 'body.defaultDeadline', rule: 'required' });
    expect(decide(PROBLEM_MACHINE, 'assign', staff, at('draft', { deadline: null }), { defaultDeadline: '2099-01-01' })).toEqual({ allowed: true });
  });

  it('announces only a problem past its deadline', () => {
    expect(decide(PROBLEM_MACHINE, 'overdue-notice', system, at('assigned'), { today: '2099-06-30' })).toMatchObject({ status: 409 });
    expect(decide(PROBLEM_MACHINE, 'overdue-notice', system, at('assigned'), { today: '2099-07-01' })).toEqual({ allowed: true });
  });
});

describe('where each action leads', () => {
  const staff: Actor = { subject: 's', unitCode: '431000', roles: ['staff'] };
  const leader: Actor = { subject: 'l', unitCode: '431000', roles: ['leader'] };
  const system: Actor = { subject: 'system', roles: [] };
  it.each([
    ['create', 'draft', {}, 'draft'],
    ['create', 'draft', { opinionTransmitted: true }, 'assigned'],
    ['assign', 'draft', {}, 'assigned'],
    ['progress', 'assigned', {}, 'rectifying'],
    ['progress', 'extended', {}, 'rectifying'],
    ['close-request', 'reopened', {}, 'close-requested'],
    ['accept', 'close-requested', {}, 'closed'],
    ['send-back', 'close-requested', {}, 'rectifying'],
    ['request-extension', 'reopened', {}, 'reopened'],
    ['decide-extension', 'rectifying', { decision: 'approve' }, 'extended'],
    ['decide-extension', 'rectifying', { decision: 'refuse' }, 'rectifying'],
    ['look-back', 'closed', { result: 'passed' }, 'closed'],
    ['look-back', 'closed', { result: 'failed' }, 'reopened'],
    ['reopen', 'closed', {}, 'reopened'],
    ['reopen', 'extended', {}, 'rectifying'],
    ['reopen', 'close-requested', {}, 'rectifying'],
    ['overdue-notice', 'extended', {}, 'extended'],
    ['edit', 'assigned', {}, 'assigned'],
  ] as const)('%s from %s (%j) → %s', (action, from, input, to) => {
    const actor = action === 'reopen' || action === 'overdue-notice' ? system : action === 'decide-extension' ? leader : staff;
    expect(targetOf(PROBLEM_MACHINE, action, actor, at(from), input)).toBe(to);
  });
});

describe('allowed actions offered to a caller', () => {
  it('offers a lead-body liaison its verbs, and never the opinion’s or the system’s', () => {
    const lead: Actor = { subject: 'b', unitCode: '431000', roles: ['body-liaison'], bodyId: LEAD };
    const offered = problemActionsOf(lead, at('assigned'));
    expect(offered.map((a) => a.action)).toEqual(['edit', 'edit-measures', 'progress', 'close-request', 'request-extension', 'decide-extension']);
    expect(offered.filter((a) => a.allowed).map((a) => a.action)).toEqual(['edit-measures', 'progress', 'close-request', 'request-extension']);
    expect(problemActionsOf({ subject: 'x', unitCode: '431000', roles: ['body-liaison'], bodyId: OTHER_BODY }, at('assigned'))).toEqual([]);
    expect(problemActionsOf({ subject: 'l', unitCode: '431000', roles: ['leader'] }, at('closed'))).toEqual([{ action: 'look-back', allowed: true }]);
  });
});

describe('derived facts', () => {
  const policy = { today: '2022-06-01', atRiskDays: 7, staleDays: 14, now: new Date('2022-06-01T04:00:00Z') };
  const recent = new Date('2022-05-30T00:00:00Z');

  it('lights red past the deadline, yellow near it or when silent too long, green otherwise', () => {
    expect(lightOf({ status: 'rectifying', deadline: '2022-05-31', lastProgressAt: recent, assignedAt: recent }, policy)).toBe('red');
    expect(lightOf({ status: 'rectifying', deadline: '2022-06-08', lastProgressAt: recent, assignedAt: recent }, policy)).toBe('yellow');
    expect(lightOf({ status: 'rectifying', deadline: '2022-06-09', lastProgressAt: recent, assignedAt: recent }, policy)).toBe('green');
    expect(lightOf({ status: 'assigned', deadline: '2022-12-31', lastProgressAt: null, assignedAt: new Date('2022-05-17T00:00:00Z') }, policy)).toBe('yellow');
    expect(lightOf({ status: 'closed', deadline: '2020-01-01', lastProgressAt: null, assignedAt: null }, policy)).toBe('green');
    expect(worstLight(['green', 'yellow', 'green'])).toBe('yellow');
    expect(worstLight(['yellow', 'red'])).toBe('red');
  });

  it('lists the required evidence not provided', () => {
    expect(missingEvidence(['document', 'site-photo'], ['document', null])).toEqual([{ kind: 'site-photo', name: '现场照片' }]);
    expect(missingEvidence([], [])).toEqual([]);
  });

  it('numbers problems unit-year-project-sequence', () => {
    expect(problemNumber('431000', 2021, 3, 7)).toBe('431000-2021-03-007');
  });
});
