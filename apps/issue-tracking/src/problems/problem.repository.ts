import { addDays, type EvidenceKind, type ProblemStatus } from '@congress/contracts';
import { likeEscape, newId } from '@congress/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { CloseRequestEntity, ExtensionEntity, LookBackEntity, ProblemEntity, ProblemHistoryEntity, ProblemProgressEntity } from './problem.entity.js';
import { OPEN_SQL, type ProblemRow } from './problem.rules.js';

/**
 * Every column of a problem, dates as YYYY-MM-DD text, and whether an extension request is
 * pending (the unique partial index extensions_one_pending_idx answers it).
 */
const PROBLEM_COLUMNS = `problems.id, number, sequence, opinion_id, project_id, unit_code, year, description, place, category, responsible_body_id, co_body_ids,
  responsible_person, to_char(deadline, 'YYYY-MM-DD') AS deadline, measures, required_evidence, finding_id, problems.status, percent, last_progress_at,
  assigned_at, closed_at, closed_by, created_at, version,
  EXISTS (SELECT 1 FROM extensions x WHERE x.problem_id = problems.id AND x.status = 'pending') AS pending_extension`;

export interface LedgerFilter {
  unitCodes: string[];
  project?: string;
  opinion?: string;
  body?: string;
  status?: ProblemStatus;
  overdue?: boolean;
  deadlineFrom?: string;
  deadlineTo?: string;
  extension?: 'pending';
  q?: string;
}

/** The columns a change may set (snake_case, as in the table). */
export interface ProblemChanges {
  description?: string;
  place?: string;
  category?: string;
  responsible_body_id?: string;
  co_body_ids?: string[];
  responsible_person?: string;
  deadline?: string | null;
  measures?: string;
  required_evidence?: EvidenceKind[];
  status?: ProblemStatus;
  percent?: number;
  last_progress_at?: Date;
  assigned_at?: Date;
  closed_at?: Date | null;
  closed_by?: string | null;
  overdue_notified_at?: Date | null;
}

export interface NewProblem {
  number: string;
  sequence: number;
  opinionId: string;
  projectId: string;
  unitCode: string;
  year: number;
  description: string;
  place: string;
  category: string;
  responsibleBodyId: string;
  coBodyIds: string[];
  responsiblePerson: string;
  deadline: string | null;
  measures: string;
  requiredEvidence: EvidenceKind[];
  findingId: string | null;
  status: ProblemStatus;
  assignedAt: Date | null;
}

export interface HistoryRecord {
  action: string;
  from: ProblemStatus | null;
  to: ProblemStatus | null;
  summary: string;
  actor: string;
}

