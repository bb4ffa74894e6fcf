import { ProjectIssueTimeline, type ParsedRequestOf } from '@congress/contracts';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { TimelineService } from './timeline.service.js';

@Injectable()
export class TimelineHandlers {
  constructor(@Inject(TimelineService) private readonly timeline: TimelineService) {}

  @HandleRequest(ProjectIssueTimeline)
  async projectTimeline(input: ParsedRequestOf<typeof ProjectIssueTimeline>) {
    return { items: await this.timeline.entries(input.projectId) };
  }
}
