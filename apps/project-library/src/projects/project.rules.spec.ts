import { describe, expect, it } from '@jest/globals';
import { roleNames, ALL_ROLES, cellsOf, type Actor, type ProjectStage } from '@congress/contracts';
import {
  PROJECT_MACHINE,
  adjustmentOf,
  decideEntry,
  decideMove,
  decideProject,
  moveTo,
  needsClosingFacts,
  nextStages,
  projectActionsFor,
  type ProjectAction,
  type ProjectFacts,
  type ProjectSubject,
} from './project.rules.js';

// ---- who may do what, written out from the issue and the README (not read from the table) ----

const OFFICE = ['unit-admin', 'leader', 'staff'];
const DECIDERS = ['leader', 'unit-admin'];
const EVERY: ProjectStage[] = ['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking', 'closed', 'withdrawn'];
const LIVE: ProjectStage[] = ['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking'];
const APPROVED_LIVE: ProjectStage[] = ['approved', 'implementing', 'evaluating', 'tracking'];
const APPROVED_WITHDRAWAL = '已立项的项目只能由主任会议成员或单位管理员撤销';

/** For each action: the stages it is open from, and who may take it there. */
const WHO: Record<ProjectAction, { from: ProjectStage[]; roles: string[] }[]> = {
  plan: [{ from: ['reserve'], roles: OFFICE }],
  shelve: [{ from: ['planning'], roles: OFFICE }],
  approve: [{ from: ['planning'], roles: DECIDERS }],
  implement: [{ from: ['approved'], roles: OFFICE }],
  evaluate: [{ from: ['implementing'], roles: OFFICE }],
  track: [{ from: ['evaluating'], roles: OFFICE }],
  close: [{ from: ['tracking'], roles: DECIDERS }],
  withdraw: [
    { from: ['reserve', 'planning'], roles: OFFICE },
    { from: APPROVED_LIVE, roles: DECIDERS },
  ],
  update: [{ from: EVERY, roles: OFFICE }],
  'adjust.add': [{ from: ['reserve', 'planning'], roles: OFFICE }],
  'adjust.withdraw': [{ from: APPROVED_LIVE, roles: DECIDERS }],
  'adjust.postpone': [{ from: ['approved', 'implementing'], roles: OFFICE }],
  'adjust.change': [{ from: EVERY, roles: OFFICE }],
  'responsibility.add': [{ from: LIVE, roles: OFFICE }],
  'milestone.add': [{ from: LIVE, roles: OFFICE }],
  'milestone.complete': [{ from: LIVE, roles: OFFICE }],
  'task.add': [{ from: LIVE, roles: OFFICE }],
  'task.progress': [{ from: LIVE, roles: OFFICE }],
};

const NAMES: Record<ProjectAction, string> = {
  plan: '转到谋划',
  shelve: '转到储备',
  approve: '转到立项',
  implement: '转到实施',
  evaluate: '转到评估',
  track: '转到跟踪',
  close: '转到办结',
  withdraw: '转到撤销',
  update: '修改项目',
  'adjust.add': '增补进年度计划',
  'adjust.withdraw': '从年度计划中撤销',
  'adjust.postpone': '延至下一年度',
  'adjust.change': '变更项目',
  'responsibility.add': '增加责任书条目',
  'milestone.add': '增加路线图节点',
  'milestone.complete': '标记节点完成',
  'task.add': '增加施工表任务',
  'task.progress': '更新任务进度',
};
const STAGE_NAMES: Record<ProjectStage, string> = { reserve: '储备', planning: '谋划', approved: '立项', implementing: '实施', evaluating: '评估', tracking: '跟踪', closed: '办结', withdrawn: '撤销' };

/** The refusal of a role that may not take the action from this stage. */
function roleRefusal(action: ProjectAction, role: string): string {
  const groups = WHO[action];
  const mayEver = groups.some((g) => g.roles.includes(role));
  // A withdrawal after approval names who may take it back.
  if ((action === 'withdraw' && mayEver) || action === 'adjust.withdraw') return APPROVED_WITHDRAWAL;
  if (role === 'body-liaison') return `承办单位联络员不能${NAMES[action]}`;
  // A role that may never take the action is told who may take it at all (the first rows' roles).
  return `${NAMES[action]}需要以下角色之一：${roleNames(groups[0]!.roles)}`;
}

