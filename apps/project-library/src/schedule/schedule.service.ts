import {
  MilestoneDue,
  MilestoneOverdue,
  ProblemError,
  SYSTEM_ACTOR,
  addDays,
  refusalError,
  assertAllowed,
  targetOf,
  todayInShanghai,
  type Actor,
  type Health,
  type Milestone,
  type Responsibility,
  type Task,
} from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { ProjectLibraryEnv } from '../config.js';
import { ProjectsService } from '../projects/projects.module.js';
import type { MilestoneEntity, ResponsibilityEntity, TaskEntity } from './schedule.entity.js';
import { ScheduleRepository } from './schedule.repository.js';
import {
  MILESTONE_MACHINE,
  TASK_MACHINE,
  healthOf,
  milestoneStateOf,
  percentAfter,
  progressOf,
  roadmapSteps,
  taskDatesRefusal,
  type TaskProgressInput,
} from './schedule.rules.js';

const toResponsibility = (r: ResponsibilityEntity): Responsibility => ({ id: r.id, projectId: r.projectId, role: r.role, holderName: r.holderName, holderPersonId: r.holderPersonId, duty: r.duty });
const toMilestone = (r: MilestoneEntity): Milestone => ({ id: r.id, projectId: r.projectId, position: r.position, title: r.title, dueDate: r.dueDate, doneAt: r.doneAt?.toISOString() ?? null });
const toTask = (r: TaskEntity): Task => ({
  id: r.id,
  projectId: r.projectId,
  milestoneId: r.milestoneId,
  title: r.title,
  ownerName: r.ownerName,
  ownerPersonId: r.ownerPersonId,
  startDate: r.startDate,
  dueDate: r.dueDate,
  weight: Number(r.weight),
  status: r.status,
  percent: r.percent,
  version: r.version,
});

/** A project's schedule as the battle map draws it. */
export interface ProjectSchedule {
  milestones: Milestone[];
  tasks: Task[];
  progress: number;
  health: Health;
}

/**
 * Responsibility letters, roadmaps and schedules of projects, and what is derived from them. Every
 * write starts at the project (ProjectsService.authorize: its lock, unit, role and stage, by the
 * project table), then decides its own part by the task and milestone tables.
 */
