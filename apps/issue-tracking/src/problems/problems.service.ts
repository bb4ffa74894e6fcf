import {
  PROBLEM_STATUS_NAMES,
  ProblemAssigned,
  ProblemCloseRequested,
  ProblemClosed,
  ProblemError,
  ProblemExtended,
  ProblemOverdue,
  ProblemProgressReported,
  ProblemReopened,
  actorName,
  addDays,
  assertAllowed,
  decide,
  decodeCursor,
  encodeCursor,
  isLiaisonOnly,
  liaisonSees,
  refusalError,
  targetOf,
  todayInShanghai,
  type Actor,
  type Page,
  type ProblemInput,
  type ProblemItem,
  type ProblemStatus,
} from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { CONFIG } from '@congress/service-kit';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AttachmentsService, type AttachmentOwner } from '../attachments/attachments.module.js';
import type { IssueTrackingEnv } from '../config.js';
import {
  OPEN_STATUSES,
  PROBLEM_MACHINE,
  editActionOf,
  missingEvidence,
  newProblemSubject,
  problemFact,
  problemNumber,
  subjectOf,
  toProblemItem,
  worstLight,
  type LightPolicy,
  type ProblemAction,
  type ProblemDecisionInput,
  type ProblemRow,
} from './problem.rules.js';
import { ProblemRepository, type LedgerFilter, type ProblemChanges } from './problem.repository.js';

export type { LedgerFilter } from './problem.repository.js';

/** The most a page of the ledger may weigh as JSON: NATS carries at most 1 MB per message. */
export const PAGE_BYTES = 600 * 1024;

/** The opinion a problem list belongs to, as the opinion service hands it over. */
export interface OpinionRef {
  id: string;
  projectId: string;
  unitCode: string;
  year: number;
  transmitted: boolean;
}

