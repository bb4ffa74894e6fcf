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
  type ProblemInput,
} from '@congress/contracts';
import { WireNames, jetstream, type RpcClient } from '@congress/messaging';
import { newId } from '@congress/persistence';
import { aFinding, aProblem, anAttachment, anOpinion, eventually, issueActors, problemOf, startServiceUnderTest, FGW_BODY, STHJJ_BODY, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { IssueTrackingEnv } from '../src/config.js';
import { OverdueWatch } from '../src/problems/overdue-watch.js';

const FGW = FGW_BODY; // 郴州市发展和改革委员会
const STHJJ = STHJJ_BODY; // 郴州市生态环境局
const { staff, leader, member, fgw, sthjj, zixing } = issueActors;

describe('issue tracking (in process, real Postgres and NATS)', () => {
  let sut: ServiceUnderTest<IssueTrackingEnv>;
  const projectId = newId();
  const ref = { projectId, unitCode: '431000', year: 2021 };
  let rpc: RpcClient;

  beforeAll(async () => {
    sut = await startServiceUnderTest({ service: 'issue-tracking', env: IssueTrackingEnv, module: (config, logger) => AppModule.register(config, logger), extraEnv: { OVERDUE_CHECK_MS: '0' }, requestTimeoutMs: 5000 });
    rpc = sut.rpc;
  }, 60_000);

  afterAll(async () => sut?.stop());

  const q = (sql: string, params: unknown[] = []) => sut.dataSource.query(sql, params);
  const outboxCount = async (type: string, problemId?: string) =>
    Number(
      (await q(`SELECT count(*) FROM outbox WHERE envelope->>'type' = $1 AND ($2::text IS NULL OR envelope->'payload'->>'problemId' = $2)`, [type, problemId ?? null]))[0].count,
    );
  /** Closes an instance started beside the first, so stop() does not close it again. */
  const closeAnother = async (another: Awaited<ReturnType<ServiceUnderTest<IssueTrackingEnv>['startAnother']>>) => {
    sut.apps.splice(sut.apps.indexOf(another), 1);
    await another.close();
  };
  const statusOf = async (id: string) => (await q(`SELECT status FROM problems WHERE id = $1`, [id]))[0].status as string;

  /** An opinion transmitted with the given problems; returns their ids. */
  async function transmitted(problems: Partial<ProblemInput>[], project = projectId) {
    const opinion = await rpc.request(OpinionCreate, anOpinion({ ...ref, projectId: project }), { actor: staff });
    const { ids } = await rpc.request(ProblemImport, { opinionId: opinion.id, problems: problems.map(aProblem) }, { actor: staff });
    await rpc.request(OpinionTransmit, { id: opinion.id, reportDueDate: '2099-06-30' }, { actor: staff });
    return { opinionId: opinion.id, ids };
  }

  it('turns findings into a numbered draft list, and transmits it only when every problem has a deadline', async () => {
    const finding = await rpc.request(FindingCreate, aFinding(ref), { actor: staff });
    const orphan = await rpc.request(FindingCreate, aFinding(ref, { description: '没有建议责任单位的一条发现', place: '', category: '', suggestedBodyId: null }), { actor: staff });
    const refused = await problemOf(rpc.request(OpinionCreate, anOpinion(ref, { findingIds: [finding.id, orphan.id] }), { actor: staff }));
    expect(refused).toMatchObject({ status: 400, errors: [{ field: 'findingIds[1]', rule: 'no_responsible_body' }] });

    const opinion = await rpc.request(OpinionCreate, anOpinion(ref, { findingIds: [finding.id] }), { actor: staff });
    expect(opinion).toMatchObject({ status: 'draft', problemCount: 1 });
    expect(opinion.allowedActions).toEqual([
      { action: 'add-problems', allowed: true },
      { action: 'transmit', allowed: true, to: 'transmitted' },
    ]);
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

  it('refuses every write of another unit’s staff (403) and of an unrelated body’s liaison (404) itself, changing nothing', async () => {
    const draftOpinion = await rpc.request(OpinionCreate, anOpinion(ref), { actor: staff });
    const { opinionId, ids: [id] } = await transmitted([{ requiredEvidence: [] }]);
    const finding = await rpc.request(FindingCreate, aFinding(ref), { actor: staff });
    const ext = await rpc.request(ExtensionRequest, { id, reason: '涉及多部门协调', proposedDeadline: '2100-06-30' }, { actor: fgw });
    const before = await rpc.request(ProblemGet, { id }, { actor: staff });
    const outboxBefore = Number((await q(`SELECT count(*) FROM outbox`))[0].count);
    const problemWrites: [string, (actor: typeof staff) => Promise<unknown>][] = [
      ['problem.update', (actor) => rpc.request(ProblemUpdate, { id, expectedVersion: before.version, place: '别处' }, { actor })],
      ['problem.update (measures)', (actor) => rpc.request(ProblemUpdate, { id, expectedVersion: before.version, measures: '越权填写' }, { actor })],
      ['problem.progress', (actor) => rpc.request(ProgressReport, { id, text: '越权报告', percent: 10, attachmentIds: [] }, { actor })],
      ['problem.close-request', (actor) => rpc.request(CloseRequest, { id, text: '越权申请', attachmentIds: [] }, { actor })],
      ['problem.verify', (actor) => rpc.request(ProblemVerify, { id, decision: 'accept', note: '' }, { actor })],
      ['problem.verify (send back)', (actor) => rpc.request(ProblemVerify, { id, decision: 'send-back', reason: '越权退回' }, { actor })],
      ['problem.extension-request', (actor) => rpc.request(ExtensionRequest, { id, reason: '越权申请延期', proposedDeadline: '2100-12-31' }, { actor })],
      ['problem.extension-decide', (actor) => rpc.request(ExtensionDecide, { id, extensionId: ext.id, decision: 'approve', reason: '' }, { actor })],
      ['problem.look-back', (actor) => rpc.request(LookBackRecord, { id, checkedOn: '2099-10-01', result: 'passed', note: '越权复查' }, { actor })],
      ['attachment.register (problem)', (actor) => rpc.request(AttachmentRegister, anAttachment(id), { actor })],
    ];
    for (const [name, write] of problemWrites) {
      expect([name, (await problemOf(write(zixing))).status]).toEqual([name, 403]);
      expect([name, (await problemOf(write(sthjj))).status]).toEqual([name, 404]);
    }
    const opinionWrites: [string, (actor: typeof staff) => Promise<unknown>][] = [
      ['finding.create', (actor) => rpc.request(FindingCreate, aFinding(ref), { actor })],
      ['finding.import', (actor) => rpc.request(FindingImport, { ...ref, findings: [aFinding(ref)] }, { actor })],
      ['opinion.create', (actor) => rpc.request(OpinionCreate, anOpinion(ref), { actor })],
      ['opinion.transmit', (actor) => rpc.request(OpinionTransmit, { id: draftOpinion.id, reportDueDate: '2099-06-30', defaultDeadline: '2099-06-30' }, { actor })],
      ['problem.create', (actor) => rpc.request(ProblemCreate, { opinionId, ...aProblem() }, { actor })],
      ['problem.import', (actor) => rpc.request(ProblemImport, { opinionId: draftOpinion.id, problems: [aProblem()] }, { actor })],
      ['attachment.register (finding)', (actor) => rpc.request(AttachmentRegister, anAttachment(finding.id, { ownerType: 'finding' }), { actor })],
    ];
    // Opinions and findings name no body: a liaison may not write them at all (403).
    for (const [name, write] of opinionWrites) {
      expect([name, (await problemOf(write(zixing))).status]).toEqual([name, 403]);
      expect([name, (await problemOf(write(fgw))).status]).toEqual([name, 403]);
    }
    expect(await rpc.request(ProblemGet, { id }, { actor: staff })).toEqual(before);
    expect(await rpc.request(OpinionGet, { id: draftOpinion.id }, { actor: staff })).toMatchObject({ status: 'draft', problemCount: 0 });
    expect(Number((await q(`SELECT count(*) FROM outbox`))[0].count)).toBe(outboxBefore);
    expect(Number((await q(`SELECT count(*) FROM attachments`))[0].count)).toBe(0);
  });

  it('tells each caller what it may do now, in every response that returns a problem or an opinion', async () => {
    const allowed = (item: { allowedActions: { action: string; allowed: boolean }[] }) => item.allowedActions.filter((a) => a.allowed).map((a) => a.action);
    const { opinionId, ids: [id] } = await transmitted([{ coBodyIds: [STHJJ] }]);
    expect(allowed(await rpc.request(ProblemGet, { id }, { actor: staff }))).toEqual(['edit', 'edit-measures', 'progress', 'close-request', 'request-extension']);
    expect(allowed(await rpc.request(ProblemGet, { id }, { actor: leader }))).toEqual(['edit', 'edit-measures', 'progress', 'close-request', 'request-extension']);
    expect(allowed(await rpc.request(ProblemGet, { id }, { actor: fgw }))).toEqual(['edit-measures', 'progress', 'close-request', 'request-extension']);
    expect(allowed(await rpc.request(ProblemGet, { id }, { actor: sthjj }))).toEqual(['progress']);
    expect(allowed(await rpc.request(ProblemGet, { id }, { actor: member }))).toEqual([]);
    // Refused actions say why (shown beside a disabled button).
    expect((await rpc.request(ProblemGet, { id }, { actor: sthjj })).allowedActions.find((a) => a.action === 'close-request')).toEqual({
      action: 'close-request',
      allowed: false,
      reason: '承办单位联络员不能申请销号（只有牵头责任单位可以）',
      to: 'close-requested',
    });
    // A pending extension request opens the leader's decision and closes a second request.
    await rpc.request(ExtensionRequest, { id, reason: '涉及多部门协调', proposedDeadline: '2100-06-30' }, { actor: fgw });
    expect(allowed(await rpc.request(ProblemGet, { id }, { actor: leader }))).toContain('decide-extension');
    expect(allowed(await rpc.request(ProblemGet, { id }, { actor: fgw }))).not.toContain('request-extension');
    // List items, updates and transitions carry them too, for the caller.
    const listed = (await rpc.request(ProblemList, { unitCodes: ['431000'], opinion: opinionId, limit: 10 }, { actor: fgw })).items[0]!;
    expect(allowed(listed)).toEqual(['edit-measures', 'progress', 'close-request']);
    const updated = await rpc.request(ProblemUpdate, { id, expectedVersion: listed.version, measures: '制定方案' }, { actor: fgw });
    expect(allowed(updated)).toEqual(['edit-measures', 'progress', 'close-request']);
    const requested = await rpc.request(CloseRequest, { id, text: '整改完毕', attachmentIds: [] }, { actor: fgw });
    expect(requested.allowedActions.map((a) => [a.action, a.allowed])).toEqual([['accept', false], ['send-back', false]]);
    const closed = await rpc.request(ProblemVerify, { id, decision: 'accept', note: '' }, { actor: staff });
    expect(closed.allowedActions).toEqual([{ action: 'look-back', allowed: true }]);
    // Opinions: once transmitted only problems may be added, and not by a member.
    const opinion = await rpc.request(OpinionGet, { id: opinionId }, { actor: staff });
    expect(opinion.allowedActions).toEqual([{ action: 'add-problems', allowed: true }]);
    expect((await rpc.request(OpinionGet, { id: opinionId }, { actor: member })).allowedActions).toEqual([{ action: 'add-problems', allowed: false, reason: '添加问题需要以下角色之一：单位管理员、主任会议成员、机关工作人员' }]);
    const draft = await rpc.request(OpinionCreate, anOpinion(ref), { actor: staff });
    expect(draft.allowedActions).toEqual([
      { action: 'add-problems', allowed: true },
      { action: 'transmit', allowed: false, reason: '问题清单是空的：请先添加问题再交办', to: 'transmitted' },
    ]);
    await rpc.request(ProblemCreate, { opinionId: draft.id, ...aProblem() }, { actor: staff });
    const sent = await rpc.request(OpinionTransmit, { id: draft.id, reportDueDate: '2099-06-30' }, { actor: staff });
    expect(sent.allowedActions).toEqual([{ action: 'add-problems', allowed: true }]);
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
    const doc = await rpc.request(AttachmentRegister, anAttachment(id, { evidence: 'document' }), { actor: fgw });
    const missing = await problemOf(rpc.request(CloseRequest, { id, text: '已整改完毕', attachmentIds: [doc.id] }, { actor: fgw }));
    expect(missing).toMatchObject({ status: 400 });
    expect(missing.errors?.map((e) => e.message)).toEqual(['缺少证明材料：现场照片（site-photo）']);
    expect(await statusOf(id)).toBe('rectifying');
    const photo = await rpc.request(AttachmentRegister, anAttachment(id, { name: '现场.jpg', contentType: 'image/jpeg', sha256: 'b'.repeat(64), evidence: 'site-photo' }), { actor: fgw });
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
    // A decided request is not decided again; an unknown one does not exist.
    expect(await problemOf(rpc.request(ExtensionDecide, { id, extensionId: ext.id, decision: 'refuse', reason: '' }, { actor: leader }))).toMatchObject({ status: 409, detail: '延期申请已同意，不能重复审批' });
    const unknown = newId();
    expect(await problemOf(rpc.request(ExtensionDecide, { id, extensionId: unknown, decision: 'approve', reason: '' }, { actor: leader }))).toMatchObject({ status: 404, detail: `延期申请 ${unknown} 不存在` });

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
    await sut.dataSource.transaction(async (m) => {
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
    const replica = await sut.startAnother();
    const [a, b] = await Promise.all([sut.app.get(OverdueWatch).runOnce(), replica.get(OverdueWatch).runOnce()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    await closeAnother(replica);
    const restarted = await sut.startAnother();
    await restarted.get(OverdueWatch).runOnce();
    await closeAnother(restarted);
    await sut.app.get(OverdueWatch).runOnce();
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
    const js = jetstream(sut.nc);
    const wire = new WireNames(sut.namespace);
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
    const envelope = { id: newId(), type: EvaluationClosed.name, occurredAt: new Date().toISOString(), unitCode: '431000', producer: EvaluationClosed.producer, payload };
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
  it('keeps the evaluation in force (the latest held) when an older one is delivered after it', async () => {
    const project = newId();
    const { opinionId, ids: [id] } = await transmitted([{}], project);
    const js = jetstream(sut.nc);
    const wire = new WireNames(sut.namespace);
    const deliver = async (payload: ReturnType<typeof EvaluationClosed.payload.parse>) => {
      const envelope = { id: newId(), type: EvaluationClosed.name, occurredAt: new Date().toISOString(), unitCode: '431000', producer: EvaluationClosed.producer, payload };
      await js.publish(wire.subject(EvaluationClosed.name), JSON.stringify(envelope), { msgID: newId() });
      await eventually(async () => (await q(`SELECT 1 FROM evaluation_outcomes WHERE evaluation_id = $1`, [payload.evaluationId])).length > 0 || undefined, 15_000, 'evaluation applied');
    };
    const base = { unitCode: '431000', projectId: project, opinionId, session: '市六届人大常委会第九次会议', rule: { base: 'present' } };
    const newer = EvaluationClosed.payload.parse({ ...base, evaluationId: newId(), heldOn: '2023-06-28', counts: { satisfied: 30, basic: 3, unsatisfied: 2, notVoting: 0 }, satisfactionRate: 33 / 35, grade: 'satisfied', passed: true, deferredReportDue: null });
    const older = EvaluationClosed.payload.parse({ ...base, evaluationId: newId(), heldOn: '2022-12-28', counts: { satisfied: 10, basic: 5, unsatisfied: 20, notVoting: 2 }, satisfactionRate: 15 / 35, grade: 'unsatisfied', passed: false, deferredReportDue: '2023-03-28' });
    await deliver(newer);
    await deliver(older);
    // The older failure is recorded, and reopens nothing, sets no deferred report, and is not the project's result.
    expect((await q(`SELECT reopened FROM evaluation_outcomes WHERE evaluation_id = $1`, [older.evaluationId]))[0].reopened).toBe(0);
    expect(await rpc.request(ProblemGet, { id }, { actor: staff })).toMatchObject({ status: 'assigned', deadline: '2099-12-31' });
    expect(await outboxCount('problem.reopened.v1', id)).toBe(0);
    expect(await rpc.request(OpinionGet, { id: opinionId }, { actor: staff })).toMatchObject({ deferredReportDue: null });
    expect(await rpc.request(ProjectProblemFacts, { projectId: project }, { actor: staff })).toMatchObject({ lastEvaluationPassed: true });
    // A failure held later than the pass is the one in force.
    await deliver(EvaluationClosed.payload.parse({ ...older, evaluationId: newId(), heldOn: '2023-12-28', deferredReportDue: '2024-03-28' }));
    expect(await rpc.request(ProblemGet, { id }, { actor: staff })).toMatchObject({ status: 'rectifying', deadline: '2024-03-28' });
    expect(await rpc.request(ProjectProblemFacts, { projectId: project }, { actor: staff })).toMatchObject({ lastEvaluationPassed: false });
  });

  it('sends an evaluation of another unit naming this unit\'s opinion to the dead letters, and changes nothing', async () => {
    const project = newId();
    const { opinionId, ids: [id] } = await transmitted([{}], project);
    const wire = new WireNames(sut.namespace);
    const dead = sut.nc.subscribe(wire.deadLetterSubject('issue-tracking', EvaluationClosed), { max: 1 });
    // 资兴 (431081) holds an evaluation that names 郴州's (431000) opinion, and fails it.
    const payload = EvaluationClosed.payload.parse({
      evaluationId: newId(), unitCode: '431081', projectId: project, opinionId, session: '资兴市人大常委会第九次会议', heldOn: '2024-06-28',
      counts: { satisfied: 1, basic: 1, unsatisfied: 20, notVoting: 0 }, satisfactionRate: 2 / 22, grade: 'unsatisfied', passed: false, rule: { base: 'present' }, deferredReportDue: '2024-09-28',
    });
    const envelope = { id: newId(), type: EvaluationClosed.name, occurredAt: new Date().toISOString(), unitCode: '431081', producer: EvaluationClosed.producer, payload };
    await jetstream(sut.nc).publish(wire.subject(EvaluationClosed.name), JSON.stringify(envelope), { msgID: newId() });
    const letters: { reason?: string; error?: string }[] = [];
    for await (const m of dead) letters.push({ reason: m.headers?.get('x-reason'), error: m.headers?.get('x-error') });
    expect(letters).toEqual([{ reason: 'rejected', error: expect.stringContaining('指向其他单位的审议意见') }]);
    expect(await rpc.request(ProblemGet, { id }, { actor: staff })).toMatchObject({ status: 'assigned', deadline: '2099-12-31' });
    expect(await outboxCount('problem.reopened.v1', id)).toBe(0);
    expect(await rpc.request(OpinionGet, { id: opinionId }, { actor: staff })).toMatchObject({ deferredReportDue: null });
    expect(await q(`SELECT 1 FROM evaluation_outcomes WHERE evaluation_id = $1`, [payload.evaluationId])).toEqual([]);
  });
});
