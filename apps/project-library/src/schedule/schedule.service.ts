import { ProblemError, type Actor, type Milestone, type Responsibility, type Task } from '@congress/contracts';
import { newId, recordAudit } from '@congress/persistence';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProjectLibraryEnv } from '../config.js';
import { addDays, todayInShanghai } from '@congress/contracts';
import { STANDARD_ROADMAP, healthOf, progressOf } from './schedule.rules.js';

interface MilestoneRow {
  id: string;
  project_id: string;
  position: number;
  title: string;
  due_date: string;
  done_at: Date | null;
}
interface TaskRow {
  id: string;
  project_id: string;
  milestone_id: string | null;
  title: string;
  owner_name: string;
  owner_person_id: string | null;
  start_date: string;
  due_date: string;
  weight: string;
  status: Task['status'];
  percent: number;
  version: number;
}

const toMilestone = (r: MilestoneRow): Milestone => ({ id: r.id, projectId: r.project_id, position: r.position, title: r.title, dueDate: r.due_date, doneAt: r.done_at?.toISOString() ?? null });
const toTask = (r: TaskRow): Task => ({
  id: r.id,
  projectId: r.project_id,
  milestoneId: r.milestone_id,
  title: r.title,
  ownerName: r.owner_name,
  ownerPersonId: r.owner_person_id,
  startDate: r.start_date,
  dueDate: r.due_date,
  weight: Number(r.weight),
  status: r.status,
  percent: r.percent,
  version: r.version,
});

