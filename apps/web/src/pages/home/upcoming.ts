import type { BattleMap } from '../../api/types';

export interface UpcomingItem {
  kind: 'milestone' | 'evaluation';
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** A milestone past due and not done. */
  late: boolean;
  to: string;
}

interface EvaluationLike {
  id: string;
  session: string;
  heldOn: string;
}

/** How far ahead the workbench looks. */
export const UPCOMING_DAYS = 30;

/**
 * What comes next, for the workbench: milestones not done that are late or due within
 * UPCOMING_DAYS, and evaluations to be held from today on; late ones first, then by date.
 * Pure: `today` is a Beijing date (YYYY-MM-DD).
 */
export function upcomingItems({ today, map, evaluations, limit }: { today: string; map?: BattleMap; evaluations: readonly EvaluationLike[]; limit: number }): UpcomingItem[] {
  const horizon = addDays(today, UPCOMING_DAYS);
  const items: UpcomingItem[] = [];
  for (const project of map?.projects ?? []) {
    for (const m of project.milestones) {
      if (m.doneAt || m.dueDate > horizon) continue;
      items.push({ kind: 'milestone', title: `${project.title} · ${m.title}`, date: m.dueDate, late: m.dueDate < today, to: `/projects/${project.id}` });
    }
  }
  for (const e of evaluations) {
    if (e.heldOn < today || e.heldOn > horizon) continue;
    items.push({ kind: 'evaluation', title: e.session, date: e.heldOn, late: false, to: `/evaluations/${e.id}` });
  }
  return items.sort((a, b) => Number(b.late) - Number(a.late) || a.date.localeCompare(b.date)).slice(0, limit);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
