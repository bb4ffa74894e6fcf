import { ActorNonces1764300001000, MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';
import { Issues1764300000400 } from './migrations/1764300000400-issues.js';
import { ProblemBodies1764300000410 } from './migrations/1764300000410-problem-bodies.js';
import { ProblemBodiesTuning1764300000420 } from './migrations/1764300000420-problem-bodies-tuning.js';
import { EvaluationProjects1764300000430 } from './migrations/1764300000430-evaluation-projects.js';
import { EvaluationHeldOn1764300000440 } from './migrations/1764300000440-evaluation-held-on.js';
import { AttachmentEntity } from './attachments/attachment.entity.js';
import { FindingEntity } from './findings/finding.entity.js';
import { OPINION_ENTITIES } from './opinions/opinion.entity.js';
import { PROBLEM_ENTITIES } from './problems/problem.entity.js';

/** issue-tracking: opinions, problem lists, rectification and close-out (issue 4). */
export const ISSUE_TRACKING: ServiceDefinition = {
  service: 'issue-tracking',
  schema: 'issue_tracking',
  entities: [...PROBLEM_ENTITIES, ...OPINION_ENTITIES, FindingEntity, AttachmentEntity],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, Issues1764300000400, ProblemBodies1764300000410, ProblemBodiesTuning1764300000420, EvaluationProjects1764300000430, EvaluationHeldOn1764300000440, ActorNonces1764300001000],
};
