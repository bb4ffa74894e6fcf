import {
  OpinionTransmitted,
  ProblemAssigned,
  ProblemError,
  type Actor,
  type Finding,
  type FindingInput,
  type Opinion,
  type ProblemInput,
  type ProblemItem, actorName } from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isLiaison, problemNumber } from '../problems/problem.rules.js';
import { PROBLEM_COLUMNS, ProblemStore, type ProblemRow } from '../problems/problem.store.js';

interface ProjectRef {
  projectId: string;
  unitCode: string;
  year: number;
}

interface OpinionRow {
  id: string;
  project_id: string;
  unit_code: string;
  year: number;
  session: string;
  deliberated_on: string;
  text: string;
  status: Opinion['status'];
  transmitted_at: Date | null;
  report_due_date: string | null;
  deferred_report_due: string | null;
  problem_count: number;
  version: number;
  created_at: Date;
}

const OPINION_COLUMNS = `o.id, o.project_id, o.unit_code, o.year, o.session, to_char(o.deliberated_on, 'YYYY-MM-DD') AS deliberated_on, o.text, o.status, o.transmitted_at,
  to_char(o.report_due_date, 'YYYY-MM-DD') AS report_due_date, to_char(o.deferred_report_due, 'YYYY-MM-DD') AS deferred_report_due, o.version, o.created_at,
  (SELECT count(*)::int FROM problems p WHERE p.opinion_id = o.id) AS problem_count`;

