import { Module } from '@nestjs/common';
import { TimelineHandlers } from './timeline.handlers.js';
import { TimelineRepository } from './timeline.repository.js';
import { TimelineService } from './timeline.service.js';

export { TimelineService } from './timeline.service.js';

/** The project's timeline entries kept by issue-tracking (a read model over the other features' tables). */
@Module({ providers: [TimelineRepository, TimelineService, TimelineHandlers], exports: [TimelineService] })
export class TimelineModule {}
