import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import { AttachmentsHandlers } from './attachments/attachments.handlers.js';
import { AttachmentsService } from './attachments/attachments.service.js';
import type { IssueTrackingEnv } from './config.js';
import { ISSUE_TRACKING } from './definition.js';
import { OpinionsHandlers } from './opinions/opinions.handlers.js';
import { OpinionsService } from './opinions/opinions.service.js';
import { ProjectTimelineService } from './opinions/project-timeline.service.js';
import { OverdueWatch } from './problems/overdue-watch.js';
import { ProblemStore } from './problems/problem.store.js';
import { ProblemsHandlers } from './problems/problems.handlers.js';
import { ProblemsService } from './problems/problems.service.js';

@Module({})
export class AppModule {
  static register(config: IssueTrackingEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: ISSUE_TRACKING, config, logger })],
      providers: [ProblemStore, OpinionsService, OpinionsHandlers, ProjectTimelineService, ProblemsService, ProblemsHandlers, AttachmentsService, AttachmentsHandlers, OverdueWatch],
    };
  }
}
