import { AuditLogTable1764300000001 } from '@congress/persistence';
import { ActorNonces1764300001000, MessagingTables1764300000000 } from '@congress/messaging';
import type { ServiceDefinition } from '@congress/service-kit';
import { AccountEntity } from './accounts/account.entity.js';
import { DirectoryInitial1764300000100 } from './migrations/1764300000100-directory-initial.js';
import { Accounts1764300002000 } from './migrations/1764300002000-accounts.js';
import { PersonEntity } from './roster/person.entity.js';
import { UNIT_ENTITIES } from './units/unit.entity.js';

export const DIRECTORY: ServiceDefinition = {
  service: 'directory',
  schema: 'directory',
  entities: [...UNIT_ENTITIES, PersonEntity, AccountEntity],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, DirectoryInitial1764300000100, ActorNonces1764300001000, Accounts1764300002000],
};
