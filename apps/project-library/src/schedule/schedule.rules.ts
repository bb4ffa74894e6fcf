import { addDays, type Health } from '@congress/contracts';

/** The standard roadmap (路线图模板), with the days after the start each step is due. */
export const STANDARD_ROADMAP: readonly { title: string; offsetDays: number }[] = [
  { title: '调研', offsetDays: 30 },
  { title: '审议报告', offsetDays: 60 },
  { title: '交办审议意见', offsetDays: 75 },
  { title: '督促整改', offsetDays: 165 },
  { title: '满意度测评', offsetDays: 180 },
  { title: '回头看', offsetDays: 365 },
];


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
