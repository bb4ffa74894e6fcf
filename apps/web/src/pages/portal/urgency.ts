import type { ProblemItem } from '../problems/components/types';

/** Still being rectified: a liaison sees only assigned problems, so every one not closed is open. */
export const isOpen = (p: Pick<ProblemItem, 'status'>): boolean => p.status !== 'closed';
const LIGHT_ORDER = { red: 0, yellow: 1, green: 2 } as const;
/** A body has tens of problems: the portal loads them all (pages of 200, up to this many) and orders them itself. */
export const MAX_PROBLEMS = 2000;

/** Most urgent first: open before closed; red, yellow, green; the nearest deadline first. */
export function byUrgency(a: Pick<ProblemItem, 'status' | 'light' | 'deadline' | 'number'>, b: Pick<ProblemItem, 'status' | 'light' | 'deadline' | 'number'>): number {
  const open = Number(isOpen(b)) - Number(isOpen(a));
  if (open) return open;
  const light = LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light];
  if (light) return light;
  return (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.number.localeCompare(b.number);
}
