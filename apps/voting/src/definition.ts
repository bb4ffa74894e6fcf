import { ActorNonces1764300001000, MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';
import { EVALUATION_ENTITIES } from './evaluations/evaluation.entity.js';
import { VotingRosters1764300000200 } from './migrations/1764300000200-voting-rosters.js';
import { Evaluations1764300000210 } from './migrations/1764300000210-evaluations.js';
import { ROSTER_COPY_ENTITIES } from './rosters/roster-copy.entity.js';

/** voting: satisfaction evaluations by secret ballot (issue 5), and its read copy of the rosters. */
export const VOTING: ServiceDefinition = {
  service: 'voting',
  schema: 'voting',
  entities: [...ROSTER_COPY_ENTITIES, ...EVALUATION_ENTITIES],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, VotingRosters1764300000200, Evaluations1764300000210, ActorNonces1764300001000],
};
