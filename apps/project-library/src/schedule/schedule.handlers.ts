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
  type ParsedRequestOf,
} from '@congress/contracts';
import type { RequestContext } from '@congress/messaging';
import { HandleRequest } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ScheduleService } from './schedule.service.js';

@Injectable()
export class ScheduleHandlers {
  constructor(@Inject(ScheduleService) private readonly schedule: ScheduleService) {}

  /** The project with what its schedule derives: answered here, where both are known. */
  @HandleRequest(ProjectDetailGet)
  async detail(input: ParsedRequestOf<typeof ProjectDetailGet>, ctx: RequestContext) {
    return this.schedule.detail(ctx.actor, input.id);
  }

  @HandleRequest(ResponsibilityList)
  async responsibilities(input: ParsedRequestOf<typeof ResponsibilityList>) {
    return { items: await this.schedule.responsibilities(input.projectId) };
  }

  @HandleRequest(ResponsibilityAdd)
  async addResponsibility({ projectId, ...item }: ParsedRequestOf<typeof ResponsibilityAdd>, ctx: RequestContext) {
    return this.schedule.addResponsibility(ctx.actor, projectId, item);
  }

  @HandleRequest(MilestoneList)
  async milestones(input: ParsedRequestOf<typeof MilestoneList>) {
    return { items: await this.schedule.milestones(input.projectId) };
  }

  @HandleRequest(MilestoneAdd)
  async addMilestones(input: ParsedRequestOf<typeof MilestoneAdd>, ctx: RequestContext) {
    return { items: await this.schedule.addMilestones(ctx.actor, input.projectId, input.milestone) };
  }

  @HandleRequest(MilestoneComplete)
  async completeMilestone(input: ParsedRequestOf<typeof MilestoneComplete>, ctx: RequestContext) {
    return this.schedule.completeMilestone(ctx.actor, input.projectId, input.milestoneId);
  }

  @HandleRequest(TaskList)
  async tasks(input: ParsedRequestOf<typeof TaskList>) {
    return { items: await this.schedule.tasks(input.projectId) };
  }

  @HandleRequest(TaskAdd)
  async addTask({ projectId, ...task }: ParsedRequestOf<typeof TaskAdd>, ctx: RequestContext) {
    return this.schedule.addTask(ctx.actor, projectId, task);
  }

  @HandleRequest(TaskProgress)
  async updateTask({ projectId, taskId, ...progress }: ParsedRequestOf<typeof TaskProgress>, ctx: RequestContext) {
    return this.schedule.updateTask(ctx.actor, projectId, taskId, progress);
  }
}
