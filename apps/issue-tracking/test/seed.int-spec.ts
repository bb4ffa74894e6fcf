import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ExtensionList, LookBackList, OpinionGet, ProblemCountsGet, ProblemHistory, ProblemList, type ProblemStatus } from '@congress/contracts';
import type { RpcClient } from '@congress/messaging';
import { issueActors, startServiceUnderTest, FGW_BODY, STHJJ_BODY, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { IssueTrackingEnv } from '../src/config.js';
import { OverdueWatch } from '../src/problems/overdue-watch.js';
import { ENVIRONMENT_EVALUATION_ID, demoOpinionId, demoProjectId, seedIssues } from '../src/seed/demo-issues.js';

const FGW = FGW_BODY; // 郴州市发展和改革委员会
const STHJJ = STHJJ_BODY; // 郴州市生态环境局
const { staff, fgw, sthjj } = issueActors;
const STATUSES: ProblemStatus[] = ['draft', 'assigned', 'rectifying', 'close-requested', 'closed', 'extended', 'reopened'];
const TABLES = ['opinions', 'findings', 'project_refs', 'problems', 'problem_progress', 'close_requests', 'extensions', 'look_backs', 'problem_history', 'evaluation_outcomes'];

describe('demo problem lists of 郴州 (in process, real Postgres and NATS)', () => {
  let sut: ServiceUnderTest<IssueTrackingEnv>;
  let rpc: RpcClient;
  let first: { opinions: number; problems: number };

  const q = (sql: string, params: unknown[] = []) => sut.dataSource.query(sql, params);
  const tableCounts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await q(`SELECT count(*) FROM ${t}`))[0].count)] as const)));

  beforeAll(async () => {
    sut = await startServiceUnderTest({ service: 'issue-tracking', env: IssueTrackingEnv, module: (config, logger) => AppModule.register(config, logger), extraEnv: { OVERDUE_CHECK_MS: '0' }, requestTimeoutMs: 5000 });
    rpc = sut.rpc;
    first = await seedIssues(sut.dataSource);
  }, 60_000);

  afterAll(async () => sut?.stop());

  it('loads once: seeding again adds nothing and leaves every count as it was', async () => {
    expect(first.opinions).toBe(20);
    expect(first.problems).toBeGreaterThanOrEqual(90);
    const before = await tableCounts();
    expect(before.problems).toBe(first.problems);
    expect(await seedIssues(sut.dataSource)).toEqual({ opinions: 0, problems: 0 });
    expect(await tableCounts()).toEqual(before);
    // Nothing went to the outbox: a data load, not a workflow.
    expect(Number((await q(`SELECT count(*) FROM outbox`))[0].count)).toBe(0);
  });

  it('has the 2021 business-environment opinion with its 28 problems, all closed by verification', async () => {
    const id = demoOpinionId('business2021');
    const opinion = await rpc.request(OpinionGet, { id }, { actor: staff });
    expect(opinion).toMatchObject({
      projectId: demoProjectId('business2021'),
      session: '市五届人大常委会第三十三次会议',
      deliberatedOn: '2021-04-28',
      status: 'transmitted',
      reportDueDate: '2021-10-31',
      problemCount: 28,
    });
    const rows: { status: string; percent: number; number: string; closed_at: Date; closed_by: string; accepted: number }[] = await q(
      `SELECT status, percent, number, closed_at, closed_by,
         (SELECT count(*)::int FROM close_requests c WHERE c.problem_id = p.id AND c.outcome = 'accepted') AS accepted
       FROM problems p WHERE opinion_id = $1 ORDER BY sequence`,
      [id],
    );
    expect(rows).toHaveLength(28);
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => `431000-2021-01-${String(i + 1).padStart(3, '0')}`));
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'closed', percent: 100, accepted: 1 });
      expect(r.closed_by).toBeTruthy();
      expect(r.closed_at.getTime()).toBeGreaterThanOrEqual(Date.parse('2021-11-01T00:00:00+08:00'));
      expect(r.closed_at.getTime()).toBeLessThan(Date.parse('2022-02-01T00:00:00+08:00'));
    }
    const [problem] = await q(`SELECT id FROM problems WHERE opinion_id = $1 AND sequence = 1`, [id]);
    const history = await rpc.request(ProblemHistory, { id: problem.id }, { actor: staff });
    expect(history.items.map((h) => h.action)).toEqual(['create', 'assign', 'progress', 'progress', 'close-request', 'close']);
    expect(history.items.at(-1)).toMatchObject({ fromStatus: 'close-requested', toStatus: 'closed' });
    const sorted = [...history.items].sort((a, b) => a.at.localeCompare(b.at));
    expect(sorted).toEqual(history.items);
  });

  it('has every status, overdue problems already announced, and a pending extension request', async () => {
    const counts = await rpc.request(ProblemCountsGet, { unitCodes: ['431000'] }, { actor: staff });
    expect(counts.total).toBe(first.problems);
    for (const s of STATUSES) expect(counts.byStatus[s]).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);

    const { items } = await rpc.request(ProblemList, { unitCodes: ['431000'], limit: 200 }, { actor: staff });
    expect(items).toHaveLength(first.problems);
    const lights = new Set(items.filter((p) => !['draft', 'closed'].includes(p.status)).map((p) => p.light));
    expect([...lights].sort()).toEqual(['green', 'red', 'yellow']);
    // Every item says what the caller may do with it: staff verify a close-out request.
    const requested = items.find((p) => p.status === 'close-requested')!;
    expect(requested.allowedActions.filter((a) => a.allowed).map((a) => a.action)).toEqual(['accept', 'send-back']);

    // Loading the demo fires no burst of overdue events: those already overdue count as announced.
    expect(await sut.app.get(OverdueWatch).runOnce()).toBe(0);
    expect(Number((await q(`SELECT count(*) FROM outbox WHERE subject LIKE 'problem.overdue%'`))[0].count)).toBe(0);

    const extended = items.filter((p) => p.status === 'extended');
    for (const p of extended) {
      const extensions = await rpc.request(ExtensionList, { id: p.id }, { actor: staff });
      expect(extensions.items.find((e) => e.status === 'approved' && e.proposedDeadline === p.deadline)).toBeDefined();
    }
    const [{ pending }] = await q(`SELECT count(*)::int AS pending FROM extensions WHERE status = 'pending'`);
    expect(pending).toBeGreaterThan(0);
  });

  it('keeps the 2019 look-backs (one failed and reopened, now overdue) and the 2020 evaluation', async () => {
    const [reopened] = await q(`SELECT id, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM problems WHERE opinion_id = $1 AND status = 'reopened'`, [demoOpinionId('waterLaws2019')]);
    expect(reopened.deadline).toBe('2022-06-30');
    const lookBacks = await rpc.request(LookBackList, { id: reopened.id }, { actor: staff });
    expect(lookBacks.items.map((l) => [l.checkedOn.slice(0, 4), l.result])).toEqual([
      ['2020', 'passed'],
      ['2021', 'failed'],
    ]);
    const history = await rpc.request(ProblemHistory, { id: reopened.id }, { actor: staff });
    expect(history.items.at(-1)).toMatchObject({ action: 'reopen', fromStatus: 'closed', toStatus: 'reopened' });
    const [{ closed, lookBacks: looked }] = await q(
      `SELECT count(*) FILTER (WHERE status = 'closed')::int AS closed,
         (SELECT count(*)::int FROM look_backs l JOIN problems p ON p.id = l.problem_id WHERE p.opinion_id = $1) AS "lookBacks"
       FROM problems WHERE opinion_id = $1`,
      [demoOpinionId('waterLaws2019')],
    );
    expect({ closed, looked }).toEqual({ closed: 9, looked: 20 });

    const [outcome] = await q(`SELECT o.last_evaluation_passed, e.grade, e.passed, e.applied_at FROM opinions o JOIN evaluation_outcomes e ON e.opinion_id = o.id WHERE e.evaluation_id = $1`, [ENVIRONMENT_EVALUATION_ID]);
    expect(outcome).toMatchObject({ last_evaluation_passed: true, grade: 'satisfied', passed: true });
    expect(outcome.applied_at.toISOString().slice(0, 10)).toBe('2022-06-28');
  });

  it('gives each demo liaison several problems of its own body to look at', async () => {
    for (const [actor, bodyId] of [
      [fgw, FGW],
      [sthjj, STHJJ],
    ] as const) {
      const counts = await rpc.request(ProblemCountsGet, { unitCodes: ['431000'] }, { actor });
      expect(counts.total).toBeGreaterThanOrEqual(5);
      const open = counts.byStatus.assigned + counts.byStatus.rectifying + counts.byStatus.extended + counts.byStatus.reopened + counts.byStatus['close-requested'];
      expect(open).toBeGreaterThanOrEqual(3);
      const { items } = await rpc.request(ProblemList, { unitCodes: ['431000'], limit: 200 }, { actor });
      expect(items).toHaveLength(counts.total);
      for (const p of items) expect([p.responsibleBodyId, ...p.coBodyIds]).toContain(bodyId);
    }
  });
});
