import { actorName, todayInShanghai, type Actor, type Adjustment, type Plan, type TimelineEntry } from '@congress/contracts';
import { newId } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ProjectsService, type AdjustmentRequest } from '../projects/projects.module.js';
import { ScheduleService } from '../schedule/schedule.module.js';
import type { AdjustmentEntity } from './adjustment.entity.js';
import { inTimelineOrder, planStatusOf, timelineSummary } from './plan.rules.js';
import { PlansRepository } from './plans.repository.js';

const toAdjustment = (r: AdjustmentEntity): Adjustment => ({
  id: r.id,
  projectId: r.projectId,
  kind: r.kind,
  reason: r.reason,
  approverName: r.approverName,
  approvedOn: r.approvedOn,
  documentNumber: r.documentNumber,
  before: r.before,
  after: r.after,
  recordedBy: r.recordedBy,
  recordedAt: r.recordedAt.toISOString(),
});

/**
 * The year's plan with its dynamic adjustments, the project timeline and the battle map. The
 * projects and their schedules are read through their features' services; an adjustment is
 * decided and applied to its project by ProjectsService (the project table), and recorded here.
 */
@Injectable()
export class PlansService {
  constructor(
    @Inject(PlansRepository) private readonly repo: PlansRepository,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(ScheduleService) private readonly schedule: ScheduleService,
  ) {}

  async adjust(actor: Actor, projectId: string, input: AdjustmentRequest): Promise<Adjustment> {
    return this.repo.transaction(async (m) => {
      const applied = await this.projects.adjust(m, actor, projectId, input);
      const row = await this.repo.add(m, {
        id: newId(),
        projectId,
        unitCode: applied.project.unitCode,
        kind: input.kind,
        planYear: applied.planYear,
        reason: input.reason,
        approverName: input.approverName,
        approvedOn: input.approvedOn,
        documentNumber: input.documentNumber,
        before: applied.before,
        after: applied.after,
        recordedBy: actorName(actor),
      });
      return toAdjustment(row);
    });
  }

  async adjustments(projectId: string): Promise<Adjustment[]> {
    return (await this.repo.ofProject(projectId)).map(toAdjustment);
  }

  /** The plan as approved, with what changed: added, changed, withdrawn, postponed. */
  async plan(unitCode: string, year: number): Promise<Plan> {
    const adjustments = await this.repo.ofPlan(unitCode, year);
    const postponed = adjustments.filter((a) => a.kind === 'postpone').map((a) => a.projectId);
    const [projects, titles] = await Promise.all([this.projects.ofPlan(unitCode, year, postponed), this.projects.titlesOf([...new Set(adjustments.map((a) => a.projectId))])]);
    const kindsOf = (id: string) => new Set(adjustments.filter((a) => a.projectId === id).map((a) => a.kind));
    return {
      unitCode,
      year,
      entries: projects.map((p) => ({
        id: p.id,
        title: p.title,
        category: p.category,
        stage: p.stage,
        approval: p.approval,
        summary: p.summary,
        leadCommitteeId: p.leadCommitteeId,
        leaderPersonId: p.leaderPersonId,
        ownerPersonId: p.ownerPersonId,
        plannedSession: p.plannedSession,
        planStatus: planStatusOf(kindsOf(p.id), p.stage),
      })),
      adjustments: adjustments.map((a) => ({ ...toAdjustment(a), projectTitle: titles.get(a.projectId)! })),
    };
  }

  /**
   * What happened to a project, oldest first: entry, stage moves, adjustments, milestones done.
   * (Findings, opinions, problems and evaluations are issue-tracking's; the gateway joins them.)
   */
  async timeline(projectId: string): Promise<{ items: TimelineEntry[] }> {
    const { project, moves } = await this.projects.history(projectId);
    const [adjustments, milestones] = await Promise.all([this.repo.ofProject(projectId), this.schedule.milestones(projectId)]);
    const items: TimelineEntry[] = [
      { at: project.createdAt, kind: 'created', actor: null, summary: timelineSummary.created(project.title) },
      ...moves.map((s): TimelineEntry => ({
        at: s.at.toISOString(),
        kind: 'stage',
        actor: s.actorName ?? s.actorUsername,
        summary: timelineSummary.stage(s.fromStage, s.toStage, s.approval?.documentNumber ?? s.reason),
      })),
      ...adjustments.map((a): TimelineEntry => ({ at: a.recordedAt.toISOString(), kind: 'adjustment', actor: a.recordedBy, summary: timelineSummary.adjustment(a.kind, a.reason, a.approverName) })),
      ...milestones.filter((ms) => ms.doneAt).map((ms): TimelineEntry => ({ at: ms.doneAt!, kind: 'milestone-done', actor: null, summary: timelineSummary.milestoneDone(ms.title) })),
    ];
    return { items: inTimelineOrder(items) };
  }

  /** Every project of the unit-year's plan with its milestones, tasks, progress and health: three queries. */
  async battleMap(unitCode: string, year: number) {
    const projects = await this.projects.inPlan(unitCode, year);
    const schedules = await this.schedule.scheduleOf(projects.map((p) => p.id));
    return {
      unitCode,
      year,
      today: todayInShanghai(),
      projects: projects.map((p) => ({ id: p.id, title: p.title, category: p.category, stage: p.stage, ...schedules.get(p.id)! })),
    };
  }
}
