import type { ProjectStage } from '@congress/contracts';

/** The Chinese name of each stage, as the refusals, the timeline and the web show it. */
export const STAGE_NAMES: Record<ProjectStage, string> = {
  reserve: '储备',
  planning: '谋划',
  approved: '立项',
  implementing: '实施',
  evaluating: '评估',
  tracking: '跟踪',
  closed: '办结',
  withdrawn: '撤销',
};

/** Every stage, in the order a project passes through them. */
export const STAGES = Object.keys(STAGE_NAMES) as ProjectStage[];

/** Stages of a project still under way (not closed or withdrawn). */
export const LIVE_STAGES = ['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking'] as const satisfies readonly ProjectStage[];

/** Stages of a project that is part of its year's plan: approved, and on to closure. */
export const IN_PLAN_STAGES = ['approved', 'implementing', 'evaluating', 'tracking', 'closed'] as const satisfies readonly ProjectStage[];
