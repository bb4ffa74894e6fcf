import { EvaluationRule, type Counts, type EvaluationGrade, type EvaluationResult, type EvaluationStatus } from '@congress/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ballotBoxTable } from './ballot-box.js';
import { EvaluationEntity, EvaluationResultEntity, EvaluationRosterEntity, EvaluationRuleEntity } from './evaluation.entity.js';
import type { Standing } from './evaluation.rules.js';

/** An evaluation as stored, with the counts of its frozen roster, attendance and participations. */
export interface EvaluationRecord {
  id: string;
  unitCode: string;
  projectId: string;
  opinionId: string | null;
  bodyId: string | null;
  session: string;
  heldOn: string;
  reportTitle: string;
  status: EvaluationStatus;
  rule: EvaluationRule;
  openedAt: Date | null;
  closedAt: Date | null;
  postponedFrom: string | null;
  createdAt: Date;
  version: number;
  roster: number;
  present: number;
  ballots: number;
}

export type NewEvaluation = Pick<EvaluationEntity, 'id' | 'unitCode' | 'projectId' | 'opinionId' | 'bodyId' | 'session' | 'heldOn' | 'reportTitle' | 'status' | 'rule' | 'createdBy'>;
export type EvaluationChange = Partial<Pick<EvaluationEntity, 'status' | 'heldOn' | 'postponedFrom'>> & { opened?: true; closed?: true };
export type NewResult = Omit<EvaluationResultEntity, 'recordedAt' | 'satisfactionRate' | 'satisfiedRate' | 'evaluation'> & { satisfactionRate: number; satisfiedRate: number };

/** What the one-statement cast found: accepted, or the facts that say why not. */
export type CastOutcome =
  | { kind: 'accepted' }
  | { kind: 'refused'; unitCode: string; status: EvaluationStatus; onRoster: boolean; present: boolean; unitMatched: boolean }
  | { kind: 'no-evaluation' }
  /** The evaluation has no ballot box: it has not opened, or has been counted. */
  | { kind: 'no-ballot-box' };

// Keyset pages, counts in subqueries and dates as text: raw SQL earns its keep here.
const COLUMNS = `e.id, e.unit_code AS "unitCode", e.project_id AS "projectId", e.opinion_id AS "opinionId", e.body_id AS "bodyId", e.session,
  to_char(e.held_on, 'YYYY-MM-DD') AS "heldOn", e.report_title AS "reportTitle", e.status, e.rule,
  e.opened_at AS "openedAt", e.closed_at AS "closedAt", to_char(e.postponed_from, 'YYYY-MM-DD') AS "postponedFrom", e.created_at AS "createdAt", e.version,
  (SELECT count(*)::int FROM evaluation_roster r WHERE r.evaluation_id = e.id) AS roster,
  (SELECT count(*)::int FROM evaluation_roster r WHERE r.evaluation_id = e.id AND r.present) AS present,
  (SELECT count(*)::int FROM participations p WHERE p.evaluation_id = e.id) AS ballots`;

/**
 * Every statement on the evaluations' tables (evaluations, evaluation_roster, participations, the
 * ballot boxes, evaluation_results, result_corrections, evaluation_rules). Nothing here ever
 * reads or writes a member and a choice together: see docs/security/secret-ballot.md.
 */
