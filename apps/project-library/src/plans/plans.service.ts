import {
  ProblemError,
  ProjectAdjusted,
  ProjectStageChanged,
  type Actor,
  type Adjustment,
  type Approval,
  type Plan,
  type ProjectInput,
  type ProjectStage,
} from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProjectLibraryEnv } from '../config.js';
import { STAGE_NAMES, decideTransition } from '../projects/project.rules.js';
import { actorName, todayInShanghai } from '@congress/contracts';
import { healthOf, progressOf } from '../schedule/schedule.rules.js';
import { ScheduleService } from '../schedule/schedule.service.js';

type Changes = Partial<Pick<ProjectInput, 'title' | 'summary' | 'leadCommitteeId' | 'leaderPersonId' | 'ownerPersonId' | 'supervisedBodyIds'>>;
const CHANGE_COLUMNS: Record<keyof Changes, string> = {
  title: 'title',
  summary: 'summary',
  leadCommitteeId: 'lead_committee_id',
  leaderPersonId: 'leader_person_id',
  ownerPersonId: 'owner_person_id',
  supervisedBodyIds: 'supervised_body_ids',
};
const IN_PLAN: readonly ProjectStage[] = ['approved', 'implementing', 'evaluating', 'tracking', 'closed'];

interface AdjustmentRow {
  id: string;
  project_id: string;
  kind: Adjustment['kind'];
  reason: string;
  approver_name: string;
  approved_on: string;
  document_number: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  recorded_by: string;
  recorded_at: Date;
  project_title?: string;
}
const toAdjustment = (r: AdjustmentRow): Adjustment => ({
  id: r.id,
  projectId: r.project_id,
  kind: r.kind,
  reason: r.reason,
  approverName: r.approver_name,
  approvedOn: r.approved_on,
  documentNumber: r.document_number,
  before: r.before,
  after: r.after,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
});
const ADJUSTMENT_COLUMNS = `a.id, a.project_id, a.kind, a.reason, a.approver_name, to_char(a.approved_on, 'YYYY-MM-DD') AS approved_on, a.document_number, a.before, a.after, a.recorded_by, a.recorded_at`;

