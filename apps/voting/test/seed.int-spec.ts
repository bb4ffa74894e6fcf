import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EvaluationGet, EvaluationList, EvaluationResultGet, EvaluationRosterGet, EvaluationStatsGet, type Actor } from '@congress/contracts';
import { problemOf, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { VotingEnv } from '../src/config.js';
import { AppModule } from '../src/app.module.js';
import { deferredReportDue, grade } from '../src/evaluations/evaluation.rules.js';
import { ENVIRONMENT_EVALUATION_ID, seedEvaluations } from '../src/seed/demo-evaluations.js';

const staff: Actor = { subject: 's1', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] };
const TABLES = ['evaluations', 'evaluation_roster', 'evaluation_results', 'participations', 'result_corrections', 'outbox', 'audit_log'];
// Ids other services' demo data use (apps/issue-tracking/src/seed/demo-issues.ts, apps/project-library/src/seed/demo-projects.ts).
const ISSUES_ENVIRONMENT_EVALUATION = '4833b1ef-3281-5774-a1ec-bfe2630e77a8';
const ENVIRONMENT_PROJECT = '2c24c2b9-ca9f-5399-941e-d0d55cb228ca';
const ENVIRONMENT_OPINION = '7a2d0d5d-83d4-5360-bc70-e4e0b2334d8a';
const CITY_GOVERNMENT = '6abb15db-475f-5dbe-8077-e103953c4c45';

