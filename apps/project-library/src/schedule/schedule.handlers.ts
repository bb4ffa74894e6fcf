import {
  MilestoneAdd,
  MilestoneComplete,
  MilestoneList,
  ProjectDetailGet,
  ResponsibilityAdd,
  ResponsibilityList,
  TaskAdd,
  TaskList,
  TaskProgress,
} from '@congress/contracts';
import { requestHandlers } from '@congress/service-kit';
import { ScheduleService } from './schedule.service.js';

/** A project's schedule over NATS: each request is one call on the service. */
export const ScheduleHandlers = requestHandlers(ScheduleService, (on) => [
  // The project with what its schedule derives: answered here, where both are known.
  on(ProjectDetailGet, (schedule, { id }, { actor }) => schedule.detail(actor, id)),
  on(ResponsibilityList, async (schedule, { projectId }) => ({ items: await schedule.responsibilities(projectId) })),
  on(ResponsibilityAdd, (schedule, { projectId, ...item }, { actor }) => schedule.addResponsibility(actor, projectId, item)),
  on(MilestoneList, async (schedule, { projectId }) => ({ items: await schedule.milestones(projectId) })),
  on(MilestoneAdd, async (schedule, { projectId, milestone }, { actor }) => ({ items: await schedule.addMilestones(actor, projectId, milestone) })),
  on(MilestoneComplete, (schedule, { projectId, milestoneId }, { actor }) => schedule.completeMilestone(actor, projectId, milestoneId)),
  on(TaskList, async (schedule, { projectId }) => ({ items: await schedule.tasks(projectId) })),
  on(TaskAdd, (schedule, { projectId, ...task }, { actor }) => schedule.addTask(actor, projectId, task)),
  on(TaskProgress, (schedule, { projectId, taskId, ...progress }, { actor }) => schedule.updateTask(actor, projectId, taskId, progress)),
]);
