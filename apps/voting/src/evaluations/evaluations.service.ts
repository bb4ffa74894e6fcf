import {
  DEFAULT_EVALUATION_RULE,
  EvaluationClosed,
  EvaluationCreated,
  EvaluationOpened,
  EvaluationPostponed,
  EvaluationRule,
  ProblemError,
  actorName,
  decodeCursor,
  encodeCursor,
  type Actor,
  type Counts,
  type Evaluation,
  type EvaluationGrade,
  type EvaluationResult,
  type EvaluationStatus,
} from '@congress/contracts';
import { Outbox } from '@congress/messaging';
import { newId, recordAudit } from '@congress/persistence';
import { LOGGER } from '@congress/service-kit';
import type { Logger } from '@congress/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ballotBoxTable, deferredReportDue, grade, quorumMet } from './evaluation.rules.js';

const STAFF = ['unit-admin', 'leader', 'staff'];

interface EvaluationRow {
  id: string;
  unit_code: string;
  project_id: string;
  opinion_id: string | null;
  body_id: string | null;
  session: string;
  held_on: string;
  report_title: string;
  status: EvaluationStatus;
  rule: EvaluationRule;
  opened_at: Date | null;
  closed_at: Date | null;
  postponed_from: string | null;
  created_at: Date;
  version: number;
  roster: number;
  present: number;
  ballots: number;
}

const COLUMNS = `e.id, e.unit_code, e.project_id, e.opinion_id, e.body_id, e.session, to_char(e.held_on, 'YYYY-MM-DD') AS held_on, e.report_title, e.status, e.rule,
  e.opened_at, e.closed_at, to_char(e.postponed_from, 'YYYY-MM-DD') AS postponed_from, e.created_at, e.version,
  (SELECT count(*)::int FROM evaluation_roster r WHERE r.evaluation_id = e.id) AS roster,
  (SELECT count(*)::int FROM evaluation_roster r WHERE r.evaluation_id = e.id AND r.present) AS present,
  (SELECT count(*)::int FROM participations p WHERE p.evaluation_id = e.id) AS ballots`;

