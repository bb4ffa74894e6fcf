import { ActorNonces1764300001000, MessagingTables1764300000000 } from '@congress/messaging';
import { AuditLogTable1764300000001 } from '@congress/persistence';
import type { ServiceDefinition } from '@congress/service-kit';
import { Projects1764300000300 } from './migrations/1764300000300-projects.js';
import { Schedules1764300000310 } from './migrations/1764300000310-schedules.js';
import { Adjustments1764300000320 } from './migrations/1764300000320-adjustments.js';
import { MilestoneNotices1764300000330 } from './migrations/1764300000330-milestone-notices.js';
import { ActorNames1764300000340 } from './migrations/1764300000340-actor-names.js';
import { AdjustmentEntity } from './plans/adjustment.entity.js';
import { ProjectEntity, ProjectStageHistoryEntity } from './projects/project.entity.js';
import { MilestoneEntity, ResponsibilityEntity, TaskEntity } from './schedule/schedule.entity.js';

/** project-library: supervision projects from reserve to closure (issue 3). */
export const PROJECT_LIBRARY: ServiceDefinition = {
  service: 'project-library',
  schema: 'project_library',
  entities: [ProjectEntity, ProjectStageHistoryEntity, ResponsibilityEntity, MilestoneEntity, TaskEntity, AdjustmentEntity],
  migrations: [MessagingTables1764300000000, AuditLogTable1764300000001, Projects1764300000300, Schedules1764300000310, Adjustments1764300000320, MilestoneNotices1764300000330, ActorNames1764300000340, ActorNonces1764300001000],
};
