import { ActorNonces1764300001000, MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';

/** personnel-assessment: staff results and the annual assessment. */
export const PERSONNEL_ASSESSMENT: ServiceDefinition = {
  service: 'personnel-assessment',
  schema: 'personnel_assessment',
  entities: [],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, ActorNonces1764300001000],
};
