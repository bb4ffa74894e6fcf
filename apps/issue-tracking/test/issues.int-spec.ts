import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AttachmentRegister,
  CloseRequest,
  EvaluationClosed,
  ExtensionDecide,
  ExtensionRequest,
  FindingCreate,
  FindingImport,
  LookBackRecord,
  OpinionCreate,
  OpinionGet,
  OpinionTransmit,
  ProblemCountsGet,
  ProblemCreate,
  ProblemGet,
  ProblemHistory,
  ProblemImport,
  ProblemList,
  ProblemUpdate,
  ProblemVerify,
  ProgressReport,
  ProjectProblemFacts,
  type Actor,
  type ProblemInput,
} from '@congress/contracts';
import { RpcClient, WireNames, connectNats, jetstream, type NatsConnection } from '@congress/messaging';
import { newId } from '@congress/persistence';
import { createServiceApp, loadConfig, ServiceRuntime } from '@congress/service-kit';
import { createLogger } from '@congress/telemetry';
import { createTestDatabase, createTestNamespace, eventually, problemOf, serviceEnv, type TestDatabase } from '@congress/testing';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module.js';
import { IssueTrackingEnv } from '../src/config.js';
import { OverdueWatch } from '../src/problems/overdue-watch.js';

const FGW = 'a5e55adf-9030-5f99-9178-0586395daf56'; // 郴州市发展和改革委员会
const STHJJ = '267af8e2-ea90-591b-ad08-e7945d5f1fdf'; // 郴州市生态环境局
const staff: Actor = { subject: 's1', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] };
const leader: Actor = { subject: 'l1', username: 'chenzhou-leader', unitCode: '431000', roles: ['leader', 'member'] };
const member: Actor = { subject: 'm1', username: 'chenzhou-member01', unitCode: '431000', roles: ['member'] };
const fgw: Actor = { subject: 'f1', username: 'chenzhou-fgw', unitCode: '431000', roles: ['body-liaison'], bodyId: FGW };
const sthjj: Actor = { subject: 'e1', username: 'chenzhou-sthjj', unitCode: '431000', roles: ['body-liaison'], bodyId: STHJJ };
const zixing: Actor = { subject: 'z1', username: 'zixing-staff', unitCode: '431081', roles: ['staff'] };

const aProblem = (overrides: Partial<ProblemInput> = {}): ProblemInput => ({
  description: '工程建设项目审批环节多、时限长，企业反映强烈',
  place: '市政务服务中心',
  category: '审批服务',
  responsibleBodyId: FGW,
  coBodyIds: [],
  responsiblePerson: '孙涛',
  deadline: '2099-12-31',
  measures: '',
  requiredEvidence: [],
  findingId: null,
  ...overrides,
});

async function startApp(dbUrl: string, namespace: string, extra: Record<string, string> = {}) {
  const config = loadConfig('issue-tracking', IssueTrackingEnv, serviceEnv(dbUrl, namespace, { OVERDUE_CHECK_MS: '0', ...extra }));
  const logger = createLogger('issue-tracking', process.env.LOG_LEVEL ?? 'silent');
  const app = await createServiceApp({ service: 'issue-tracking', config, logger, module: AppModule.register(config, logger) });
  await app.init();
  return app;
}

