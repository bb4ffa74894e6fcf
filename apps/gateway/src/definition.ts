import { MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';
import { BlobTables1764300000002 } from '@congress/storage';

/**
 * The gateway keeps its audit log (refused requests) and, with the default storage driver, the bytes
 * of attachments in its schema; domain data lives in the services.
 */
export const GATEWAY: ServiceDefinition = {
  service: 'gateway',
  schema: 'gateway',
  entities: [],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, BlobTables1764300000002],
};
