import { describe, expect, it } from '@jest/globals';
import { ALL_ROLES, SYSTEM_ACTOR, addDays, cellsOf, decide, targetOf, todayInShanghai, type Actor } from '@congress/contracts';
import { MILESTONE_MACHINE, STANDARD_ROADMAP, TASK_MACHINE, healthOf, milestoneStateOf, percentAfter, progressOf, roadmapSteps, taskDatesRefusal, type MilestoneState } from './schedule.rules.js';

// Who may do what to a task or a milestone, written out (not read from the tables). Whether the
// project lets its schedule be written at all is the project table's, tested there.
const OFFICE = ['unit-admin', 'leader', 'staff'];
const as = (role: string): Actor => ({ subject: role, unitCode: '431000', roles: [role], ...(role === 'body-liaison' ? { bodyId: 'B1' } : {}) });
const elsewhere: Actor = { subject: 'z', unitCode: '431081', roles: ['staff'] };

describe('the task table, row by row', () => {
  const cases = cellsOf(TASK_MACHINE).flatMap(({ action, from }) => ALL_ROLES.map((role) => ({ action, from, role })));
  it('has progress open from every status', () => {
    expect(cellsOf(TASK_MACHINE).map((c) => `${c.action}@${c.from}`)).toEqual(['progress@todo', 'progress@doing', 'progress@done']);
  });
  it.each(cases)('$action from $from by $role', ({ action, from, role }) => {
    const expected = OFFICE.includes(role)
      ? { allowed: true }
      : { allowed: false, status: 403, reason: role === 'body-liaison' ? '承办单位联络员不能更新任务进度' : '更新任务进度需要以下角色之一：单位管理员、主任会议成员、机关工作人员' };
    expect(decide(TASK_MACHINE, action, as(role), { state: from, unitCode: '431000' })).toEqual(expected);
  });
  it('refuses another unit', () => {
    expect(decide(TASK_MACHINE, 'progress', elsewhere, { state: 'doing', unitCode: '431000' })).toEqual({ allowed: false, status: 403, reason: '只能修改本单位的项目' });
  });

  it('moves to the status reported; 100 % is done, and done is 100 %', () => {
    const to = (state: 'todo' | 'doing' | 'done', input: { status?: 'todo' | 'doing' | 'done'; percent?: number }) => targetOf(TASK_MACHINE, 'progress', as('staff'), { state, unitCode: '431000' }, input);
    expect(to('todo', { status: 'doing', percent: 30 })).toBe('doing');
    expect(to('doing', { percent: 100 })).toBe('done');
    expect(to('doing', { status: 'todo', percent: 100 })).toBe('done');
    expect(to('doing', { percent: 60 })).toBe('doing');
    expect(to('done', { status: 'doing' })).toBe('doing');
    expect(percentAfter('done', { status: 'done' }, 40)).toBe(100);
    expect(percentAfter('doing', { percent: 60 }, 40)).toBe(60);
    expect(percentAfter('doing', {}, 40)).toBe(40);
  });

  it('refuses a task that ends before it starts, naming the field', () => {
    expect(taskDatesRefusal({ startDate: '2022-05-01', dueDate: '2022-04-01' })).toEqual({ status: 400, reason: '截止日期不能早于开始日期', field: 'body.dueDate', rule: 'before_start' });
    expect(taskDatesRefusal({ startDate: '2022-05-01', dueDate: '2022-05-01' })).toBeNull();
  });
});

describe('the milestone table, row by row', () => {
  const WHO: Record<string, { from: string[]; roles: string[]; refusal: (role: string) => string }> = {
    complete: { from: ['open', 'done'], roles: OFFICE, refusal: (role) => (role === 'body-liaison' ? '承办单位联络员不能标记节点完成' : '标记节点完成需要以下角色之一：单位管理员、主任会议成员、机关工作人员') },
    notifyDue: { from: ['open'], roles: [], refusal: () => '到期提醒由系统按到期日自动发出' },
    notifyOverdue: { from: ['open'], roles: [], refusal: () => '逾期提醒由系统按到期日自动发出' },
  };
  it('has the cells the written table expects', () => {
    expect(cellsOf(MILESTONE_MACHINE).map((c) => `${c.action}@${c.from}`).sort()).toEqual(Object.entries(WHO).flatMap(([a, w]) => w.from.map((s) => `${a}@${s}`)).sort());
  });
  const cases = cellsOf(MILESTONE_MACHINE).flatMap(({ action, from }) => ALL_ROLES.map((role) => ({ action, from, role })));
  it.each(cases)('$action from $from by $role', ({ action, from, role }) => {
    const who = WHO[action]!;
    const expected = who.roles.includes(role) ? { allowed: true } : { allowed: false, status: 403, reason: who.refusal(role) };
    expect(decide(MILESTONE_MACHINE, action, as(role), { state: from, unitCode: '431000' })).toEqual(expected);
  });
  it.each(cellsOf(MILESTONE_MACHINE))('$action from $from: the system may', ({ action, from }) => {
    expect(decide(MILESTONE_MACHINE, action, SYSTEM_ACTOR, { state: from, unitCode: '431000' })).toEqual({ allowed: true });
  });
  const at = (state: MilestoneState) => ({ state, unitCode: '431000' });
  it('writes no reminder for a milestone done (409), and completing it again changes nothing', () => {
    expect(decide(MILESTONE_MACHINE, 'notifyDue', SYSTEM_ACTOR, at('done'))).toEqual({ allowed: false, status: 409, reason: '路线图节点当前为「已完成」，不能到期提醒' });
    expect(targetOf(MILESTONE_MACHINE, 'complete', as('staff'), at('open'))).toBe('done');
    expect(targetOf(MILESTONE_MACHINE, 'complete', as('staff'), at('done'))).toBe('done');
    expect(milestoneStateOf({ doneAt: null })).toBe('open');
    expect(milestoneStateOf({ doneAt: new Date() })).toBe('done');
  });
  it('refuses another unit', () => {
    expect(decide(MILESTONE_MACHINE, 'complete', elsewhere, { state: 'open', unitCode: '431000' })).toEqual({ allowed: false, status: 403, reason: '只能修改本单位的项目' });
  });
});

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
    expect(roadmapSteps({ template: 'standard', startDate: '2022-03-01' }).map((s) => s.dueDate)).toEqual(['2022-03-31', '2022-04-30', '2022-05-15', '2022-08-13', '2022-08-28', '2023-03-01']);
    expect(roadmapSteps({ title: '专题询问', dueDate: '2022-06-30' })).toEqual([{ title: '专题询问', dueDate: '2022-06-30' }]);
  });
  it('takes today in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2022-06-09T17:30:00Z'))).toBe('2022-06-10');
  });
});
