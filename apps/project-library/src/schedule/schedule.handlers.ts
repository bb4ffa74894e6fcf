import {
  MilestoneAdd,
  MilestoneComplete,
  MilestoneList,
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

  @HandleRequest(ResponsibilityList)
  async responsibilities(input: ParsedRequestOf<typeof ResponsibilityList>) {
    return { items: await this.schedule.responsibilities(input.projectId) };
  }

  @HandleRequest(ResponsibilityAdd)
  async addResponsibility(input: ParsedRequestOf<typeof ResponsibilityAdd>, ctx: RequestContext) {
    const { projectId, ...item } = input;
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
  async addTask(input: ParsedRequestOf<typeof TaskAdd>, ctx: RequestContext) {
    const { projectId, ...task } = input;
    return this.schedule.addTask(ctx.actor, projectId, task);
  }

  @HandleRequest(TaskProgress)
  async updateTask(input: ParsedRequestOf<typeof TaskProgress>, ctx: RequestContext) {
    const { projectId, taskId, ...progress } = input;
    return this.schedule.updateTask(ctx.actor, projectId, taskId, progress);
  }
}
