import { UnitRosterChanged } from './directory/directory.contracts.js';
import {
  OpinionTransmitted,
  ProblemAssigned,
  ProblemCloseRequested,
  ProblemClosed,
  ProblemExtended,
  ProblemOverdue,
  ProblemProgressReported,
  ProblemReopened,
} from './issues/issue.contracts.js';
import { MilestoneDue, MilestoneOverdue, ProjectAdjusted, ProjectApproved, ProjectCreated, ProjectStageChanged } from './projects/project.contracts.js';
import type { EventContract } from './shared/define.js';
import { EvaluationClosed, EvaluationCreated, EvaluationOpened, EvaluationPostponed } from './voting/evaluation.contracts.js';

/**
 * Every event of the platform. Streams are derived from this list (each producer's stream
 * captures its aggregates), so an event missing here is never stored. Add new events here.
 */
export const ALL_EVENTS: readonly EventContract[] = [
  UnitRosterChanged,
  ProjectCreated,
  ProjectStageChanged,
  ProjectApproved,
  ProjectAdjusted,
  MilestoneDue,
  MilestoneOverdue,
  OpinionTransmitted,
  ProblemAssigned,
  ProblemProgressReported,
  ProblemCloseRequested,
  ProblemClosed,
  ProblemExtended,
  ProblemOverdue,
  ProblemReopened,
  EvaluationCreated,
  EvaluationOpened,
  EvaluationClosed,
  EvaluationPostponed,
];
