import type { ProjectCategory, ProjectInput, ProjectStage } from '@congress/contracts';
import { likeEscape } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { IN_PLAN_STAGES } from '../shared/stages.js';
import { ProjectEntity, ProjectStageHistoryEntity } from './project.entity.js';

export type NewProject = ProjectInput & Pick<ProjectEntity, 'id' | 'unitCode' | 'stage' | 'approval'>;
/** What a write may change on a project (version and updated_at follow by themselves). */
export type ProjectChanges = Partial<Pick<ProjectEntity, keyof ProjectInput | 'stage' | 'approval'>>;
export type NewStageMove = Omit<ProjectStageHistoryEntity, 'at'>;

export interface Readiness {
  hasResponsibilityLetter: boolean;
  hasRoadmap: boolean;
}

/** The sort keys of the list, each a column the keyset runs on with the id. */
export type ProjectSort = 'newest' | 'oldest' | 'year' | 'title';
const SORTS: Record<ProjectSort, { key: 'id' | 'year' | 'title'; dir: 'ASC' | 'DESC' }> = {
  newest: { key: 'id', dir: 'DESC' },
  oldest: { key: 'id', dir: 'ASC' },
  year: { key: 'year', dir: 'DESC' },
  title: { key: 'title', dir: 'ASC' },
};

export interface ProjectPageQuery {
  unitCodes: string[];
  year?: number;
  stage?: ProjectStage;
  category?: ProjectCategory;
  source?: string;
  q?: string;
  committee?: string;
  leader?: string;
  body?: string;
  sort: ProjectSort;
  limit: number;
  /** The sort key and id of the last item of the previous page. */
  after?: [string | number, string];
}

/** Every statement on `projects` and `project_stage_history`. */
@Injectable()
export class ProjectsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(m: EntityManager, project: NewProject): Promise<ProjectEntity> {
    const entity = m.create(ProjectEntity, project);
    // The insert returns the columns the database fills (times, version) into the entity.
    await m.insert(ProjectEntity, entity);
    return entity;
  }

  find(id: string): Promise<ProjectEntity | null> {
    return this.db.manager.findOneBy(ProjectEntity, { id });
  }

  /** The project row locked for the rest of the transaction: writes to a project and its parts serialise on it. */
  lock(m: EntityManager, id: string): Promise<ProjectEntity | null> {
    return m.findOne(ProjectEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Applies the changes, bumping `version` and `updated_at`, and reads the row back. */
  async update(m: EntityManager, id: string, changes: ProjectChanges): Promise<ProjectEntity> {
    await m.update(ProjectEntity, { id }, changes);
    return m.findOneByOrFail(ProjectEntity, { id });
  }

  /** One page in keyset order (sort key, id): the page after `after`, one more than asked so the caller knows whether more follow. */
  page(query: ProjectPageQuery): Promise<ProjectEntity[]> {
    const qb = this.db.manager.createQueryBuilder(ProjectEntity, 'p').where('p.unitCode = ANY(:unitCodes)', { unitCodes: query.unitCodes });
    if (query.year !== undefined) qb.andWhere('p.year = :year', { year: query.year });
    if (query.stage) qb.andWhere('p.stage = :stage', { stage: query.stage });
    if (query.category) qb.andWhere('p.category = :category', { category: query.category });
    if (query.source) qb.andWhere(':source = ANY(p.sources)', { source: query.source });
    if (query.q) qb.andWhere('(p.title ILIKE :q OR p.summary ILIKE :q)', { q: `%${likeEscape(query.q)}%` });
    if (query.committee) qb.andWhere('p.leadCommitteeId = :committee', { committee: query.committee });
    if (query.leader) qb.andWhere('(p.leaderPersonId = :leader OR :leader = ANY(p.leadSpeakerIds))', { leader: query.leader });
    if (query.body) qb.andWhere(':body = ANY(p.supervisedBodyIds)', { body: query.body });
    const { key, dir } = SORTS[query.sort];
    if (query.after) qb.andWhere(`(p.${key}, p.id) ${dir === 'DESC' ? '<' : '>'} (:afterKey, :afterId)`, { afterKey: query.after[0], afterId: query.after[1] });
    return qb.orderBy(`p.${key}`, dir).addOrderBy('p.id', dir).limit(query.limit + 1).getMany();
  }

  /** The sort key of a project, for the cursor of a page ending with it. */
  sortKeyOf(project: ProjectEntity, sort: ProjectSort): string | number {
    return project[SORTS[sort].key];
  }

  /**
   * Whether each project has a responsibility letter and a roadmap (the guard of 实施). A read of
   * the schedule's tables in the same schema: the projects feature cannot ask the schedule
   * feature, which depends on it.
   */
  async readiness(ids: string[], m: EntityManager = this.db.manager): Promise<Map<string, Readiness>> {
    const rows: { id: string; letter: boolean; roadmap: boolean }[] = await m.query(
      `SELECT p.id,
              EXISTS (SELECT 1 FROM responsibilities r WHERE r.project_id = p.id) AS letter,
              EXISTS (SELECT 1 FROM milestones ms WHERE ms.project_id = p.id) AS roadmap
       FROM unnest($1::uuid[]) AS p (id)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { hasResponsibilityLetter: r.letter, hasRoadmap: r.roadmap }]));
  }

  async addStageMove(m: EntityManager, move: NewStageMove): Promise<void> {
    await m.insert(ProjectStageHistoryEntity, move);
  }

  stageMoves(projectId: string): Promise<ProjectStageHistoryEntity[]> {
    return this.db.manager.find(ProjectStageHistoryEntity, { where: { projectId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /**
   * The projects of a unit's plan for a year: approved ones (on to closure), those withdrawn after
   * approval, and `alsoIds` (postponed out of it into a later year), in order of approval.
   */
  ofPlan(unitCode: string, year: number, alsoIds: string[]): Promise<ProjectEntity[]> {
    return this.db.manager
      .createQueryBuilder(ProjectEntity, 'p')
      .where('p.unitCode = :unitCode', { unitCode })
      .andWhere(`((p.year = :year AND (p.stage = ANY(:inPlan) OR (p.stage = 'withdrawn' AND p.approval IS NOT NULL))) OR p.id = ANY(:alsoIds))`, {
        year,
        inPlan: [...IN_PLAN_STAGES],
        alsoIds,
      })
      .orderBy(`p.approval->>'decisionDate'`, 'ASC', 'NULLS LAST')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  /** The projects of a unit-year's plan still in it (approved, on to closure), oldest first. */
  inPlan(unitCode: string, year: number): Promise<ProjectEntity[]> {
    return this.db.manager.find(ProjectEntity, { where: { unitCode, year, stage: In([...IN_PLAN_STAGES]) }, order: { id: 'ASC' } });
  }

  titlesOf(ids: string[]): Promise<Pick<ProjectEntity, 'id' | 'title'>[]> {
    return ids.length ? this.db.manager.find(ProjectEntity, { select: { id: true, title: true }, where: { id: In(ids) } }) : Promise.resolve([]);
  }
}