const toOpinion = (r: OpinionRow): Opinion => ({
  id: r.id,
  projectId: r.project_id,
  unitCode: r.unit_code,
  year: r.year,
  session: r.session,
  deliberatedOn: r.deliberated_on,
  text: r.text,
  status: r.status,
  transmittedAt: r.transmitted_at?.toISOString() ?? null,
  reportDueDate: r.report_due_date,
  deferredReportDue: r.deferred_report_due,
  problemCount: r.problem_count,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

interface FindingRow {
  id: string;
  project_id: string;
  unit_code: string;
  description: string;
  place: string;
  category: string;
  suggested_body_id: string | null;
  recorded_by: string;
  created_at: Date;
}
const toFinding = (r: FindingRow): Finding => ({
  id: r.id,
  projectId: r.project_id,
  unitCode: r.unit_code,
  description: r.description,
  place: r.place,
  category: r.category,
  suggestedBodyId: r.suggested_body_id,
  recordedBy: r.recorded_by,
  createdAt: r.created_at.toISOString(),
});

/**
 * Research findings, deliberation opinions and their problem lists up to transmission (交办).
 * From then on each problem lives on the ledger (ProblemsService).
 */
@Injectable()
export class OpinionsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ProblemStore) private readonly store: ProblemStore,
  ) {}

  // ---- findings ----------------------------------------------------------------------------

  async addFindings(actor: Actor, ref: ProjectRef, inputs: FindingInput[]): Promise<Finding[]> {
    assertOwnUnit(actor, ref.unitCode);
    return this.db.transaction(async (m) => {
      const findings: Finding[] = [];
      for (const f of inputs) {
        const [row]: FindingRow[] = await m.query(
          `INSERT INTO findings (id, project_id, unit_code, year, description, place, category, suggested_body_id, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [newId(), ref.projectId, ref.unitCode, ref.year, f.description, f.place, f.category, f.suggestedBodyId, actorName(actor)],
        );
        findings.push(toFinding(row));
      }
      await recordAudit(m, { actor, unitCode: ref.unitCode, action: 'finding.create', entityType: 'project', entityId: ref.projectId, after: { count: findings.length } });
      return findings;
    });
  }

  async findings(projectId: string): Promise<Finding[]> {
    const rows: FindingRow[] = await this.db.query(`SELECT * FROM findings WHERE project_id = $1 ORDER BY id`, [projectId]);
    return rows.map(toFinding);
  }

  // ---- opinions ----------------------------------------------------------------------------

  /** Records the opinion; findings named become its draft problem list, to edit before transmitting. */
  async createOpinion(actor: Actor, ref: ProjectRef, input: { session: string; deliberatedOn: string; text: string; findingIds: string[] }): Promise<Opinion> {
    assertOwnUnit(actor, ref.unitCode);
    return this.db.transaction(async (m) => {
      const id = newId();
      await m.query(
        `INSERT INTO opinions (id, project_id, unit_code, year, session, deliberated_on, text, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8)`,
        [id, ref.projectId, ref.unitCode, ref.year, input.session, input.deliberatedOn, input.text, actorName(actor)],
      );
      if (input.findingIds.length) {
        const findings: FindingRow[] = await m.query(`SELECT * FROM findings WHERE id = ANY($1) AND project_id = $2 ORDER BY id`, [input.findingIds, ref.projectId]);
        const found = new Set(findings.map((f) => f.id));
        const errors = input.findingIds.flatMap((fid, i) =>
          !found.has(fid)
            ? [{ field: `findingIds[${i}]`, rule: 'not_found', message: `调研发现 ${fid} 不属于本项目` }]
            : findings.find((f) => f.id === fid)!.suggested_body_id === null
              ? [{ field: `findingIds[${i}]`, rule: 'no_responsible_body', message: '这条调研发现没有建议责任单位：请先补充，或单独添加问题' }]
              : [],
        );
        if (errors.length) throw ProblemError.validation(errors, '部分调研发现不能转为问题');
        const problems = findings.map((f) => ({
          description: f.description,
          place: f.place,
          category: f.category,
          responsibleBodyId: f.suggested_body_id!,
          coBodyIds: [],
          responsiblePerson: '',
          deadline: null,
          measures: '',
          requiredEvidence: [],
          findingId: f.id,
        }));
        await this.insertProblems(m, actor, await this.lockOpinion(m, id), problems);
      }
      const opinion = await this.lockOpinion(m, id);
      await recordAudit(m, { actor, unitCode: ref.unitCode, action: 'opinion.create', entityType: 'opinion', entityId: id, after: opinion });
      return opinion;
    });
  }

  async opinion(id: string): Promise<Opinion> {
    const [row]: OpinionRow[] = await this.db.query(`SELECT ${OPINION_COLUMNS} FROM opinions o WHERE o.id = $1`, [id]);
    if (!row) throw ProblemError.notFound(`审议意见 ${id} 不存在`);
    return toOpinion(row);
  }

  async opinions(projectId: string): Promise<Opinion[]> {
    const rows: OpinionRow[] = await this.db.query(`SELECT ${OPINION_COLUMNS} FROM opinions o WHERE o.project_id = $1 ORDER BY o.deliberated_on, o.id`, [projectId]);
    return rows.map(toOpinion);
  }

  /**
   * 交办: the opinion and its problem list go to the responsible bodies. Every problem needs a
   * deadline (its own or the default given); all become assigned at once, or none.
   */
  async transmit(actor: Actor, id: string, input: { reportDueDate: string; defaultDeadline?: string }): Promise<Opinion> {
    return this.db.transaction(async (m) => {
      const opinion = await this.lockOpinion(m, id);
      assertOwnUnit(actor, opinion.unitCode);
      if (opinion.status === 'transmitted') throw ProblemError.conflict(`审议意见已于 ${opinion.transmittedAt?.slice(0, 10)} 交办，不能重复交办`);
      const drafts: ProblemRow[] = await m.query(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE opinion_id = $1 AND status = 'draft' ORDER BY sequence FOR UPDATE`, [id]);
      if (drafts.length === 0) throw ProblemError.conflict('问题清单是空的：请先添加问题再交办');
      const noDeadline = drafts.filter((p) => !p.deadline && !input.defaultDeadline);
      if (noDeadline.length) {
        throw ProblemError.validation(
          [{ field: 'body.defaultDeadline', rule: 'required', message: `问题 ${noDeadline.map((p) => p.number).join('、')} 没有整改时限：请逐条填写，或提供统一的 defaultDeadline` }],
          '部分问题没有整改时限',
        );
      }
      await m.query(`UPDATE opinions SET status = 'transmitted', transmitted_at = now(), report_due_date = $2, version = version + 1 WHERE id = $1`, [id, input.reportDueDate]);
      for (const draft of drafts) {
        const row = await this.store.update(m, draft.id, { status: 'assigned', assigned_at: new Date(), deadline: draft.deadline ?? input.defaultDeadline });
        await this.store.history(m, row.id, { action: 'assign', from: 'draft', to: 'assigned', summary: `随审议意见交办，整改时限 ${row.deadline}`, actor: actorName(actor) });
        await this.outbox.add(m, ProblemAssigned, this.store.fact(row), { unitCode: row.unit_code });
      }
      const after = await this.lockOpinion(m, id);
      const bodyIds = [...new Set(drafts.flatMap((p) => [p.responsible_body_id, ...p.co_body_ids]))];
      await this.outbox.add(
        m,
        OpinionTransmitted,
        { opinionId: id, projectId: after.projectId, unitCode: after.unitCode, session: after.session, reportDueDate: input.reportDueDate, bodyIds, problemCount: drafts.length },
        { unitCode: after.unitCode },
      );
      await recordAudit(m, { actor, unitCode: after.unitCode, action: 'opinion.transmit', entityType: 'opinion', entityId: id, before: opinion, after });
      return after;
    });
  }

  // ---- the problem list ----------------------------------------------------------------------

  /** Adds problems to an opinion: drafts before transmission, assigned at once after it. All or none. */
  async addProblems(actor: Actor, opinionId: string, inputs: ProblemInput[]): Promise<ProblemItem[]> {
    return this.db.transaction(async (m) => {
      const opinion = await this.lockOpinion(m, opinionId);
      assertOwnUnit(actor, opinion.unitCode);
      if (opinion.status === 'transmitted') {
        const noDeadline = inputs.findIndex((p) => !p.deadline);
        if (noDeadline >= 0) {
          throw ProblemError.validation([{ field: inputs.length > 1 ? `problems[${noDeadline}].deadline` : 'deadline', rule: 'required', message: '审议意见已交办：补充的问题必须有整改时限' }]);
        }
      }
      const rows = await this.insertProblems(m, actor, opinion, inputs);
      return rows.map((r) => this.store.toItem(r));
    });
  }

  private async insertProblems(m: EntityManager, actor: Actor, opinion: Opinion, inputs: ProblemInput[]): Promise<ProblemRow[]> {
    const ordinal = await this.projectOrdinal(m, opinion);
    const [[{ first }]]: [{ first: number }[], number] = await m.query(
      `UPDATE project_refs SET next_problem = next_problem + $2 WHERE project_id = $1 RETURNING next_problem - $2 AS first`,
      [opinion.projectId, inputs.length],
    );
    const transmitted = opinion.status === 'transmitted';
    const rows: ProblemRow[] = [];
    for (const [i, p] of inputs.entries()) {
      const sequence = first + i;
      const [row]: ProblemRow[] = await m.query(
        `INSERT INTO problems (id, number, sequence, opinion_id, project_id, unit_code, year, description, place, category, responsible_body_id, co_body_ids,
           responsible_person, deadline, measures, required_evidence, finding_id, status, assigned_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING ${PROBLEM_COLUMNS}`,
        [
          newId(),
          problemNumber(opinion.unitCode, opinion.year, ordinal, sequence),
          sequence,
          opinion.id,
          opinion.projectId,
          opinion.unitCode,
          opinion.year,
          p.description,
          p.place,
          p.category,
          p.responsibleBodyId,
          p.coBodyIds.filter((b) => b !== p.responsibleBodyId),
          p.responsiblePerson,
          p.deadline,
          p.measures,
          p.requiredEvidence,
          p.findingId,
          transmitted ? 'assigned' : 'draft',
          transmitted ? new Date() : null,
        ],
      );
      rows.push(row);
      await this.store.history(m, row.id, {
        action: 'create',
        from: null,
        to: row.status,
        summary: transmitted ? `补充交办，整改时限 ${row.deadline}` : '列入问题清单（待交办）',
        actor: actorName(actor),
      });
      if (transmitted) await this.outbox.add(m, ProblemAssigned, this.store.fact(row), { unitCode: row.unit_code });
    }
    await recordAudit(m, { actor, unitCode: opinion.unitCode, action: 'problem.create', entityType: 'opinion', entityId: opinion.id, after: { numbers: rows.map((r) => r.number) } });
    return rows;
  }

  /** The project's number within its unit-year, given at its first opinion. */
  private async projectOrdinal(m: EntityManager, opinion: Opinion): Promise<number> {
    const [held] = await m.query(`SELECT ordinal FROM project_refs WHERE project_id = $1`, [opinion.projectId]);
    if (held) return held.ordinal as number;
    // Serialise numbering within a unit-year; the lock ends with the transaction.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('project_refs:' || $1 || ':' || $2))`, [opinion.unitCode, opinion.year]);
    const [row] = await m.query(
      `INSERT INTO project_refs (project_id, unit_code, year, ordinal)
       SELECT $1, $2, $3, coalesce(max(ordinal), 0) + 1 FROM project_refs WHERE unit_code = $2 AND year = $3
       ON CONFLICT (project_id) DO UPDATE SET project_id = EXCLUDED.project_id RETURNING ordinal`,
      [opinion.projectId, opinion.unitCode, opinion.year],
    );
    return row.ordinal as number;
  }

  private async lockOpinion(m: EntityManager, id: string): Promise<Opinion> {
    const [row]: OpinionRow[] = await m.query(`SELECT ${OPINION_COLUMNS} FROM opinions o WHERE o.id = $1 FOR UPDATE OF o`, [id]);
    if (!row) throw ProblemError.notFound(`审议意见 ${id} 不存在`);
    return toOpinion(row);
  }
}

/** Findings, opinions and problem lists are the unit staff's to write, never a body liaison's. */
export function assertOwnUnit(actor: Actor, unitCode: string): void {
  // The gateway checks this too; the service does not rely on it.
  if (actor.subject === 'system') return;
  if (actor.unitCode !== unitCode) throw ProblemError.forbidden('只能处理本单位的审议意见和问题清单');
  if (isLiaison(actor)) throw ProblemError.forbidden('承办单位联络员不能编辑调研发现、审议意见和问题清单');
}