describe('issue tracking (in process, real Postgres and NATS)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let app: INestApplication;
  let runtime: ServiceRuntime;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const projectId = newId();
  const ref = { projectId, unitCode: '431000', year: 2021 };

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    app = await startApp(db.url, ns.namespace);
    runtime = app.get(ServiceRuntime);
    nc = await connectNats({ servers: loadConfig('issue-tracking', IssueTrackingEnv, serviceEnv(db.url, ns.namespace)).NATS_URL });
    rpc = new RpcClient(nc, new WireNames(ns.namespace), 5000);
  }, 60_000);

  afterAll(async () => {
    await nc?.drain();
    await app?.close();
    await ns?.cleanup();
    await db?.drop();
  });

  const q = (sql: string, params: unknown[] = []) => runtime.dataSource.query(sql, params);
  const outboxCount = async (type: string, problemId?: string) =>
    Number(
      (await q(`SELECT count(*) FROM outbox WHERE envelope->>'type' = $1 AND ($2::text IS NULL OR envelope->'payload'->>'problemId' = $2)`, [type, problemId ?? null]))[0].count,
    );
  const statusOf = async (id: string) => (await q(`SELECT status FROM problems WHERE id = $1`, [id]))[0].status as string;

  /** An opinion transmitted with the given problems; returns their ids. */
  async function transmitted(problems: Partial<ProblemInput>[], project = projectId) {
    const opinion = await rpc.request(OpinionCreate, { ...ref, projectId: project, session: '市五届人大常委会第三十三次会议', deliberatedOn: '2021-04-28', text: '审议意见：进一步优化营商环境。'.repeat(2), findingIds: [] }, { actor: staff });
    const { ids } = await rpc.request(ProblemImport, { opinionId: opinion.id, problems: problems.map(aProblem) }, { actor: staff });
    await rpc.request(OpinionTransmit, { id: opinion.id, reportDueDate: '2099-06-30' }, { actor: staff });
    return { opinionId: opinion.id, ids };
  }

  it('turns findings into a numbered draft list, and transmits it only when every problem has a deadline', async () => {
    const finding = await rpc.request(FindingCreate, { ...ref, description: '不动产登记"一窗受理"未落实，群众多头跑', place: '市不动产登记中心', category: '政务服务', suggestedBodyId: FGW }, { actor: staff });
    const orphan = await rpc.request(FindingCreate, { ...ref, description: '没有建议责任单位的一条发现', place: '', category: '', suggestedBodyId: null }, { actor: staff });
    const refused = await problemOf(rpc.request(OpinionCreate, { ...ref, session: '市五届人大常委会第三十三次会议', deliberatedOn: '2021-04-28', text: '审议意见正文，至少十个字。', findingIds: [finding.id, orphan.id] }, { actor: staff }));
    expect(refused).toMatchObject({ status: 400, errors: [{ field: 'findingIds[1]', rule: 'no_responsible_body' }] });

    const opinion = await rpc.request(OpinionCreate, { ...ref, session: '市五届人大常委会第三十三次会议', deliberatedOn: '2021-04-28', text: '审议意见正文，至少十个字。', findingIds: [finding.id] }, { actor: staff });
    expect(opinion).toMatchObject({ status: 'draft', problemCount: 1 });
    const second = await rpc.request(ProblemCreate, { opinionId: opinion.id, ...aProblem({ deadline: null, responsibleBodyId: STHJJ }) }, { actor: staff });
    expect(second).toMatchObject({ status: 'draft', number: expect.stringMatching(/^431000-2021-\d{2}-002$/) });

    const noDeadline = await problemOf(rpc.request(OpinionTransmit, { id: opinion.id, reportDueDate: '2021-10-31' }, { actor: staff }));
    expect(noDeadline).toMatchObject({ status: 400, errors: [{ field: 'body.defaultDeadline', rule: 'required' }] });
    expect(await outboxCount('problem.assigned.v1')).toBe(0);

    expect(await problemOf(rpc.request(OpinionTransmit, { id: opinion.id, reportDueDate: '2021-10-31', defaultDeadline: '2021-10-31' }, { actor: fgw }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc.request(OpinionTransmit, { id: opinion.id, reportDueDate: '2021-10-31', defaultDeadline: '2021-10-31' }, { actor: zixing }))).toMatchObject({ status: 403 });
    const sent = await rpc.request(OpinionTransmit, { id: opinion.id, reportDueDate: '2021-10-31', defaultDeadline: '2021-10-31' }, { actor: staff });
    expect(sent).toMatchObject({ status: 'transmitted', reportDueDate: '2021-10-31' });
    expect(await problemOf(rpc.request(OpinionTransmit, { id: opinion.id, reportDueDate: '2021-10-31' }, { actor: staff }))).toMatchObject({ status: 409 });
    const problem = await rpc.request(ProblemGet, { id: second.id }, { actor: staff });
    expect(problem).toMatchObject({ status: 'assigned', deadline: '2021-10-31', overdue: true, light: 'red' });
    expect(await outboxCount('problem.assigned.v1')).toBe(2);
    expect(await outboxCount('opinion.transmitted.v1')).toBe(1);
  });

  it('takes a problem through progress, close-out with evidence, send-back and verified close, each by whom it may', async () => {
    const { ids: [id] } = await transmitted([{ requiredEvidence: ['document', 'site-photo'] }]);
    // Another body's liaison learns nothing and changes nothing; a member may not act.
    expect(await problemOf(rpc.request(ProgressReport, { id, text: '已整改', percent: 50, attachmentIds: [] }, { actor: sthjj }))).toMatchObject({ status: 404 });
    expect(await problemOf(rpc.request(ProblemGet, { id }, { actor: sthjj }))).toMatchObject({ status: 404 });
    expect(await problemOf(rpc.request(ProgressReport, { id, text: '已整改', percent: 50, attachmentIds: [] }, { actor: member }))).toMatchObject({ status: 403 });
    expect(await statusOf(id)).toBe('assigned');

    await rpc.request(ProgressReport, { id, text: '已完成审批流程再造方案', percent: 60, attachmentIds: [] }, { actor: fgw });
    expect(await rpc.request(ProblemGet, { id }, { actor: fgw })).toMatchObject({ status: 'rectifying', percent: 60, light: 'green' });

    // Close-out without the evidence it requires: refused, with what is missing.
    const doc = await rpc.request(AttachmentRegister, { ownerType: 'problem', ownerId: id, name: '整改报告.pdf', contentType: 'application/pdf', size: 1000, sha256: 'a'.repeat(64), evidence: 'document', blobKey: `k-${newId()}` }, { actor: fgw });
    const missing = await problemOf(rpc.request(CloseRequest, { id, text: '已整改完毕', attachmentIds: [doc.id] }, { actor: fgw }));
    expect(missing).toMatchObject({ status: 400 });
    expect(missing.errors?.map((e) => e.message)).toEqual(['缺少证明材料：现场照片（site-photo）']);
    expect(await statusOf(id)).toBe('rectifying');
    const photo = await rpc.request(AttachmentRegister, { ownerType: 'problem', ownerId: id, name: '现场.jpg', contentType: 'image/jpeg', size: 1000, sha256: 'b'.repeat(64), evidence: 'site-photo', blobKey: `k-${newId()}` }, { actor: fgw });
    await rpc.request(CloseRequest, { id, text: '已整改完毕', attachmentIds: [doc.id, photo.id] }, { actor: fgw });
    expect(await statusOf(id)).toBe('close-requested');

    // Only unit staff verify; a send-back needs a reason and returns it to rectifying.
    expect(await problemOf(rpc.request(ProblemVerify, { id, decision: 'accept', note: '' }, { actor: fgw }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc.request(ProblemVerify, { id, decision: 'send-back' } as never, { actor: staff }))).toMatchObject({ status: 400 });
    await rpc.request(ProblemVerify, { id, decision: 'send-back', reason: '现场照片不能反映整改效果' }, { actor: staff });
    expect(await statusOf(id)).toBe('rectifying');
    await rpc.request(CloseRequest, { id, text: '补充了现场照片', attachmentIds: [doc.id, photo.id] }, { actor: fgw });
    const closed = await rpc.request(ProblemVerify, { id, decision: 'accept', note: '现场核查属实' }, { actor: staff });
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'chenzhou-staff', percent: 100 });
    expect(await problemOf(rpc.request(ProgressReport, { id, text: '再报一次', percent: 100, attachmentIds: [] }, { actor: fgw }))).toMatchObject({ status: 409 });

    const history = await rpc.request(ProblemHistory, { id }, { actor: staff });
    expect(history.items.map((h) => h.action)).toEqual(['create', 'assign', 'progress', 'close-request', 'send-back', 'close-request', 'close']);
    expect(await outboxCount('problem.closed.v1', id)).toBe(1);
    expect(await outboxCount('problem.close-requested.v1', id)).toBe(2);
  });

  it('extends a deadline only with a leader’s approval, and reopens a problem that fails its look-back', async () => {
    const { ids: [id] } = await transmitted([{ deadline: '2099-03-31' }]);
    const ext = await rpc.request(ExtensionRequest, { id, reason: '涉及多部门协调，需延长时限', proposedDeadline: '2099-09-30' }, { actor: fgw });
    expect(ext).toMatchObject({ status: 'pending', previousDeadline: '2099-03-31' });
    expect(await problemOf(rpc.request(ExtensionRequest, { id, reason: '再申请一次', proposedDeadline: '2099-10-30' }, { actor: fgw }))).toMatchObject({ status: 409 });
    // The leader's to-do list: problems with an extension request awaiting a decision.
    const awaiting = async () => (await rpc.request(ProblemList, { unitCodes: ['431000'], extension: 'pending', limit: 500 }, { actor: leader })).items.map((p) => p.id);
    expect(await awaiting()).toContain(id);
    expect(await problemOf(rpc.request(ExtensionDecide, { id, extensionId: ext.id, decision: 'approve', reason: '' }, { actor: staff }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc.request(ExtensionDecide, { id, extensionId: ext.id, decision: 'approve', reason: '' }, { actor: sthjj }))).toMatchObject({ status: 404 });
    const approved = await rpc.request(ExtensionDecide, { id, extensionId: ext.id, decision: 'approve', reason: '同意' }, { actor: leader });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'chenzhou-leader' });
    expect(await rpc.request(ProblemGet, { id }, { actor: staff })).toMatchObject({ status: 'extended', deadline: '2099-09-30' });
    expect(await outboxCount('problem.extended.v1', id)).toBe(1);
    expect(await awaiting()).not.toContain(id);

    const refusedExt = await rpc.request(ExtensionRequest, { id, reason: '还要再延', proposedDeadline: '2099-12-30' }, { actor: fgw });
    await rpc.request(ExtensionDecide, { id, extensionId: refusedExt.id, decision: 'refuse', reason: '理由不充分' }, { actor: leader });
    expect(await rpc.request(ProblemGet, { id }, { actor: staff })).toMatchObject({ deadline: '2099-09-30' });

    // A look-back needs a closed problem.
    expect(await problemOf(rpc.request(LookBackRecord, { id, checkedOn: '2099-10-01', result: 'passed', note: '复查' }, { actor: staff }))).toMatchObject({ status: 409 });
    await rpc.request(CloseRequest, { id, text: '整改完毕', attachmentIds: [] }, { actor: fgw });
    await rpc.request(ProblemVerify, { id, decision: 'accept', note: '' }, { actor: staff });
    expect(await problemOf(rpc.request(LookBackRecord, { id, checkedOn: '2099-10-01', result: 'failed', note: '问题反弹' }, { actor: staff }))).toMatchObject({ status: 400 });
    await rpc.request(LookBackRecord, { id, checkedOn: '2099-10-01', result: 'failed', note: '问题反弹', newDeadline: '2099-12-31' }, { actor: staff });
    expect(await rpc.request(ProblemGet, { id }, { actor: staff })).toMatchObject({ status: 'reopened', deadline: '2099-12-31', closedAt: null });
    expect(await outboxCount('problem.reopened.v1', id)).toBe(1);
  });

  it('lets the responsible body fill in its measures, and keeps the deadline to the extension procedure', async () => {
    const { ids: [id] } = await transmitted([{}]);
    const v1 = await rpc.request(ProblemGet, { id }, { actor: staff });
    const withMeasures = await rpc.request(ProblemUpdate, { id, expectedVersion: v1.version, measures: '制定审批流程再造方案，压减审批时限至 60 个工作日' }, { actor: fgw });
    expect(withMeasures.measures).toContain('审批流程再造');
    expect(await problemOf(rpc.request(ProblemUpdate, { id, expectedVersion: withMeasures.version, description: '联络员改写问题描述' }, { actor: fgw }))).toMatchObject({ status: 403 });
    expect(await problemOf(rpc.request(ProblemUpdate, { id, expectedVersion: withMeasures.version, measures: '同协办单位越权' }, { actor: sthjj }))).toMatchObject({ status: 404 });
    expect(await problemOf(rpc.request(ProblemUpdate, { id, expectedVersion: withMeasures.version, deadline: '2100-01-01' }, { actor: staff }))).toMatchObject({ status: 409 });
    expect(await problemOf(rpc.request(ProblemUpdate, { id, expectedVersion: v1.version, place: '旧版本' }, { actor: staff }))).toMatchObject({ status: 409 });
    const edited = await rpc.request(ProblemUpdate, { id, expectedVersion: withMeasures.version, place: '市政务服务中心二楼' }, { actor: staff });
    expect(edited).toMatchObject({ place: '市政务服务中心二楼', measures: withMeasures.measures, version: withMeasures.version + 1 });
    const history = await rpc.request(ProblemHistory, { id }, { actor: staff });
    expect(history.items.filter((h) => h.action === 'edit')).toHaveLength(2);
  });

  it('filters the ledger, counts by status and body, and keeps a liaison to its own body', async () => {
    const project = newId();
    await transmitted([{ responsibleBodyId: FGW }, { responsibleBodyId: STHJJ, description: '东江湖沿岸生活污水直排' }, { responsibleBodyId: STHJJ, coBodyIds: [FGW], description: '工业园区污水处理厂超负荷运行' }], project);
    const all = await rpc.request(ProblemList, { unitCodes: ['431000'], project, limit: 50 }, { actor: staff });
    expect(all.items).toHaveLength(3);
    const mine = await rpc.request(ProblemList, { unitCodes: ['431000'], project, limit: 50 }, { actor: fgw });
    expect(mine.items.map((p) => p.description).sort()).toEqual(['工业园区污水处理厂超负荷运行', '工程建设项目审批环节多、时限长，企业反映强烈']);
    expect(await problemOf(rpc.request(ProblemList, { unitCodes: ['431000'], body: STHJJ, limit: 50 }, { actor: fgw }))).toMatchObject({ status: 403 });
    const byText = await rpc.request(ProblemList, { unitCodes: ['431000'], project, q: '东江湖', limit: 50 }, { actor: staff });
    expect(byText.items).toHaveLength(1);
    const page1 = await rpc.request(ProblemList, { unitCodes: ['431000'], project, limit: 2 }, { actor: staff });
    const page2 = await rpc.request(ProblemList, { unitCodes: ['431000'], project, limit: 2, cursor: page1.nextCursor! }, { actor: staff });
    expect([...page1.items, ...page2.items].map((p) => p.id).sort()).toEqual(all.items.map((p) => p.id).sort());
    // The body index follows status changes: a progress report moves a problem from assigned to rectifying.
    const fgwOwn = mine.items.find((p) => p.responsibleBodyId === FGW)!;
    await rpc.request(ProgressReport, { id: fgwOwn.id, text: '已启动整改', percent: 10, attachmentIds: [] }, { actor: fgw });
    const byBodyStatus = async (body: string, status: 'assigned' | 'rectifying') =>
      (await rpc.request(ProblemList, { unitCodes: ['431000'], project, body, status, limit: 50 }, { actor: staff })).items.map((p) => p.id);
    expect(await byBodyStatus(FGW, 'rectifying')).toEqual([fgwOwn.id]);
    expect(await byBodyStatus(FGW, 'assigned')).toHaveLength(1);
    expect(await byBodyStatus(STHJJ, 'assigned')).toHaveLength(2);
    expect(await byBodyStatus(STHJJ, 'rectifying')).toHaveLength(0);
    const counts = await rpc.request(ProblemCountsGet, { unitCodes: ['431000'], project }, { actor: staff });
    expect(counts).toMatchObject({ total: 3, overdue: 0, byStatus: { assigned: 2, rectifying: 1, closed: 0 } });
    expect(await rpc.request(ProblemCountsGet, { unitCodes: ['431000'], project, body: FGW }, { actor: staff })).toMatchObject({ total: 2 });
    expect(counts.byBody.map((b) => [b.bodyId, b.total]).sort()).toEqual([[FGW, 1], [STHJJ, 2]].sort());
    expect((await rpc.request(ProblemList, { unitCodes: ['431081'], project, limit: 50 }, { actor: staff })).items).toHaveLength(0);
  });

  it('keeps the body index whatever the search_path of the session that writes problems', async () => {
    const { ids: [id] } = await transmitted([{}]);
    await runtime.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL search_path = public`);
      await m.query(`UPDATE issue_tracking.problems SET status = 'rectifying' WHERE id = $1`, [id]);
    });
    expect((await q(`SELECT status FROM problem_bodies WHERE problem_id = $1`, [id])).map((r: { status: string }) => r.status)).toEqual(['rectifying']);
  });

  it('ends a ledger page early rather than send a reply too large for one NATS message', async () => {
    const project = newId();
    const long = (c: string, n: number) => c.repeat(n);
    await transmitted(Array.from({ length: 60 }, (_, i) => ({ description: `问题${i}${long('描', 1990)}`, measures: long('措', 5000) })), project);
    const first = await rpc.request(ProblemList, { unitCodes: ['431000'], project, limit: 1000 }, { actor: staff });
    expect(first.items.length).toBeLessThan(60);
    expect(first.nextCursor).not.toBeNull();
    const seen = new Set(first.items.map((p) => p.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await rpc.request(ProblemList, { unitCodes: ['431000'], project, limit: 1000, cursor }, { actor: staff });
      page.items.forEach((p) => seen.add(p.id));
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(60);
    // A request over NATS's message limit is a 413 with the reason, not a crash.
    const huge = Array.from({ length: 2000 }, (_, i) => ({ description: `发现${i}${long('长', 1990)}`, place: '', category: '', suggestedBodyId: null }));
    expect(await problemOf(rpc.request(FindingImport, { ...ref, findings: huge }, { actor: staff }))).toMatchObject({ status: 413, errors: [{ rule: 'too_large' }] });
  });

  it('announces an overdue problem once, with two replicas checking at once and a restart in between', async () => {
    const { ids: [id] } = await transmitted([{ deadline: '2099-01-01' }]);
    await q(`UPDATE problems SET deadline = '2020-01-01' WHERE id = $1`, [id]);
    const replica = await startApp(db.url, ns.namespace);
    try {
      const [a, b] = await Promise.all([app.get(OverdueWatch).runOnce(), replica.get(OverdueWatch).runOnce()]);
      expect(a + b).toBeGreaterThanOrEqual(1);
    } finally {
      await replica.close();
    }
    const restarted = await startApp(db.url, ns.namespace);
    try {
      await restarted.get(OverdueWatch).runOnce();
    } finally {
      await restarted.close();
    }
    await app.get(OverdueWatch).runOnce();
    expect(await outboxCount('problem.overdue.v1', id)).toBe(1);
    // The event reached JetStream (the relay published it).
    await eventually(async () => (await q(`SELECT sent_at FROM outbox WHERE envelope->>'type' = 'problem.overdue.v1' AND envelope->'payload'->>'problemId' = $1`, [id]))[0]?.sent_at, 10_000, 'overdue event published');
  });

  it('reopens the right problems exactly once when a failed evaluation is delivered twice', async () => {
    const { opinionId, ids } = await transmitted([{}, {}, {}]);
    const other = await transmitted([{}]);
    // One closed recently, one still open, one closed long ago (stays closed).
    for (const id of [ids[0], ids[2]]) {
      await rpc.request(CloseRequest, { id, text: '整改完毕', attachmentIds: [] }, { actor: fgw });
      await rpc.request(ProblemVerify, { id, decision: 'accept', note: '' }, { actor: staff });
    }
    await q(`UPDATE problems SET closed_at = '2019-01-01' WHERE id = $1`, [ids[2]]);
    const js = jetstream(nc);
    const wire = new WireNames(ns.namespace);
    const payload = EvaluationClosed.payload.parse({
      evaluationId: newId(),
      unitCode: '431000',
      projectId,
      opinionId,
      session: '市六届人大常委会第四次会议',
      heldOn: '2022-06-28',
      counts: { satisfied: 10, basic: 5, unsatisfied: 20, notVoting: 2 },
      satisfactionRate: 15 / 35,
      grade: 'unsatisfied',
      passed: false,
      rule: { base: 'present' },
      deferredReportDue: '2022-09-28',
    });
    const envelope = { id: newId(), type: EvaluationClosed.name, occurredAt: new Date().toISOString(), unitCode: '431000', payload };
    // The same event twice (past the stream's dedupe), and a second event about the same evaluation.
    await js.publish(wire.subject(EvaluationClosed.name), JSON.stringify(envelope), { msgID: newId() });
    await js.publish(wire.subject(EvaluationClosed.name), JSON.stringify(envelope), { msgID: newId() });
    await js.publish(wire.subject(EvaluationClosed.name), JSON.stringify({ ...envelope, id: newId() }), { msgID: newId() });
    await eventually(async () => Number((await q(`SELECT count(*) FROM inbox`))[0].count) >= 2 || undefined, 15_000, 'evaluation events consumed');
    await eventually(async () => (await q(`SELECT 1 FROM evaluation_outcomes WHERE evaluation_id = $1`, [payload.evaluationId])).length > 0 || undefined);
    await new Promise((r) => setTimeout(r, 500));

    expect(await rpc.request(ProblemGet, { id: ids[0] }, { actor: staff })).toMatchObject({ status: 'reopened', deadline: '2022-09-28' });
    expect(await rpc.request(ProblemGet, { id: ids[1] }, { actor: staff })).toMatchObject({ status: 'rectifying', deadline: '2022-09-28' });
    expect(await statusOf(ids[2])).toBe('closed');
    expect(await statusOf(other.ids[0])).toBe('assigned');
    for (const id of [ids[0], ids[1]]) expect(await outboxCount('problem.reopened.v1', id)).toBe(1);
    const reopens = await q(`SELECT count(*)::int AS n FROM problem_history WHERE action = 'reopen' AND problem_id = ANY($1)`, [ids]);
    expect(reopens[0].n).toBe(2);
    expect(await rpc.request(OpinionGet, { id: opinionId }, { actor: staff })).toMatchObject({ deferredReportDue: '2022-09-28' });
    expect(await rpc.request(ProjectProblemFacts, { projectId }, { actor: staff })).toMatchObject({ lastEvaluationPassed: false });

    // A later evaluation held for the project without naming an opinion counts for its closing
    // guard too, and reopens nothing.
    const later = EvaluationClosed.payload.parse({ ...payload, evaluationId: newId(), opinionId: null, grade: 'satisfied', passed: true, counts: { satisfied: 30, basic: 3, unsatisfied: 2, notVoting: 0 }, satisfactionRate: 33 / 35, deferredReportDue: null });
    await js.publish(wire.subject(EvaluationClosed.name), JSON.stringify({ ...envelope, id: newId(), payload: later }), { msgID: newId() });
    await eventually(async () => (await q(`SELECT 1 FROM evaluation_outcomes WHERE evaluation_id = $1`, [later.evaluationId])).length > 0 || undefined);
    expect(await rpc.request(ProjectProblemFacts, { projectId }, { actor: staff })).toMatchObject({ lastEvaluationPassed: true });
    expect(await rpc.request(ProblemGet, { id: ids[1] }, { actor: staff })).toMatchObject({ status: 'rectifying' });
  });
});