const FIELD_COLUMNS: Record<string, keyof ProblemChanges> = {
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

/**
 * A problem's whole life after it is listed: the ledger (台账), edits, progress, close-out,
 * extensions, look-backs, and what the opinion (assignment) and the system (a failed
 * evaluation, the overdue watch) ask of it. Load → decide with PROBLEM_MACHINE → apply → save,
 * history, audit and outbox in one transaction.
 */
@Injectable()
export class ProblemsService implements OnModuleInit {
  constructor(
    @Inject(ProblemRepository) private readonly problems: ProblemRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(AttachmentsService) private readonly attachments: AttachmentsService,
    @Inject(CONFIG) private readonly config: IssueTrackingEnv,
  ) {}

  /** Attachments ask the problem whether a caller may attach to it or see its files. */
  onModuleInit(): void {
    this.attachments.registerOwner('problem', (actor, id) => this.attachmentOwner(actor, id));
  }

  policy(now = new Date()): LightPolicy {
    return { today: todayInShanghai(now), atRiskDays: this.config.PROBLEM_AT_RISK_DAYS, staleDays: this.config.PROBLEM_STALE_DAYS, now };
  }

  private item(row: ProblemRow, actor: Actor, policy = this.policy()): ProblemItem {
    return toProblemItem(row, policy, actor);
  }

  /** One problem; a liaison of another body is told it does not exist. */
  async get(actor: Actor, id: string): Promise<ProblemItem> {
    return this.item(await this.visible(actor, id), actor);
  }

  private async visible(actor: Actor, id: string): Promise<ProblemRow> {
    const row = await this.problems.find(id);
    if (!row || (isLiaisonOnly(actor) && !liaisonSees(actor, subjectOf(row).bodies))) throw ProblemError.notFound(`问题 ${id} 不存在`);
    return row;
  }

  // ---- the ledger ----------------------------------------------------------------------------

  /** A liaison's ledger is its own body's, whatever it asks for. */
  private scoped(actor: Actor, filter: LedgerFilter): LedgerFilter {
    if (!isLiaisonOnly(actor)) return filter;
    if (!actor.bodyId) throw ProblemError.forbidden('令牌中没有所属承办单位（body）');
    if (filter.body && filter.body !== actor.bodyId) throw ProblemError.forbidden('承办单位联络员只能查看本单位承办的问题');
    return { ...filter, body: actor.bodyId, unitCodes: actor.unitCode ? [actor.unitCode] : [] };
  }

  /** Newest first, keyset-paginated on id (UUIDv7); each item with the caller's allowed actions. */
  async list(actor: Actor, query: LedgerFilter & { limit: number; cursor?: string }): Promise<Page<ProblemItem>> {
    const filter = this.scoped(actor, query);
    if (filter.unitCodes.length === 0) return { items: [], nextCursor: null };
    const policy = this.policy();
    const after = decodeCursor(query.cursor);
    if (query.cursor && (!after || after.length !== 1 || !/^[0-9a-f-]{36}$/.test(String(after[0])))) {
      throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
    }
    const rows = await this.problems.page(filter, policy.today, query.limit + 1, after ? String(after[0]) : undefined);
    const items: ProblemItem[] = [];
    let bytes = 0;
    for (const row of rows.slice(0, query.limit)) {
      const item = this.item(row, actor, policy);
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
    const rows = await this.problems.counts(filter, this.policy());
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

  // ---- decisions -------------------------------------------------------------------------------

  /** Decides with the table; the close-out's missing evidence is listed kind by kind, as the form shows it. */
  /** Decides an action; `guards: false` checks unit, liaison, role and state only (before the input is loaded). */
  private assert(action: ProblemAction, actor: Actor, row: ProblemRow, input?: ProblemDecisionInput, options: { guards?: boolean } = {}): void {
    const subject = subjectOf(row);
    const d = decide(PROBLEM_MACHINE, action, actor, subject, input, options);
    if (d.allowed) return;
    if (d.status === 404) throw ProblemError.notFound(d.reason === '问题不存在' ? `问题 ${row.id} 不存在` : d.reason);
    if (d.rule === 'missing_evidence') {
      const missing = missingEvidence(subject.requiredEvidence, input?.evidence ?? []);
      throw ProblemError.validation(
        missing.map((x) => ({ field: 'body.attachmentIds', rule: 'missing_evidence', message: `缺少证明材料：${x.name}（${x.kind}）` })),
        d.reason,
      );
    }
    throw refusalError(d);
  }

  /**
   * Runs one action on a locked problem: the table decides (403/404/409/400 with the reason),
   * then `apply` changes it; history, audit and outbox in the same transaction.
   */
  private act<T>(actor: Actor, id: string, action: ProblemAction, input: (row: ProblemRow, m: EntityManager) => Promise<ProblemDecisionInput> | ProblemDecisionInput, apply: (m: EntityManager, row: ProblemRow, to: ProblemStatus, given: ProblemDecisionInput) => Promise<T>): Promise<T> {
    return this.problems.transaction(async (m) => {
      const row = await this.problems.lock(m, id);
      if (!row) throw ProblemError.notFound(`问题 ${id} 不存在`);
      // What the caller may not do it learns before anything of the input is checked.
      this.assert(action, actor, row, undefined, { guards: false });
      const given = await input(row, m);
      this.assert(action, actor, row, given);
      return apply(m, row, targetOf(PROBLEM_MACHINE, action, actor, subjectOf(row), given), given);
    });
  }

  async update(actor: Actor, id: string, expectedVersion: number, changes: Record<string, unknown>): Promise<ProblemItem> {
    const changed = Object.keys(changes).filter((k) => changes[k] !== undefined);
    return this.act(actor, id, editActionOf(changed), () => ({ changes: changed }), async (m, before) => {
      if (before.version !== expectedVersion) throw ProblemError.conflict(`问题已被他人修改（当前版本 ${before.version}，你提交的是 ${expectedVersion}），请刷新后重试`);
      const sets = Object.fromEntries(changed.filter((k) => k in FIELD_COLUMNS).map((k) => [FIELD_COLUMNS[k], changes[k]])) as ProblemChanges;
      if (Object.keys(sets).length === 0) return this.item(before, actor);
      const after = await this.problems.update(m, id, sets);
      await this.problems.history(m, id, { action: 'edit', from: before.status, to: after.status, summary: `修改了${Object.keys(changes).length} 项内容`, actor: actorName(actor) });
      await recordAudit(m, { actor, unitCode: after.unit_code, action: 'problem.update', entityType: 'problem', entityId: id, before: this.item(before, actor), after: this.item(after, actor) });
      return this.item(after, actor);
    });
  }

  async reportProgress(actor: Actor, id: string, input: { text: string; percent: number; attachmentIds: string[] }) {
    return this.act(actor, id, 'progress', async (_row, m) => (await this.ownAttachments(m, id, input.attachmentIds), {}), async (m, before, to) => {
      const progressId = newId();
      const reportedAt = await this.problems.addProgress(m, { id: progressId, problemId: id, text: input.text, percent: input.percent, attachmentIds: input.attachmentIds, reportedBy: actorName(actor) });
      const after = await this.problems.update(m, id, { status: to, percent: input.percent, last_progress_at: reportedAt });
      await this.problems.history(m, id, { action: 'progress', from: before.status, to: after.status, summary: `报告整改进展：完成 ${input.percent}%`, actor: actorName(actor) });
      await this.outbox.add(m, ProblemProgressReported, { ...problemFact(after), progressId, percent: input.percent, text: input.text, reportedAt: reportedAt.toISOString() }, { unitCode: after.unit_code });
      return { id: progressId, problemId: id, text: input.text, percent: input.percent, attachmentIds: input.attachmentIds, reportedBy: actorName(actor), reportedAt: reportedAt.toISOString() };
    });
  }

  async progress(actor: Actor, id: string) {
    await this.visible(actor, id);
    return this.problems.progressOf(id);
  }

  /** 申请销号: refused, with the list of what is missing, unless the evidence the problem requires is attached. */
  async requestClose(actor: Actor, id: string, input: { text: string; attachmentIds: string[] }): Promise<ProblemItem> {
    return this.act(
      actor,
      id,
      'close-request',
      async (_row, m) => ({ evidence: (await this.ownAttachments(m, id, input.attachmentIds)).map((a) => a.evidence) }),
      async (m, before, to) => {
        await this.problems.addCloseRequest(m, { problemId: id, text: input.text, attachmentIds: input.attachmentIds, requestedBy: actorName(actor) });
        const after = await this.problems.update(m, id, { status: to });
        await this.problems.history(m, id, { action: 'close-request', from: before.status, to: after.status, summary: `申请销号：${input.text.slice(0, 100)}`, actor: actorName(actor) });
        await this.outbox.add(m, ProblemCloseRequested, problemFact(after), { unitCode: after.unit_code });
        return this.item(after, actor);
      },
    );
  }

  /** 核验: accept (已销号) or send back (退回) with the reason. */
  async verify(actor: Actor, id: string, input: { decision: 'accept'; note: string } | { decision: 'send-back'; reason: string }): Promise<ProblemItem> {
    const accept = input.decision === 'accept';
    return this.act(actor, id, accept ? 'accept' : 'send-back', () => ({}), async (m, before, to) => {
      const by = actorName(actor);
      const reason = input.decision === 'accept' ? input.note : input.reason;
      await this.problems.decideCloseRequest(m, id, { outcome: accept ? 'accepted' : 'sent-back', reason, decidedBy: by });
      if (accept) {
        const after = await this.problems.update(m, id, { status: to, closed_at: new Date(), closed_by: by, percent: 100 });
        await this.problems.history(m, id, { action: 'close', from: before.status, to, summary: `核验通过，销号${reason ? `：${reason}` : ''}`, actor: by });
        await this.outbox.add(m, ProblemClosed, { ...problemFact(after), closedAt: after.closed_at!.toISOString(), closedBy: by }, { unitCode: after.unit_code });
        await recordAudit(m, { actor, unitCode: after.unit_code, action: 'problem.close', entityType: 'problem', entityId: id });
        return this.item(after, actor);
      }
      const after = await this.problems.update(m, id, { status: to });
      await this.problems.history(m, id, { action: 'send-back', from: before.status, to, summary: `退回：${reason}`, actor: by });
      return this.item(after, actor);
    });
  }

  async requestExtension(actor: Actor, id: string, input: { reason: string; proposedDeadline: string }) {
    return this.act(actor, id, 'request-extension', () => ({ proposedDeadline: input.proposedDeadline }), async (m, before) => {
      const extensionId = await this.problems.addExtension(m, { problemId: id, reason: input.reason, proposedDeadline: input.proposedDeadline, previousDeadline: before.deadline, requestedBy: actorName(actor) });
      await this.problems.history(m, id, { action: 'extension-request', from: before.status, to: before.status, summary: `申请延期至 ${input.proposedDeadline}：${input.reason.slice(0, 100)}`, actor: actorName(actor) });
      return this.problems.extension(m, extensionId);
    });
  }

  /** A leader approves (the new deadline holds, 已延期) or refuses an extension request. */
  async decideExtension(actor: Actor, id: string, extensionId: string, input: { decision: 'approve' | 'refuse'; reason: string }) {
    return this.act(
      actor,
      id,
      'decide-extension',
      async (_row, m) => ({ decision: input.decision, extensionId, extension: await this.problems.lockExtension(m, id, extensionId) }),
      async (m, before, to, given) => {
        const by = actorName(actor);
        const approve = input.decision === 'approve';
        await this.problems.decideExtension(m, extensionId, { status: approve ? 'approved' : 'refused', decidedBy: by, reason: input.reason || null });
        if (approve) {
          const proposed = given.extension!.proposedDeadline;
          // A new deadline is a new chance to be overdue: the overdue event may fire again for it.
          const after = await this.problems.update(m, id, { status: to, deadline: proposed, overdue_notified_at: null });
          await this.problems.history(m, id, { action: 'extend', from: before.status, to, summary: `同意延期：时限由 ${before.deadline} 改为 ${proposed}`, actor: by });
          await this.outbox.add(m, ProblemExtended, { ...problemFact(after), previousDeadline: before.deadline }, { unitCode: after.unit_code });
        } else {
          await this.problems.history(m, id, { action: 'extension-refused', from: before.status, to, summary: `不同意延期${input.reason ? `：${input.reason}` : ''}`, actor: by });
        }
        return this.problems.extension(m, extensionId);
      },
    );
  }

  async extensions(actor: Actor, id: string) {
    await this.visible(actor, id);
    return this.problems.extensionsOf(id);
  }

  /** 回头看: a re-check of a closed problem; a failed one reopens it with a new deadline. */
  async lookBack(actor: Actor, id: string, input: { checkedOn: string; result: 'passed' | 'failed'; note: string; newDeadline?: string }) {
    return this.act(actor, id, 'look-back', () => ({ result: input.result, newDeadline: input.newDeadline }), async (m, before, to) => {
      const lookBackId = newId();
      const recordedAt = await this.problems.addLookBack(m, { id: lookBackId, problemId: id, checkedOn: input.checkedOn, result: input.result, note: input.note, recordedBy: actorName(actor) });
      if (to !== before.status) {
        await this.reopen(m, before, to, { deadline: input.newDeadline!, cause: 'look-back', reason: `回头看复查未通过：${input.note}`, actor: actorName(actor) });
      } else {
        await this.problems.history(m, id, { action: 'look-back', from: before.status, to, summary: `回头看复查（${input.checkedOn}）：整改到位`, actor: actorName(actor) });
      }
      return { id: lookBackId, problemId: id, checkedOn: input.checkedOn, result: input.result, note: input.note, recordedBy: actorName(actor), recordedAt: recordedAt.toISOString() };
    });
  }

  async lookBacks(actor: Actor, id: string) {
    await this.visible(actor, id);
    return this.problems.lookBacksOf(id);
  }

  async history(actor: Actor, id: string) {
    await this.visible(actor, id);
    return this.problems.historyOf(id);
  }

  // ---- what the opinion asks of its problems (inside the opinion's transaction) ----------------

  /** Lists new problems on an opinion: drafts before transmission, assigned at once after it. All or none. */
  async create(m: EntityManager, actor: Actor, opinion: OpinionRef, inputs: ProblemInput[]): Promise<ProblemItem[]> {
    const given = { opinionTransmitted: opinion.transmitted };
    for (const p of inputs) {
      const subject = newProblemSubject(opinion.unitCode, p.responsibleBodyId, p.coBodyIds, p.deadline);
      assertAllowed(PROBLEM_MACHINE, 'create', actor, subject, given);
    }
    const { ordinal, first } = await this.problems.reserveNumbers(m, { projectId: opinion.projectId, unitCode: opinion.unitCode, year: opinion.year }, inputs.length);
    const items: ProblemItem[] = [];
    for (const [i, p] of inputs.entries()) {
      const to = targetOf(PROBLEM_MACHINE, 'create', actor, newProblemSubject(opinion.unitCode, p.responsibleBodyId, p.coBodyIds, p.deadline), given);
      const sequence = first + i;
      const row = await this.problems.insert(m, {
        number: problemNumber(opinion.unitCode, opinion.year, ordinal, sequence),
        sequence,
        opinionId: opinion.id,
        projectId: opinion.projectId,
        unitCode: opinion.unitCode,
        year: opinion.year,
        description: p.description,
        place: p.place,
        category: p.category,
        responsibleBodyId: p.responsibleBodyId,
        coBodyIds: p.coBodyIds.filter((b) => b !== p.responsibleBodyId),
        responsiblePerson: p.responsiblePerson,
        deadline: p.deadline,
        measures: p.measures,
        requiredEvidence: p.requiredEvidence,
        findingId: p.findingId,
        status: to,
        assignedAt: to === 'assigned' ? new Date() : null,
      });
      const assigned = row.status === 'assigned';
      await this.problems.history(m, row.id, { action: 'create', from: null, to: row.status, summary: assigned ? `补充交办，整改时限 ${row.deadline}` : '列入问题清单（待交办）', actor: actorName(actor) });
      if (assigned) await this.outbox.add(m, ProblemAssigned, problemFact(row), { unitCode: row.unit_code });
      items.push(this.item(row, actor));
    }
    await recordAudit(m, { actor, unitCode: opinion.unitCode, action: 'problem.create', entityType: 'opinion', entityId: opinion.id, after: { numbers: items.map((r) => r.number) } });
    return items;
  }

  /** The numbers of an opinion's draft problems without a deadline of their own, locking the drafts. */
  async undatedDrafts(m: EntityManager, opinionId: string): Promise<{ drafts: number; undated: string[] }> {
    const drafts = await this.problems.lockDrafts(m, opinionId);
    return { drafts: drafts.length, undated: drafts.filter((p) => !p.deadline).map((p) => p.number) };
  }

  /** 交办: each draft problem of the opinion is assigned (the problem machine's `assign`), with the default deadline where it has none. */
  async assignDrafts(m: EntityManager, actor: Actor, opinionId: string, defaultDeadline: string | undefined): Promise<{ count: number; bodyIds: string[] }> {
    const drafts = await this.problems.lockDrafts(m, opinionId);
    for (const draft of drafts) {
      const given = { defaultDeadline };
      this.assert('assign', actor, draft, given);
      const to = targetOf(PROBLEM_MACHINE, 'assign', actor, subjectOf(draft), given);
      const row = await this.problems.update(m, draft.id, { status: to, assigned_at: new Date(), deadline: draft.deadline ?? defaultDeadline ?? null });
      await this.problems.history(m, row.id, { action: 'assign', from: draft.status, to, summary: `随审议意见交办，整改时限 ${row.deadline}`, actor: actorName(actor) });
      await this.outbox.add(m, ProblemAssigned, problemFact(row), { unitCode: row.unit_code });
    }
    return { count: drafts.length, bodyIds: [...new Set(drafts.flatMap((p) => [p.responsible_body_id, ...p.co_body_ids]))] };
  }

  /**
   * A failed satisfaction evaluation: the opinion's open problems, and those closed within
   * REOPEN_CLOSED_WITHIN_DAYS before it was held, go back to work with the deferred report's due date.
   */
  async reopenForEvaluation(m: EntityManager, opinionId: string, e: { heldOn: string; deadline: string; session: string }): Promise<number> {
    const system: Actor = { subject: 'system', roles: [] };
    const rows = await this.problems.lockReopenable(m, opinionId, addDays(e.heldOn, -this.config.REOPEN_CLOSED_WITHIN_DAYS));
    for (const row of rows) {
      this.assert('reopen', system, row);
      const to = targetOf(PROBLEM_MACHINE, 'reopen', system, subjectOf(row));
      await this.reopen(m, row, to, { deadline: e.deadline, cause: 'evaluation', reason: `满意度测评结果为不满意（${e.session}），须于 ${e.deadline} 前延期报告`, actor: '系统（满意度测评）' });
    }
    return rows.length;
  }

  /** Back to work with a new deadline: a closed problem is reopened (重新整改), an open one returns to rectifying. */
  private async reopen(m: EntityManager, before: ProblemRow, to: ProblemStatus, how: { deadline: string; cause: 'evaluation' | 'look-back'; reason: string; actor: string }): Promise<void> {
    const after = await this.problems.update(m, before.id, { status: to, deadline: how.deadline, closed_at: null, closed_by: null, overdue_notified_at: null });
    await this.problems.history(m, before.id, { action: 'reopen', from: before.status, to, summary: how.reason, actor: how.actor });
    await this.outbox.add(m, ProblemReopened, { ...problemFact(after), cause: how.cause, reason: how.reason }, { unitCode: after.unit_code });
  }

  /** The project's problems, for project-library's closing guard. */
  projectCounts(projectId: string): Promise<{ total: number; open: number }> {
    return this.problems.projectCounts(projectId);
  }

  // ---- the overdue watch --------------------------------------------------------------------

  /** Writes `problem.overdue.v1` for up to `limit` problems that became overdue; returns how many. */
  async announceOverdue(today: string, limit: number): Promise<number> {
    const system: Actor = { subject: 'system', roles: [] };
    return this.problems.transaction(async (m) => {
      const rows = await this.problems.claimOverdue(m, today, limit);
      for (const r of rows) {
        this.assert('overdue-notice', system, r, { today });
        await this.outbox.add(m, ProblemOverdue, problemFact(r), { unitCode: r.unit_code });
      }
      await this.problems.markOverdueNotified(m, rows.map((r) => r.id));
      return rows.length;
    });
  }

  // ---- attachments ---------------------------------------------------------------------------

  /** Attachments named in a report must be this problem's. */
  private async ownAttachments(m: EntityManager, problemId: string, ids: string[]) {
    const rows = await this.attachments.ofOwner(m, 'problem', problemId, ids);
    const found = new Set(rows.map((r) => r.id));
    const errors = ids.flatMap((a, i) => (found.has(a) ? [] : [{ field: `body.attachmentIds[${i}]`, rule: 'not_found', message: `附件 ${a} 不是这个问题的附件` }]));
    if (errors.length) throw ProblemError.validation(errors);
    return rows;
  }

  /** What attachments' rules need of a problem: its unit, bodies and whether it is closed (404 for a liaison of another body). */
  private async attachmentOwner(actor: Actor, id: string): Promise<AttachmentOwner> {
    const row = await this.visible(actor, id);
    return { state: row.status === 'closed' ? 'closed' : 'open', unitCode: row.unit_code, bodies: subjectOf(row).bodies };
  }
}