/** The refusal of an action from a stage it is not open from. */
function stageRefusal(action: ProjectAction, stage: ProjectStage): string {
  if (action === 'adjust.add') return `只有储备或谋划阶段的项目可以增补进年度计划（当前：${stage}）`;
  if (action === 'adjust.withdraw') return '只有在年度计划中且未办结的项目可以撤销';
  if (action === 'adjust.postpone') return '只有立项或实施阶段的项目可以延至下一年度';
  if (/^(responsibility|milestone|task)\./.test(action)) return '项目已办结或撤销，不能再修改';
  return `项目当前为「${STAGE_NAMES[stage]}」，不能${NAMES[action]}`;
}

// ---- fixtures --------------------------------------------------------------------------------

const READY: ProjectFacts = { hasResponsibilityLetter: true, hasRoadmap: true, openProblems: 0, lastEvaluationPassed: true };
const at = (state: ProjectStage, facts: Partial<ProjectFacts> = {}): ProjectSubject => ({ state, unitCode: '431000', ...READY, ...facts });
const as = (role: string): Actor => ({ subject: role, unitCode: '431000', roles: [role], ...(role === 'body-liaison' ? { bodyId: 'B1' } : {}) });
const staff = as('staff');
const leader = as('leader');
const elsewhere: Actor = { subject: 'z', unitCode: '431081', roles: ['leader', 'staff', 'unit-admin'] };
const system: Actor = { subject: 'system', roles: [] };
const approval = { decidingBody: 'chairs-council' as const, decisionDate: '2022-02-18', documentNumber: '郴人常办〔2022〕3号' };

const ACTIONS = Object.keys(WHO) as ProjectAction[];

describe('the project machine, row by row', () => {
  it('has a row for every cell the written table expects, and no other', () => {
    const cells = cellsOf(PROJECT_MACHINE).map((c) => `${c.action}@${c.from}`).sort();
    const expected = ACTIONS.flatMap((a) => WHO[a].flatMap((g) => g.from.map((s) => `${a}@${s}`))).sort();
    expect(cells).toEqual(expected);
  });

  const cases = cellsOf(PROJECT_MACHINE).flatMap(({ action, from }) => ALL_ROLES.map((role) => ({ action, from, role })));
  it.each(cases)('$action from $from by $role', ({ action, from, role }) => {
    const group = WHO[action].find((g) => g.from.includes(from))!;
    const expected = group.roles.includes(role) ? { allowed: true } : { allowed: false, status: 403, reason: roleRefusal(action, role) };
    expect(decideProject(action, as(role), at(from))).toEqual(expected);
  });

  it.each(cellsOf(PROJECT_MACHINE))('$action from $from: refused to another unit with 403', ({ action, from }) => {
    expect(decideProject(action, elsewhere, at(from))).toEqual({ allowed: false, status: 403, reason: '只能修改本单位的项目' });
  });

  it.each(cellsOf(PROJECT_MACHINE))('$action from $from: allowed to the system actor', ({ action, from }) => {
    expect(decideProject(action, system, at(from))).toEqual({ allowed: true });
  });

  const closed = ACTIONS.flatMap((action) => EVERY.filter((s) => !WHO[action].some((g) => g.from.includes(s))).map((from) => ({ action, from })));
  it.each(closed)('$action from $from: no row, so 409 in its own words', ({ action, from }) => {
    expect(decideProject(action, leader, at(from))).toEqual({ allowed: false, status: 409, reason: stageRefusal(action, from) });
  });
});