/** Dynamic adjustment of the year's plan, the plan itself and the battle map. */
@Injectable()
export class PlansService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ScheduleService) private readonly schedule: ScheduleService,
    @Inject(CONFIG) private readonly config: ProjectLibraryEnv,
  ) {}

  async adjust(
    actor: Actor,
    projectId: string,
    input: { kind: Adjustment['kind']; reason: string; approverName: string; approvedOn: string; documentNumber: string | null; changes?: Changes },
  ): Promise<Adjustment> {
    return this.db.transaction(async (m) => {
      const [p] = await m.query(`SELECT id, unit_code, year, stage, title, summary, approval, lead_committee_id, leader_person_id, owner_person_id, supervised_body_ids FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
      if (!p) throw ProblemError.notFound(`项目 ${projectId} 不存在`);
      if (actor.unitCode !== p.unit_code) throw ProblemError.forbidden('只能调整本单位的项目');
      const stage = p.stage as ProjectStage;
      let sets: Record<string, unknown>;
      let before: Record<string, unknown>;
      let after: Record<string, unknown>;
      switch (input.kind) {
        case 'add': {
          if (stage !== 'reserve' && stage !== 'planning') throw ProblemError.conflict(`只有储备或谋划阶段的项目可以增补进年度计划（当前：${stage}）`);
          if (!input.documentNumber) throw ProblemError.validation([{ field: 'body.documentNumber', rule: 'required', message: '增补项目需要批准文号' }]);
          const approval: Approval = { decidingBody: 'chairs-council', decisionDate: input.approvedOn, documentNumber: input.documentNumber };
          sets = { stage: 'approved', approval: JSON.stringify(approval) };
          before = { stage };
          after = { stage: 'approved', approval };
          break;
        }
        case 'withdraw': {
          if (!IN_PLAN.includes(stage) || stage === 'closed') throw ProblemError.conflict('只有在年度计划中且未办结的项目可以撤销');
          const decision = decideTransition({ from: stage, to: 'withdrawn', roles: actor.roles, reason: input.reason }, { hasResponsibilityLetter: false, hasRoadmap: false, openProblems: undefined, lastEvaluationPassed: undefined });
          if (!decision.allowed) throw ProblemError.of(decision.status === 403 ? 'forbidden' : 'conflict', decision.reason);
          sets = { stage: 'withdrawn' };
          before = { stage };
          after = { stage: 'withdrawn' };
          break;
        }
        case 'postpone': {
          if (stage !== 'approved' && stage !== 'implementing') throw ProblemError.conflict('只有立项或实施阶段的项目可以延至下一年度');
          sets = { year: p.year + 1, stage: 'planning', approval: null };
          before = { year: p.year, stage, approval: p.approval };
          after = { year: p.year + 1, stage: 'planning' };
          break;
        }
        case 'change': {
          const changes = input.changes ?? {};
          const keys = (Object.keys(changes) as (keyof Changes)[]).filter((k) => changes[k] !== undefined);
          if (keys.length === 0) throw ProblemError.validation([{ field: 'body.changes', rule: 'required', message: '变更需要说明改什么（标题、摘要、牵头委员会、牵头领导、负责人或监督对象）' }]);
          sets = Object.fromEntries(keys.map((k) => [CHANGE_COLUMNS[k], changes[k]]));
          before = Object.fromEntries(keys.map((k) => [k, p[CHANGE_COLUMNS[k]]]));
          after = Object.fromEntries(keys.map((k) => [k, changes[k]]));
          break;
        }
      }
      const cols = Object.keys(sets);
      await m.query(`UPDATE projects SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, [projectId, ...cols.map((c) => sets[c])]);
      const [row]: AdjustmentRow[] = await m.query(
        `INSERT INTO adjustments AS a (id, project_id, unit_code, kind, plan_year, reason, approver_name, approved_on, document_number, before, after, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${ADJUSTMENT_COLUMNS}`,
        [newId(), projectId, p.unit_code, input.kind, p.year, input.reason, input.approverName, input.approvedOn, input.documentNumber, JSON.stringify(before), JSON.stringify(after), actorName(actor)],
      );
      const adjustment = toAdjustment(row);
      await recordAudit(m, { actor, unitCode: p.unit_code, action: `project.adjust.${input.kind}`, entityType: 'project', entityId: projectId, before, after });
      await this.outbox.add(m, ProjectAdjusted, { projectId, unitCode: p.unit_code, kind: input.kind, reason: input.reason, approverName: input.approverName, approvedOn: input.approvedOn }, { unitCode: p.unit_code });
      if (typeof after.stage === 'string' && after.stage !== stage) {
        await this.outbox.add(m, ProjectStageChanged, { projectId, unitCode: p.unit_code, from: stage, to: after.stage as ProjectStage, reason: input.reason, by: actor.username ?? actor.subject }, { unitCode: p.unit_code });
        await m.query(`INSERT INTO project_stage_history (id, project_id, from_stage, to_stage, reason, actor_subject, actor_username, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
          newId(),
          projectId,
          stage,
          after.stage,
          `动态调整：${input.reason}`,
          actor.subject,
          actor.username ?? null,
          actorName(actor),
        ]);
      }
      return adjustment;
    });
  }

  async adjustments(projectId: string): Promise<Adjustment[]> {
    const rows: AdjustmentRow[] = await this.db.query(`SELECT ${ADJUSTMENT_COLUMNS} FROM adjustments a WHERE a.project_id = $1 ORDER BY a.recorded_at, a.id`, [projectId]);
    return rows.map(toAdjustment);
  }

  /** The plan as approved, with what changed: added, changed, withdrawn, postponed. */
  async plan(unitCode: string, year: number): Promise<Plan> {
    const adjustments: AdjustmentRow[] = await this.db.query(
      `SELECT ${ADJUSTMENT_COLUMNS}, p.title AS project_title FROM adjustments a JOIN projects p ON p.id = a.project_id WHERE a.unit_code = $1 AND a.plan_year = $2 ORDER BY a.recorded_at, a.id`,
      [unitCode, year],
    );
    const postponed = adjustments.filter((a) => a.kind === 'postpone').map((a) => a.project_id);
    const rows = await this.db.query(
      `SELECT id, title, category, stage, approval, summary, lead_committee_id, leader_person_id, owner_person_id, planned_session
       FROM projects
       WHERE unit_code = $1 AND ((year = $2 AND (stage = ANY($3) OR (stage = 'withdrawn' AND approval IS NOT NULL))) OR id = ANY($4))
       ORDER BY (approval->>'decisionDate') NULLS LAST, id`,
      [unitCode, year, IN_PLAN, postponed],
    );
    const kindsOf = (id: string) => new Set(adjustments.filter((a) => a.project_id === id).map((a) => a.kind));
    const entries = rows.map((r: Record<string, unknown>) => {
      const kinds = kindsOf(r.id as string);
      const planStatus = kinds.has('postpone') ? 'postponed' : r.stage === 'withdrawn' ? 'withdrawn' : kinds.has('add') ? 'added' : kinds.has('change') ? 'changed' : 'planned';
      return {
        id: r.id,
        title: r.title,
        category: r.category,
        stage: r.stage,
        approval: r.approval,
        summary: r.summary,
        leadCommitteeId: r.lead_committee_id,
        leaderPersonId: r.leader_person_id,
        ownerPersonId: r.owner_person_id,
        plannedSession: r.planned_session,
        planStatus,
      };
    });
    return { unitCode, year, entries: entries as Plan['entries'], adjustments: adjustments.map((a) => ({ ...toAdjustment(a), projectTitle: a.project_title! })) };
  }

  /**
   * What happened to a project, oldest first: entry, stage moves, adjustments, milestones done.
   * (Research findings, opinions, problems, evaluations and publications join as their services
   * publish events: issues 4 to 6.)
   */
  async timeline(projectId: string) {
    const rows: { at: Date; kind: 'created' | 'stage' | 'adjustment' | 'milestone-done'; a: string | null; b: string | null; c: string | null; actor: string | null }[] = await this.db.query(
      `SELECT created_at AS at, 'created' AS kind, title AS a, NULL AS b, NULL AS c, NULL AS actor FROM projects WHERE id = $1
       UNION ALL SELECT at, 'stage', from_stage, to_stage, coalesce(approval->>'documentNumber', reason), coalesce(actor_name, actor_username) FROM project_stage_history WHERE project_id = $1
       UNION ALL SELECT recorded_at, 'adjustment', kind, reason, approver_name, recorded_by FROM adjustments WHERE project_id = $1
       UNION ALL SELECT done_at, 'milestone-done', title, NULL, NULL, NULL FROM milestones WHERE project_id = $1 AND done_at IS NOT NULL
       ORDER BY 1, 2`,
      [projectId],
    );
    if (rows.length === 0) throw ProblemError.notFound(`项目 ${projectId} 不存在`);
    const KIND: Record<string, string> = { add: '增补', withdraw: '撤销', postpone: '延至下年', change: '变更' };
    return {
      items: rows.map((r) => ({
        at: r.at.toISOString(),
        kind: r.kind,
        actor: r.actor,
        summary:
          r.kind === 'created'
            ? `录入项目库：${r.a}`
            : r.kind === 'stage'
              ? `${STAGE_NAMES[r.a as ProjectStage]} → ${STAGE_NAMES[r.b as ProjectStage]}${r.c ? `（${r.c}）` : ''}`
              : r.kind === 'adjustment'
                ? `动态调整·${KIND[r.a!]}：${r.b}（批准：${r.c}）`
                : `完成节点：${r.a}`,
      })),
    };
  }

  /** Every project of the unit-year's plan with its milestones, tasks, progress and health: three queries. */
  async battleMap(unitCode: string, year: number) {
    const projects = await this.db.query(`SELECT id, title, category, stage FROM projects WHERE unit_code = $1 AND year = $2 AND stage = ANY($3) ORDER BY id`, [unitCode, year, IN_PLAN]);
    const ids = projects.map((p: { id: string }) => p.id);
    const [milestones, tasks] = await Promise.all([this.schedule.milestonesOf(ids), this.schedule.tasksOf(ids)]);
    const today = todayInShanghai();
    return {
      unitCode,
      year,
      today,
      projects: projects.map((p: { id: string; title: string; category: string; stage: string }) => {
        const ms = milestones.filter((x) => x.projectId === p.id);
        const ts = tasks.filter((x) => x.projectId === p.id);
        return { ...p, progress: progressOf(ts), health: healthOf(ms, today, this.config.PROJECT_AT_RISK_DAYS), milestones: ms, tasks: ts };
      }),
    };
  }
}
