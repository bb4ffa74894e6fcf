import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { LIVE_STAGES } from '../shared/stages.js';
import { MilestoneEntity, ResponsibilityEntity, TaskEntity } from './schedule.entity.js';

export type NewResponsibility = Omit<ResponsibilityEntity, 'createdAt'>;
export type NewMilestone = Pick<MilestoneEntity, 'id' | 'projectId' | 'unitCode' | 'position' | 'title' | 'dueDate'>;
export type NewTask = Pick<TaskEntity, 'id' | 'projectId' | 'unitCode' | 'milestoneId' | 'title' | 'ownerName' | 'ownerPersonId' | 'startDate' | 'dueDate' | 'weight'>;

/** A milestone claimed for its reminder, with its project's title. */
export interface ClaimedMilestone {
  id: string;
  projectId: string;
  unitCode: string;
  title: string;
  dueDate: string;
  projectTitle: string;
}

/** Every statement on `responsibilities`, `milestones` and `tasks`. */
@Injectable()
export class ScheduleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  responsibilities(projectId: string): Promise<ResponsibilityEntity[]> {
    return this.db.manager.find(ResponsibilityEntity, { where: { projectId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async addResponsibility(m: EntityManager, row: NewResponsibility): Promise<void> {
    await m.insert(ResponsibilityEntity, row);
  }

  milestonesOf(projectIds: string[], m: EntityManager = this.db.manager): Promise<MilestoneEntity[]> {
    return projectIds.length ? m.find(MilestoneEntity, { where: { projectId: In(projectIds) }, order: { projectId: 'ASC', position: 'ASC' } }) : Promise.resolve([]);
  }

  /** The position after which new milestones go (0 for an empty roadmap). */
  async lastPosition(m: EntityManager, projectId: string): Promise<number> {
    return (await m.maximum(MilestoneEntity, 'position', { projectId })) ?? 0;
  }

  async addMilestones(m: EntityManager, rows: NewMilestone[]): Promise<void> {
    if (rows.length) await m.insert(MilestoneEntity, rows);
  }

  lockMilestone(m: EntityManager, projectId: string, id: string): Promise<MilestoneEntity | null> {
    return m.findOne(MilestoneEntity, { where: { id, projectId }, lock: { mode: 'pessimistic_write' } });
  }

  async markDone(m: EntityManager, id: string): Promise<MilestoneEntity> {
    await m.update(MilestoneEntity, { id }, { doneAt: () => 'now()' });
    return m.findOneByOrFail(MilestoneEntity, { id });
  }

  milestoneExists(m: EntityManager, projectId: string, id: string): Promise<boolean> {
    return m.existsBy(MilestoneEntity, { id, projectId });
  }

  tasksOf(projectIds: string[], m: EntityManager = this.db.manager): Promise<TaskEntity[]> {
    return projectIds.length ? m.find(TaskEntity, { where: { projectId: In(projectIds) }, order: { projectId: 'ASC', startDate: 'ASC', id: 'ASC' } }) : Promise.resolve([]);
  }

  async addTask(m: EntityManager, row: NewTask): Promise<TaskEntity> {
    await m.insert(TaskEntity, row);
    return m.findOneByOrFail(TaskEntity, { id: row.id });
  }

  lockTask(m: EntityManager, projectId: string, id: string): Promise<TaskEntity | null> {
    return m.findOne(TaskEntity, { where: { id, projectId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Sets status and percent, bumping `version` and `updated_at`. */
  async updateTask(m: EntityManager, id: string, changes: Pick<TaskEntity, 'status' | 'percent'>): Promise<TaskEntity> {
    await m.update(TaskEntity, { id }, changes);
    return m.findOneByOrFail(TaskEntity, { id });
  }

  /**
   * Claims up to 500 open milestones of live projects whose reminder of `kind` is due and not yet
   * written: overdue ones (due before `today`), or those due between `today` and `horizon`. Rows
   * are locked with SKIP LOCKED, so replicas checking together never claim the same milestone;
   * the caller marks them in the same transaction. Joins the project for its title and stage (a
   * read of the projects feature's table, in the one statement that must hold the lock).
   */
  claimReminders(m: EntityManager, kind: 'due' | 'overdue', today: string, horizon: string): Promise<ClaimedMilestone[]> {
    const [condition, params] =
      kind === 'due'
        ? [`ms.due_date >= $2::date AND ms.due_date <= $3::date AND ms.due_notified_at IS NULL`, [today, horizon]]
        : [`ms.due_date < $2::date AND ms.overdue_notified_at IS NULL`, [today]];
    return m.query(
      `SELECT ms.id, ms.project_id AS "projectId", ms.unit_code AS "unitCode", ms.title, to_char(ms.due_date, 'YYYY-MM-DD') AS "dueDate", p.title AS "projectTitle"
       FROM milestones ms JOIN projects p ON p.id = ms.project_id
       WHERE ms.done_at IS NULL AND p.stage = ANY($1) AND ${condition}
       ORDER BY ms.due_date, ms.id LIMIT 500 FOR UPDATE OF ms SKIP LOCKED`,
      [[...LIVE_STAGES], ...params],
    );
  }

  async markReminded(m: EntityManager, kind: 'due' | 'overdue', ids: string[]): Promise<void> {
    if (ids.length) await m.update(MilestoneEntity, { id: In(ids) }, kind === 'due' ? { dueNotifiedAt: () => 'now()' } : { overdueNotifiedAt: () => 'now()' });
  }
}
