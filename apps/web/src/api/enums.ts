import type { EvaluationGrade, EvaluationStatus, ProjectCategory, ProjectSource, ProjectStage } from './types';

// The API's enumerations in display order, for filters and forms. Their labels are catalogue keys
// (enum.stage.<value> …). `Exhaustive` makes the type check fail when the API adds a value that is
// missing here, so a new stage cannot silently disappear from the filters.

type Exhaustive<All extends string, Listed extends readonly string[]> = [Exclude<All, Listed[number]>] extends [never] ? Listed : never;

const stages = ['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking', 'closed', 'withdrawn'] as const;
export const PROJECT_STAGES: Exhaustive<ProjectStage, typeof stages> = stages;

const categories = ['work-report', 'law-inspection', 'special-inquiry', 'budget-review', 'inspection', 'research', 'filing-review', 'other'] as const;
export const PROJECT_CATEGORIES: Exhaustive<ProjectCategory, typeof categories> = categories;

const sources = ['higher-requirement', 'party-priority', 'public-concern', 'deputy-suggestion', 'routine-findings'] as const;
export const PROJECT_SOURCES: Exhaustive<ProjectSource, typeof sources> = sources;

/** Tag colours of the stages (Ant Design preset colours). */
export const STAGE_COLORS: Record<ProjectStage, string> = {
  reserve: 'default',
  planning: 'cyan',
  approved: 'blue',
  implementing: 'processing',
  evaluating: 'purple',
  tracking: 'gold',
  closed: 'success',
  withdrawn: 'error',
};

const evaluationStatuses = ['draft', 'open', 'closed', 'postponed'] as const;
export const EVALUATION_STATUSES: Exhaustive<EvaluationStatus, typeof evaluationStatuses> = evaluationStatuses;

/** 满意 / 基本满意 / 不满意: ballot choices and result grades, in this order everywhere. */
const evaluationGrades = ['satisfied', 'basic', 'unsatisfied'] as const;
export const EVALUATION_GRADES: Exhaustive<EvaluationGrade, typeof evaluationGrades> = evaluationGrades;
