import {
  DEFAULT_EVALUATION_RULE,
  EvaluationClosed,
  EvaluationCreated,
  EvaluationOpened,
  EvaluationPostponed,
  ProblemError,
  actorName,
  allowedActionsOf,
  assertAllowed,
  decide,
  decodeCursor,
  encodeCursor,
  refusalError,
  targetOf,
  type Actor,
  type Counts,
  type Evaluation,
  type EvaluationGrade,
  type EvaluationInput,
  type EvaluationResult,
  type EvaluationRule,
  type EvaluationStatus,
} from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { RosterCopyService } from '../rosters/rosters.module.js';
import {
  EVALUATION_MACHINE as machine,
  EVALUATION_RULE_MACHINE,
  NOT_ON_ROSTER,
  deferredReportDue,
  grade,
  resultReadable,
  type EvaluationAction,
  type EvaluationActionInput,
  type EvaluationFacts,
  type EvaluationState,
  type Standing,
} from './evaluation.rules.js';
import { EvaluationsRepository, type EvaluationRecord } from './evaluations.repository.js';

type NewEvaluationInput = z.output<typeof EvaluationInput>;
type Subject = { state: EvaluationState; unitCode: string } & EvaluationFacts;

const subjectOf = (e: EvaluationRecord, me: Standing): Subject => ({
  state: e.status,
  unitCode: e.unitCode,
  heldOn: e.heldOn,
  roster: e.roster,
  present: e.present,
  rule: e.rule,
  me,
  rosterReceived: true,
});

