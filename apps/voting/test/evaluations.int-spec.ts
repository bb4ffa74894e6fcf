import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BallotCast,
  EvaluationAttendance,
  EvaluationClose,
  EvaluationCreate,
  EvaluationGet,
  EvaluationList,
  EvaluationOpen,
  EvaluationPaperResult,
  EvaluationPostpone,
  EvaluationProgressGet,
  EvaluationResultGet,
  EvaluationRuleGet,
  EvaluationRuleSet,
  EvaluationStatsGet,
  type Actor,
  type EvaluationGrade,
} from '@congress/contracts';
import { aPaperCount, anEvaluation, problemOf, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { VotingEnv } from '../src/config.js';

const ROSTER = 50;
const staff: Actor = { subject: 'staff-1', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] };
const admin: Actor = { subject: 'admin-1', username: 'chenzhou-admin', unitCode: '431000', roles: ['unit-admin'] };
const member = (i: number): Actor => ({ subject: `member-${i}`, username: `chenzhou-member${i}`, unitCode: '431000', roles: ['member'] });
const personId = (i: number) => `018f0000-0000-7000-8000-${String(i).padStart(12, '0')}`;
const zixing: Actor = { subject: 'member-3', username: 'zixing-member', unitCode: '431081', roles: ['member'] };
/** Another unit's office staff (and its administrator): every write of 郴州's evaluations refuses them. */
const zixingStaff: Actor = { subject: 'zixing-staff', username: 'zixing-staff', unitCode: '431081', roles: ['staff', 'unit-admin'] };

