import type { EvaluationGrade, ProjectCategory, ProjectSource, ProjectStage } from './types';
export { EVALUATION_STATUSES, OPINION_STATUSES, PROBLEM_STATUSES, PROJECT_STAGES, TASK_STATUSES } from './enums.generated';

// The API's enumerations in display order, for filters and forms. Their labels are catalogue keys
// (enum.stage.<value> …). The states of aggregates come generated from the OpenAPI document
// (enums.generated.ts); the other lists are checked by `Exhaustive`: the type check fails when the
// API adds a value that is missing here, so a new value cannot silently disappear from the filters.

type Exhaustive<All extends string, Listed extends readonly string[]> = [Exclude<All, Listed[number]>] extends [never] ? Listed : never;

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

/** 满意 / 基本满意 / 不满意: ballot choices and result grades, in this order everywhere. */
const evaluationGrades = ['satisfied', 'basic', 'unsatisfied'] as const;
export const EVALUATION_GRADES: Exhaustive<EvaluationGrade, typeof evaluationGrades> = evaluationGrades;
