import { ProjectIssueTimeline } from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { TimelineService } from './timeline.service.js';

/** A project's issue timeline over NATS. */
export const TimelineHandlers = requestHandlers(TimelineService, (on) => [
  on(ProjectIssueTimeline, async (timeline, { projectId }) => ({ items: await timeline.entries(projectId) })),
]);
