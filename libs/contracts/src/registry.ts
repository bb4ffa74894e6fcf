import * as directory from './directory/directory.contracts.js';
import { BodyLiaisonChanged, UnitRosterChanged } from './directory/directory.contracts.js';
import * as issues from './issues/issue.contracts.js';
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
import * as projects from './projects/project.contracts.js';
import type { EventContract, RequestContract } from './shared/define.js';
import * as voting from './voting/evaluation.contracts.js';
import { EvaluationClosed, EvaluationCreated, EvaluationOpened, EvaluationPostponed } from './voting/evaluation.contracts.js';

/**
 * Every event of the platform. Streams are derived from this list (each producer's stream
 * captures its aggregates), so an event missing here is never stored. Add new events here.
 */
export const ALL_EVENTS: readonly EventContract[] = [
  UnitRosterChanged,
  BodyLiaisonChanged,
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

const isRequest = (value: unknown): value is RequestContract => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'request';

/**
 * Every request subject of the platform, gathered from the contract modules (a new contract is in
 * it without being listed): NATS permissions, the security suite and the docs are derived from it.
 */
export const ALL_REQUESTS: readonly RequestContract[] = [directory, projects, issues, voting]
  .flatMap((module) => Object.values(module))
  .filter(isRequest)
  .sort((a, b) => a.subject.localeCompare(b.subject));
