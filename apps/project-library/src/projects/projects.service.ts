import {
  ProblemError,
  ProjectAdjusted,
  ProjectApproved,
  ProjectCreated,
  ProjectProblemFacts,
  ProjectStageChanged,
  SYSTEM_ACTOR,
  actorName,
  decide,
  decodeCursor,
  encodeCursor,
  eventOf,
  refusalError,
  targetOf,
  type Actor,
  type Adjustment,
  type Approval,
  type Decision,
  type Page,
  type Project,
  type ProjectInput,
  type ProjectStage,
} from '@congress/contracts';
import { Outbox, RpcClient } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProjectEntity, ProjectStageHistoryEntity } from './project.entity.js';
import { ProjectsRepository, type ProjectChanges, type ProjectPageQuery, type ProjectSort } from './project.repository.js';
import {
  PROJECT_MACHINE,
  adjustmentAction,
  adjustmentOf,
  decideEntry,
  decideMove,
  decideProject,
  moveTo,
  needsClosingFacts,
  nextStages,
  projectActionsFor,
  type Changeable,
  type ProjectAction,
  type ProjectActionInput,
  type ProjectFacts,
  type ProjectSubject,
} from './project.rules.js';

/** A project as stored, before the caller's allowed actions are added. */
export type ProjectRecord = Omit<Project, 'allowedActions'>;
export type StageMove = Pick<ProjectStageHistoryEntity, 'at' | 'fromStage' | 'toStage' | 'reason' | 'approval' | 'actorName' | 'actorUsername'>;
export interface AdjustmentRequest {
  kind: Adjustment['kind'];
  reason: string;
  approverName: string;
  approvedOn: string;
  documentNumber: string | null;
  changes?: Partial<Pick<ProjectInput, Changeable>>;
}
/** What an adjustment did to the project, for the plan's history. */
export interface AppliedAdjustment {
  project: ProjectRecord;
  /** The year of the plan it changed (the project's year before a postponement). */
  planYear: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const EDITABLE: readonly (keyof ProjectInput)[] = ['title', 'year', 'category', 'sources', 'supervisedBodyIds', 'leadCommitteeId', 'leaderPersonId', 'leadSpeakerIds', 'ownerPersonId', 'plannedSession', 'summary', 'tags'];

/** Facts nobody asked issue-tracking for: closing is refused as unknown (lists, write results). */
const CLOSING_UNKNOWN = { openProblems: undefined, lastEvaluationPassed: undefined } as const;

const toRecord = (e: ProjectEntity): ProjectRecord => ({
  id: e.id,
  unitCode: e.unitCode,
  year: e.year,
  title: e.title,
  category: e.category,
  sources: e.sources,
  supervisedBodyIds: e.supervisedBodyIds,
  leadCommitteeId: e.leadCommitteeId,
  leaderPersonId: e.leaderPersonId,
  leadSpeakerIds: e.leadSpeakerIds,
  ownerPersonId: e.ownerPersonId,
  plannedSession: e.plannedSession,
  summary: e.summary,
  tags: e.tags,
  stage: e.stage,
  approval: e.approval,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const assertDecision = (decision: Decision) => {
  if (!decision.allowed) throw refusalError(decision);
};

/**
 * Supervision projects: entry, edit, stage moves and adjustments, each decided by the project
 * table (`project.rules.ts`); and, for the schedule and plans features, the one door to a
 * project (`authorize`, `adjust`, the plan's reads).
 */
@Injectable()
export class ProjectsService {
  constructor(
    @Inject(ProjectsRepository) private readonly repo: ProjectsRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async create(actor: Actor, unitCode: string, input: ProjectInput): Promise<Project> {
    assertDecision(decideEntry(actor, unitCode));
    const project = await this.repo.transaction((m) => this.insert(m, actor, unitCode, input));
    // A new project has no responsibility letter or roadmap yet.
    return this.view(actor, project, { hasResponsibilityLetter: false, hasRoadmap: false, ...CLOSING_UNKNOWN });
  }

  /** An Excel import: every project in one transaction, so a failure leaves nothing behind. */
  async importMany(actor: Actor, unitCode: string, inputs: ProjectInput[]): Promise<{ imported: number; ids: string[] }> {
    assertDecision(decideEntry(actor, unitCode));
    return this.repo.transaction(async (m) => {
      const ids: string[] = [];
      for (const input of inputs) ids.push((await this.insert(m, actor, unitCode, input)).id);
      return { imported: ids.length, ids };
    });
  }

  private async insert(m: EntityManager, actor: Actor, unitCode: string, input: ProjectInput): Promise<ProjectRecord> {
    const values = Object.fromEntries(EDITABLE.map((k) => [k, input[k]])) as ProjectInput;
    const project = toRecord(await this.repo.insert(m, { ...values, id: newId(), unitCode, stage: 'reserve', approval: null }));
    await recordAudit(m, { actor, unitCode, action: 'project.create', entityType: 'project', entityId: project.id, after: project });
    await this.outbox.add(m, ProjectCreated, { projectId: project.id, unitCode, year: project.year, title: project.title, category: project.category, stage: project.stage }, { unitCode });
    return project;
  }

  /** One project with what the caller may do with it; closing facts are asked of issue-tracking when closing is open. */
  async get(actor: Actor, id: string): Promise<Project> {
    const { project, facts } = await this.withFacts(actor, id);
    return this.view(actor, project, facts);
  }

  /** A project with the stages open to it and whether it is ready to start (the schedule feature adds progress and health). */
  async detail(actor: Actor, id: string) {
    const { project, facts } = await this.withFacts(actor, id);
    return { ...this.view(actor, project, facts), nextStages: nextStages(project.stage), hasResponsibilityLetter: facts.hasResponsibilityLetter, hasRoadmap: facts.hasRoadmap };
  }

  /**
   * Issue-tracking is asked for the closing facts only when this caller could close the project
   * but for the guard (a decider of its unit, in 跟踪): a reader's get costs no second trip.
   */
  private async withFacts(actor: Actor, id: string): Promise<{ project: ProjectRecord; facts: ProjectFacts }> {
    const found = await this.repo.find(id);
    if (!found) throw ProblemError.notFound(`项目 ${id} 不存在`);
    const project = toRecord(found);
    const readiness = { hasResponsibilityLetter: false, hasRoadmap: false, ...CLOSING_UNKNOWN };
    const closing = needsClosingFacts(project.stage) && decide(PROJECT_MACHINE, 'close', actor, this.subjectOf(project, readiness), undefined, { guards: false }).allowed;
    return { project, facts: await this.factsOf(project, { closing }) };
  }

  /**
   * Newest first (ids are UUIDv7), keyset-paginated. Each item's allowed actions are computed
   * without asking issue-tracking (one request per item would make a list as slow as its slowest
   * answer): closing shows as refused, 暂时无法确认…, until the project itself is opened.
   */
  async list(actor: Actor, query: Omit<ProjectPageQuery, 'after' | 'sort'> & { sort?: ProjectSort; cursor?: string }): Promise<Page<Project>> {
    const sort = query.sort ?? 'newest';
    const after = decodeCursor(query.cursor);
    if (query.cursor && (!after || after.length !== 2 || !/^[0-9a-f-]{36}$/.test(String(after[1])))) {
      throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
    }
    const rows = await this.repo.page({ ...query, sort, after: after ? [after[0] as string | number, String(after[1])] : undefined });
    const page = rows.slice(0, query.limit);
    const readiness = await this.repo.readiness(page.map((p) => p.id));
    const items = page.map((p) => this.view(actor, toRecord(p), { ...readiness.get(p.id)!, ...CLOSING_UNKNOWN }));
    const last = rows[query.limit - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([this.repo.sortKeyOf(last, sort), last.id]) : null };
  }

  async update(actor: Actor, id: string, expectedVersion: number, changes: Partial<ProjectInput>): Promise<Project> {
    return this.repo.transaction(async (m) => {
      const { project: before, facts } = await this.lockFor(m, 'update', actor, id);
      if (before.version !== expectedVersion) {
        throw ProblemError.conflict(`项目已被他人修改（当前版本 ${before.version}，你提交的是 ${expectedVersion}），请刷新后重试`);
      }
      const set = Object.fromEntries(EDITABLE.filter((k) => changes[k] !== undefined).map((k) => [k, changes[k]])) as ProjectChanges;
      if (Object.keys(set).length === 0) return this.view(actor, before, facts);
      const after = toRecord(await this.repo.update(m, id, set));
      await recordAudit(m, { actor, unitCode: after.unitCode, action: 'project.update', entityType: 'project', entityId: id, before, after });
      return this.view(actor, after, facts);
    });
  }

  /** `transition {to}`: the stage move that reaches `to` from the current stage, decided by its row. */
  async transition(actor: Actor, id: string, input: { to: ProjectStage; approval?: Approval; reason?: string; expectedVersion?: number }): Promise<Project> {
    return this.repo.transaction(async (m) => {
      const before = await this.lock(m, id);
      const move = moveTo(before.stage, input.to);
      const facts = await this.factsOf(before, { closing: !!move && needsClosingFacts(before.stage, move) }, m);
      const subject = this.subjectOf(before, facts);
      const guarded: ProjectActionInput = { approval: input.approval, reason: input.reason };
      const decision = decideMove(actor, subject, input.to, guarded);
      assertDecision(decision);
      if (input.expectedVersion !== undefined && before.version !== input.expectedVersion) {
        throw ProblemError.conflict(`项目已被他人修改（当前版本 ${before.version}），请刷新后重试`);
      }
      const action = decision.action!;
      const stage = targetOf(PROJECT_MACHINE, action, actor, subject, guarded);
      const approves = eventOf(PROJECT_MACHINE, action, before.stage) === ProjectApproved.name;
      const after = toRecord(await this.repo.update(m, id, approves ? { stage, approval: input.approval! } : { stage }));
      await this.repo.addStageMove(m, {
        id: newId(),
        projectId: id,
        fromStage: before.stage,
        toStage: stage,
        reason: input.reason ?? null,
        approval: approves ? input.approval! : null,
        actorSubject: actor.subject,
        actorUsername: actor.username ?? null,
        actorName: actorName(actor),
      });
      await recordAudit(m, { actor, unitCode: after.unitCode, action: `project.transition.${stage}`, entityType: 'project', entityId: id, before, after });
      await this.outbox.add(m, ProjectStageChanged, { projectId: id, unitCode: after.unitCode, from: before.stage, to: stage, reason: input.reason ?? null, by: actor.username ?? actor.subject }, { unitCode: after.unitCode });
      if (approves) await this.outbox.add(m, ProjectApproved, { projectId: id, unitCode: after.unitCode, year: after.year, title: after.title, approval: input.approval! }, { unitCode: after.unitCode });
      return this.view(actor, after, { ...facts, ...CLOSING_UNKNOWN });
    });
  }

  /**
   * For a write of another feature to a project's parts (responsibility letter, roadmap,
   * schedule): locks the project in the caller's transaction and decides the action by the
   * project table (unit, role, stage). Returns the project, or throws the refusal.
   */
  async authorize(m: EntityManager, actor: Actor, id: string, action: ProjectAction): Promise<ProjectRecord> {
    return (await this.lockFor(m, action, actor, id)).project;
  }

  /**
   * A dynamic adjustment's effect on the project, in the plans feature's transaction: decided by
   * the project table, applied, audited, with `project.adjusted.v1` (and the stage move, when
   * there is one). The plans feature records the adjustment itself.
   */
  async adjust(m: EntityManager, actor: Actor, id: string, input: AdjustmentRequest): Promise<AppliedAdjustment> {
    const action = adjustmentAction(input.kind);
    const guarded: ProjectActionInput = { reason: input.reason, documentNumber: input.documentNumber, changes: input.changes };
    const { project, subject } = await this.lockFor(m, action, actor, id, guarded);
    const stage = targetOf(PROJECT_MACHINE, action, actor, subject, guarded);
    const change = adjustmentOf(input.kind, project, input, stage);
    const after = toRecord(await this.repo.update(m, id, change.set));
    const unitCode = project.unitCode;
    await recordAudit(m, { actor, unitCode, action: `project.adjust.${input.kind}`, entityType: 'project', entityId: id, before: change.before, after: change.after });
    await this.outbox.add(m, ProjectAdjusted, { projectId: id, unitCode, kind: input.kind, reason: input.reason, approverName: input.approverName, approvedOn: input.approvedOn }, { unitCode });
    if (stage !== project.stage) {
      await this.outbox.add(m, ProjectStageChanged, { projectId: id, unitCode, from: project.stage, to: stage, reason: input.reason, by: actor.username ?? actor.subject }, { unitCode });
      await this.repo.addStageMove(m, {
        id: newId(),
        projectId: id,
        fromStage: project.stage,
        toStage: stage,
        reason: `动态调整：${input.reason}`,
        approval: null,
        actorSubject: actor.subject,
        actorUsername: actor.username ?? null,
        actorName: actorName(actor),
      });
    }
    return { project: after, planYear: project.year, before: change.before, after: change.after };
  }

  /** A project as entered and every stage move since, oldest first (the timeline's part of it). */
  async history(id: string): Promise<{ project: ProjectRecord; moves: StageMove[] }> {
    const found = await this.repo.find(id);
    if (!found) throw ProblemError.notFound(`项目 ${id} 不存在`);
    return { project: toRecord(found), moves: await this.repo.stageMoves(id) };
  }

  /** The projects of a unit's plan for a year, with those postponed out of it (`alsoIds`), in order of approval. */
  async ofPlan(unitCode: string, year: number, alsoIds: string[]): Promise<ProjectRecord[]> {
    return (await this.repo.ofPlan(unitCode, year, alsoIds)).map(toRecord);
  }

  /** The projects still in a unit-year's plan (the battle map's rows). */
  async inPlan(unitCode: string, year: number): Promise<ProjectRecord[]> {
    return (await this.repo.inPlan(unitCode, year)).map(toRecord);
  }

  async titlesOf(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.repo.titlesOf(ids)).map((p) => [p.id, p.title]));
  }

  private async lock(m: EntityManager, id: string): Promise<ProjectRecord> {
    const row = await this.repo.lock(m, id);
    if (!row) throw ProblemError.notFound(`项目 ${id} 不存在`);
    return toRecord(row);
  }

  /** Load (locked) and decide: the start of every write to a project. */
  private async lockFor(m: EntityManager, action: ProjectAction, actor: Actor, id: string, input?: ProjectActionInput) {
    const project = await this.lock(m, id);
    const facts = await this.factsOf(project, { closing: false }, m);
    const subject = this.subjectOf(project, facts);
    assertDecision(decideProject(action, actor, subject, input));
    return { project, facts, subject };
  }

  private subjectOf(project: ProjectRecord, facts: ProjectFacts): ProjectSubject {
    return { state: project.stage, unitCode: project.unitCode, ...facts };
  }

  private view(actor: Actor, project: ProjectRecord, facts: ProjectFacts): Project {
    return { ...project, allowedActions: projectActionsFor(actor, this.subjectOf(project, facts)) };
  }

  /**
   * Facts from beyond the project row: readiness from the schedule's tables; open problems and
   * the last evaluation from issue-tracking (which follows voting's evaluation.closed.v1), asked
   * only when closing is in question. If it cannot answer they stay unknown, and the closing guard
   * refuses with that reason rather than guess.
   */
  private async factsOf(project: ProjectRecord, options: { closing: boolean }, m?: EntityManager): Promise<ProjectFacts> {
    const readiness = (await this.repo.readiness([project.id], m)).get(project.id)!;
    if (!options.closing) return { ...readiness, ...CLOSING_UNKNOWN };
    try {
      const facts = await this.rpc.request(ProjectProblemFacts, { projectId: project.id }, { actor: SYSTEM_ACTOR, requestId: `close-${project.id}`, timeoutMs: 3000 });
      return { ...readiness, openProblems: facts.open, lastEvaluationPassed: facts.lastEvaluationPassed };
    } catch (error) {
      this.logger.warn({ err: error, projectId: project.id }, 'issue-tracking did not answer the closing guard');
      return { ...readiness, ...CLOSING_UNKNOWN };
    }
  }
}
