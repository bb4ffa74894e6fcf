import { Module } from '@nestjs/common';
import { ProjectsRepository } from './project.repository.js';
import { ProjectsHandlers } from './projects.handlers.js';
import { ProjectsService } from './projects.service.js';

export { ProjectsService } from './projects.service.js';
export type { AdjustmentRequest, AppliedAdjustment, ProjectRecord, StageMove } from './projects.service.js';

/** Supervision projects: entry, edit, stage moves; the door through which the other features reach a project. */
@Module({
  providers: [ProjectsRepository, ProjectsService, ProjectsHandlers],
  exports: [ProjectsService],
})
export class ProjectsModule {}
