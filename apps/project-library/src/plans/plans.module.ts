import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { ScheduleModule } from '../schedule/schedule.module.js';
import { PlansHandlers } from './plans.handlers.js';
import { PlansRepository } from './plans.repository.js';
import { PlansService } from './plans.service.js';

export { PlansService } from './plans.service.js';

/** The year's plan and its dynamic adjustments, the project timeline, the battle map. */
@Module({
  imports: [ProjectsModule, ScheduleModule],
  providers: [PlansRepository, PlansService, PlansHandlers],
  exports: [PlansService],
})
export class PlansModule {}