const toEvaluation = (r: EvaluationRow): Evaluation => ({
  id: r.id,
  unitCode: r.unit_code,
  projectId: r.project_id,
  opinionId: r.opinion_id,
  bodyId: r.body_id,
  session: r.session,
  heldOn: r.held_on,
  reportTitle: r.report_title,
  status: r.status,
  rule: r.rule,
  roster: r.roster,
  present: r.present,
  ballots: r.ballots,
  openedAt: r.opened_at?.toISOString() ?? null,
  closedAt: r.closed_at?.toISOString() ?? null,
  postponedFrom: r.postponed_from,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

/**
 * Satisfaction evaluations (满意度测评) by secret ballot. The service never writes, logs or
 * returns anything that ties a member to a choice: see docs/security/secret-ballot.md.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // ---- rules ---------------------------------------------------------------------------------

  async rule(unitCode: string, m: EntityManager = this.db.manager): Promise<EvaluationRule> {
    const [row] = await m.query(`SELECT rule FROM evaluation_rules WHERE unit_code = $1`, [unitCode]);
    return row ? EvaluationRule.parse(row.rule) : DEFAULT_EVALUATION_RULE;
  }

  async setRule(actor: Actor, unitCode: string, rule: EvaluationRule): Promise<EvaluationRule> {
    if (actor.unitCode !== unitCode || !actor.roles.includes('unit-admin')) throw ProblemError.forbidden('只有本单位的单位管理员可以设置测评规则');
    return this.db.transaction(async (m) => {
      const before = await this.rule(unitCode, m);
      await m.query(
        `INSERT INTO evaluation_rules (unit_code, rule, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (unit_code) DO UPDATE SET rule = EXCLUDED.rule, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [unitCode, JSON.stringify(rule), actorName(actor)],
      );
      await recordAudit(m, { actor, unitCode, action: 'evaluation-rule.set', entityType: 'unit', entityId: unitCode, before, after: rule });
      return rule;
    });
  }

  // ---- the evaluation ------------------------------------------------------------------------

  async create(actor: Actor, unitCode: string, input: Omit<Evaluation, 'id' | 'unitCode' | 'status' | 'rule' | 'roster' | 'present' | 'ballots' | 'openedAt' | 'closedAt' | 'postponedFrom' | 'version' | 'createdAt'>): Promise<Evaluation> {
    this.assertStaff(actor, unitCode);
    return this.db.transaction(async (m) => {
      const [copy] = await m.query(`SELECT roster_version FROM unit_rosters WHERE unit_code = $1`, [unitCode]);
      if (!copy) throw ProblemError.conflict('尚未收到本单位的常委会组成人员名单，不能组织测评');
      const id = newId();
      const rule = await this.rule(unitCode, m);
      await m.query(
        `INSERT INTO evaluations (id, unit_code, project_id, opinion_id, body_id, session, held_on, report_title, status, rule, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $10)`,
        [id, unitCode, input.projectId, input.opinionId, input.bodyId, input.session, input.heldOn, input.reportTitle, JSON.stringify(rule), actorName(actor)],
      );
      // The roster as it stands now is the roster of this evaluation, whatever changes later.
      await m.query(
        `INSERT INTO evaluation_roster (evaluation_id, person_id, subject, name, title, position)
         SELECT $1, person_id, subject, name, title, position FROM roster_members WHERE unit_code = $2`,
        [id, unitCode],
      );
      const evaluation = await this.lock(m, id);
      if (evaluation.roster === 0) throw ProblemError.conflict('本单位的组成人员名单是空的，不能组织测评');
      await recordAudit(m, { actor, unitCode, action: 'evaluation.create', entityType: 'evaluation', entityId: id, after: evaluation });
      await this.outbox.add(m, EvaluationCreated, { ...this.fact(evaluation), reportTitle: evaluation.reportTitle, roster: evaluation.roster }, { unitCode });
      return evaluation;
    });
  }

  async get(id: string): Promise<Evaluation> {
    const [row]: EvaluationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM evaluations e WHERE e.id = $1`, [id]);
    if (!row) throw ProblemError.notFound(`测评 ${id} 不存在`);
    return toEvaluation(row);
  }

  async unitOf(id: string): Promise<{ unitCode: string }> {
    const [row] = await this.db.query(`SELECT unit_code FROM evaluations WHERE id = $1`, [id]);
    if (!row) throw ProblemError.notFound(`测评 ${id} 不存在`);
    return { unitCode: row.unit_code };
  }

  /** Latest meeting first. */
  async list(query: { unitCodes: string[]; projectId?: string; status?: EvaluationStatus; limit: number; cursor?: string }) {
    const where = ['e.unit_code = ANY($1)'];
    const params: unknown[] = [query.unitCodes];
    if (query.projectId) where.push(`e.project_id = $${params.push(query.projectId)}`);
    if (query.status) where.push(`e.status = $${params.push(query.status)}`);
    const after = decodeCursor(query.cursor);
    if (query.cursor && (!after || after.length !== 2)) throw ProblemError.validation([{ field: 'query.cursor', rule: 'invalid_cursor', message: '游标无效' }]);
    if (after) where.push(`(e.held_on, e.id) < ($${params.push(after[0])}::date, $${params.push(after[1])}::uuid)`);
    const rows: EvaluationRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM evaluations e WHERE ${where.join(' AND ')} ORDER BY e.held_on DESC, e.id DESC LIMIT $${params.push(query.limit + 1)}`,
      params,
    );
    const items = rows.slice(0, query.limit).map(toEvaluation);
    const last = items[query.limit - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.heldOn, last.id]) : null };
  }

  async roster(id: string) {
    await this.get(id);
    const rows = await this.db.query(`SELECT person_id AS "personId", name, title, present FROM evaluation_roster WHERE evaluation_id = $1 ORDER BY position, person_id`, [id]);
    return { items: rows as { personId: string; name: string; title: string; present: boolean }[] };
  }

  /** The caller's own standing in an evaluation (roster, check-in, voted): never anyone else's, never a choice. */
  async mine(actor: Actor, id: string): Promise<{ onRoster: boolean; present: boolean; voted: boolean }> {
    await this.get(id);
    const [row]: { present: boolean; voted: boolean }[] = await this.db.query(
      `SELECT r.present, EXISTS (SELECT 1 FROM participations p WHERE p.evaluation_id = r.evaluation_id AND p.person_id = r.person_id) AS voted
         FROM evaluation_roster r WHERE r.evaluation_id = $1 AND r.subject = $2`,
      [id, actor.subject],
    );
    return row ? { onRoster: true, present: row.present, voted: row.voted } : { onRoster: false, present: false, voted: false };
  }

  /** Check-in: a member for themself, or the clerk marking members present or absent. */
  async attendance(actor: Actor, id: string, input: { self: true } | { present: string[]; absent: string[] }) {
    return this.db.transaction(async (m) => {
      const e = await this.lock(m, id);
      if (!['draft', 'postponed', 'open'].includes(e.status)) throw ProblemError.conflict(`测评已${e.status === 'closed' ? '结束' : '关闭'}，不能再登记出席`);
      if ('self' in input) {
        if (actor.unitCode !== e.unitCode) throw ProblemError.forbidden('只能在本单位的测评中签到');
        const [[row]] = await m.query(`UPDATE evaluation_roster SET present = true WHERE evaluation_id = $1 AND subject = $2 RETURNING person_id`, [id, actor.subject]);
        if (!row) throw ProblemError.forbidden('你不在本次测评的组成人员名单中');
      } else {
        this.assertStaff(actor, e.unitCode);
        const unknown = [...input.present, ...input.absent].filter((p, i, all) => all.indexOf(p) === i);
        const known: { person_id: string }[] = await m.query(`SELECT person_id FROM evaluation_roster WHERE evaluation_id = $1 AND person_id = ANY($2)`, [id, unknown]);
        const missing = unknown.filter((p) => !known.some((k) => k.person_id === p));
        if (missing.length) throw ProblemError.validation(missing.map((p) => ({ field: 'body', rule: 'not_on_roster', message: `${p} 不在本次测评的组成人员名单中` })));
        if (input.absent.length) {
          const voted: { person_id: string }[] = await m.query(`SELECT person_id FROM participations WHERE evaluation_id = $1 AND person_id = ANY($2)`, [id, input.absent]);
          if (voted.length) throw ProblemError.conflict('已投票的组成人员不能改为缺席');
          await m.query(`UPDATE evaluation_roster SET present = false WHERE evaluation_id = $1 AND person_id = ANY($2)`, [id, input.absent]);
        }
        if (input.present.length) await m.query(`UPDATE evaluation_roster SET present = true WHERE evaluation_id = $1 AND person_id = ANY($2)`, [id, input.present]);
        await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.attendance', entityType: 'evaluation', entityId: id, after: { present: input.present, absent: input.absent } });
      }
      return this.progressOf(await this.lock(m, id));
    });
  }

  /** Opens the vote: needs a quorum of the frozen roster; the ballot box is made empty now. */
  async open(actor: Actor, id: string): Promise<Evaluation> {
    return this.db.transaction(async (m) => {
      const e = await this.lock(m, id);
      this.assertStaff(actor, e.unitCode);
      if (e.status !== 'draft' && e.status !== 'postponed') throw ProblemError.conflict(`测评当前为「${STATUS_NAMES[e.status]}」，不能开始投票`);
      if (!quorumMet(e.present, e.roster, e.rule)) {
        throw ProblemError.conflict(`出席 ${e.present} 人，未超过组成人员 ${e.roster} 人的${e.rule.quorumAbove === 0.5 ? '半数' : `${Math.round(e.rule.quorumAbove * 100)}%`}，不能开始测评`);
      }
      // One column, no key, no time: a choice and nothing else.
      await m.query(`CREATE TABLE ${ballotBoxTable(id)} (choice text NOT NULL CHECK (choice IN ('satisfied', 'basic', 'unsatisfied')))`);
      await m.query(`UPDATE evaluations SET status = 'open', opened_at = now(), version = version + 1 WHERE id = $1`, [id]);
      const after = await this.lock(m, id);
      await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.open', entityType: 'evaluation', entityId: id, after: { present: after.present, roster: after.roster } });
      await this.outbox.add(m, EvaluationOpened, { ...this.fact(after), present: after.present, roster: after.roster }, { unitCode: e.unitCode });
      return after;
    });
  }

  /**
   * One ballot. The participation row (who) and the ballot (what) share nothing but the
   * transaction; the ballot box is dropped when counted, so after closing nothing joins them.
   * Once per member: the participation key refuses a second ballot, however many arrive at once.
   */
  async cast(actor: Actor, id: string, choice: EvaluationGrade): Promise<{ accepted: true }> {
    // One statement, so one round trip and its own transaction: lock the evaluation FOR SHARE
    // (casts run side by side; closing, FOR UPDATE, waits for those under way), find the member
    // on the frozen roster, record the participation once, and drop the ballot into the box.
    let row: { unit_code: string; status: EvaluationStatus; person_id: string | null; present: boolean | null; joined: number } | undefined;
    try {
      [row] = await this.db.query(
        `WITH e AS (SELECT unit_code, status FROM evaluations WHERE id = $1 FOR SHARE),
              r AS (SELECT person_id, present FROM evaluation_roster WHERE evaluation_id = $1 AND subject = $2),
              p AS (INSERT INTO participations (evaluation_id, person_id)
                    SELECT $1, r.person_id FROM r, e WHERE e.status = 'open' AND e.unit_code = $3 AND r.present
                    ON CONFLICT DO NOTHING RETURNING 1),
              b AS (INSERT INTO ${ballotBoxTable(id)} (choice) SELECT $4 FROM p RETURNING 1)
         SELECT e.unit_code, e.status, r.person_id, r.present, (SELECT count(*)::int FROM b) AS joined FROM e LEFT JOIN r ON true`,
        [id, actor.subject, actor.unitCode ?? null, choice],
      );
    } catch (error) {
      // No ballot box: the evaluation does not exist, has not opened, or has been counted.
      if ((error as { code?: string }).code !== '42P01') throw error;
      const [e] = await this.db.query(`SELECT unit_code, status FROM evaluations WHERE id = $1`, [id]);
      if (!e) throw ProblemError.notFound(`测评 ${id} 不存在`);
      if (actor.unitCode !== e.unit_code) throw ProblemError.forbidden('只能在本单位的测评中投票');
      throw ProblemError.conflict(e.status === 'closed' ? '测评已结束' : '测评尚未开始');
    }
    if (!row) throw ProblemError.notFound(`测评 ${id} 不存在`);
    if (row.joined === 1) return { accepted: true as const };
    if (actor.unitCode !== row.unit_code) throw ProblemError.forbidden('只能在本单位的测评中投票');
    if (row.status !== 'open') throw ProblemError.conflict(row.status === 'closed' ? '测评已结束' : '测评尚未开始');
    if (!row.person_id) throw ProblemError.forbidden('你不在本次测评的组成人员名单中，不能投票');
    if (!row.present) throw ProblemError.forbidden('请先签到，再投票');
    throw ProblemError.conflict('你已经投过票，选票不能更改或撤回');
  }

  async progress(id: string) {
    return this.progressOf(await this.get(id));
  }

  /** Counts the ballots, stores the result for good, drops the ballot box, announces the result. */
  async close(actor: Actor, id: string): Promise<EvaluationResult> {
    const result = await this.db.transaction(async (m) => {
      const e = await this.lock(m, id);
      this.assertStaff(actor, e.unitCode);
      if (e.status !== 'open') throw ProblemError.conflict(e.status === 'closed' ? '测评已经结束' : '测评尚未开始投票');
      const box = ballotBoxTable(id);
      const tally: { choice: EvaluationGrade; n: number }[] = await m.query(`SELECT choice, count(*)::int AS n FROM ${box} GROUP BY choice`);
      const count = (c: EvaluationGrade) => tally.find((t) => t.choice === c)?.n ?? 0;
      const ballots = count('satisfied') + count('basic') + count('unsatisfied');
      if (ballots !== e.ballots) {
        // Cannot happen (both are written in one transaction); refuse to announce if it ever does.
        this.logger.error({ evaluationId: id }, 'ballot count differs from participation count');
        throw ProblemError.of('internal', '选票数与投票人数不一致，测评未结束；请联系管理员');
      }
      const counts: Counts = { satisfied: count('satisfied'), basic: count('basic'), unsatisfied: count('unsatisfied'), notVoting: e.present - ballots };
      await this.storeResult(m, actor, e, counts, e.present, { source: 'electronic', clerk: null, scrutineers: [] });
      await m.query(`DROP TABLE ${box}`);
      return this.resultOf(m, id);
    });
    return result;
  }

  /** Counts from paper ballots or the hall's voting device, entered by the clerk. */
  async paperResult(actor: Actor, id: string, input: { present: number; counts: Counts; clerk: string; scrutineers: string[]; source: 'paper' | 'device' }): Promise<EvaluationResult> {
    return this.db.transaction(async (m) => {
      const e = await this.lock(m, id);
      this.assertStaff(actor, e.unitCode);
      if (e.status !== 'draft' && e.status !== 'postponed') throw ProblemError.conflict(`测评当前为「${STATUS_NAMES[e.status]}」，不能录入纸质或表决器结果`);
      const ballots = input.counts.satisfied + input.counts.basic + input.counts.unsatisfied;
      const errors = [
        ...(input.present > e.roster ? [{ field: 'body.present', rule: 'too_big', message: `出席人数不能超过组成人员 ${e.roster} 人` }] : []),
        ...(ballots + input.counts.notVoting !== input.present
          ? [{ field: 'body.counts', rule: 'mismatch', message: `满意、基本满意、不满意和未投票之和（${ballots + input.counts.notVoting}）应等于出席人数 ${input.present}` }]
          : []),
      ];
      if (errors.length) throw ProblemError.validation(errors);
      await this.storeResult(m, actor, e, input.counts, input.present, { source: input.source, clerk: input.clerk, scrutineers: input.scrutineers });
      return this.resultOf(m, id);
    });
  }

  private async storeResult(m: EntityManager, actor: Actor, e: Evaluation, counts: Counts, present: number, how: { source: 'electronic' | 'paper' | 'device'; clerk: string | null; scrutineers: string[] }) {
    const tally = grade(counts, present, e.roster, e.rule);
    const due = tally.passed ? null : deferredReportDue(e.heldOn, e.rule.deferredReportMonths);
    await m.query(
      `INSERT INTO evaluation_results (evaluation_id, satisfied, basic, unsatisfied, not_voting, roster, present, base, satisfaction_rate, satisfied_rate, grade, rule,
         deferred_report_due, source, clerk, scrutineers, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [e.id, counts.satisfied, counts.basic, counts.unsatisfied, counts.notVoting, e.roster, present, tally.base, tally.satisfactionRate, tally.satisfiedRate, tally.grade, JSON.stringify(e.rule), due, how.source, how.clerk, how.scrutineers, actorName(actor)],
    );
    await m.query(`UPDATE evaluations SET status = 'closed', closed_at = now(), version = version + 1 WHERE id = $1`, [e.id]);
    await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.close', entityType: 'evaluation', entityId: e.id, after: { counts, present, grade: tally.grade, source: how.source } });
    await this.outbox.add(
      m,
      EvaluationClosed,
      { ...this.fact(e), counts, satisfactionRate: tally.satisfactionRate, grade: tally.grade, passed: tally.passed, rule: e.rule, deferredReportDue: due },
      { unitCode: e.unitCode },
    );
  }

  /** The result, once there is one: before closing, no count by choice exists to read. */
  async result(id: string): Promise<EvaluationResult> {
    const e = await this.get(id);
    if (e.status !== 'closed') throw ProblemError.conflict('测评尚未结束，结果不可查看');
    return this.resultOf(this.db.manager, id);
  }

  private async resultOf(m: EntityManager, id: string): Promise<EvaluationResult> {
    const [r] = await m.query(
      `SELECT r.*, to_char(r.deferred_report_due, 'YYYY-MM-DD') AS due,
         coalesce((SELECT json_agg(json_build_object('counts', json_build_object('satisfied', c.satisfied, 'basic', c.basic, 'unsatisfied', c.unsatisfied, 'notVoting', c.not_voting),
           'reason', c.reason, 'by', c.corrected_by, 'at', c.corrected_at) ORDER BY c.corrected_at) FROM result_corrections c WHERE c.evaluation_id = r.evaluation_id), '[]') AS corrections
       FROM evaluation_results r WHERE r.evaluation_id = $1`,
      [id],
    );
    if (!r) throw ProblemError.notFound(`测评 ${id} 没有结果`);
    const ballots = r.satisfied + r.basic + r.unsatisfied;
    return {
      evaluationId: id,
      counts: { satisfied: r.satisfied, basic: r.basic, unsatisfied: r.unsatisfied, notVoting: r.not_voting },
      roster: r.roster,
      present: r.present,
      ballots,
      base: r.base,
      satisfactionRate: Number(r.satisfaction_rate),
      satisfiedRate: Number(r.satisfied_rate),
      grade: r.grade,
      passed: r.grade !== 'unsatisfied',
      rule: EvaluationRule.parse(r.rule),
      deferredReportDue: r.due,
      source: r.source,
      clerk: r.clerk,
      scrutineers: r.scrutineers,
      recordedAt: (r.recorded_at as Date).toISOString(),
      corrections: r.corrections,
    };
  }

  /** 延期测评: a new date, no vote. */
  async postpone(actor: Actor, id: string, input: { heldOn: string; reason: string }): Promise<Evaluation> {
    return this.db.transaction(async (m) => {
      const e = await this.lock(m, id);
      this.assertStaff(actor, e.unitCode);
      if (e.status !== 'draft' && e.status !== 'postponed') throw ProblemError.conflict(`测评当前为「${STATUS_NAMES[e.status]}」，不能延期`);
      if (input.heldOn <= e.heldOn) throw ProblemError.validation([{ field: 'body.heldOn', rule: 'too_small', message: `延期后的日期必须晚于原定的 ${e.heldOn}` }]);
      await m.query(`UPDATE evaluations SET status = 'postponed', postponed_from = held_on, held_on = $2, version = version + 1 WHERE id = $1`, [id, input.heldOn]);
      const after = await this.lock(m, id);
      await recordAudit(m, { actor, unitCode: e.unitCode, action: 'evaluation.postpone', entityType: 'evaluation', entityId: id, before: e, after: { ...after, reason: input.reason } });
      await this.outbox.add(m, EvaluationPostponed, { ...this.fact(after), from: e.heldOn, reason: input.reason }, { unitCode: e.unitCode });
      return after;
    });
  }

  /** Satisfaction rates of a unit over a period: overall, by year and by body. */
  async stats(unitCode: string, from?: string, to?: string) {
    const rows: { year: number; body_id: string | null; grade: EvaluationGrade; satisfied: number; basic: number; unsatisfied: number }[] = await this.db.query(
      `SELECT extract(year FROM e.held_on)::int AS year, e.body_id, r.grade, r.satisfied, r.basic, r.unsatisfied
       FROM evaluations e JOIN evaluation_results r ON r.evaluation_id = e.id
       WHERE e.unit_code = $1 AND ($2::date IS NULL OR e.held_on >= $2::date) AND ($3::date IS NULL OR e.held_on <= $3::date)`,
      [unitCode, from ?? null, to ?? null],
    );
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
      byBody: [...groups((r) => r.body_id).entries()].map(([bodyId, rs]) => ({ bodyId, ...rate(rs) })).sort((a, b) => b.satisfactionRate - a.satisfactionRate),
    };
  }

  private progressOf(e: Evaluation) {
    return { evaluationId: e.id, status: e.status, roster: e.roster, present: e.present, ballots: e.ballots };
  }

  private fact(e: Evaluation) {
    return { evaluationId: e.id, unitCode: e.unitCode, projectId: e.projectId, opinionId: e.opinionId, session: e.session, heldOn: e.heldOn };
  }

  private async lock(m: EntityManager, id: string): Promise<Evaluation> {
    const [row]: EvaluationRow[] = await m.query(`SELECT ${COLUMNS} FROM evaluations e WHERE e.id = $1 FOR UPDATE OF e`, [id]);
    if (!row) throw ProblemError.notFound(`测评 ${id} 不存在`);
    return toEvaluation(row);
  }

  private assertStaff(actor: Actor, unitCode: string): void {
    if (actor.unitCode !== unitCode) throw ProblemError.forbidden('只能组织本单位的测评');
    if (!STAFF.some((r) => actor.roles.includes(r))) throw ProblemError.forbidden('组织测评需要单位管理员、主任会议成员或机关工作人员');
  }
}

const STATUS_NAMES: Record<EvaluationStatus, string> = { draft: '未开始', open: '投票中', closed: '已结束', postponed: '已延期' };
