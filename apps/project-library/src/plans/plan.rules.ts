import type { Adjustment, Plan, ProjectStage, TimelineEntry } from '@congress/contracts';
import { STAGE_NAMES } from '../shared/stages.js';

// What the plans feature derives. Whether an adjustment may be made, and what it does to the
// project, is the project table's (`adjust.add`, `adjust.withdraw`, `adjust.postpone`,
// `adjust.change`): adjustments move the project's stage and are immutable history, so they have
// no state of their own.

type Kind = Adjustment['kind'];

/** How a project stands to the plan as approved: postponed out of it, withdrawn, added mid-year, changed, or as planned. */
export function planStatusOf(kinds: ReadonlySet<Kind>, stage: ProjectStage): Plan['entries'][number]['planStatus'] {
  if (kinds.has('postpone')) return 'postponed';
  if (stage === 'withdrawn') return 'withdrawn';
  if (kinds.has('add')) return 'added';
  if (kinds.has('change')) return 'changed';
  return 'planned';
}

const KIND_NAMES: Record<Kind, string> = { add: '增补', withdraw: '撤销', postpone: '延至下年', change: '变更' };

/** The timeline's sentences, for people. */
export const timelineSummary = {
  created: (title: string) => `录入项目库：${title}`,
  stage: (from: ProjectStage, to: ProjectStage, note: string | null) => `${STAGE_NAMES[from]} → ${STAGE_NAMES[to]}${note ? `（${note}）` : ''}`,
  adjustment: (kind: Kind, reason: string, approverName: string) => `动态调整·${KIND_NAMES[kind]}：${reason}（批准：${approverName}）`,
  milestoneDone: (title: string) => `完成节点：${title}`,
};

/** Oldest first; entries at the same moment in the order of their kind's name (as the one SQL union ordered them). */
export function inTimelineOrder(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => (a.at === b.at ? (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) : a.at < b.at ? -1 : 1));
}
