import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { MilestoneWatch } from './milestone-watch.js';
import { ScheduleHandlers } from './schedule.handlers.js';
import { ScheduleRepository } from './schedule.repository.js';
import { ScheduleService } from './schedule.service.js';

export { ScheduleService } from './schedule.service.js';
export type { ProjectSchedule } from './schedule.service.js';

/** Responsibility letters, roadmaps and schedules, their reminders, and the project detail they complete. */
@Module({
  imports: [ProjectsModule],
  providers: [ScheduleRepository, ScheduleService, ScheduleHandlers, MilestoneWatch],
  exports: [ScheduleService],
})
export class ScheduleModule {}
