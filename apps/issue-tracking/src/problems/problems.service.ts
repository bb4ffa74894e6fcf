import {
  EvaluationClosed,
  PROBLEM_STATUS_NAMES,
  ProblemCloseRequested,
  ProblemClosed,
  ProblemError,
  ProblemExtended,
  ProblemProgressReported,
  ProblemReopened,
  addDays,
  decodeCursor,
  encodeCursor,
  type Actor,
  type EvidenceKind,
  type Page,
  type PayloadOf,
  type ProblemItem,
  type ProblemStatus, actorName } from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { likeEscape, newId, recordAudit } from '@congress/persistence';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IssueTrackingEnv } from '../config.js';
import { OPEN_SQL, OPEN_STATUSES, decide, isLiaison, liaisonSees, missingEvidence, worstLight, type ProblemAction } from './problem.rules.js';
import { PROBLEM_COLUMNS, ProblemStore, type ProblemRow } from './problem.store.js';

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

const dateOf = (d: Date | null) => (d ? d.toISOString() : null);
/** The most a page of the ledger may weigh as JSON: NATS carries at most 1 MB per message. */
export const PAGE_BYTES = 600 * 1024;

/** The ledger (台账) and everything that happens to a problem after it is assigned. */
@Injectable()
export class ProblemsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(ProblemStore) private readonly store: ProblemStore,
    @Inject(CONFIG) private readonly config: IssueTrackingEnv,
  ) {}

  /** One problem; a liaison of another body is told it does not exist. */
  async get(actor: Actor, id: string): Promise<ProblemItem> {
    const row = await this.store.find(this.db.manager, id);
    if (isLiaison(actor) && !liaisonSees(actor, { responsibleBodyId: row.responsible_body_id, coBodyIds: row.co_body_ids })) throw ProblemError.notFound(`问题 ${id} 不存在`);
    return this.store.toItem(row);
  }

  // ---- the ledger ----------------------------------------------------------------------------

  /** A liaison's ledger is its own body's, whatever it asks for. */
  private scoped(actor: Actor, filter: LedgerFilter): LedgerFilter {
    if (!isLiaison(actor)) return filter;
    if (!actor.bodyId) throw ProblemError.forbidden('令牌中没有所属承办单位（body）');
    if (filter.body && filter.body !== actor.bodyId) throw ProblemError.forbidden('承办单位联络员只能查看本单位承办的问题');
    return { ...filter, body: actor.bodyId, unitCodes: actor.unitCode ? [actor.unitCode] : [] };
  }

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

  /** Newest first, keyset-paginated on id (UUIDv7). */
  async list(actor: Actor, query: LedgerFilter & { limit: number; cursor?: string }): Promise<Page<ProblemItem>> {
    const filter = this.scoped(actor, query);
    if (filter.unitCodes.length === 0) return { items: [], nextCursor: null };
    const policy = this.store.policy();
    const { from, key, where, params } = this.where(filter, policy.today);
    const after = decodeCursor(query.cursor);
    if (query.cursor && (!after || after.length !== 1 || !/^[0-9a-f-]{36}$/.test(String(after[0])))) {
      throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
    }
    if (after) {
      params.push(after[0]);
      where.push(`${key} < $${params.length}`);
    }
    params.push(query.limit + 1);
    const rows: ProblemRow[] = await this.db.query(
      `SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id IN (SELECT ${key} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${key} DESC LIMIT $${params.length}) ORDER BY id DESC`,
      params,
    );
    const items: ProblemItem[] = [];
    let bytes = 0;
    for (const row of rows.slice(0, query.limit)) {
      const item = this.store.toItem(row, policy);
      bytes += Buffer.byteLength(JSON.stringify(item));
      // A reply must fit in one NATS message: end the page early rather than fail it.
      if (items.length > 0 && bytes > PAGE_BYTES) break;
      items.push(item);
    }
    const more = items.length < rows.length;
    return { items, nextCursor: more ? encodeCursor([items[items.length - 1]!.id]) : null };
  }

  /** Counts by status and by responsible body, with each body's traffic light. */
  async counts(actor: Actor, query: LedgerFilter) {
    const filter = this.scoped(actor, query);
    const byStatus = Object.fromEntries(Object.keys(PROBLEM_STATUS_NAMES).map((s) => [s, 0])) as Record<ProblemStatus, number>;
    if (filter.unitCodes.length === 0) return { total: 0, overdue: 0, byStatus, byBody: [] };
    const policy = this.store.policy();
    const { from, where, params } = this.where(filter, policy.today);
    const n = params.length;
    const rows: { body_id: string; status: ProblemStatus; total: number; overdue: number; at_risk: number }[] = await this.db.query(
      `SELECT p.responsible_body_id AS body_id, p.status, count(*)::int AS total,
         count(*) FILTER (WHERE p.status IN (${OPEN_SQL}) AND p.deadline < $${n + 1}::date)::int AS overdue,
         count(*) FILTER (WHERE p.status IN (${OPEN_SQL}) AND (p.deadline <= $${n + 2}::date
           OR (p.status <> 'close-requested' AND coalesce(p.last_progress_at, p.assigned_at) < now() - make_interval(days => $${n + 3}))))::int AS at_risk
       FROM ${from} WHERE ${where.join(' AND ')} GROUP BY p.responsible_body_id, p.status`,
      [...params, policy.today, addDays(policy.today, policy.atRiskDays), policy.staleDays],
    );
    const bodies = new Map<string, { bodyId: string; total: number; open: number; overdue: number; closed: number; atRisk: number }>();
    let total = 0;
    let overdue = 0;
    for (const r of rows) {
      byStatus[r.status] += r.total;
      total += r.total;
      overdue += r.overdue;
      const b = bodies.get(r.body_id) ?? { bodyId: r.body_id, total: 0, open: 0, overdue: 0, closed: 0, atRisk: 0 };
      b.total += r.total;
      if (OPEN_STATUSES.includes(r.status)) b.open += r.total;
      if (r.status === 'closed') b.closed += r.total;
      b.overdue += r.overdue;
      b.atRisk += r.at_risk;
      bodies.set(r.body_id, b);
    }
    const byBody = [...bodies.values()]
      .map(({ atRisk, ...b }) => ({ ...b, light: worstLight([b.overdue > 0 ? 'red' : atRisk > 0 ? 'yellow' : 'green']) }))
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.bodyId.localeCompare(b.bodyId));
    return { total, overdue, byStatus, byBody };
  }

  // ---- changes -------------------------------------------------------------------------------

  /**
   * Runs one action on a locked problem: the rule decides first (403/404/409 with the reason),
   * then `apply` changes it; the history row is written in the same transaction.
   */
  private async act<T>(actor: Actor, id: string, action: ProblemAction, apply: (m: EntityManager, row: ProblemRow) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      const row = await this.store.lock(m, id);
      const decision = decide(action, actor, { unitCode: row.unit_code, status: row.status, responsibleBodyId: row.responsible_body_id, coBodyIds: row.co_body_ids });
      if (!decision.allowed) {
        throw decision.status === 404 ? ProblemError.notFound(`问题 ${id} 不存在`) : ProblemError.of(decision.status === 403 ? 'forbidden' : 'conflict', decision.reason);
      }
      return apply(m, row);
    });
  }

  async update(actor: Actor, id: string, expectedVersion: number, changes: Record<string, unknown>): Promise<ProblemItem> {
    const onlyMeasures = Object.keys(changes).every((k) => k === 'measures' || k === 'responsiblePerson');
    return this.act(actor, id, onlyMeasures ? 'edit-measures' : 'edit', async (m, before) => {
      if (before.version !== expectedVersion) throw ProblemError.conflict(`问题已被他人修改（当前版本 ${before.version}，你提交的是 ${expectedVersion}），请刷新后重试`);
      const COLUMNS: Record<string, string> = {
        description: 'description',
        place: 'place',
        category: 'category',
        responsibleBodyId: 'responsible_body_id',
        coBodyIds: 'co_body_ids',
        responsiblePerson: 'responsible_person',
        deadline: 'deadline',
        measures: 'measures',
        requiredEvidence: 'required_evidence',
      };
      if (before.status !== 'draft' && ('deadline' in changes || 'responsibleBodyId' in changes)) {
        throw ProblemError.conflict('问题已交办：整改时限只能通过延期申请变更，责任单位不能再改');
      }
      const sets = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && k in COLUMNS).map(([k, v]) => [COLUMNS[k], v]));
      if (Object.keys(sets).length === 0) return this.store.toItem(before);
      const after = await this.store.update(m, id, sets);
      await this.store.history(m, id, { action: 'edit', from: before.status, to: after.status, summary: `修改了${Object.keys(changes).length} 项内容`, actor: actorName(actor) });
      await recordAudit(m, { actor, unitCode: after.unit_code, action: 'problem.update', entityType: 'problem', entityId: id, before: this.store.toItem(before), after: this.store.toItem(after) });
      return this.store.toItem(after);
    });
  }

  async reportProgress(actor: Actor, id: string, input: { text: string; percent: number; attachmentIds: string[] }) {
    return this.act(actor, id, 'progress', async (m, before) => {
      await this.assertAttachments(m, id, input.attachmentIds);
      const progressId = newId();
      const [progress] = await m.query(
        `INSERT INTO problem_progress (id, problem_id, text, percent, attachment_ids, reported_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING reported_at`,
        [progressId, id, input.text, input.percent, input.attachmentIds, actorName(actor)],
      );
      const after = await this.store.update(m, id, { status: 'rectifying', percent: input.percent, last_progress_at: progress.reported_at });
      await this.store.history(m, id, { action: 'progress', from: before.status, to: after.status, summary: `报告整改进展：完成 ${input.percent}%`, actor: actorName(actor) });
      const reportedAt = (progress.reported_at as Date).toISOString();
      await this.outbox.add(m, ProblemProgressReported, { ...this.store.fact(after), progressId, percent: input.percent, text: input.text, reportedAt }, { unitCode: after.unit_code });
      return { id: progressId, problemId: id, text: input.text, percent: input.percent, attachmentIds: input.attachmentIds, reportedBy: actorName(actor), reportedAt };
    });
  }

  async progress(actor: Actor, id: string) {
    await this.get(actor, id);
    const rows = await this.db.query(
      `SELECT id, problem_id AS "problemId", text, percent, attachment_ids AS "attachmentIds", reported_by AS "reportedBy", reported_at AS "reportedAt" FROM problem_progress WHERE problem_id = $1 ORDER BY reported_at, id`,
      [id],
    );
    return rows.map((r: { reportedAt: Date }) => ({ ...r, reportedAt: r.reportedAt.toISOString() }));
  }

  /** 申请销号: refused, with the list of what is missing, unless the evidence the problem requires is attached. */
  async requestClose(actor: Actor, id: string, input: { text: string; attachmentIds: string[] }): Promise<ProblemItem> {
    return this.act(actor, id, 'close-request', async (m, before) => {
      const attachments = await this.assertAttachments(m, id, input.attachmentIds);
      const missing = missingEvidence(before.required_evidence, attachments.map((a) => a.evidence));
      if (missing.length) {
        throw ProblemError.validation(
          missing.map((x) => ({ field: 'body.attachmentIds', rule: 'missing_evidence', message: `缺少证明材料：${x.name}（${x.kind}）` })),
          `销号申请缺少证明材料：${missing.map((x) => x.name).join('、')}`,
        );
      }
      await m.query(`INSERT INTO close_requests (id, problem_id, text, attachment_ids, requested_by) VALUES ($1, $2, $3, $4, $5)`, [newId(), id, input.text, input.attachmentIds, actorName(actor)]);
      const after = await this.store.update(m, id, { status: 'close-requested' });
      await this.store.history(m, id, { action: 'close-request', from: before.status, to: after.status, summary: `申请销号：${input.text.slice(0, 100)}`, actor: actorName(actor) });
      await this.outbox.add(m, ProblemCloseRequested, this.store.fact(after), { unitCode: after.unit_code });
      return this.store.toItem(after);
    });
  }

  /** 核验: accept (已销号) or send back (退回) with the reason. */
  async verify(actor: Actor, id: string, input: { decision: 'accept'; note: string } | { decision: 'send-back'; reason: string }): Promise<ProblemItem> {
    return this.act(actor, id, input.decision === 'accept' ? 'accept' : 'send-back', async (m, before) => {
      const by = actorName(actor);
      const outcome = input.decision === 'accept' ? 'accepted' : 'sent-back';
      const reason = input.decision === 'accept' ? input.note : input.reason;
      await m.query(
        `UPDATE close_requests SET outcome = $2, outcome_reason = $3, decided_by = $4, decided_at = now()
         WHERE id = (SELECT id FROM close_requests WHERE problem_id = $1 AND outcome IS NULL ORDER BY requested_at DESC LIMIT 1)`,
        [id, outcome, reason, by],
      );
      if (input.decision === 'accept') {
        const after = await this.store.update(m, id, { status: 'closed', closed_at: new Date(), closed_by: by, percent: 100 });
        await this.store.history(m, id, { action: 'close', from: before.status, to: 'closed', summary: `核验通过，销号${reason ? `：${reason}` : ''}`, actor: by });
        await this.outbox.add(m, ProblemClosed, { ...this.store.fact(after), closedAt: dateOf(after.closed_at)!, closedBy: by }, { unitCode: after.unit_code });
        await recordAudit(m, { actor, unitCode: after.unit_code, action: 'problem.close', entityType: 'problem', entityId: id });
        return this.store.toItem(after);
      }
      const after = await this.store.update(m, id, { status: 'rectifying' });
      await this.store.history(m, id, { action: 'send-back', from: before.status, to: 'rectifying', summary: `退回：${reason}`, actor: by });
      return this.store.toItem(after);
    });
  }

  async requestExtension(actor: Actor, id: string, input: { reason: string; proposedDeadline: string }) {
    return this.act(actor, id, 'request-extension', async (m, before) => {
      if (before.deadline && input.proposedDeadline <= before.deadline) {
        throw ProblemError.validation([{ field: 'body.proposedDeadline', rule: 'too_small', message: `延期后的时限必须晚于现在的时限 ${before.deadline}` }]);
      }
      const [pending] = await m.query(`SELECT id FROM extensions WHERE problem_id = $1 AND status = 'pending'`, [id]);
      if (pending) throw ProblemError.conflict('已有一个待审批的延期申请，请等待审批结果');
      const extensionId = newId();
      await m.query(`INSERT INTO extensions (id, problem_id, reason, proposed_deadline, previous_deadline, status, requested_by) VALUES ($1, $2, $3, $4, $5, 'pending', $6)`, [
        extensionId,
        id,
        input.reason,
        input.proposedDeadline,
        before.deadline,
        actorName(actor),
      ]);
      await this.store.history(m, id, { action: 'extension-request', from: before.status, to: before.status, summary: `申请延期至 ${input.proposedDeadline}：${input.reason.slice(0, 100)}`, actor: actorName(actor) });
      return this.extension(m, extensionId);
    });
  }

  /** A leader approves (the new deadline holds, 已延期) or refuses an extension request. */
  async decideExtension(actor: Actor, id: string, extensionId: string, input: { decision: 'approve' | 'refuse'; reason: string }) {
    return this.act(actor, id, 'decide-extension', async (m, before) => {
      const [ext] = await m.query(`SELECT id, status, to_char(proposed_deadline, 'YYYY-MM-DD') AS proposed FROM extensions WHERE id = $1 AND problem_id = $2 FOR UPDATE`, [extensionId, id]);
      if (!ext) throw ProblemError.notFound(`延期申请 ${extensionId} 不存在`);
      if (ext.status !== 'pending') throw ProblemError.conflict(`延期申请已${ext.status === 'approved' ? '同意' : '不同意'}，不能重复审批`);
      const by = actorName(actor);
      await m.query(`UPDATE extensions SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`, [
        extensionId,
        input.decision === 'approve' ? 'approved' : 'refused',
        by,
        input.reason || null,
      ]);
      if (input.decision === 'approve') {
        // A new deadline is a new chance to be overdue: the overdue event may fire again for it.
        const after = await this.store.update(m, id, { status: 'extended', deadline: ext.proposed, overdue_notified_at: null });
        await this.store.history(m, id, { action: 'extend', from: before.status, to: 'extended', summary: `同意延期：时限由 ${before.deadline} 改为 ${ext.proposed}`, actor: by });
        await this.outbox.add(m, ProblemExtended, { ...this.store.fact(after), previousDeadline: before.deadline }, { unitCode: after.unit_code });
      } else {
        await this.store.history(m, id, { action: 'extension-refused', from: before.status, to: before.status, summary: `不同意延期${input.reason ? `：${input.reason}` : ''}`, actor: by });
      }
      return this.extension(m, extensionId);
    });
  }

  async extensions(actor: Actor, id: string) {
    await this.get(actor, id);
    const ids: { id: string }[] = await this.db.query(`SELECT id FROM extensions WHERE problem_id = $1 ORDER BY requested_at, id`, [id]);
    return Promise.all(ids.map((x) => this.extension(this.db.manager, x.id)));
  }

  private async extension(m: EntityManager, id: string) {
    const [r] = await m.query(
      `SELECT id, problem_id AS "problemId", reason, to_char(proposed_deadline, 'YYYY-MM-DD') AS "proposedDeadline", to_char(previous_deadline, 'YYYY-MM-DD') AS "previousDeadline",
         status, requested_by AS "requestedBy", requested_at AS "requestedAt", decided_by AS "decidedBy", decided_at AS "decidedAt", decision_reason AS "decisionReason"
       FROM extensions WHERE id = $1`,
      [id],
    );
    return { ...r, requestedAt: (r.requestedAt as Date).toISOString(), decidedAt: dateOf(r.decidedAt) };
  }

  /** 回头看: a re-check of a closed problem; a failed one reopens it with a new deadline. */
  async lookBack(actor: Actor, id: string, input: { checkedOn: string; result: 'passed' | 'failed'; note: string; newDeadline?: string }) {
    return this.act(actor, id, 'look-back', async (m, before) => {
      if (input.result === 'failed' && !input.newDeadline) {
        throw ProblemError.validation([{ field: 'body.newDeadline', rule: 'required', message: '复查未通过时必须给出重新整改的时限' }]);
      }
      const lookBackId = newId();
      const [row] = await m.query(`INSERT INTO look_backs (id, problem_id, checked_on, result, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING recorded_at`, [
        lookBackId,
        id,
        input.checkedOn,
        input.result,
        input.note,
        actorName(actor),
      ]);
      if (input.result === 'failed') {
        await this.reopen(m, before, { deadline: input.newDeadline!, cause: 'look-back', reason: `回头看复查未通过：${input.note}`, actor: actorName(actor) });
      } else {
        await this.store.history(m, id, { action: 'look-back', from: 'closed', to: 'closed', summary: `回头看复查（${input.checkedOn}）：整改到位`, actor: actorName(actor) });
      }
      return { id: lookBackId, problemId: id, checkedOn: input.checkedOn, result: input.result, note: input.note, recordedBy: actorName(actor), recordedAt: (row.recorded_at as Date).toISOString() };
    });
  }

  async lookBacks(actor: Actor, id: string) {
    await this.get(actor, id);
    const rows = await this.db.query(
      `SELECT id, problem_id AS "problemId", to_char(checked_on, 'YYYY-MM-DD') AS "checkedOn", result, note, recorded_by AS "recordedBy", recorded_at AS "recordedAt" FROM look_backs WHERE problem_id = $1 ORDER BY checked_on, id`,
      [id],
    );
    return rows.map((r: { recordedAt: Date }) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
  }

  async history(actor: Actor, id: string) {
    await this.get(actor, id);
    const rows = await this.db.query(
      `SELECT at, action, from_status AS "fromStatus", to_status AS "toStatus", summary, actor FROM problem_history WHERE problem_id = $1 ORDER BY at, id`,
      [id],
    );
    return rows.map((r: { at: Date }) => ({ ...r, at: r.at.toISOString() }));
  }

  /**
   * A failed satisfaction evaluation (evaluation.closed.v1, not passed): the opinion's open
   * problems, and those closed within REOPEN_CLOSED_WITHIN_DAYS, go back to rectifying with the
   * deferred report's due date, and the opinion records the deferred report. Applied once per
   * evaluation, however often the event arrives (the inbox drops redeliveries of one event; the
   * outcome row drops a second event about the same evaluation).
   */
  async applyEvaluation(m: EntityManager, e: PayloadOf<typeof EvaluationClosed>): Promise<number> {
    const [seen] = await m.query(`SELECT 1 FROM evaluation_outcomes WHERE evaluation_id = $1`, [e.evaluationId]);
    if (seen) return 0;
    let reopened = 0;
    if (e.opinionId) {
      await m.query(`UPDATE opinions SET last_evaluation_passed = $2, deferred_report_due = CASE WHEN $2 THEN deferred_report_due ELSE $3::date END, version = version + 1 WHERE id = $1`, [
        e.opinionId,
        e.passed,
        e.deferredReportDue,
      ]);
    }
    if (e.opinionId && !e.passed) {
      const deadline = e.deferredReportDue ?? addDays(e.heldOn.slice(0, 10), 90);
      const rows: ProblemRow[] = await m.query(
        `SELECT ${PROBLEM_COLUMNS} FROM problems WHERE opinion_id = $1
           AND (status IN (${OPEN_SQL}) OR (status = 'closed' AND closed_at >= $2::date - make_interval(days => $3)))
         ORDER BY sequence FOR UPDATE`,
        [e.opinionId, e.heldOn.slice(0, 10), this.config.REOPEN_CLOSED_WITHIN_DAYS],
      );
      for (const row of rows) {
        await this.reopen(m, row, { deadline, cause: 'evaluation', reason: `满意度测评结果为不满意（${e.session}），须于 ${deadline} 前延期报告`, actor: '系统（满意度测评）' });
      }
      reopened = rows.length;
    }
    await m.query(`INSERT INTO evaluation_outcomes (evaluation_id, opinion_id, project_id, grade, passed, deferred_report_due, reopened) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      e.evaluationId,
      e.opinionId,
      e.projectId,
      e.grade,
      e.passed,
      e.deferredReportDue,
      reopened,
    ]);
    return reopened;
  }

  /** Back to work: a closed problem is reopened (重新整改), an open one returns to rectifying; both with a new deadline. */
  private async reopen(m: EntityManager, before: ProblemRow, how: { deadline: string; cause: 'evaluation' | 'look-back'; reason: string; actor: string }): Promise<void> {
    const to: ProblemStatus = before.status === 'closed' ? 'reopened' : 'rectifying';
    const after = await this.store.update(m, before.id, { status: to, deadline: how.deadline, closed_at: null, closed_by: null, overdue_notified_at: null });
    await this.store.history(m, before.id, { action: 'reopen', from: before.status, to, summary: how.reason, actor: how.actor });
    await this.outbox.add(m, ProblemReopened, { ...this.store.fact(after), cause: how.cause, reason: how.reason }, { unitCode: after.unit_code });
  }

  /** Attachments named in a report must be this problem's. */
  private async assertAttachments(m: EntityManager, problemId: string, ids: string[]): Promise<{ id: string; evidence: EvidenceKind | null }[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; evidence: EvidenceKind | null }[] = await m.query(`SELECT id, evidence FROM attachments WHERE id = ANY($1) AND owner_type = 'problem' AND owner_id = $2`, [ids, problemId]);
    const found = new Set(rows.map((r) => r.id));
    const errors = ids.flatMap((a, i) => (found.has(a) ? [] : [{ field: `body.attachmentIds[${i}]`, rule: 'not_found', message: `附件 ${a} 不是这个问题的附件` }]));
    if (errors.length) throw ProblemError.validation(errors);
    return rows;
  }

  /** What project-library's closing guard asks: the project's problems not closed, and its last evaluation. */
  async projectFacts(projectId: string) {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'closed')::int AS open,
         (SELECT e.passed FROM evaluation_outcomes e WHERE e.project_id = $1 ORDER BY e.applied_at DESC LIMIT 1) AS last_passed
       FROM problems WHERE project_id = $1`,
      [projectId],
    );
    return { total: row.total as number, open: row.open as number, lastEvaluationPassed: (row.last_passed as boolean | null) ?? null };
  }
}