@Injectable()
export class EvaluationsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // ---- the unit's rule ---------------------------------------------------------------------------

  async ruleOf(unitCode: string, m: EntityManager = this.db.manager): Promise<EvaluationRule | null> {
    const row = await m.findOneBy(EvaluationRuleEntity, { unitCode });
    return row ? EvaluationRule.parse(row.rule) : null;
  }

  async saveRule(m: EntityManager, unitCode: string, rule: EvaluationRule, updatedBy: string): Promise<void> {
    await m.upsert(EvaluationRuleEntity, { unitCode, rule, updatedBy, updatedAt: new Date() }, ['unitCode']);
  }

  // ---- evaluations ---------------------------------------------------------------------------

  async find(id: string, m: EntityManager = this.db.manager): Promise<EvaluationRecord | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM evaluations e WHERE e.id = $1`, [id]);
    return row ?? null;
  }

  /** The evaluation, locked until the transaction ends (casts hold it FOR SHARE, so closing waits for those under way). */
  async lock(m: EntityManager, id: string): Promise<EvaluationRecord | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM evaluations e WHERE e.id = $1 FOR UPDATE OF e`, [id]);
    return row ?? null;
  }

  async unitOf(id: string): Promise<string | null> {
    const row = await this.db.manager.findOne(EvaluationEntity, { select: { unitCode: true }, where: { id } });
    return row?.unitCode ?? null;
  }

  /** Latest meeting first, keyset by (held_on, id). */
  async page(query: { unitCodes: string[]; projectId?: string; status?: EvaluationStatus; limit: number; after?: [string, string] }): Promise<EvaluationRecord[]> {
    const where = ['e.unit_code = ANY($1)'];
    const params: unknown[] = [query.unitCodes];
    if (query.projectId) where.push(`e.project_id = $${params.push(query.projectId)}`);
    if (query.status) where.push(`e.status = $${params.push(query.status)}`);
    if (query.after) where.push(`(e.held_on, e.id) < ($${params.push(query.after[0])}::date, $${params.push(query.after[1])}::uuid)`);
    return this.db.query(`SELECT ${COLUMNS} FROM evaluations e WHERE ${where.join(' AND ')} ORDER BY e.held_on DESC, e.id DESC LIMIT $${params.push(query.limit)}`, params);
  }

  async insert(m: EntityManager, evaluation: NewEvaluation): Promise<void> {
    await m.insert(EvaluationEntity, evaluation);
  }

  /** A change of the evaluation's own row; every change bumps its version. */
  async update(m: EntityManager, id: string, change: EvaluationChange): Promise<void> {
    const { opened, closed, ...columns } = change;
    await m.update(EvaluationEntity, { id }, { ...columns, ...(opened ? { openedAt: () => 'now()' } : {}), ...(closed ? { closedAt: () => 'now()' } : {}), version: () => 'version + 1' });
  }

  // ---- the frozen roster and attendance --------------------------------------------------------

  async freezeRoster(m: EntityManager, evaluationId: string, members: readonly { personId: string; subject: string | null; name: string; title: string; position: number }[]): Promise<void> {
    if (members.length === 0) return;
    await m.insert(
      EvaluationRosterEntity,
      members.map((x) => ({ evaluationId, personId: x.personId, subject: x.subject, name: x.name, title: x.title, position: x.position })),
    );
  }

  async roster(id: string): Promise<{ personId: string; name: string; title: string; present: boolean }[]> {
    const rows = await this.db.manager.find(EvaluationRosterEntity, { where: { evaluationId: id }, order: { position: 'ASC', personId: 'ASC' } });
    return rows.map((r) => ({ personId: r.personId, name: r.name, title: r.title, present: r.present }));
  }

  /** The standing of the member signed in as `subject` (not on the roster: all false). */
  async standing(id: string, subject: string, m: EntityManager = this.db.manager): Promise<Standing> {
    return (await this.standings([id], subject, m)).get(id) ?? { onRoster: false, present: false, voted: false };
  }

  /** The caller's standing in several evaluations at once (what a list page needs for its allowed actions). */
  async standings(ids: readonly string[], subject: string, m: EntityManager = this.db.manager): Promise<Map<string, Standing>> {
    if (ids.length === 0) return new Map();
    const rows: { evaluation_id: string; present: boolean; voted: boolean }[] = await m.query(
      `SELECT r.evaluation_id, r.present, EXISTS (SELECT 1 FROM participations p WHERE p.evaluation_id = r.evaluation_id AND p.person_id = r.person_id) AS voted
         FROM evaluation_roster r WHERE r.evaluation_id = ANY($1) AND r.subject = $2`,
      [ids, subject],
    );
    return new Map(rows.map((r) => [r.evaluation_id, { onRoster: true, present: r.present, voted: r.voted }]));
  }

  /** Of `personIds`, those on the evaluation's frozen roster. */
  async onRoster(m: EntityManager, id: string, personIds: readonly string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await m.find(EvaluationRosterEntity, { select: { personId: true }, where: { evaluationId: id, personId: In([...personIds]) } });
    return rows.map((r) => r.personId);
  }

  async markPresent(m: EntityManager, id: string, personIds: readonly string[], present: boolean): Promise<void> {
    if (personIds.length === 0) return;
    await m.update(EvaluationRosterEntity, { evaluationId: id, personId: In([...personIds]) }, { present });
  }

  /** The member signed in as `subject` checks in. */
  async checkIn(m: EntityManager, id: string, subject: string): Promise<void> {
    await m.update(EvaluationRosterEntity, { evaluationId: id, subject }, { present: true });
  }

  // ---- the ballot box ------------------------------------------------------------------------

  /** An empty box for an evaluation opening: one column, no key, no time — a choice and nothing else. */
  async createBallotBox(m: EntityManager, id: string): Promise<void> {
    await m.query(`CREATE TABLE ${ballotBoxTable(id)} (choice text NOT NULL CHECK (choice IN ('satisfied', 'basic', 'unsatisfied')))`);
  }

  /**
   * One ballot, in one statement (one round trip and its own transaction): lock the evaluation FOR
   * SHARE (casts run side by side; closing, FOR UPDATE, waits for those under way), find the member
   * on the frozen roster, record the participation once, and drop the ballot into the box. The
   * participation row (who) and the ballot (what) share nothing but the transaction; the
   * participation key refuses a second ballot, however many arrive at once.
   */
  async cast(id: string, subject: string, unitCode: string | null, choice: EvaluationGrade): Promise<CastOutcome> {
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
        [id, subject, unitCode, choice],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') return { kind: 'no-ballot-box' };
      throw error;
    }
    if (!row) return { kind: 'no-evaluation' };
    if (row.joined === 1) return { kind: 'accepted' };
    return { kind: 'refused', unitCode: row.unit_code, status: row.status, onRoster: !!row.person_id, present: !!row.present, unitMatched: row.unit_code === unitCode };
  }

  /**
   * Takes the evaluation's ballot box for this transaction alone (ACCESS EXCLUSIVE), if it exists:
   * a close takes it before anything else, so it waits for the ballots being cast to commit and
   * every later ballot waits for the close, then finds the box gone (42P01, refused with 409). Taken
   * after the evaluation's row instead, a close and a cast deadlock (the cast holds the box and wants
   * the row; the close holds the row and wants the box to drop it), and a ballot committed between
   * the close's two reads makes the counts disagree (issue 13).
   */
  async lockBallotBox(m: EntityManager, id: string): Promise<void> {
    await m.query(`DO $$ BEGIN EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', '${ballotBoxTable(id)}'); EXCEPTION WHEN undefined_table THEN NULL; END $$`);
  }

  /** The count by choice: the only way a ballot box is ever read. */
  async tallyBox(m: EntityManager, id: string): Promise<Record<EvaluationGrade, number>> {
    const rows: { choice: EvaluationGrade; n: number }[] = await m.query(`SELECT choice, count(*)::int AS n FROM ${ballotBoxTable(id)} GROUP BY choice`);
    const n = (c: EvaluationGrade) => rows.find((t) => t.choice === c)?.n ?? 0;
    return { satisfied: n('satisfied'), basic: n('basic'), unsatisfied: n('unsatisfied') };
  }

  /** Once counted, the box goes, with its rows, their order, their xmin and ctid. */
  async dropBallotBox(m: EntityManager, id: string): Promise<void> {
    await m.query(`DROP TABLE ${ballotBoxTable(id)}`);
  }

  // ---- results -------------------------------------------------------------------------------

  async insertResult(m: EntityManager, result: NewResult): Promise<void> {
    await m.insert(EvaluationResultEntity, { ...result, satisfactionRate: String(result.satisfactionRate), satisfiedRate: String(result.satisfiedRate) });
  }

  /** The stored result with its corrections, or null. */
  async result(id: string, m: EntityManager = this.db.manager): Promise<EvaluationResult | null> {
    const [r] = await m.query(
      `SELECT r.*, to_char(r.deferred_report_due, 'YYYY-MM-DD') AS due,
         coalesce((SELECT json_agg(json_build_object('counts', json_build_object('satisfied', c.satisfied, 'basic', c.basic, 'unsatisfied', c.unsatisfied, 'notVoting', c.not_voting),
           'reason', c.reason, 'by', c.corrected_by, 'at', c.corrected_at) ORDER BY c.corrected_at) FROM result_corrections c WHERE c.evaluation_id = r.evaluation_id), '[]') AS corrections
       FROM evaluation_results r WHERE r.evaluation_id = $1`,
      [id],
    );
    if (!r) return null;
    return {
      evaluationId: id,
      counts: { satisfied: r.satisfied, basic: r.basic, unsatisfied: r.unsatisfied, notVoting: r.not_voting },
      roster: r.roster,
      present: r.present,
      ballots: r.satisfied + r.basic + r.unsatisfied,
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

  /** Every counted evaluation of a unit in a period: year, body and counts (what the statistics add up). */
  async counted(unitCode: string, from?: string, to?: string): Promise<({ year: number; bodyId: string | null; grade: EvaluationGrade } & Omit<Counts, 'notVoting'>)[]> {
    return this.db.query(
      `SELECT extract(year FROM e.held_on)::int AS year, e.body_id AS "bodyId", r.grade, r.satisfied, r.basic, r.unsatisfied
       FROM evaluations e JOIN evaluation_results r ON r.evaluation_id = e.id
       WHERE e.unit_code = $1 AND ($2::date IS NULL OR e.held_on >= $2::date) AND ($3::date IS NULL OR e.held_on <= $3::date)`,
      [unitCode, from ?? null, to ?? null],
    );
  }
}
