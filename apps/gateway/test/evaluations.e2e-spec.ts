import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LocalIdp } from '@congress/local-idp';
import {
  createTestDatabase,
  createTestNamespace,
  demoData,
  demoUsers,
  eventually,
  passwordToken,
  runServiceSeed,
  serviceEnv,
  startServiceProcesses,
  startTestIdp,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';

const FGW = 'a5e55adf-9030-5f99-9178-0586395daf56'; // 郴州市发展和改革委员会

/** A response body, loosely typed: the assertions say what it must hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

/** A meeting through the gateway: check-in, secret ballot, the result, and what a failed one reopens. */
describe('satisfaction evaluation end to end (gateway, directory, voting, issue-tracking, project-library)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let idp: LocalIdp;
  let procs: ServiceProcess[] = [];
  let gateway: ServiceProcess;
  const tokens: Record<string, string> = {};
  // Every member of 郴州's standing committee has a demo login (the leader among them).
  const members = demoData()
    .people.filter((p) => p.unitCode === '431000' && p.roles.includes('member') && p.username)
    .map((p) => ({ id: p.id, username: p.username! }));

  const token = async (username: string) => (tokens[username] ??= await passwordToken(idp, username));
  const api = async (path: string, username: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json: body, ...rest } = init;
    return fetch(`${gateway.url}/api/v1${path}`, {
      ...rest,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      headers: { authorization: `Bearer ${await token(username)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers },
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    idp = await startTestIdp({ users: demoUsers() });
    const env = serviceEnv(db.url, ns.namespace);
    procs = await startServiceProcesses([
      { name: 'directory', env },
      { name: 'voting', env },
      { name: 'issue-tracking', env: { ...env, OVERDUE_CHECK_MS: '0' } },
      { name: 'project-library', env },
      { name: 'gateway', env: { ...env, KEYCLOAK_URL: idp.url, KEYCLOAK_REALM: 'congress' } },
    ]);
    gateway = procs[4];
    // The seed publishes each unit's roster; voting keeps its copy from those events.
    await runServiceSeed('directory', env);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await idp?.close();
    await ns?.cleanup();
    await db?.drop();
  });

  it('runs a meeting: check-in, a quorum, one secret ballot each, the result announced at once', async () => {
    const project = await json(api('/projects', 'chenzhou-staff', { method: 'POST', json: { title: '环境状况和环境保护目标完成情况的报告', year: 2020, category: 'work-report', sources: ['higher-requirement'] } }));
    const opinion = await json(
      api(`/projects/${project.id}/opinions`, 'chenzhou-staff', { method: 'POST', json: { session: '市五届人大常委会第二十八次会议', deliberatedOn: '2020-08-26', text: '审议意见：加大东江湖保护力度，切实解决突出环境问题。' } }),
    );
    await api(`/opinions/${opinion.id}/problems`, 'chenzhou-staff', { method: 'POST', json: { description: '东江湖沿岸生活污水直排', responsibleBodyId: FGW, deadline: '2099-12-31' } });
    expect((await api(`/opinions/${opinion.id}/transmit`, 'chenzhou-staff', { method: 'POST', json: { reportDueDate: '2099-10-31' } })).status).toBe(200);

    // voting has the roster once directory's event arrived.
    const create = () =>
      api('/evaluations', 'chenzhou-staff', {
        method: 'POST',
        json: { projectId: project.id, opinionId: opinion.id, bodyId: FGW, session: '市六届人大常委会第四次会议', heldOn: '2022-06-28', reportTitle: '市人民政府关于环境状况审议意见研究处理情况的报告' },
      });
    const evaluation = await eventually(async () => {
      const res = await create();
      return res.status === 201 ? json(res) : undefined;
    }, 20_000, 'roster copy in voting');
    expect(evaluation).toMatchObject({ status: 'draft', roster: members.length });
    const id = evaluation.id;

    expect((await api(`/evaluations`, 'zixing-staff', { method: 'POST', json: {} })).status).toBe(400);
    // 资兴 may not read 郴州's: the evaluation is answered as one that does not exist.
    expect((await api(`/evaluations/${id}`, 'zixing-staff')).status).toBe(404);
    expect((await api(`/evaluations/${id}/open`, 'chenzhou-member01', { method: 'POST' })).status).toBe(403);

    // 30 of the members check in themselves; that is a quorum.
    const voters = members.slice(0, 30);
    // Each learns only where they themself stand: on the roster, checked in, voted (never how).
    const mine = (username: string) => json(api(`/evaluations/${id}/me`, username));
    expect(await mine(voters[0]!.username)).toEqual({ onRoster: true, present: false, voted: false });
    expect(await mine('chenzhou-staff')).toEqual({ onRoster: false, present: false, voted: false });
    expect((await api(`/evaluations/${id}/me`, 'zixing-staff')).status).toBe(404);
    for (const m of voters) expect((await api(`/evaluations/${id}/attendance`, m.username, { method: 'POST', json: { self: true } })).status).toBe(200);
    expect((await api(`/evaluations/${id}/open`, 'chenzhou-staff', { method: 'POST' })).status).toBe(200);

    // Before closing nothing shows a count by choice.
    expect((await api(`/evaluations/${id}/result`, 'chenzhou-staff')).status).toBe(409);
    const sse = await api(`/evaluations/${id}/progress`, 'chenzhou-leader', { headers: { accept: 'text/event-stream' } });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const reader = sse.body!.getReader();
    const firstEvent = new TextDecoder().decode((await reader.read()).value);
    expect(firstEvent).toContain('event: progress');
    expect(JSON.parse(firstEvent.split('data: ')[1]!)).toEqual({ evaluationId: id, status: 'open', roster: evaluation.roster, present: 30, ballots: 0 });
    await reader.cancel();

    // Most find the handling unsatisfactory.
    const choice = (i: number) => (i < 8 ? 'satisfied' : i < 12 ? 'basic' : 'unsatisfied');
    const casts = await Promise.all(voters.map((m, i) => api(`/evaluations/${id}/ballots`, m.username, { method: 'POST', json: { choice: choice(i) } })));
    expect(casts.map((r) => r.status)).toEqual(voters.map(() => 201));
    expect(await mine(voters[0]!.username)).toEqual({ onRoster: true, present: true, voted: true });
    expect(await mine(members[35]!.username)).toEqual({ onRoster: true, present: false, voted: false });
    expect((await api(`/evaluations/${id}/ballots`, voters[0]!.username, { method: 'POST', json: { choice: 'unsatisfied' } })).status).toBe(409);
    expect((await api(`/evaluations/${id}/ballots`, members[35]!.username, { method: 'POST', json: { choice: 'satisfied' } })).status).toBe(403); // not checked in
    expect((await api(`/evaluations/${id}/ballots`, 'chenzhou-deputy', { method: 'POST', json: { choice: 'satisfied' } })).status).toBe(403);
    expect((await api(`/evaluations/${id}/ballots`, 'chenzhou-staff', { method: 'POST', json: { choice: 'satisfied' } })).status).toBe(403);
    expect(await json(api(`/evaluations/${id}/progress`, 'chenzhou-member02'))).toMatchObject({ ballots: 30, present: 30 });

    const result = await json(api(`/evaluations/${id}/close`, 'chenzhou-staff', { method: 'POST' }));
    expect(result).toMatchObject({ counts: { satisfied: 8, basic: 4, unsatisfied: 18, notVoting: 0 }, grade: 'unsatisfied', passed: false, ballots: 30, deferredReportDue: '2022-09-28' });
    expect(await json(api(`/evaluations/${id}/result`, 'chenzhou-deputy'))).toEqual(result);

    // issue-tracking follows evaluation.closed.v1: the problem goes back to rectification.
    const problem = await eventually(async () => {
      const list = await json(api(`/problems?opinion=${opinion.id}`, 'chenzhou-staff'));
      return list.items[0]?.status === 'rectifying' ? list.items[0] : undefined;
    }, 20_000, 'problem reopened by the failed evaluation');
    expect(problem.deadline).toBe('2022-09-28');
    expect((await json(api(`/opinions/${opinion.id}`, 'chenzhou-staff'))).deferredReportDue).toBe('2022-09-28');

    const stats = await json(api('/evaluations/stats?unit=431000', 'chenzhou-leader'));
    expect(stats).toMatchObject({ evaluations: 1, ballots: 30, grades: { unsatisfied: 1 } });
    expect((await api('/evaluations/stats?unit=430100', 'chenzhou-leader')).status).toBe(403);
  });

  it('refuses an evaluation naming another unit\'s project, opinion or body, or one that does not exist, alike (404), and creates nothing', async () => {
    const project = await json(api('/projects', 'chenzhou-staff', { method: 'POST', json: { title: '优化营商环境工作情况的报告', year: 2021, category: 'work-report', sources: ['higher-requirement'] } }));
    const opinion = await json(
      api(`/projects/${project.id}/opinions`, 'chenzhou-staff', { method: 'POST', json: { session: '市五届人大常委会第三十三次会议', deliberatedOn: '2021-04-28', text: '审议意见：进一步优化营商环境。' } }),
    );
    const zixingProject = await json(api('/projects', 'zixing-staff', { method: 'POST', json: { title: '资兴市东江湖保护工作情况的报告', year: 2021, category: 'work-report', sources: ['higher-requirement'] } }));
    const otherProject = await json(api('/projects', 'chenzhou-staff', { method: 'POST', json: { title: '另一个监督项目的报告', year: 2021, category: 'work-report', sources: ['higher-requirement'] } }));
    const meeting = { session: '资兴市人大常委会第九次会议', heldOn: '2022-06-28', reportTitle: '关于审议意见研究处理情况的报告' };
    const before = (await json(api('/evaluations?limit=200', 'zixing-staff'))).items.length;
    const cases: [string, string, Record<string, unknown>, number, string][] = [
      ['郴州\'s project', 'zixing-staff', { projectId: project.id }, 404, 'body.projectId'],
      ['a project that does not exist', 'zixing-staff', { projectId: '018f0000-0000-7000-8000-0000000000aa' }, 404, 'body.projectId'],
      ['郴州\'s opinion', 'zixing-staff', { projectId: zixingProject.id, opinionId: opinion.id }, 404, 'body.opinionId'],
      ['an opinion that does not exist', 'zixing-staff', { projectId: zixingProject.id, opinionId: '018f0000-0000-7000-8000-0000000000bb' }, 404, 'body.opinionId'],
      ['郴州\'s body', 'zixing-staff', { projectId: zixingProject.id, bodyId: FGW }, 404, 'body.bodyId'],
      ['an opinion of another project', 'chenzhou-staff', { projectId: otherProject.id, opinionId: opinion.id }, 400, 'body.opinionId'],
    ];
    for (const [label, user, ids, status, field] of cases) {
      const res = await api('/evaluations', user, { method: 'POST', json: { ...meeting, ...ids } });
      expect([label, res.status, (await json(res)).errors?.[0]?.field]).toEqual([label, status, field]);
    }
    expect((await json(api('/evaluations?limit=200', 'zixing-staff'))).items.length).toBe(before);
  });

  it('lets only a unit admin change the unit’s rule, validated', async () => {
    expect((await api('/evaluation-rules/431000', 'chenzhou-staff', { method: 'PUT', json: { base: 'all' } })).status).toBe(403);
    expect((await api('/evaluation-rules/431000', 'chenzhou-admin', { method: 'PUT', json: { base: 'everyone' } })).status).toBe(400);
    expect((await api('/evaluation-rules/431081', 'chenzhou-admin', { method: 'PUT', json: { base: 'all' } })).status).toBe(403);
    const set = await api('/evaluation-rules/431000', 'chenzhou-admin', { method: 'PUT', json: { base: 'all', satisfiedAbove: 0.5 } });
    expect(set.status).toBe(200);
    expect(await json(api('/evaluation-rules/431000', 'chenzhou-member01'))).toMatchObject({ base: 'all', quorumAbove: 0.5, deferredReportMonths: 3 });
  });
});
