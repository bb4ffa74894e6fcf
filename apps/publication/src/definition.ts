import { ActorNonces1764300001000, MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';

/** publication: announcements, bulletins, notices, scorecards. */
export const PUBLICATION: ServiceDefinition = {
  service: 'publication',
  schema: 'publication',
  entities: [],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, ActorNonces1764300001000],
};