describe('satisfaction evaluations by secret ballot (real Postgres and NATS, two replicas)', () => {
  let svc: ServiceUnderTest<VotingEnv>;
  const rpc = () => svc.rpc;
  const q = (sql: string, params: unknown[] = []) => svc.dataSource.query(sql, params);
  const create = (overrides: Parameters<typeof anEvaluation>[0] = {}) => rpc().request(EvaluationCreate, anEvaluation(overrides), { actor: staff });
  const checkIn = (id: string, members: number[]) => rpc().request(EvaluationAttendance, { id, attendance: { present: members.map(personId), absent: [] } }, { actor: staff });
  const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'voting', env: VotingEnv, module: (config, logger) => AppModule.register(config, logger), replicas: 2 });
    // 郴州's roster as voting's read copy holds it (normally fed by unit.roster-changed.v1).
    await q(`INSERT INTO unit_rosters (unit_code, roster_version) VALUES ('431000', 1)`);
    for (const i of range(ROSTER)) {
      await q(`INSERT INTO roster_members (unit_code, person_id, name, title, chairs_council, position, subject) VALUES ('431000', $1, $2, '委员', false, $3, $4)`, [personId(i), `委员${i}`, i, `member-${i}`]);
    }
  }, 90_000);

  afterAll(async () => svc?.stop());

  it('freezes the roster, and opens only with more than half of the members present', async () => {
    const e = await create();
    expect(e).toMatchObject({ status: 'draft', roster: ROSTER, present: 0, ballots: 0 });
    await q(`INSERT INTO roster_members (unit_code, person_id, name, title, chairs_council, position, subject) VALUES ('431000', $1, '后来的委员', '委员', false, 99, 'late')`, [personId(999)]);
    expect((await rpc().request(EvaluationGet, { id: e.id }, { actor: staff })).roster).toBe(ROSTER);
    await q(`DELETE FROM roster_members WHERE person_id = $1`, [personId(999)]);

    await checkIn(e.id, range(25));
    expect(await problemOf(rpc().request(EvaluationOpen, { id: e.id }, { actor: staff }))).toMatchObject({ status: 409, detail: expect.stringContaining('未超过') });
    await rpc().request(EvaluationAttendance, { id: e.id, attendance: { self: true } }, { actor: member(26) });
    expect(await problemOf(rpc().request(EvaluationOpen, { id: e.id }, { actor: member(1) }))).toMatchObject({ status: 403 });
    expect(await rpc().request(EvaluationOpen, { id: e.id }, { actor: staff })).toMatchObject({ status: 'open', present: 26 });
  });

  it('serialises close and cast: 400 ballots racing 10 closes across two replicas, every ballot counted or refused with 409, no 5xx', async () => {
    const e = await create();
    await checkIn(e.id, range(ROSTER));
    await rpc().request(EvaluationOpen, { id: e.id }, { actor: staff });
    const choices: EvaluationGrade[] = ['satisfied', 'basic', 'unsatisfied'];
    const statusOf = (err: { problem?: { status: number } }) => err.problem?.status ?? 'no answer';
    // 8 attempts per member, the closes sent while the ballots are still arriving.
    const casts = range(ROSTER).flatMap((i) => range(8).map((k) => rpc().request(BallotCast, { id: e.id, choice: choices[(i + k) % 3]! }, { actor: member(i) }).then(() => 'ok' as const, statusOf)));
    await new Promise((r) => setTimeout(r, 20));
    const closes = range(10).map(() => rpc().request(EvaluationClose, { id: e.id }, { actor: staff }).then((result) => result, statusOf));
    const castOutcomes = await Promise.all(casts);
    const closeOutcomes = await Promise.all(closes);

    expect(castOutcomes.filter((o) => o !== 'ok' && o !== 409)).toEqual([]);
    const results = closeOutcomes.filter((o): o is Exclude<typeof o, number | string> => typeof o === 'object');
    expect(closeOutcomes.filter((o) => typeof o !== 'object' && o !== 409)).toEqual([]);
    expect(results).toHaveLength(1);
    const accepted = castOutcomes.filter((o) => o === 'ok').length;
    expect(accepted).toBeLessThanOrEqual(ROSTER);
    const counts = results[0]!.counts;
    expect(counts.satisfied + counts.basic + counts.unsatisfied).toBe(accepted);
    expect(counts.notVoting).toBe(ROSTER - accepted);
    expect((await q(`SELECT count(*)::int AS n FROM participations WHERE evaluation_id = $1`, [e.id]))[0].n).toBe(accepted);
    // After the close, a ballot is refused (409), never lost or a 5xx.
    expect(await problemOf(rpc().request(BallotCast, { id: e.id, choice: 'basic' }, { actor: member(1) }))).toMatchObject({ status: 409 });
  });

  it('counts exactly one ballot per member when 50 vote at once with 10 attempts each, across two replicas', async () => {
    const e = await create();
    await checkIn(e.id, range(ROSTER));
    await rpc().request(EvaluationOpen, { id: e.id }, { actor: staff });
    const choices: EvaluationGrade[] = ['satisfied', 'basic', 'unsatisfied'];
    const intended = (i: number) => choices[i % 3 === 0 ? 2 : i % 2];
    const attempts = range(ROSTER).flatMap((i) => range(10).map((k) => rpc().request(BallotCast, { id: e.id, choice: k === 0 ? intended(i) : choices[k % 3] }, { actor: member(i) }).then(() => 'ok', (err: { problem?: { status: number } }) => err.problem?.status)));
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(ROSTER);
    expect(outcomes.filter((o) => o === 409)).toHaveLength(ROSTER * 9);

    // While open: how many have voted, never which way.
    const progress = await rpc().request(EvaluationProgressGet, { id: e.id }, { actor: member(1) });
    expect(progress).toEqual({ evaluationId: e.id, status: 'open', roster: ROSTER, present: ROSTER, ballots: ROSTER });
    expect(await problemOf(rpc().request(EvaluationResultGet, { id: e.id }, { actor: staff }))).toMatchObject({ status: 409 });

    const result = await rpc().request(EvaluationClose, { id: e.id }, { actor: staff });
    const { satisfied, basic, unsatisfied, notVoting } = result.counts;
    expect(satisfied + basic + unsatisfied).toBe(ROSTER);
    expect(notVoting).toBe(0);
    expect(result).toMatchObject({ ballots: ROSTER, present: ROSTER, roster: ROSTER, source: 'electronic' });
    expect(await rpc().request(EvaluationResultGet, { id: e.id }, { actor: member(2) })).toEqual(result);
    expect(await problemOf(rpc().request(BallotCast, { id: e.id, choice: 'satisfied' }, { actor: member(1) }))).toMatchObject({ status: 409 });
  });

  it('refuses a ballot from a member not checked in, not on the roster, or of another unit', async () => {
    const e = await create();
    await checkIn(e.id, range(30));
    await rpc().request(EvaluationOpen, { id: e.id }, { actor: staff });
    expect(await problemOf(rpc().request(BallotCast, { id: e.id, choice: 'satisfied' }, { actor: member(40) }))).toMatchObject({ status: 403, detail: '请先签到，再投票' });
    expect(await problemOf(rpc().request(BallotCast, { id: e.id, choice: 'satisfied' }, { actor: { ...member(1), subject: 'stranger' } }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc().request(BallotCast, { id: e.id, choice: 'satisfied' }, { actor: staff }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc().request(BallotCast, { id: e.id, choice: 'satisfied' }, { actor: zixing }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc().request(BallotCast, { id: e.id, choice: 'abstain' } as never, { actor: member(1) }))).toMatchObject({ status: 400 });
    expect((await q(`SELECT count(*)::int AS n FROM participations WHERE evaluation_id = $1`, [e.id]))[0].n).toBe(0);
    // Once voting is open nobody is marked absent, and the refusal is the same whether the member
    // has voted or not: it tells the clerk nothing about who has voted.
    await rpc().request(BallotCast, { id: e.id, choice: 'basic' }, { actor: member(1) });
    const voted = await problemOf(rpc().request(EvaluationAttendance, { id: e.id, attendance: { present: [], absent: [personId(1)] } }, { actor: staff }));
    const notVoted = await problemOf(rpc().request(EvaluationAttendance, { id: e.id, attendance: { present: [], absent: [personId(2)] } }, { actor: staff }));
    expect(voted).toMatchObject({ status: 409, detail: '投票开始后不能登记缺席' });
    expect({ ...notVoted, requestId: undefined, traceId: undefined }).toEqual({ ...voted, requestId: undefined, traceId: undefined });
    const result = await rpc().request(EvaluationClose, { id: e.id }, { actor: staff });
    expect(result.counts).toEqual({ satisfied: 0, basic: 1, unsatisfied: 0, notVoting: 29 });
    expect(result.grade).toBe('unsatisfied');
    expect(result.deferredReportDue).toBe('2022-09-28');
  });

  it('leaves nothing after closing that links a participation to a ballot', async () => {
    const e = await create();
    await checkIn(e.id, range(ROSTER));
    await rpc().request(EvaluationOpen, { id: e.id }, { actor: staff });
    const box = `ballot_box_${e.id.replace(/-/g, '')}`;
    expect((await q(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'voting' AND tablename = $1`, [box]))[0].n).toBe(1);
    for (const i of range(20)) await rpc().request(BallotCast, { id: e.id, choice: i <= 15 ? 'satisfied' : 'unsatisfied' }, { actor: member(i) });
    await rpc().request(EvaluationClose, { id: e.id }, { actor: staff });

    // The ballot box is gone, with its rows, their order, their xmin and ctid.
    expect((await q(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'voting' AND tablename = $1`, [box]))[0].n).toBe(0);
    // The only ballot boxes left are those of evaluations still open.
    const boxes = (await q(`SELECT tablename FROM pg_tables WHERE schemaname = 'voting' AND tablename LIKE 'ballot_box_%'`)).map((r: { tablename: string }) => r.tablename).sort();
    const open = (await q(`SELECT id FROM evaluations WHERE status = 'open'`)).map((r: { id: string }) => `ballot_box_${r.id.replace(/-/g, '')}`).sort();
    expect(boxes).toEqual(open);
    // The participation table says who voted, and nothing else.
    const columns = await q(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'voting' ORDER BY table_name, ordinal_position`);
    const of = (t: string): string[] => columns.filter((c: { table_name: string }) => c.table_name === t).map((c: { column_name: string }) => c.column_name);
    expect(of('participations')).toEqual(['evaluation_id', 'person_id']);
    // No table holds both a person and a choice; choices survive only as counts.
    const tables = [...new Set(columns.map((c: { table_name: string }) => c.table_name))] as string[];
    for (const t of tables) {
      const cols = of(t);
      const personal = cols.some((c) => /person|subject|member|actor/.test(c));
      const choice = cols.some((c) => /choice|grade|satisfied|ballot/.test(c));
      expect(`${t}: ${personal && choice ? 'links a person to a choice' : 'ok'}`).toBe(`${t}: ok`);
    }
    // The result was written by the closing transaction, not by any voter's.
    const participationXmins = (await q(`SELECT xmin::text AS x FROM participations WHERE evaluation_id = $1`, [e.id])).map((r: { x: string }) => r.x);
    const [resultRow] = await q(`SELECT xmin::text AS x FROM evaluation_results WHERE evaluation_id = $1`, [e.id]);
    expect(participationXmins).toHaveLength(20);
    expect(participationXmins).not.toContain(resultRow.x);
    // Nothing in the audit log or the events names a voter.
    expect((await q(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE '%ballot%' OR action LIKE '%cast%'`))[0].n).toBe(0);
    const envelopes = JSON.stringify(await q(`SELECT envelope FROM outbox WHERE envelope->'payload'->>'evaluationId' = $1`, [e.id]));
    for (const i of range(20)) expect(envelopes).not.toContain(personId(i));
    expect(envelopes).not.toContain('member-');
    // The stored result cannot be altered.
    await expect(q(`UPDATE evaluation_results SET satisfied = 50 WHERE evaluation_id = $1`, [e.id])).rejects.toThrow(/cannot be changed/);
    await expect(q(`DELETE FROM evaluation_results WHERE evaluation_id = $1`, [e.id])).rejects.toThrow(/cannot be changed/);
  });

  it('records a paper count with its clerk and scrutineers, postpones without a vote, and rates the unit', async () => {
    const paper = await create();
    const bad = await problemOf(rpc().request(EvaluationPaperResult, { id: paper.id, present: 40, counts: { satisfied: 30, basic: 5, unsatisfied: 1, notVoting: 0 }, clerk: '李明', scrutineers: ['王芳'], source: 'paper' }, { actor: staff }));
    expect(bad).toMatchObject({ status: 400, errors: [{ field: 'body.counts', rule: 'mismatch' }] });
    const result = await rpc().request(EvaluationPaperResult, { id: paper.id, ...aPaperCount() }, { actor: staff });
    expect(result).toMatchObject({ grade: 'satisfied', source: 'paper', satisfactionRate: 0.9474, clerk: '李明', scrutineers: ['王芳', '赵强'] });

    const later = await create();
    const moved = await rpc().request(EvaluationPostpone, { id: later.id, heldOn: '2022-08-30', reason: '承办单位申请延期报告' }, { actor: staff });
    expect(moved).toMatchObject({ status: 'postponed', heldOn: '2022-08-30', postponedFrom: '2022-06-28' });
    expect((await q(`SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = 'evaluation.postponed.v1'`))[0].n).toBe(1);

    const stats = await rpc().request(EvaluationStatsGet, { unitCode: '431000', from: '2022-01-01', to: '2022-12-31' }, { actor: staff });
    expect(stats.evaluations).toBeGreaterThanOrEqual(4);
    expect(stats.byYear.map((y) => y.year)).toEqual([2022]);
    expect(stats.ballots).toBe(stats.satisfied + stats.basic + stats.unsatisfied);
    const closed = (await q(`SELECT count(*)::int AS n FROM outbox WHERE envelope->>'type' = 'evaluation.closed.v1'`))[0].n;
    expect(closed).toBe(stats.evaluations);
  });
  it('tells each caller what they may do with an evaluation: staff why voting cannot open, a member whether they may vote', async () => {
    const e = await create();
    const byAction = (list: { action: string }[]) => Object.fromEntries(list.map((a) => [a.action, a]));
    expect(byAction(e.allowedActions)).toEqual({
      checkIn: { action: 'checkIn', allowed: false, reason: '你不在本次测评的组成人员名单中' },
      recordAttendance: { action: 'recordAttendance', allowed: true },
      open: { action: 'open', allowed: false, reason: `出席 0 人，未超过组成人员 ${ROSTER} 人的半数，不能开始测评`, to: 'open' },
      paperResult: { action: 'paperResult', allowed: true, to: 'closed' },
      postpone: { action: 'postpone', allowed: true, to: 'postponed' },
    });
    expect(byAction((await rpc().request(EvaluationGet, { id: e.id }, { actor: member(1) })).allowedActions)).toMatchObject({ checkIn: { allowed: true }, open: { allowed: false } });

    await checkIn(e.id, range(30));
    const opened = await rpc().request(EvaluationOpen, { id: e.id }, { actor: staff });
    expect(byAction(opened.allowedActions)).toEqual({
      checkIn: { action: 'checkIn', allowed: false, reason: '你不在本次测评的组成人员名单中' },
      recordAttendance: { action: 'recordAttendance', allowed: true },
      cast: { action: 'cast', allowed: false, reason: '只有常委会组成人员可以投票' },
      close: { action: 'close', allowed: true, to: 'closed' },
    });
    const castFor = async (actor: Actor) => byAction((await rpc().request(EvaluationGet, { id: e.id }, { actor })).allowedActions).cast;
    expect(await castFor(member(1))).toEqual({ action: 'cast', allowed: true });
    expect(await castFor(member(40))).toEqual({ action: 'cast', allowed: false, reason: '请先签到，再投票' });
    expect(await castFor(zixing)).toEqual({ action: 'cast', allowed: false, reason: '只能操作本单位的测评' });
    await rpc().request(BallotCast, { id: e.id, choice: 'satisfied' }, { actor: member(1) });
    expect(await castFor(member(1))).toEqual({ action: 'cast', allowed: false, reason: '你已经投过票，选票不能更改或撤回' });

    // A list computes the same for each item, with the caller's standing read for the whole page.
    const page = await rpc().request(EvaluationList, { unitCodes: ['431000'], status: 'open', limit: 50 }, { actor: member(1) });
    expect(byAction(page.items.find((x) => x.id === e.id)!.allowedActions).cast).toEqual({ action: 'cast', allowed: false, reason: '你已经投过票，选票不能更改或撤回' });
    const staffPage = await rpc().request(EvaluationList, { unitCodes: ['431000'], limit: 50 }, { actor: staff });
    expect(staffPage.items.every((x) => Array.isArray(x.allowedActions))).toBe(true);
    await rpc().request(EvaluationClose, { id: e.id }, { actor: staff });
    expect((await rpc().request(EvaluationGet, { id: e.id }, { actor: staff })).allowedActions).toEqual([]);
  });

  it('refuses every write by another unit\'s staff with 403, without the gateway looking the evaluation up first', async () => {
    const e = await create();
    await checkIn(e.id, range(30));
    const open = await create();
    await checkIn(open.id, range(30));
    await rpc().request(EvaluationOpen, { id: open.id }, { actor: staff });
    const refusals = [
      rpc().request(EvaluationCreate, anEvaluation(), { actor: zixingStaff }),
      rpc().request(EvaluationAttendance, { id: e.id, attendance: { present: [personId(31)], absent: [] } }, { actor: zixingStaff }),
      rpc().request(EvaluationAttendance, { id: e.id, attendance: { self: true } }, { actor: zixing }),
      rpc().request(EvaluationOpen, { id: e.id }, { actor: zixingStaff }),
      rpc().request(EvaluationPostpone, { id: e.id, heldOn: '2022-08-30', reason: '越权延期' }, { actor: zixingStaff }),
      rpc().request(EvaluationPaperResult, { id: e.id, ...aPaperCount() }, { actor: zixingStaff }),
      rpc().request(BallotCast, { id: open.id, choice: 'satisfied' }, { actor: zixing }),
      rpc().request(EvaluationClose, { id: open.id }, { actor: zixingStaff }),
      rpc().request(EvaluationRuleSet, { unitCode: '431000', quorumAbove: 0.6, base: 'present', satisfiedAbove: 0.5, acceptableAbove: 0.5, deferredReportMonths: 3 }, { actor: zixingStaff }),
    ];
    for (const problem of await Promise.all(refusals.map((r) => problemOf(r)))) expect(problem).toMatchObject({ status: 403 });
    // Nothing changed.
    expect(await rpc().request(EvaluationGet, { id: e.id }, { actor: staff })).toMatchObject({ status: 'draft', present: 30, heldOn: '2022-06-28' });
    expect(await rpc().request(EvaluationProgressGet, { id: open.id }, { actor: staff })).toMatchObject({ status: 'open', ballots: 0 });
    expect((await rpc().request(EvaluationRuleGet, { unitCode: '431000' }, { actor: staff })).quorumAbove).toBe(0.5);
    await rpc().request(EvaluationClose, { id: open.id }, { actor: staff });
  });

  it('lets only the unit\'s administrator set its counting rule, which later evaluations are counted under', async () => {
    const rule = { unitCode: '431000', quorumAbove: 0.5, base: 'present' as const, satisfiedAbove: 0.5, acceptableAbove: 0.5, deferredReportMonths: 3 };
    expect(await problemOf(rpc().request(EvaluationRuleSet, rule, { actor: staff }))).toMatchObject({ status: 403, detail: '只有本单位的单位管理员可以设置测评规则' });
    expect(await rpc().request(EvaluationRuleSet, { ...rule, deferredReportMonths: 4 }, { actor: admin })).toMatchObject({ deferredReportMonths: 4 });
    expect((await create()).rule.deferredReportMonths).toBe(4);
    await rpc().request(EvaluationRuleSet, rule, { actor: admin });
  });
});