export interface ExtensionRecord {
  id: string;
  problemId: string;
  reason: string;
  proposedDeadline: string;
  previousDeadline: string | null;
  status: 'pending' | 'approved' | 'refused';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every statement on a problem's tables (problems, problem_bodies through its triggers, progress, close requests, extensions, look-backs, history, numbering). */
@Injectable()
export class ProblemRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async find(id: string, m: EntityManager = this.db.manager): Promise<ProblemRow | null> {
    const [row]: ProblemRow[] = await m.query(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** The problem, locked for the rest of the transaction. */
  async lock(m: EntityManager, id: string): Promise<ProblemRow | null> {
    const [row]: ProblemRow[] = await m.query(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id = $1 FOR UPDATE OF problems`, [id]);
    return row ?? null;
  }

  /** An opinion's draft problems, locked, in list order. */
  lockDrafts(m: EntityManager, opinionId: string): Promise<ProblemRow[]> {
    return m.query(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE opinion_id = $1 AND status = 'draft' ORDER BY sequence FOR UPDATE OF problems`, [opinionId]);
  }

  /** An opinion's open problems and those closed since `closedSince`, locked: what a failed evaluation reopens. */
  lockReopenable(m: EntityManager, opinionId: string, closedSince: string): Promise<ProblemRow[]> {
    return m.query(
      `SELECT ${PROBLEM_COLUMNS} FROM problems WHERE opinion_id = $1
         AND (problems.status IN (${OPEN_SQL}) OR (problems.status = 'closed' AND closed_at >= $2::date))
       ORDER BY sequence FOR UPDATE OF problems`,
      [opinionId, closedSince],
    );
  }

  /** Changes columns of a locked problem, bumps its version, and returns the new row. */
  async update(m: EntityManager, id: string, changes: ProblemChanges): Promise<ProblemRow> {
    const keys = Object.keys(changes) as (keyof ProblemChanges)[];
    const assignments = keys.map((k, i) => `${k} = $${i + 2}`);
    const [[row]]: [ProblemRow[], number] = await m.query(
      `UPDATE problems SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${PROBLEM_COLUMNS}`,
      [id, ...keys.map((k) => changes[k])],
    );
    return row;
  }

  async insert(m: EntityManager, p: NewProblem): Promise<ProblemRow> {
    const [row]: ProblemRow[] = await m.query(
      `INSERT INTO problems (id, number, sequence, opinion_id, project_id, unit_code, year, description, place, category, responsible_body_id, co_body_ids,
         responsible_person, deadline, measures, required_evidence, finding_id, status, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING ${PROBLEM_COLUMNS}`,
      [
        newId(),
        p.number,
        p.sequence,
        p.opinionId,
        p.projectId,
        p.unitCode,
        p.year,
        p.description,
        p.place,
        p.category,
        p.responsibleBodyId,
        p.coBodyIds,
        p.responsiblePerson,
        p.deadline,
        p.measures,
        p.requiredEvidence,
        p.findingId,
        p.status,
        p.assignedAt,
      ],
    );
    return row;
  }

  /**
   * The project's number within its unit-year (given at its first problem) and the first of
   * `count` consecutive problem sequences, reserved.
   */
  async reserveNumbers(m: EntityManager, project: { projectId: string; unitCode: string; year: number }, count: number): Promise<{ ordinal: number; first: number }> {
    let [held]: { ordinal: number }[] = await m.query(`SELECT ordinal FROM project_refs WHERE project_id = $1`, [project.projectId]);
    if (!held) {
      // Serialise numbering within a unit-year; the lock ends with the transaction.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('project_refs:' || $1 || ':' || $2))`, [project.unitCode, project.year]);
      [held] = await m.query(
        `INSERT INTO project_refs (project_id, unit_code, year, ordinal)
         SELECT $1, $2, $3, coalesce(max(ordinal), 0) + 1 FROM project_refs WHERE unit_code = $2 AND year = $3
         ON CONFLICT (project_id) DO UPDATE SET project_id = EXCLUDED.project_id RETURNING ordinal`,
        [project.projectId, project.unitCode, project.year],
      );
    }
    const [[{ first }]]: [{ first: number }[], number] = await m.query(
      `UPDATE project_refs SET next_problem = next_problem + $2 WHERE project_id = $1 RETURNING next_problem - $2 AS first`,
      [project.projectId, count],
    );
    return { ordinal: held!.ordinal, first };
  }

  async history(m: EntityManager, problemId: string, entry: HistoryRecord): Promise<void> {
    await m.insert(ProblemHistoryEntity, { id: newId(), problemId, action: entry.action, fromStatus: entry.from, toStatus: entry.to, summary: entry.summary, actor: entry.actor });
  }

  async historyOf(problemId: string) {
    const rows = await this.db.manager.find(ProblemHistoryEntity, { where: { problemId }, order: { at: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({ at: r.at.toISOString(), action: r.action, fromStatus: r.fromStatus as ProblemStatus | null, toStatus: r.toStatus as ProblemStatus | null, summary: r.summary, actor: r.actor }));
  }

  /** Records a progress report; returns when it was recorded. */
  async addProgress(m: EntityManager, p: { id: string; problemId: string; text: string; percent: number; attachmentIds: string[]; reportedBy: string }): Promise<Date> {
    const result = await m.insert(ProblemProgressEntity, p);
    return result.generatedMaps[0]!['reportedAt'] as Date;
  }

  async progressOf(problemId: string) {
    const rows = await this.db.manager.find(ProblemProgressEntity, { where: { problemId }, order: { reportedAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({ id: r.id, problemId: r.problemId, text: r.text, percent: r.percent, attachmentIds: r.attachmentIds, reportedBy: r.reportedBy, reportedAt: r.reportedAt.toISOString() }));
  }

  async addCloseRequest(m: EntityManager, c: { problemId: string; text: string; attachmentIds: string[]; requestedBy: string }): Promise<void> {
    await m.insert(CloseRequestEntity, { id: newId(), ...c });
  }

  /** Records the verification on the newest undecided close-out request. */
  async decideCloseRequest(m: EntityManager, problemId: string, d: { outcome: 'accepted' | 'sent-back'; reason: string; decidedBy: string }): Promise<void> {
    const latest = await m.findOne(CloseRequestEntity, { where: { problemId, outcome: IsNull() }, order: { requestedAt: 'DESC' } });
    if (!latest) return;
    await m.update(CloseRequestEntity, { id: latest.id }, { outcome: d.outcome, outcomeReason: d.reason, decidedBy: d.decidedBy, decidedAt: () => 'now()' });
  }

  async addExtension(m: EntityManager, e: { problemId: string; reason: string; proposedDeadline: string; previousDeadline: string | null; requestedBy: string }): Promise<string> {
    const id = newId();
    await m.insert(ExtensionEntity, { id, ...e, status: 'pending' });
    return id;
  }

  /** An extension request of the problem, locked; null when the problem has no such request. */
  async lockExtension(m: EntityManager, problemId: string, id: string): Promise<ExtensionRecord | null> {
    const row = await m.findOne(ExtensionEntity, { where: { id, problemId }, lock: { mode: 'pessimistic_write' } });
    return row ? toExtension(row) : null;
  }

  async decideExtension(m: EntityManager, id: string, d: { status: 'approved' | 'refused'; decidedBy: string; reason: string | null }): Promise<void> {
    await m.update(ExtensionEntity, { id }, { status: d.status, decidedBy: d.decidedBy, decidedAt: () => 'now()', decisionReason: d.reason });
  }

  async extension(m: EntityManager, id: string): Promise<ExtensionRecord> {
    return toExtension(await m.findOneByOrFail(ExtensionEntity, { id }));
  }

  async extensionsOf(problemId: string): Promise<ExtensionRecord[]> {
    const rows = await this.db.manager.find(ExtensionEntity, { where: { problemId }, order: { requestedAt: 'ASC', id: 'ASC' } });
    return rows.map(toExtension);
  }

  async addLookBack(m: EntityManager, l: { id: string; problemId: string; checkedOn: string; result: 'passed' | 'failed'; note: string; recordedBy: string }): Promise<Date> {
    const result = await m.insert(LookBackEntity, l);
    return result.generatedMaps[0]!['recordedAt'] as Date;
  }

  async lookBacksOf(problemId: string) {
    const rows = await this.db.manager.find(LookBackEntity, { where: { problemId }, order: { checkedOn: 'ASC', id: 'ASC' } });
    return rows.map((r) => ({ id: r.id, problemId: r.problemId, checkedOn: r.checkedOn, result: r.result, note: r.note, recordedBy: r.recordedBy, recordedAt: r.recordedAt.toISOString() }));
  }

  // ---- the ledger: raw SQL that earns its keep (the body index, keyset pages, counts) ----------

  /**
   * The ledger's FROM and WHERE over `problems p`. With a body filter the query is driven by
   * `problem_bodies pb` (one row per problem and responsible or co-responsible body, ordered by
   * body, status, problem), so a body's page is an index range, not a sort of its whole history.
   */
  private where(filter: LedgerFilter, today: string): { from: string; key: string; where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    const byBody = !!filter.body;
    if (byBody) {
      add('pb.body_id = ?', filter.body);
      add('pb.unit_code = ANY(?)', filter.unitCodes);
      if (filter.status) add('pb.status = ?', filter.status);
    } else {
      add('p.unit_code = ANY(?)', filter.unitCodes);
      if (filter.status) add('p.status = ?', filter.status);
    }
    if (filter.project) add('p.project_id = ?', filter.project);
    if (filter.opinion) add('p.opinion_id = ?', filter.opinion);
    if (filter.overdue === true) add(`p.status IN (${OPEN_SQL}) AND p.deadline < ?::date`, today);
    if (filter.overdue === false) add(`NOT (p.status IN (${OPEN_SQL}) AND p.deadline IS NOT NULL AND p.deadline < ?::date)`, today);
    if (filter.deadlineFrom) add('p.deadline >= ?::date', filter.deadlineFrom);
    if (filter.deadlineTo) add('p.deadline <= ?::date', filter.deadlineTo);
    if (filter.extension === 'pending') add(`EXISTS (SELECT 1 FROM extensions e WHERE e.problem_id = p.id AND e.status = ?)`, 'pending');
    if (filter.q) add('(p.description ILIKE ? OR p.place ILIKE ? OR p.measures ILIKE ?)', `%${likeEscape(filter.q)}%`);
    return byBody
      ? { from: 'problem_bodies pb JOIN problems p ON p.id = pb.problem_id', key: 'pb.problem_id', where, params }
      : { from: 'problems p', key: 'p.id', where, params };
  }

  /** Up to `limit` problems newest first (keyset on id, UUIDv7), after `after` if given. */
  page(filter: LedgerFilter, today: string, limit: number, after: string | undefined): Promise<ProblemRow[]> {
    const { from, key, where, params } = this.where(filter, today);
    if (after) {
      params.push(after);
      where.push(`${key} < $${params.length}`);
    }
    params.push(limit);
    return this.db.query(
      `SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id IN (SELECT ${key} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${key} DESC LIMIT $${params.length}) ORDER BY id DESC`,
      params,
    );
  }

  /** Counts by lead body and status, with how many are overdue and at risk. */
  counts(filter: LedgerFilter, policy: { today: string; atRiskDays: number; staleDays: number }): Promise<{ body_id: string; status: ProblemStatus; total: number; overdue: number; at_risk: number }[]> {
    const { from, where, params } = this.where(filter, policy.today);
    const n = params.length;
    return this.db.query(
      `SELECT p.responsible_body_id AS body_id, p.status, count(*)::int AS total,
         count(*) FILTER (WHERE p.status IN (${OPEN_SQL}) AND p.deadline < $${n + 1}::date)::int AS overdue,
         count(*) FILTER (WHERE p.status IN (${OPEN_SQL}) AND (p.deadline <= $${n + 2}::date
           OR (p.status <> 'close-requested' AND coalesce(p.last_progress_at, p.assigned_at) < now() - make_interval(days => $${n + 3}))))::int AS at_risk
       FROM ${from} WHERE ${where.join(' AND ')} GROUP BY p.responsible_body_id, p.status`,
      [...params, policy.today, addDays(policy.today, policy.atRiskDays), policy.staleDays],
    );
  }

  /** How many problems a project has, and how many are not closed. */
  async projectCounts(projectId: string): Promise<{ total: number; open: number }> {
    const [row]: { total: number; open: number }[] = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'closed')::int AS open FROM problems WHERE project_id = $1`,
      [projectId],
    );
    return row!;
  }

  // ---- the overdue watch ---------------------------------------------------------------------

  /**
   * Open problems past their deadline not yet announced, claimed for this transaction (FOR UPDATE
   * SKIP LOCKED: replicas checking at once take different rows). Matches the partial index
   * problems_overdue_watch_idx (statuses as literals, not a parameter).
   */
  claimOverdue(m: EntityManager, today: string, limit: number): Promise<ProblemRow[]> {
    return m.query(
      `SELECT ${PROBLEM_COLUMNS} FROM problems
       WHERE overdue_notified_at IS NULL AND problems.status IN (${OPEN_SQL}) AND deadline < $1::date
       ORDER BY deadline, id LIMIT $2 FOR UPDATE OF problems SKIP LOCKED`,
      [today, limit],
    );
  }

  async markOverdueNotified(m: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await m.update(ProblemEntity, { id: In(ids) }, { overdueNotifiedAt: () => 'now()' });
  }
}

function toExtension(r: ExtensionEntity): ExtensionRecord {
  return {
    id: r.id,
    problemId: r.problemId,
    reason: r.reason,
    proposedDeadline: r.proposedDeadline,
    previousDeadline: r.previousDeadline,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: iso(r.decidedAt),
    decisionReason: r.decisionReason,
  };
}