@Injectable()
export class ScheduleService {
  constructor(
    @Inject(ScheduleRepository) private readonly repo: ScheduleRepository,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CONFIG) private readonly config: ProjectLibraryEnv,
  ) {}

  async responsibilities(projectId: string): Promise<Responsibility[]> {
    return (await this.repo.responsibilities(projectId)).map(toResponsibility);
  }

  async addResponsibility(actor: Actor, projectId: string, input: Omit<Responsibility, 'id' | 'projectId'>): Promise<Responsibility> {
    return this.repo.transaction(async (m) => {
      const { unitCode } = await this.projects.authorize(m, actor, projectId, 'responsibility.add');
      const item: Responsibility = { id: newId(), projectId, ...input };
      await this.repo.addResponsibility(m, { ...item, unitCode });
      await recordAudit(m, { actor, unitCode, action: 'project.responsibility.add', entityType: 'project', entityId: projectId, after: item });
      return item;
    });
  }

  async milestones(projectId: string): Promise<Milestone[]> {
    return (await this.repo.milestonesOf([projectId])).map(toMilestone);
  }

  async addMilestones(actor: Actor, projectId: string, input: { template: 'standard'; startDate: string } | { title: string; dueDate: string }): Promise<Milestone[]> {
    return this.repo.transaction(async (m) => {
      const { unitCode } = await this.projects.authorize(m, actor, projectId, 'milestone.add');
      const last = await this.repo.lastPosition(m, projectId);
      const steps = roadmapSteps(input);
      await this.repo.addMilestones(m, steps.map((step, i) => ({ id: newId(), projectId, unitCode, position: last + i + 1, ...step })));
      await recordAudit(m, { actor, unitCode, action: 'project.milestones.add', entityType: 'project', entityId: projectId, after: steps });
      return (await this.repo.milestonesOf([projectId], m)).map(toMilestone);
    });
  }

  async completeMilestone(actor: Actor, projectId: string, milestoneId: string): Promise<Milestone> {
    return this.repo.transaction(async (m) => {
      const { unitCode } = await this.projects.authorize(m, actor, projectId, 'milestone.complete');
      const before = await this.repo.lockMilestone(m, projectId, milestoneId);
      if (!before) throw ProblemError.notFound(`项目 ${projectId} 没有节点 ${milestoneId}`);
      const subject = { state: milestoneStateOf(before), unitCode: before.unitCode };
      assertAllowed(MILESTONE_MACHINE, 'complete', actor, subject);
      const done = targetOf(MILESTONE_MACHINE, 'complete', actor, subject) !== subject.state;
      const after = toMilestone(done ? await this.repo.markDone(m, milestoneId) : before);
      await recordAudit(m, { actor, unitCode, action: 'project.milestone.complete', entityType: 'milestone', entityId: milestoneId, after });
      return after;
    });
  }

  async tasks(projectId: string): Promise<Task[]> {
    return (await this.repo.tasksOf([projectId])).map(toTask);
  }

  async addTask(actor: Actor, projectId: string, input: Omit<Task, 'id' | 'projectId' | 'status' | 'percent' | 'version'>): Promise<Task> {
    const dates = taskDatesRefusal(input);
    if (dates) throw refusalError(dates);
    return this.repo.transaction(async (m) => {
      const { unitCode } = await this.projects.authorize(m, actor, projectId, 'task.add');
      if (input.milestoneId && !(await this.repo.milestoneExists(m, projectId, input.milestoneId))) {
        throw ProblemError.validation([{ field: 'body.milestoneId', rule: 'unknown_milestone', message: '本项目没有这个节点' }]);
      }
      const task = toTask(
        await this.repo.addTask(m, {
          id: newId(),
          projectId,
          unitCode,
          milestoneId: input.milestoneId,
          title: input.title,
          ownerName: input.ownerName,
          ownerPersonId: input.ownerPersonId,
          startDate: input.startDate,
          dueDate: input.dueDate,
          weight: String(input.weight),
        }),
      );
      await recordAudit(m, { actor, unitCode, action: 'project.task.add', entityType: 'task', entityId: task.id, after: input });
      return task;
    });
  }

  async updateTask(actor: Actor, projectId: string, taskId: string, input: TaskProgressInput & { version: number }): Promise<Task> {
    return this.repo.transaction(async (m) => {
      const { unitCode } = await this.projects.authorize(m, actor, projectId, 'task.progress');
      const row = await this.repo.lockTask(m, projectId, taskId);
      if (!row) throw ProblemError.notFound(`项目 ${projectId} 没有任务 ${taskId}`);
      const before = toTask(row);
      if (before.version !== input.version) throw ProblemError.conflict(`任务已被他人更新（当前版本 ${before.version}），请刷新后重试`);
      const subject = { state: before.status, unitCode: row.unitCode };
      assertAllowed(TASK_MACHINE, 'progress', actor, subject, input);
      const status = targetOf(TASK_MACHINE, 'progress', actor, subject, input);
      const after = toTask(await this.repo.updateTask(m, taskId, { status, percent: percentAfter(status, input, before.percent) }));
      await recordAudit(m, { actor, unitCode, action: 'project.task.progress', entityType: 'task', entityId: taskId, before, after });
      return after;
    });
  }

  /** The project's detail: the project (with what the caller may do, and its next stages) and what its schedule derives. */
  async detail(actor: Actor, id: string) {
    const project = await this.projects.detail(actor, id);
    const { progress, health } = (await this.scheduleOf([id])).get(id)!;
    return { ...project, progress, health };
  }

  /** Each project's milestones, tasks, progress and health (two queries for any number of projects). */
  async scheduleOf(projectIds: string[]): Promise<Map<string, ProjectSchedule>> {
    const [milestones, tasks] = await Promise.all([this.repo.milestonesOf(projectIds), this.repo.tasksOf(projectIds)]);
    const today = todayInShanghai();
    return new Map(
      projectIds.map((id) => {
        const ms = milestones.filter((x) => x.projectId === id).map(toMilestone);
        const ts = tasks.filter((x) => x.projectId === id).map(toTask);
        return [id, { milestones: ms, tasks: ts, progress: progressOf(ts), health: healthOf(ms, today, this.config.PROJECT_AT_RISK_DAYS) }];
      }),
    );
  }

  /**
   * Writes the reminders of `kind` due by `today`, once per milestone: claims the milestones (SKIP
   * LOCKED, so replicas share the work), writes each event and marks them, in one transaction.
   */
  async remind(kind: 'due' | 'overdue', today: string): Promise<number> {
    return this.repo.transaction(async (m) => {
      const claimed = await this.repo.claimReminders(m, kind, today, addDays(today, this.config.PROJECT_AT_RISK_DAYS));
      for (const r of claimed) {
        // The system's row of the milestone table (open milestones only; the claim read only those).
        assertAllowed(MILESTONE_MACHINE, kind === 'due' ? 'notifyDue' : 'notifyOverdue', SYSTEM_ACTOR, { state: 'open', unitCode: r.unitCode });
        const payload = { milestoneId: r.id, projectId: r.projectId, unitCode: r.unitCode, projectTitle: r.projectTitle, title: r.title, dueDate: r.dueDate };
        await this.outbox.add(m, kind === 'due' ? MilestoneDue : MilestoneOverdue, payload, { unitCode: r.unitCode });
      }
      await this.repo.markReminded(m, kind, claimed.map((r) => r.id));
      return claimed.length;
    });
  }
}
