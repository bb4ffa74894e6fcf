import { ActorNonces1764300001000, MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';

/** supervision-scheduling: weekly reports, monthly meetings, rankings. */
export const SUPERVISION_SCHEDULING: ServiceDefinition = {
  service: 'supervision-scheduling',
  schema: 'supervision_scheduling',
  entities: [],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, ActorNonces1764300001000],
};
