import {
  ProblemError,
  ProjectApproved,
  ProjectCreated,
  ProjectProblemFacts,
  ProjectStageChanged,
  SYSTEM_ACTOR,
  decodeCursor,
  encodeCursor,
  type Actor,
  type Approval,
  type Page,
  type Project,
  type ProjectInput,
  type ProjectStage,
  actorName,
} from '@congress/contracts';
import { Outbox, RpcClient } from '@congress/messaging';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { likeEscape, newId, recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ScheduleService } from '../schedule/schedule.service.js';
import { decideTransition, nextStages, type TransitionFacts } from './project.rules.js';

interface ProjectRow {
  id: string;
  unit_code: string;
  year: number;
  title: string;
  category: Project['category'];
  sources: Project['sources'];
  supervised_body_ids: string[];
  lead_committee_id: string | null;
  leader_person_id: string | null;
  lead_speaker_ids: string[];
  owner_person_id: string | null;
  planned_session: string | null;
  summary: string;
  tags: string[];
  stage: ProjectStage;
  approval: Approval | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  unitCode: r.unit_code,
  year: r.year,
  title: r.title,
  category: r.category,
  sources: r.sources,
  supervisedBodyIds: r.supervised_body_ids,
  leadCommitteeId: r.lead_committee_id,
  leaderPersonId: r.leader_person_id,
  leadSpeakerIds: r.lead_speaker_ids,
  ownerPersonId: r.owner_person_id,
  plannedSession: r.planned_session,
  summary: r.summary,
  tags: r.tags,
  stage: r.stage,
  approval: r.approval,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Column of each editable field. */
const COLUMNS: Record<keyof ProjectInput, string> = {
  title: 'title',
  year: 'year',
  category: 'category',
  sources: 'sources',
  supervisedBodyIds: 'supervised_body_ids',
  leadCommitteeId: 'lead_committee_id',
  leaderPersonId: 'leader_person_id',
  leadSpeakerIds: 'lead_speaker_ids',
  ownerPersonId: 'owner_person_id',
  plannedSession: 'planned_session',
  summary: 'summary',
  tags: 'tags',
};

const SORTS = {
  newest: { key: 'id', dir: 'DESC', value: (r: ProjectRow) => r.id },
  oldest: { key: 'id', dir: 'ASC', value: (r: ProjectRow) => r.id },
  year: { key: 'year', dir: 'DESC', value: (r: ProjectRow) => r.year },
  title: { key: 'title', dir: 'ASC', value: (r: ProjectRow) => r.title },
} as const;


@Injectable()
export class ProjectsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ScheduleService) private readonly schedule: ScheduleService,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async create(actor: Actor, unitCode: string, input: ProjectInput): Promise<Project> {
    if (actor.unitCode !== unitCode) throw ProblemError.forbidden('只能在本单位的项目库中录入项目');
    return this.db.transaction((m) => this.insert(m, actor, unitCode, input));
  }

  /** An Excel import: every project in one transaction, so a failure leaves nothing behind. */
  async importMany(actor: Actor, unitCode: string, inputs: ProjectInput[]): Promise<{ imported: number; ids: string[] }> {
    if (actor.unitCode !== unitCode) throw ProblemError.forbidden('只能在本单位的项目库中录入项目');
    return this.db.transaction(async (m) => {
      const ids: string[] = [];
      for (const input of inputs) ids.push((await this.insert(m, actor, unitCode, input)).id);
      return { imported: ids.length, ids };
    });
  }

  private async insert(m: EntityManager, actor: Actor, unitCode: string, input: ProjectInput): Promise<Project> {
    const id = newId();
    const cols = Object.values(COLUMNS);
    const values = (Object.keys(COLUMNS) as (keyof ProjectInput)[]).map((k) => input[k]);
    const [row]: ProjectRow[] = await m.query(
      `INSERT INTO projects (id, unit_code, stage, ${cols.join(', ')}) VALUES ($1, $2, 'reserve', ${cols.map((_, i) => `$${i + 3}`).join(', ')}) RETURNING *`,
      [id, unitCode, ...values],
    );
    const project = toProject(row);
    await recordAudit(m, { actor, unitCode, action: 'project.create', entityType: 'project', entityId: id, after: project });
    await this.outbox.add(m, ProjectCreated, { projectId: id, unitCode, year: project.year, title: project.title, category: project.category, stage: project.stage }, { unitCode });
    return project;
  }

  async get(id: string): Promise<Project> {
    const [row]: ProjectRow[] = await this.db.query(`SELECT * FROM projects WHERE id = $1`, [id]);
    if (!row) throw ProblemError.notFound(`项目 ${id} 不存在`);
    return toProject(row);
  }

  /** Newest first (ids are UUIDv7), keyset-paginated. */
  async list(query: {
    unitCodes: string[];
    year?: number;
    stage?: string;
    category?: string;
    source?: string;
    q?: string;
    committee?: string;
    leader?: string;
    body?: string;
    sort?: 'newest' | 'oldest' | 'year' | 'title';
    limit: number;
    cursor?: string;
  }): Promise<Page<Project>> {
    const where = ['unit_code = ANY($1)'];
    const params: unknown[] = [query.unitCodes];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (query.year !== undefined) add('year = ?', query.year);
    if (query.stage) add('stage = ?', query.stage);
    if (query.category) add('category = ?', query.category);
    if (query.source) add('? = ANY (sources)', query.source);
    if (query.q) add('(title ILIKE ? OR summary ILIKE ?)', `%${likeEscape(query.q)}%`);
    if (query.committee) add('lead_committee_id = ?', query.committee);
    if (query.leader) add('(leader_person_id = ? OR ? = ANY (lead_speaker_ids))', query.leader);
    if (query.body) add('? = ANY (supervised_body_ids)', query.body);
    // Keyset pagination on (sort key, id): the cursor holds both of the last item.
    const sort = SORTS[query.sort ?? 'newest'];
    const after = decodeCursor(query.cursor);
    if (query.cursor && (!after || after.length !== 2 || !/^[0-9a-f-]{36}$/.test(String(after[1])))) {
      throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(${sort.key}, id) ${sort.dir === 'DESC' ? '<' : '>'} ($${params.length - 1}, $${params.length})`);
    }
    params.push(query.limit + 1);
    const rows: ProjectRow[] = await this.db.query(
      `SELECT * FROM projects WHERE ${where.join(' AND ')} ORDER BY ${sort.key} ${sort.dir}, id ${sort.dir} LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, query.limit).map(toProject);
    const last = rows[query.limit - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([sort.value(last), last.id]) : null };
  }

  async update(actor: Actor, id: string, expectedVersion: number, changes: Partial<ProjectInput>): Promise<Project> {
    return this.db.transaction(async (m) => {
      const before = await this.lock(m, id);
      this.assertOwnUnit(actor, before);
      if (before.version !== expectedVersion) {
        throw ProblemError.conflict(`项目已被他人修改（当前版本 ${before.version}，你提交的是 ${expectedVersion}），请刷新后重试`);
      }
      const keys = (Object.keys(changes) as (keyof ProjectInput)[]).filter((k) => changes[k] !== undefined && k in COLUMNS);
      if (keys.length === 0) return before;
      const sets = keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`);
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[row]]: [ProjectRow[], number] = await m.query(
        `UPDATE projects SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, ...keys.map((k) => changes[k])],
      );
      const after = toProject(row);
      await recordAudit(m, { actor, unitCode: after.unitCode, action: 'project.update', entityType: 'project', entityId: id, before, after });
      return after;
    });
  }

  async transition(actor: Actor, id: string, input: { to: ProjectStage; approval?: Approval; reason?: string; expectedVersion?: number }): Promise<Project> {
    return this.db.transaction(async (m) => {
      const before = await this.lock(m, id);
      this.assertOwnUnit(actor, before);
      if (input.expectedVersion !== undefined && before.version !== input.expectedVersion) {
        throw ProblemError.conflict(`项目已被他人修改（当前版本 ${before.version}），请刷新后重试`);
      }
      const decision = decideTransition({ from: before.stage, to: input.to, roles: actor.roles, approval: input.approval, reason: input.reason }, await this.facts(m, id, input.to));
      if (!decision.allowed) {
        if (decision.status === 400) throw ProblemError.validation([{ field: decision.field ?? 'body', rule: decision.rule ?? 'invalid', message: decision.reason }], decision.reason);
        throw ProblemError.of(decision.status === 403 ? 'forbidden' : 'conflict', decision.reason);
      }
      const approval = input.to === 'approved' ? input.approval! : before.approval;
      const [[row]]: [ProjectRow[], number] = await m.query(
        `UPDATE projects SET stage = $2, approval = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, input.to, approval ? JSON.stringify(approval) : null],
      );
      const after = toProject(row);
      await m.query(
        `INSERT INTO project_stage_history (id, project_id, from_stage, to_stage, reason, approval, actor_subject, actor_username, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [newId(), id, before.stage, input.to, input.reason ?? null, input.to === 'approved' ? JSON.stringify(approval) : null, actor.subject, actor.username ?? null, actorName(actor)],
      );
      await recordAudit(m, { actor, unitCode: after.unitCode, action: `project.transition.${input.to}`, entityType: 'project', entityId: id, before, after });
      await this.outbox.add(
        m,
        ProjectStageChanged,
        { projectId: id, unitCode: after.unitCode, from: before.stage, to: input.to, reason: input.reason ?? null, by: actor.username ?? actor.subject },
        { unitCode: after.unitCode },
      );
      if (input.to === 'approved') {
        await this.outbox.add(m, ProjectApproved, { projectId: id, unitCode: after.unitCode, year: after.year, title: after.title, approval: approval! }, { unitCode: after.unitCode });
      }
      return after;
    });
  }

  /** A project with its progress, health and the stages open to it. */
  async detail(id: string) {
    const project = await this.get(id);
    const derived = await this.schedule.derived(id);
    return { ...project, ...derived, nextStages: nextStages(project.stage) };
  }

  /**
   * Facts from outside the project row. Open problems and the last evaluation come from
   * issue-tracking (which follows voting's evaluation.closed.v1); if it cannot answer, they are
   * unknown and the closing guard refuses with that reason rather than guess.
   */
  private async facts(m: EntityManager, id: string, to: ProjectStage): Promise<TransitionFacts> {
    const readiness = await this.schedule.readiness(id, m);
    if (to !== 'closed') return { ...readiness, openProblems: undefined, lastEvaluationPassed: undefined };
    try {
      const facts = await this.rpc.request(ProjectProblemFacts, { projectId: id }, { actor: SYSTEM_ACTOR, requestId: `close-${id}`, timeoutMs: 3000 });
      return { ...readiness, openProblems: facts.open, lastEvaluationPassed: facts.lastEvaluationPassed };
    } catch (error) {
      this.logger.warn({ err: error, projectId: id }, 'issue-tracking did not answer the closing guard');
      return { ...readiness, openProblems: undefined, lastEvaluationPassed: undefined };
    }
  }

  private async lock(m: EntityManager, id: string): Promise<Project> {
    const [row]: ProjectRow[] = await m.query(`SELECT * FROM projects WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw ProblemError.notFound(`项目 ${id} 不存在`);
    return toProject(row);
  }

  private assertOwnUnit(actor: Actor, project: Project): void {
    // The gateway checks this too; the service does not rely on it.
    if (actor.subject !== 'system' && actor.unitCode !== project.unitCode) throw ProblemError.forbidden('只能修改本单位的项目');
  }
}
