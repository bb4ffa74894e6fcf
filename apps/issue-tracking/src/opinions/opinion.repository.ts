import type { EvaluationClosed, PayloadOf } from '@congress/contracts';
import { newId } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { EvaluationOutcomeEntity, OpinionEntity } from './opinion.entity.js';
import type { OpinionRecord } from './opinion.rules.js';

interface OpinionRow {
  id: string;
  project_id: string;
  unit_code: string;
  year: number;
  session: string;
  deliberated_on: string;
  text: string;
  status: OpinionRecord['status'];
  transmitted_at: Date | null;
  report_due_date: string | null;
  deferred_report_due: string | null;
  problem_count: number;
  version: number;
  created_at: Date;
}

/** An opinion with how many problems it lists (one statement: the list's count travels with it). */
const OPINION_COLUMNS = `o.id, o.project_id, o.unit_code, o.year, o.session, to_char(o.deliberated_on, 'YYYY-MM-DD') AS deliberated_on, o.text, o.status, o.transmitted_at,
  to_char(o.report_due_date, 'YYYY-MM-DD') AS report_due_date, to_char(o.deferred_report_due, 'YYYY-MM-DD') AS deferred_report_due, o.version, o.created_at,
  (SELECT count(*)::int FROM problems p WHERE p.opinion_id = o.id) AS problem_count`;

const toRecord = (r: OpinionRow): OpinionRecord => ({
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

/** Every statement on `opinions` and `evaluation_outcomes`. */
@Injectable()
export class OpinionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(m: EntityManager, o: { projectId: string; unitCode: string; year: number; session: string; deliberatedOn: string; text: string; createdBy: string }): Promise<string> {
    const id = newId();
    await m.insert(OpinionEntity, { id, ...o, status: 'draft' });
    return id;
  }

  async find(id: string, m: EntityManager = this.db.manager): Promise<OpinionRecord | null> {
    const [row]: OpinionRow[] = await m.query(`SELECT ${OPINION_COLUMNS} FROM opinions o WHERE o.id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async lock(m: EntityManager, id: string): Promise<OpinionRecord | null> {
    const [row]: OpinionRow[] = await m.query(`SELECT ${OPINION_COLUMNS} FROM opinions o WHERE o.id = $1 FOR UPDATE OF o`, [id]);
    return row ? toRecord(row) : null;
  }

  async ofProject(projectId: string): Promise<OpinionRecord[]> {
    const rows: OpinionRow[] = await this.db.query(`SELECT ${OPINION_COLUMNS} FROM opinions o WHERE o.project_id = $1 ORDER BY o.deliberated_on, o.id`, [projectId]);
    return rows.map(toRecord);
  }

  async transmit(m: EntityManager, id: string, status: OpinionRecord['status'], reportDueDate: string): Promise<void> {
    await m.update(OpinionEntity, { id }, { status, transmittedAt: () => 'now()', reportDueDate, version: () => 'version + 1' });
  }

  /** The last evaluation's result; a failed one also sets the deferred report's due date. */
  async recordEvaluation(m: EntityManager, id: string, passed: boolean, deferredReportDue: string | null): Promise<void> {
    await m.update(OpinionEntity, { id }, { lastEvaluationPassed: passed, ...(passed ? {} : { deferredReportDue }), version: () => 'version + 1' });
  }

  async outcomeSeen(m: EntityManager, evaluationId: string): Promise<boolean> {
    return m.exists(EvaluationOutcomeEntity, { where: { evaluationId } });
  }

  async addOutcome(m: EntityManager, e: PayloadOf<typeof EvaluationClosed>, heldOn: string, reopened: number): Promise<void> {
    await m.insert(EvaluationOutcomeEntity, { evaluationId: e.evaluationId, opinionId: e.opinionId, projectId: e.projectId, grade: e.grade, passed: e.passed, deferredReportDue: e.deferredReportDue, heldOn, reopened });
  }

  /** Whether an evaluation of the opinion held after `heldOn` was applied already (its result is the one in force). */
  async laterOutcomeOf(m: EntityManager, opinionId: string, heldOn: string): Promise<boolean> {
    return m.exists(EvaluationOutcomeEntity, { where: { opinionId, heldOn: MoreThan(heldOn) } });
  }

  /** Whether the project's evaluation in force (the latest held; of one day, the latest applied) passed (null: none yet). */
  async lastEvaluationPassed(projectId: string): Promise<boolean | null> {
    const last = await this.db.manager.findOne(EvaluationOutcomeEntity, { where: { projectId }, order: { heldOn: 'DESC', appliedAt: 'DESC' }, select: { evaluationId: true, passed: true } });
    return last?.passed ?? null;
  }
}
