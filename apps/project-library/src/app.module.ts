import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ProjectLibraryEnv } from './config.js';
import { PROJECT_LIBRARY } from './definition.js';
import { ProjectsHandlers } from './projects/projects.handlers.js';
import { ProjectsService } from './projects/projects.service.js';
import { PlansHandlers } from './plans/plans.handlers.js';
import { PlansService } from './plans/plans.service.js';
import { MilestoneWatch } from './schedule/milestone-watch.js';
import { ScheduleHandlers } from './schedule/schedule.handlers.js';
import { ScheduleService } from './schedule/schedule.service.js';

@Module({})
export class AppModule {
  static register(config: ProjectLibraryEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: PROJECT_LIBRARY, config, logger })],
      providers: [ProjectsService, ProjectsHandlers, ScheduleService, ScheduleHandlers, PlansService, PlansHandlers, MilestoneWatch],
    };
  }
}