describe('the guards', () => {
  it('refuses approval without the decision, naming the field', () => {
    expect(decideProject('approve', leader, at('planning'), {})).toEqual({ allowed: false, status: 400, reason: '立项需要决定机关、决定日期和文号', field: 'body.approval', rule: 'required' });
    expect(decideProject('approve', leader, at('planning'), { approval })).toEqual({ allowed: true });
  });

  it('refuses implementing without a responsibility letter and a roadmap, naming what is missing', () => {
    expect(decideProject('implement', staff, at('approved', { hasResponsibilityLetter: false, hasRoadmap: false }))).toEqual({ allowed: false, status: 409, reason: '进入实施前需要先有责任书和路线图' });
    expect(decideProject('implement', staff, at('approved', { hasRoadmap: false }))).toEqual({ allowed: false, status: 409, reason: '进入实施前需要先有路线图' });
    expect(decideProject('implement', staff, at('approved', { hasResponsibilityLetter: false }))).toEqual({ allowed: false, status: 409, reason: '进入实施前需要先有责任书' });
  });

  it('closes only when every problem is closed and the last evaluation passed, and never on a guess', () => {
    const close = (facts: Partial<ProjectFacts>) => decideProject('close', leader, at('tracking', facts));
    expect(close({ openProblems: undefined })).toEqual({ allowed: false, status: 409, reason: '暂时无法确认问题是否全部销号、测评是否通过，不能办结' });
    expect(close({ lastEvaluationPassed: undefined })).toEqual({ allowed: false, status: 409, reason: '暂时无法确认问题是否全部销号、测评是否通过，不能办结' });
    expect(close({ openProblems: 2 })).toEqual({ allowed: false, status: 409, reason: '还有 2 个问题未销号，不能办结' });
    expect(close({ lastEvaluationPassed: null })).toEqual({ allowed: false, status: 409, reason: '尚未进行满意度测评，不能办结' });
    expect(close({ lastEvaluationPassed: false })).toEqual({ allowed: false, status: 409, reason: '最近一次满意度测评未通过，不能办结' });
    expect(close({})).toEqual({ allowed: true });
  });

  it('withdraws only with a reason', () => {
    expect(decideProject('withdraw', staff, at('reserve'), {})).toEqual({ allowed: false, status: 400, reason: '撤销需要说明理由', field: 'body.reason', rule: 'required' });
    expect(decideProject('withdraw', staff, at('reserve'), { reason: '并入其他项目' })).toEqual({ allowed: true });
    expect(decideProject('withdraw', leader, at('approved'), { reason: '调整' })).toEqual({ allowed: true });
  });

  it('adds to the plan only with a document number, and changes only what it names', () => {
    expect(decideProject('adjust.add', staff, at('planning'), { documentNumber: null })).toEqual({ allowed: false, status: 400, reason: '增补项目需要批准文号', field: 'body.documentNumber', rule: 'required' });
    expect(decideProject('adjust.add', staff, at('planning'), { documentNumber: '郴人常办〔2023〕12号' })).toEqual({ allowed: true });
    expect(decideProject('adjust.change', staff, at('approved'), { changes: { title: undefined } })).toMatchObject({ allowed: false, status: 400, field: 'body.changes', rule: 'required' });
    expect(decideProject('adjust.change', staff, at('approved'), { changes: { title: '新标题' } })).toEqual({ allowed: true });
  });
});

describe('transition {to}: the move it stands for', () => {
  it('maps each target to the move from the current stage', () => {
    expect(moveTo('reserve', 'planning')).toBe('plan');
    expect(moveTo('planning', 'reserve')).toBe('shelve');
    expect(moveTo('planning', 'approved')).toBe('approve');
    expect(moveTo('tracking', 'withdrawn')).toBe('withdraw');
    // An adjustment reaches `approved` from reserve, but it is not a stage move.
    expect(moveTo('reserve', 'approved')).toBeUndefined();
  });

  it('refuses moving to the current stage', () => {
    expect(decideMove(staff, at('planning'), 'planning')).toEqual({ allowed: false, status: 409, reason: '项目已处于谋划阶段' });
  });

  it('refuses an illegal move with 409 and lists the legal ones', () => {
    expect(decideMove(leader, at('reserve'), 'closed')).toEqual({ allowed: false, status: 409, reason: '不能从储备直接转到办结；可以转到：谋划、撤销' });
    expect(decideMove(leader, at('approved'), 'closed')).toEqual({ allowed: false, status: 409, reason: '不能从立项直接转到办结；可以转到：实施、撤销' });
    expect(decideMove(leader, at('withdrawn'), 'planning')).toEqual({ allowed: false, status: 409, reason: '不能从撤销直接转到谋划；项目已结束' });
  });

  it('refuses another unit before saying anything of the stage', () => {
    expect(decideMove(elsewhere, at('reserve'), 'closed')).toEqual({ allowed: false, status: 403, reason: '只能修改本单位的项目' });
    expect(decideMove(elsewhere, at('reserve'), 'planning')).toMatchObject({ allowed: false, status: 403, reason: '只能修改本单位的项目' });
  });

  it('decides a legal move by its row, and says which it was', () => {
    expect(decideMove(staff, at('reserve'), 'planning')).toEqual({ allowed: true, action: 'plan' });
    expect(decideMove(staff, at('planning'), 'approved', { approval })).toEqual({ allowed: false, status: 403, reason: '转到立项需要以下角色之一：主任会议成员、单位管理员', action: 'approve' });
    expect(decideMove(staff, at('approved'), 'withdrawn', { reason: '调整' })).toEqual({ allowed: false, status: 403, reason: APPROVED_WITHDRAWAL, action: 'withdraw' });
  });

  it('lists the stages open next, in order, and none after closure or withdrawal', () => {
    const next = Object.fromEntries(EVERY.map((s) => [s, nextStages(s)]));
    expect(next).toEqual({
      reserve: ['planning', 'withdrawn'],
      planning: ['reserve', 'approved', 'withdrawn'],
      approved: ['implementing', 'withdrawn'],
      implementing: ['evaluating', 'withdrawn'],
      evaluating: ['tracking', 'withdrawn'],
      tracking: ['closed', 'withdrawn'],
      closed: [],
      withdrawn: [],
    });
  });
});