/** Responsibility letters, roadmaps and schedules of projects, and what is derived from them. */
@Injectable()
export class ScheduleService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: ProjectLibraryEnv,
  ) {}

  async responsibilities(projectId: string): Promise<Responsibility[]> {
    const rows = await this.db.query(
      `SELECT id, project_id AS "projectId", role, holder_name AS "holderName", holder_person_id AS "holderPersonId", duty FROM responsibilities WHERE project_id = $1 ORDER BY created_at, id`,
      [projectId],
    );
    return rows;
  }

  async addResponsibility(actor: Actor, projectId: string, input: Omit<Responsibility, 'id' | 'projectId'>): Promise<Responsibility> {
    return this.db.transaction(async (m) => {
      const unitCode = await this.editableProject(m, actor, projectId);
      const item: Responsibility = { id: newId(), projectId, ...input };
      await m.query(`INSERT INTO responsibilities (id, project_id, unit_code, role, holder_name, holder_person_id, duty) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        item.id,
        projectId,
        unitCode,
        item.role,
        item.holderName,
        item.holderPersonId,
        item.duty,
      ]);
      await recordAudit(m, { actor, unitCode, action: 'project.responsibility.add', entityType: 'project', entityId: projectId, after: item });
      return item;
    });
  }

  async milestones(projectId: string, m: EntityManager = this.db.manager): Promise<Milestone[]> {
    return this.milestonesOf([projectId], m);
  }

  async milestonesOf(projectIds: string[], m: EntityManager = this.db.manager): Promise<Milestone[]> {
    const rows: MilestoneRow[] = await m.query(
      `SELECT id, project_id, position, title, to_char(due_date, 'YYYY-MM-DD') AS due_date, done_at FROM milestones WHERE project_id = ANY($1) ORDER BY project_id, position`,
      [projectIds],
    );
    return rows.map(toMilestone);
  }

  async addMilestones(actor: Actor, projectId: string, input: { template: 'standard'; startDate: string } | { title: string; dueDate: string }): Promise<Milestone[]> {
    return this.db.transaction(async (m) => {
      const unitCode = await this.editableProject(m, actor, projectId);
      const [{ n }] = await m.query(`SELECT coalesce(max(position), 0)::int AS n FROM milestones WHERE project_id = $1`, [projectId]);
      const steps = 'template' in input ? STANDARD_ROADMAP.map((s) => ({ title: s.title, dueDate: addDays(input.startDate, s.offsetDays) })) : [input];
      for (const [i, step] of steps.entries()) {
        await m.query(`INSERT INTO milestones (id, project_id, unit_code, position, title, due_date) VALUES ($1, $2, $3, $4, $5, $6)`, [newId(), projectId, unitCode, n + i + 1, step.title, step.dueDate]);
      }
      await recordAudit(m, { actor, unitCode, action: 'project.milestones.add', entityType: 'project', entityId: projectId, after: steps });
      return this.milestones(projectId, m);
    });
  }

  async completeMilestone(actor: Actor, projectId: string, milestoneId: string): Promise<Milestone> {
    return this.db.transaction(async (m) => {
      const unitCode = await this.editableProject(m, actor, projectId);
      const [[row]]: [MilestoneRow[], number] = await m.query(
        `UPDATE milestones SET done_at = coalesce(done_at, now()) WHERE id = $1 AND project_id = $2 RETURNING id, project_id, position, title, to_char(due_date, 'YYYY-MM-DD') AS due_date, done_at`,
        [milestoneId, projectId],
      );
      if (!row) throw ProblemError.notFound(`项目 ${projectId} 没有节点 ${milestoneId}`);
      await recordAudit(m, { actor, unitCode, action: 'project.milestone.complete', entityType: 'milestone', entityId: milestoneId, after: toMilestone(row) });
      return toMilestone(row);
    });
  }

  async tasks(projectId: string, m: EntityManager = this.db.manager): Promise<Task[]> {
    return this.tasksOf([projectId], m);
  }

  async tasksOf(projectIds: string[], m: EntityManager = this.db.manager): Promise<Task[]> {
    const rows: TaskRow[] = await m.query(
      `SELECT id, project_id, milestone_id, title, owner_name, owner_person_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(due_date, 'YYYY-MM-DD') AS due_date, weight, status, percent, version
       FROM tasks WHERE project_id = ANY($1) ORDER BY project_id, start_date, id`,
      [projectIds],
    );
    return rows.map(toTask);
  }

  async addTask(actor: Actor, projectId: string, input: Omit<Task, 'id' | 'projectId' | 'status' | 'percent' | 'version'>): Promise<Task> {
    if (input.dueDate < input.startDate) throw ProblemError.validation([{ field: 'body.dueDate', rule: 'before_start', message: '截止日期不能早于开始日期' }]);
    return this.db.transaction(async (m) => {
      const unitCode = await this.editableProject(m, actor, projectId);
      if (input.milestoneId) {
        const [found] = await m.query(`SELECT 1 FROM milestones WHERE id = $1 AND project_id = $2`, [input.milestoneId, projectId]);
        if (!found) throw ProblemError.validation([{ field: 'body.milestoneId', rule: 'unknown_milestone', message: '本项目没有这个节点' }]);
      }
      const id = newId();
      await m.query(
        `INSERT INTO tasks (id, project_id, unit_code, milestone_id, title, owner_name, owner_person_id, start_date, due_date, weight) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, projectId, unitCode, input.milestoneId, input.title, input.ownerName, input.ownerPersonId, input.startDate, input.dueDate, input.weight],
      );
      await recordAudit(m, { actor, unitCode, action: 'project.task.add', entityType: 'task', entityId: id, after: input });
      return (await this.tasks(projectId, m)).find((t) => t.id === id)!;
    });
  }

  async updateTask(actor: Actor, projectId: string, taskId: string, input: { status?: Task['status']; percent?: number; version: number }): Promise<Task> {
    return this.db.transaction(async (m) => {
      const unitCode = await this.editableProject(m, actor, projectId);
      const before = (await this.tasks(projectId, m)).find((t) => t.id === taskId);
      if (!before) throw ProblemError.notFound(`项目 ${projectId} 没有任务 ${taskId}`);
      if (before.version !== input.version) throw ProblemError.conflict(`任务已被他人更新（当前版本 ${before.version}），请刷新后重试`);
      // A task marked done is 100 % done; 100 % done is done.
      const status = input.percent === 100 ? 'done' : (input.status ?? before.status);
      const percent = status === 'done' ? 100 : (input.percent ?? before.percent);
      await m.query(`UPDATE tasks SET status = $2, percent = $3, version = version + 1, updated_at = now() WHERE id = $1`, [taskId, status, percent]);
      const after = (await this.tasks(projectId, m)).find((t) => t.id === taskId)!;
      await recordAudit(m, { actor, unitCode, action: 'project.task.progress', entityType: 'task', entityId: taskId, before, after });
      return after;
    });
  }

  /** Whether the project has a responsibility letter and a roadmap (the guard of 实施). */
  async readiness(projectId: string, m: EntityManager = this.db.manager) {
    const [row] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM responsibilities WHERE project_id = $1) AS letter, EXISTS (SELECT 1 FROM milestones WHERE project_id = $1) AS roadmap`,
      [projectId],
    );
    return { hasResponsibilityLetter: row.letter as boolean, hasRoadmap: row.roadmap as boolean };
  }

  /** What the project's detail shows: progress, health and readiness. */
  async derived(projectId: string) {
    const [milestones, tasks, readiness] = await Promise.all([this.milestones(projectId), this.tasks(projectId), this.readiness(projectId)]);
    return {
      progress: progressOf(tasks),
      health: healthOf(milestones, todayInShanghai(), this.config.PROJECT_AT_RISK_DAYS),
      ...readiness,
    };
  }

  /** Locks the project row (so schedule changes and stage moves serialise) and checks the unit. */
  private async editableProject(m: EntityManager, actor: Actor, projectId: string): Promise<string> {
    const [row] = await m.query(`SELECT unit_code, stage FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
    if (!row) throw ProblemError.notFound(`项目 ${projectId} 不存在`);
    if (actor.subject !== 'system' && actor.unitCode !== row.unit_code) throw ProblemError.forbidden('只能修改本单位的项目');
    if (row.stage === 'closed' || row.stage === 'withdrawn') throw ProblemError.conflict('项目已办结或撤销，不能再修改');
    return row.unit_code;
  }
}