describe('demo satisfaction evaluations of 郴州 (in process, real Postgres and NATS)', () => {
  let svc: ServiceUnderTest<VotingEnv>;
  let first: { evaluations: number };

  const q = (sql: string, params: unknown[] = []) => svc.dataSource.query(sql, params);
  const rpc = () => svc.rpc;
  const tableCounts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await q(`SELECT count(*) FROM ${t}`))[0].count)] as const)));

  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'voting', env: VotingEnv, module: (config, logger) => AppModule.register(config, logger) });
    first = await seedEvaluations(svc.dataSource);
  }, 60_000);

  afterAll(async () => svc?.stop());

  it('loads 39 closed evaluations once: seeding again adds nothing and changes no count', async () => {
    expect(first).toEqual({ evaluations: 39 });
    const before = await tableCounts();
    expect(before).toMatchObject({ evaluations: 39, evaluation_results: 39, participations: 0, result_corrections: 0, outbox: 0, audit_log: 0 });
    expect(await seedEvaluations(svc.dataSource)).toEqual({ evaluations: 0 });
    expect(await tableCounts()).toEqual(before);
    const statuses = await q(`SELECT status, count(*)::int AS n FROM evaluations GROUP BY status`);
    expect(statuses).toEqual([{ status: 'closed', n: 39 }]);
    const years = await q(`SELECT extract(year FROM held_on)::int AS year, count(*)::int AS n FROM evaluations GROUP BY 1 ORDER BY 1`);
    expect(years.map((y: { year: number }) => y.year)).toEqual([2019, 2020, 2021, 2022]);
  });

  it('rates the unit above 90% overall through the stats request', async () => {
    const stats = await rpc().request(EvaluationStatsGet, { unitCode: '431000' }, { actor: staff });
    expect(stats.evaluations).toBe(39);
    expect(stats.satisfactionRate).toBeGreaterThan(0.9);
    expect(stats.ballots).toBe(stats.satisfied + stats.basic + stats.unsatisfied);
    expect(stats.grades.unsatisfied).toBe(1);
    expect(stats.byYear.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022]);
    expect(stats.byBody.length).toBeGreaterThanOrEqual(10);
  });

  it('stores paper counts consistent with grade() under the stored rule, on rosters of 45 or 46 with 38–44 present', async () => {
    const rows = await q(
      `SELECT e.id, to_char(e.held_on, 'YYYY-MM-DD') AS held_on, e.session, r.*, r.satisfaction_rate::float AS rate, r.satisfied_rate::float AS srate, to_char(r.deferred_report_due, 'YYYY-MM-DD') AS due,
         (SELECT count(*)::int FROM evaluation_roster x WHERE x.evaluation_id = e.id) AS frozen,
         (SELECT count(*)::int FROM evaluation_roster x WHERE x.evaluation_id = e.id AND x.present) AS attended
       FROM evaluations e JOIN evaluation_results r ON r.evaluation_id = e.id`,
    );
    for (const r of rows) {
      const counts = { satisfied: r.satisfied, basic: r.basic, unsatisfied: r.unsatisfied, notVoting: r.not_voting };
      const tally = grade(counts, r.present, r.roster, r.rule);
      expect({ grade: r.grade, base: r.base, rate: r.rate, srate: r.srate, due: r.due }).toEqual({
        grade: tally.grade,
        base: tally.base,
        rate: tally.satisfactionRate,
        srate: tally.satisfiedRate,
        due: tally.passed ? null : deferredReportDue(r.held_on, r.rule.deferredReportMonths),
      });
      expect(r.rule).toEqual({ quorumAbove: 0.5, base: 'present', satisfiedAbove: 0.5, acceptableAbove: 0.5, deferredReportMonths: 3 });
      expect(r.roster).toBe(r.session.includes('六届') ? 46 : 45);
      expect([r.frozen, r.attended]).toEqual([r.roster, r.present]);
      expect(r.present).toBeGreaterThanOrEqual(38);
      expect(r.present).toBeLessThanOrEqual(44);
      expect(r.satisfied + r.basic + r.unsatisfied + r.not_voting).toBe(r.present);
      expect(r.source).toBe('paper');
      expect(r.clerk).toEqual(expect.any(String));
      expect(r.scrutineers.length).toBeGreaterThanOrEqual(1);
      expect(r.scrutineers.length).toBeLessThanOrEqual(2);
    }
  });

  it('has exactly one unsatisfied result with a deferred report due, and the deferred report evaluated later and passed', async () => {
    const unsatisfied = await q(
      `SELECT e.project_id, e.body_id, to_char(e.held_on, 'YYYY-MM-DD') AS held_on, to_char(r.deferred_report_due, 'YYYY-MM-DD') AS due
       FROM evaluations e JOIN evaluation_results r ON r.evaluation_id = e.id WHERE r.grade = 'unsatisfied'`,
    );
    expect(unsatisfied).toHaveLength(1);
    const [u] = unsatisfied;
    expect(u).toMatchObject({ held_on: '2020-08-27', due: '2020-11-27' });
    expect((await q(`SELECT count(*)::int AS n FROM evaluation_results WHERE deferred_report_due IS NOT NULL`))[0].n).toBe(1);
    const later = await q(
      `SELECT e.report_title, r.grade FROM evaluations e JOIN evaluation_results r ON r.evaluation_id = e.id WHERE e.project_id = $1 AND e.body_id = $2 AND e.held_on > $3::date`,
      [u.project_id, u.body_id, u.held_on],
    );
    expect(later).toHaveLength(1);
    expect(later[0].report_title).toContain('延期报告');
    expect(later[0].grade).not.toBe('unsatisfied');
  });

  it('holds the 2022-06-28 evaluation of the 2020 environment report under the id issue-tracking records its outcome by', async () => {
    expect(ENVIRONMENT_EVALUATION_ID).toBe(ISSUES_ENVIRONMENT_EVALUATION);
    const e = await rpc().request(EvaluationGet, { id: ENVIRONMENT_EVALUATION_ID }, { actor: staff });
    expect(e).toMatchObject({
      unitCode: '431000',
      status: 'closed',
      heldOn: '2022-06-28',
      session: '市六届人大常委会第四次会议',
      projectId: ENVIRONMENT_PROJECT,
      opinionId: ENVIRONMENT_OPINION,
      bodyId: CITY_GOVERNMENT,
      roster: 46,
      ballots: 0,
    });
    expect(e.createdAt.slice(0, 10)).toBe('2022-06-28');
    expect(new Date(e.closedAt!).toISOString().slice(0, 10)).toBe('2022-06-28');
    const result = await rpc().request(EvaluationResultGet, { id: e.id }, { actor: staff });
    expect(result).toMatchObject({ grade: 'satisfied', passed: true, source: 'paper', deferredReportDue: null, present: e.present });
    const roster = await rpc().request(EvaluationRosterGet, { id: e.id }, { actor: staff });
    expect(roster.items).toHaveLength(46);
    expect(roster.items.filter((m) => m.present)).toHaveLength(result.present);
    const business = await rpc().request(EvaluationList, { unitCodes: ['431000'], limit: 200 }, { actor: staff });
    expect(business.items).toHaveLength(39);
    expect(business.items.some((x) => x.heldOn.startsWith('2021') && x.reportTitle.includes('优化营商环境'))).toBe(true);
  });

  it('pages through all 39 by meeting date, latest first, without repeating or skipping one', async () => {
    const seen: { id: string; heldOn: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await rpc().request(EvaluationList, { unitCodes: ['431000'], limit: 10, cursor }, { actor: staff });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen.map((e) => e.id)).size).toBe(39);
    expect(seen.map((e) => e.heldOn)).toEqual([...seen.map((e) => e.heldOn)].sort().reverse());
    expect(await problemOf(rpc().request(EvaluationList, { unitCodes: ['431000'], limit: 10, cursor: 'not-a-cursor' }, { actor: staff }))).toMatchObject({ status: 400 });
  });
});
