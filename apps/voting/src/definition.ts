import { MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';
import { VotingRosters1764300000200 } from './migrations/1764300000200-voting-rosters.js';

/** voting: satisfaction evaluations by secret ballot (issue 5); today: the roster read copy. */
export const VOTING: ServiceDefinition = {
  service: 'voting',
  schema: 'voting',
  entities: [],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, VotingRosters1764300000200],
};