describe('allowed actions', () => {
  it('tells staff what it may do with an approved project not yet ready, and why not the rest', () => {
    const actions = projectActionsFor(staff, at('approved', { hasResponsibilityLetter: false, hasRoadmap: false, openProblems: undefined, lastEvaluationPassed: undefined }));
    expect(actions).toEqual([
      { action: 'implement', allowed: false, reason: '进入实施前需要先有责任书和路线图', to: 'implementing' },
      { action: 'withdraw', allowed: false, reason: APPROVED_WITHDRAWAL, to: 'withdrawn' },
      { action: 'update', allowed: true },
      { action: 'adjust.withdraw', allowed: false, reason: APPROVED_WITHDRAWAL, to: 'withdrawn' },
      { action: 'adjust.postpone', allowed: true, to: 'planning' },
      { action: 'adjust.change', allowed: true },
      { action: 'responsibility.add', allowed: true },
      { action: 'milestone.add', allowed: true },
      { action: 'milestone.complete', allowed: true },
      { action: 'task.add', allowed: true },
      { action: 'task.progress', allowed: true },
    ]);
  });

  it('asks issue-tracking only where closing is open: a tracking project, or a move that closes', () => {
    expect(EVERY.filter((s) => needsClosingFacts(s))).toEqual(['tracking']);
    expect(needsClosingFacts('tracking', 'close')).toBe(true);
    expect(needsClosingFacts('tracking', 'withdraw')).toBe(false);
    expect(needsClosingFacts('approved', 'close')).toBe(false);
  });

  it('refuses closing in a list, where nobody asked issue-tracking', () => {
    const close = projectActionsFor(leader, at('tracking', { openProblems: undefined, lastEvaluationPassed: undefined })).find((a) => a.action === 'close');
    expect(close).toEqual({ action: 'close', allowed: false, reason: '暂时无法确认问题是否全部销号、测评是否通过，不能办结', to: 'closed' });
  });

  it('offers a closed project only its edit and a change', () => {
    expect(projectActionsFor(leader, at('closed')).map((a) => a.action)).toEqual(['update', 'adjust.change']);
  });
});

describe('entering candidates and adjusting', () => {
  it('lets the office of the unit enter candidates, nobody else', () => {
    expect(decideEntry(staff, '431000')).toEqual({ allowed: true });
    expect(decideEntry(staff, '431081')).toEqual({ allowed: false, status: 403, reason: '只能在本单位的项目库中录入项目' });
    expect(decideEntry(as('deputy'), '431000')).toEqual({ allowed: false, status: 403, reason: '录入项目需要以下角色之一：单位管理员、主任会议成员、机关工作人员' });
  });

  const project = { stage: 'approved' as const, year: 2023, approval, title: '变更项目', summary: '', leadCommitteeId: null, leaderPersonId: null, ownerPersonId: null, supervisedBodyIds: [] };
  const input = { approvedOn: '2023-06-20', documentNumber: '郴人常办〔2023〕12号' };

  it('adds a project to the plan as approved by the chair\'s council on the adjustment\'s date and number', () => {
    expect(adjustmentOf('add', { ...project, stage: 'planning', approval: null }, input, 'approved')).toEqual({
      set: { stage: 'approved', approval: { decidingBody: 'chairs-council', decisionDate: '2023-06-20', documentNumber: '郴人常办〔2023〕12号' } },
      before: { stage: 'planning' },
      after: { stage: 'approved', approval: { decidingBody: 'chairs-council', decisionDate: '2023-06-20', documentNumber: '郴人常办〔2023〕12号' } },
    });
  });

  it('postpones into next year\'s planning, dropping the approval', () => {
    expect(adjustmentOf('postpone', project, input, 'planning')).toEqual({
      set: { year: 2024, stage: 'planning', approval: null },
      before: { year: 2023, stage: 'approved', approval },
      after: { year: 2024, stage: 'planning' },
    });
  });

  it('withdraws, and changes only the fields named', () => {
    expect(adjustmentOf('withdraw', project, input, 'withdrawn')).toEqual({ set: { stage: 'withdrawn' }, before: { stage: 'approved' }, after: { stage: 'withdrawn' } });
    expect(adjustmentOf('change', project, { ...input, changes: { title: '变更项目（扩大范围）', summary: undefined } }, 'approved')).toEqual({
      set: { title: '变更项目（扩大范围）' },
      before: { title: '变更项目' },
      after: { title: '变更项目（扩大范围）' },
    });
  });
});
