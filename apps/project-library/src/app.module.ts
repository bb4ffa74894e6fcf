import { PlatformModule } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ProjectLibraryEnv } from './config.js';
import { PROJECT_LIBRARY } from './definition.js';
import { PlansModule } from './plans/plans.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { ScheduleModule } from './schedule/schedule.module.js';

@Module({})
export class AppModule {
  static register(config: ProjectLibraryEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forService({ definition: PROJECT_LIBRARY, config, logger }), ProjectsModule, ScheduleModule, PlansModule],
    };
  }
}
