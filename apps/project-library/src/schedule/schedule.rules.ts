import { MilestoneDue, MilestoneOverdue, OFFICE_ROLES, addDays, refuse, type Health, type Machine, type Refusal, type Task } from '@congress/contracts';

// Whether a project's letter, roadmap or schedule may be written at all (unit, role, the project's
// stage) is the project table's to say (`responsibility.add`, `milestone.add`, `milestone.complete`,
// `task.add`, `task.progress`). The tables here are those of the parts that have a state of their
// own: a task's status and a milestone's completion.

export type TaskStatus = Task['status'];
export interface TaskProgressInput {
  status?: TaskStatus;
  percent?: number;
}

/**
 * A task's status (todo → doing → done, and back when work reopens): one progress report moves it
 * to any status. A task reported 100 % done is done; a task marked done is 100 % done
 * (`percentAfter`).
 */
export const TASK_MACHINE: Machine<'progress', TaskStatus, unknown, TaskProgressInput> = {
  noun: '任务',
  otherUnit: '只能修改本单位的项目',
  actionNames: { progress: '更新任务进度' },
  stateNames: { todo: '未开始', doing: '进行中', done: '已完成' },
  rows: [
    {
      action: 'progress',
      from: ['todo', 'doing', 'done'],
      roles: OFFICE_ROLES,
      scope: 'own-unit',
      to: ({ subject, input }) => (input?.percent === 100 ? 'done' : (input?.status ?? subject.state)),
      event: null,
    },
  ],
};

/** The percent a task stands at after a progress report moved it to `status`. */
export function percentAfter(status: TaskStatus, input: TaskProgressInput, before: number): number {
  return status === 'done' ? 100 : (input.percent ?? before);
}

/** A task that ends before it starts is refused before anything else is looked at. */
export function taskDatesRefusal(input: { startDate: string; dueDate: string }): Refusal | null {
  return input.dueDate < input.startDate ? refuse(400, '截止日期不能早于开始日期', { field: 'body.dueDate', rule: 'before_start' }) : null;
}

export type MilestoneState = 'open' | 'done';
export const milestoneStateOf = (milestone: { doneAt: unknown }): MilestoneState => (milestone.doneAt ? 'done' : 'open');

/**
 * A roadmap milestone: open until completed. Completing a completed one changes nothing (the
 * first completion's time stays). The system (the milestone watch) writes the reminders of an
 * open one, once each.
 */
export const MILESTONE_MACHINE: Machine<'complete' | 'notifyDue' | 'notifyOverdue', MilestoneState> = {
  noun: '路线图节点',
  otherUnit: '只能修改本单位的项目',
  actionNames: { complete: '标记节点完成', notifyDue: '到期提醒', notifyOverdue: '逾期提醒' },
  stateNames: { open: '未完成', done: '已完成' },
  rows: [
    { action: 'complete', from: ['open'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'done', event: null },
    { action: 'complete', from: ['done'], roles: OFFICE_ROLES, scope: 'own-unit', to: 'same', event: null },
    { action: 'notifyDue', from: ['open'], roles: [], roleRefusal: '到期提醒由系统按到期日自动发出', scope: 'own-unit', to: 'same', event: MilestoneDue.name },
    { action: 'notifyOverdue', from: ['open'], roles: [], roleRefusal: '逾期提醒由系统按到期日自动发出', scope: 'own-unit', to: 'same', event: MilestoneOverdue.name },
  ],
};

/** The standard roadmap (路线图模板), with the days after the start each step is due. */
export const STANDARD_ROADMAP: readonly { title: string; offsetDays: number }[] = [
  { title: '调研', offsetDays: 30 },
  { title: '审议报告', offsetDays: 60 },
  { title: '交办审议意见', offsetDays: 75 },
  { title: '督促整改', offsetDays: 165 },
  { title: '满意度测评', offsetDays: 180 },
  { title: '回头看', offsetDays: 365 },
];

/** The milestones a request adds: one, or the standard roadmap laid out from a start date. */
export function roadmapSteps(input: { template: 'standard'; startDate: string } | { title: string; dueDate: string }): { title: string; dueDate: string }[] {
  return 'template' in input ? STANDARD_ROADMAP.map((s) => ({ title: s.title, dueDate: addDays(input.startDate, s.offsetDays) })) : [{ title: input.title, dueDate: input.dueDate }];
}

/** Weighted roll-up of the tasks' percent done; 0 without tasks; one decimal. */
export function progressOf(tasks: readonly { weight: number; percent: number }[]): number {
  const total = tasks.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return 0;
  return Math.round((tasks.reduce((sum, t) => sum + t.weight * t.percent, 0) / total) * 10) / 10;
}

/**
 * Health is derived, never typed in: red (滞后) when a milestone not done is past due, yellow (预警)
 * when one is due within `atRiskDays`, else green (正常). `today` is a YYYY-MM-DD date in
 * Asia/Shanghai.
 */
export function healthOf(milestones: readonly { dueDate: string; doneAt: string | null }[], today: string, atRiskDays: number): Health {
  const open = milestones.filter((m) => !m.doneAt);
  if (open.some((m) => m.dueDate < today)) return 'red';
  const horizon = addDays(today, atRiskDays);
  if (open.some((m) => m.dueDate <= horizon)) return 'yellow';
  return 'green';
}