/**
 * Satisfaction evaluations (满意度测评) by secret ballot: load → decide with EVALUATION_MACHINE →
 * apply → save, with audit and outbox, in one transaction. The service never writes, logs or
 * returns anything that ties a member to a choice: see docs/security/secret-ballot.md.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @Inject(EvaluationsRepository) private readonly repo: EvaluationsRepository,
    @Inject(RosterCopyService) private readonly rosters: RosterCopyService,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // ---- the unit's counting rule ----------------------------------------------------------------

  async rule(unitCode: string, m?: EntityManager): Promise<EvaluationRule> {
    return (await this.repo.ruleOf(unitCode, m)) ?? DEFAULT_EVALUATION_RULE;
  }

  async setRule(actor: Actor, unitCode: string, rule: EvaluationRule): Promise<EvaluationRule> {
    assertAllowed(EVALUATION_RULE_MACHINE, 'set', actor, { state: 'current', unitCode });
    return this.repo.transaction(async (m) => {
      const before = await this.rule(unitCode, m);
      await this.repo.saveRule(m, unitCode, rule, actorName(actor));
      await recordAudit(m, { actor, unitCode, action: 'evaluation-rule.set', entityType: 'unit', entityId: unitCode, before, after: rule });
      return rule;
    });
  }

  // ---- reads -----------------------------------------------------------------------------------

  async get(actor: Actor, id: string): Promise<Evaluation> {
    const e = await this.require(await this.repo.find(id), id);
    return this.view(actor, e, await this.repo.standing(id, actor.subject));
  }

  async unitOf(id: string): Promise<{ unitCode: string }> {
    const unitCode = await this.repo.unitOf(id);
    if (!unitCode) throw ProblemError.notFound(`测评 ${id} 不存在`);
    return { unitCode };
  }

  /** Latest meeting first; each item with what the caller may do (their standing read for the whole page at once). */
  async list(actor: Actor, query: { unitCodes: string[]; projectId?: string; status?: EvaluationStatus; limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor);
    if (query.cursor && (!after || after.length !== 2)) throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
    const rows = await this.repo.page({ ...query, limit: query.limit + 1, after: after ? [String(after[0]), String(after[1])] : undefined });
    const page = rows.slice(0, query.limit);
    const standings = await this.repo.standings(
      page.map((e) => e.id),
      actor.subject,
    );
    const items = page.map((e) => this.view(actor, e, standings.get(e.id) ?? NOT_ON_ROSTER));
    const last = items[query.limit - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.heldOn, last.id]) : null };
  }

  async roster(id: string) {
    await this.require(await this.repo.find(id), id);
    return { items: await this.repo.roster(id) };
  }

  /** The caller's own standing in an evaluation (roster, check-in, voted): never anyone else's, never a choice. */
  async mine(actor: Actor, id: string): Promise<Standing> {
    await this.require(await this.repo.find(id), id);
    return this.repo.standing(id, actor.subject);
  }

  async progress(id: string) {
    return this.progressOf(await this.require(await this.repo.find(id), id));
  }

  /** The result, once there is one: before closing, no count by choice exists to read. */
  async result(id: string): Promise<EvaluationResult> {
    const e = await this.require(await this.repo.find(id), id);
    if (!resultReadable(e.status)) throw ProblemError.conflict('测评尚未结束，结果不可查看');
    return this.requireResult(await this.repo.result(id), id);
  }

  // ---- writes ----------------------------------------------------------------------------------

  async create(actor: Actor, unitCode: string, input: NewEvaluationInput): Promise<Evaluation> {
    return this.repo.transaction(async (m) => {
      const copy = await this.rosters.current(unitCode, m);
      const rule = await this.rule(unitCode, m);
      const members = copy?.members ?? [];
      const proposed: Subject = { state: 'none', unitCode, heldOn: input.heldOn, roster: members.length, present: 0, rule, me: NOT_ON_ROSTER, rosterReceived: copy !== null };
      assertAllowed(machine, 'create', actor, proposed);
      const id = newId();
      const status = this.statusAfter('create', actor, proposed);
      await this.repo.insert(m, { id, unitCode, ...input, status, rule, createdBy: actorName(actor) });
      // The roster as it stands now is the roster of this evaluation, whatever changes later.
      await this.repo.freezeRoster(m, id, members);
      const e = await this.locked(m, id);
      await recordAudit(m, { actor, unitCode, action: 'evaluation.create', entityType: 'evaluation', entityId: id, after: this.toEvaluation(e) });
      await this.outbox.add(m, EvaluationCreated, { ...this.fact(e), reportTitle: e.reportTitle, roster: e.roster }, { unitCode });
      return this.view(actor, e, await this.repo.standing(id, actor.subject, m));
    });
  }

  /** Check-in: a member for themself, or the clerk marking members present or absent. */
  async attendance(actor: Actor, id: string, input: { self: true } | { present: string[]; absent: string[] }) {
    return this.repo.transaction(async (m) => {
      const e = await this.locked(m, id);
      if ('self' in input) {
        assertAllowed(machine, 'checkIn', actor, subjectOf(e, await this.repo.standing(id, actor.subject, m)));
        await this.repo.checkIn(m, id, actor.subject);
      } else {
        const named = [...new Set([...input.present, ...input.absent])];
        const known = new Set(await this.repo.onRoster(m, id, named));
        const notOnRoster = (['present', 'absent'] as const).flatMap((list) => input[list].flatMap((p, i) => (known.has(p) ? [] : [{ id: p, field: `body.${list}[${i}]` }])));
        const attendance = { notOnRoster, absent: input.absent.length };
        assertAllowed(machine, 'recordAttendance', actor, subjectOf(e, NOT_ON_ROSTER), { attendance });
        await this.repo.markPresent(m, id, input.absent, false);
        await this.repo.markPresent(m, id, input.present, true);
        await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.attendance', entityType: 'evaluation', entityId: id, after: { present: input.present, absent: input.absent } });
      }
      return this.progressOf(await this.locked(m, id));
    });
  }

  /** Opens the vote: needs a quorum of the frozen roster; the ballot box is made empty now. */
  async open(actor: Actor, id: string): Promise<Evaluation> {
    return this.repo.transaction(async (m) => {
      const e = await this.locked(m, id);
      const subject = subjectOf(e, NOT_ON_ROSTER);
      assertAllowed(machine, 'open', actor, subject);
      await this.repo.createBallotBox(m, id);
      await this.repo.update(m, id, { status: this.statusAfter('open', actor, subject), opened: true });
      const after = await this.locked(m, id);
      await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.open', entityType: 'evaluation', entityId: id, after: { present: after.present, roster: after.roster } });
      await this.outbox.add(m, EvaluationOpened, { ...this.fact(after), present: after.present, roster: after.roster }, { unitCode: e.unitCode });
      return this.view(actor, after, await this.repo.standing(id, actor.subject, m));
    });
  }

  /**
   * One ballot, on the busiest path of a meeting: the repository's one statement casts it when the
   * rules would allow it; only when it did not are the rules asked why not (in their fixed order).
   */
  async cast(actor: Actor, id: string, choice: EvaluationGrade): Promise<{ accepted: true }> {
    const outcome = await this.repo.cast(id, actor.subject, actor.unitCode ?? null, choice);
    if (outcome.kind === 'accepted') return { accepted: true as const };
    if (outcome.kind === 'no-evaluation') throw ProblemError.notFound(`测评 ${id} 不存在`);
    let subject: Subject;
    if (outcome.kind === 'no-ballot-box') {
      const e = await this.require(await this.repo.find(id), id);
      subject = subjectOf(e, await this.repo.standing(id, actor.subject));
    } else {
      // Open, the caller of its unit, on the roster and checked in, yet not joined: the participation key held a ballot already.
      const voted = outcome.status === 'open' && outcome.unitMatched && outcome.onRoster && outcome.present;
      // The cast guard reads only the caller's standing; the other facts do not matter here.
      subject = { state: outcome.status, unitCode: outcome.unitCode, heldOn: '', roster: 0, present: 0, rule: DEFAULT_EVALUATION_RULE, rosterReceived: true, me: { onRoster: outcome.onRoster, present: outcome.present, voted } };
    }
    const d = decide(machine, 'cast', actor, subject);
    throw d.allowed ? ProblemError.conflict('选票未能投出，请重试') : refusalError(d);
  }

  /** Counts the ballots, stores the result for good, drops the ballot box, announces the result. */
  async close(actor: Actor, id: string): Promise<EvaluationResult> {
    return this.repo.transaction(async (m) => {
      // The ballot box first, then the evaluation: every ballot is counted or refused, never half-way.
      await this.repo.lockBallotBox(m, id);
      const e = await this.locked(m, id);
      assertAllowed(machine, 'close', actor, subjectOf(e, NOT_ON_ROSTER));
      const tally = await this.repo.tallyBox(m, id);
      const ballots = tally.satisfied + tally.basic + tally.unsatisfied;
      if (ballots !== e.ballots) {
        // Cannot happen (both are written in one transaction); refuse to announce if it ever does.
        this.logger.error({ evaluationId: id }, 'ballot count differs from participation count');
        throw ProblemError.of('internal', '选票数与投票人数不一致，测评未结束；请联系管理员');
      }
      await this.storeResult(m, actor, 'close', e, { ...tally, notVoting: e.present - ballots }, e.present, { source: 'electronic', clerk: null, scrutineers: [] });
      await this.repo.dropBallotBox(m, id);
      return this.requireResult(await this.repo.result(id, m), id);
    });
  }

  /** Counts from paper ballots or the hall's voting device, entered by the clerk. */
  async paperResult(actor: Actor, id: string, input: { present: number; counts: Counts; clerk: string; scrutineers: string[]; source: 'paper' | 'device' }): Promise<EvaluationResult> {
    return this.repo.transaction(async (m) => {
      const e = await this.locked(m, id);
      assertAllowed(machine, 'paperResult', actor, subjectOf(e, NOT_ON_ROSTER), { paper: { present: input.present, counts: input.counts } });
      await this.storeResult(m, actor, 'paperResult', e, input.counts, input.present, { source: input.source, clerk: input.clerk, scrutineers: input.scrutineers });
      return this.requireResult(await this.repo.result(id, m), id);
    });
  }

  /** 延期测评: a new date, no vote. */
  async postpone(actor: Actor, id: string, input: { heldOn: string; reason: string }): Promise<Evaluation> {
    return this.repo.transaction(async (m) => {
      const e = await this.locked(m, id);
      const subject = subjectOf(e, NOT_ON_ROSTER);
      assertAllowed(machine, 'postpone', actor, subject, { heldOn: input.heldOn } satisfies EvaluationActionInput);
      await this.repo.update(m, id, { status: this.statusAfter('postpone', actor, subject), postponedFrom: e.heldOn, heldOn: input.heldOn });
      const after = await this.locked(m, id);
      const before = this.toEvaluation(e);
      await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.postpone', entityType: 'evaluation', entityId: id, before, after: { ...this.toEvaluation(after), reason: input.reason } });
      await this.outbox.add(m, EvaluationPostponed, { ...this.fact(after), from: e.heldOn, reason: input.reason }, { unitCode: e.unitCode });
      return this.view(actor, after, await this.repo.standing(id, actor.subject, m));
    });
  }

  /** Satisfaction rates of a unit over a period: overall, by year and by body. */
  async stats(unitCode: string, from?: string, to?: string) {
    const rows = await this.repo.counted(unitCode, from, to);
    const rate = (rs: typeof rows) => {
      const s = rs.reduce((a, r) => ({ satisfied: a.satisfied + r.satisfied, basic: a.basic + r.basic, unsatisfied: a.unsatisfied + r.unsatisfied }), { satisfied: 0, basic: 0, unsatisfied: 0 });
      const ballots = s.satisfied + s.basic + s.unsatisfied;
      return { evaluations: rs.length, ballots, ...s, satisfactionRate: ballots ? Math.round(((s.satisfied + s.basic) / ballots) * 10_000) / 10_000 : 0 };
    };
    const groups = <K extends string | number>(key: (r: (typeof rows)[number]) => K | null) => {
      const map = new Map<K, typeof rows>();
      for (const r of rows) {
        const k = key(r);
        if (k !== null) map.set(k, [...(map.get(k) ?? []), r]);
      }
      return map;
    };
    return {
      unitCode,
      from: from ?? null,
      to: to ?? null,
      ...rate(rows),
      grades: { satisfied: rows.filter((r) => r.grade === 'satisfied').length, basic: rows.filter((r) => r.grade === 'basic').length, unsatisfied: rows.filter((r) => r.grade === 'unsatisfied').length },
      byYear: [...groups((r) => r.year).entries()].sort((a, b) => a[0] - b[0]).map(([year, rs]) => ({ year, ...rate(rs) })),
      byBody: [...groups((r) => r.bodyId).entries()].map(([bodyId, rs]) => ({ bodyId, ...rate(rs) })).sort((a, b) => b.satisfactionRate - a.satisfactionRate),
    };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private async storeResult(
    m: EntityManager,
    actor: Actor,
    action: Extract<EvaluationAction, 'close' | 'paperResult'>,
    e: EvaluationRecord,
    counts: Counts,
    present: number,
    how: { source: 'electronic' | 'paper' | 'device'; clerk: string | null; scrutineers: string[] },
  ) {
    const tally = grade(counts, present, e.roster, e.rule);
    const due = tally.passed ? null : deferredReportDue(e.heldOn, e.rule.deferredReportMonths);
    await this.repo.insertResult(m, {
      evaluationId: e.id,
      satisfied: counts.satisfied,
      basic: counts.basic,
      unsatisfied: counts.unsatisfied,
      notVoting: counts.notVoting,
      roster: e.roster,
      present,
      base: tally.base,
      satisfactionRate: tally.satisfactionRate,
      satisfiedRate: tally.satisfiedRate,
      grade: tally.grade,
      rule: e.rule,
      deferredReportDue: due,
      source: how.source,
      clerk: how.clerk,
      scrutineers: how.scrutineers,
      recordedBy: actorName(actor),
    });
    await this.repo.update(m, e.id, { status: this.statusAfter(action, actor, subjectOf(e, NOT_ON_ROSTER)), closed: true });
    await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.close', entityType: 'evaluation', entityId: e.id, after: { counts, present, grade: tally.grade, source: how.source } });
    await this.outbox.add(
      m,
      EvaluationClosed,
      { ...this.fact(e), counts, satisfactionRate: tally.satisfactionRate, grade: tally.grade, passed: tally.passed, rule: e.rule, deferredReportDue: due },
      { unitCode: e.unitCode },
    );
  }

  /** The status an allowed action leads to, from the table (never hard-coded here). */
  private statusAfter(action: EvaluationAction, actor: Actor, subject: Subject): EvaluationStatus {
    const to = targetOf(machine, action, actor, subject);
    if (to === 'none') throw new Error(`${action} cannot lead to no evaluation`);
    return to;
  }

  private view(actor: Actor, e: EvaluationRecord, me: Standing): Evaluation {
    return { ...this.toEvaluation(e), allowedActions: allowedActionsOf(machine, actor, subjectOf(e, me)) };
  }

  private toEvaluation(e: EvaluationRecord): Omit<Evaluation, 'allowedActions'> {
    return {
      id: e.id,
      unitCode: e.unitCode,
      projectId: e.projectId,
      opinionId: e.opinionId,
      bodyId: e.bodyId,
      session: e.session,
      heldOn: e.heldOn,
      reportTitle: e.reportTitle,
      status: e.status,
      rule: e.rule,
      roster: e.roster,
      present: e.present,
      ballots: e.ballots,
      openedAt: e.openedAt?.toISOString() ?? null,
      closedAt: e.closedAt?.toISOString() ?? null,
      postponedFrom: e.postponedFrom,
      version: e.version,
      createdAt: e.createdAt.toISOString(),
    };
  }

  private progressOf(e: EvaluationRecord) {
    return { evaluationId: e.id, status: e.status, roster: e.roster, present: e.present, ballots: e.ballots };
  }

  private fact(e: EvaluationRecord) {
    return { evaluationId: e.id, unitCode: e.unitCode, projectId: e.projectId, opinionId: e.opinionId, session: e.session, heldOn: e.heldOn };
  }

  private async locked(m: EntityManager, id: string): Promise<EvaluationRecord> {
    return this.require(await this.repo.lock(m, id), id);
  }

  private require(e: EvaluationRecord | null, id: string): EvaluationRecord {
    if (!e) throw ProblemError.notFound(`测评 ${id} 不存在`);
    return e;
  }

  private requireResult(r: EvaluationResult | null, id: string): EvaluationResult {
    if (!r) throw ProblemError.notFound(`测评 ${id} 没有结果`);
    return r;
  }
}
