import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalIdp } from '@congress/local-idp';
import {
  createTestDatabase,
  createTestNamespace,
  demoUsers,
  eventually,
  passwordToken,
  runServiceSeed,
  serviceEnv,
  startServiceProcess,
  startServiceProcesses,
  startTestIdp,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';
import ExcelJS from 'exceljs';
import pg from 'pg';

/**
 * The walking skeleton end to end: the built services as separate processes, a real identity
 * provider, real Postgres and JetStream. Requests go gateway → NATS → directory → Postgres.
 */
describe('platform end to end (gateway, directory, voting as processes)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let idp: LocalIdp;
  let keyDir: string;
  let env: Record<string, string>;
  let gateway: ServiceProcess;
  let directory: ServiceProcess;
  let voting: ServiceProcess;
  let projectLibrary: ServiceProcess;
  const extra: ServiceProcess[] = [];
  const tokens: Record<string, string> = {};
  let sql: pg.Client;

  const api = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}/api/v1${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    });
  const token = async (username: string) => (tokens[username] ??= await passwordToken(idp, username));

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    keyDir = mkdtempSync(join(tmpdir(), 'idp-'));
    // One more county login than the demo has, to show counties cannot see each other.
    const beihu = { username: 'beihu-staff', password: 'demo', subject: 'beihu-staff-subject', name: '北湖测试', unitCode: '431002', roles: ['staff'] };
    idp = await startTestIdp({ keyFile: join(keyDir, 'jwks.json'), users: [...demoUsers(), beihu] });
    env = serviceEnv(db.url, ns.namespace);

    // npm run seed, as a process, as directory's own database role and NATS user
    await runServiceSeed('directory', env);

    [directory, voting, projectLibrary, gateway] = await startServiceProcesses([
      { name: 'directory', env: { ...env, LOG_LEVEL: 'debug' } },
      { name: 'voting', env },
      { name: 'project-library', env },
      { name: 'gateway', env: { ...env, KEYCLOAK_URL: idp.url, KEYCLOAK_REALM: 'congress' } },
    ]);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([gateway, directory, voting, projectLibrary, ...extra].map((p) => p?.kill()));
    await sql?.end();
    await idp?.close();
    await ns?.cleanup();
    await db?.drop();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  describe('reading the unit tree', () => {
    it('gives a province user the whole tree of 湖南省', async () => {
      const res = await api('/units', await token('hunan-admin'));
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: { code: string; name: string; children: { code: string; children: unknown[] }[] }[] };
      expect(items).toHaveLength(1);
      expect(items[0].code).toBe('430000');
      expect(items[0].children).toHaveLength(14);
      const chenzhou = items[0].children.find((c) => c.code === '431000')!;
      expect(chenzhou.children).toHaveLength(11);
    });

    it('gives a county user only its own unit', async () => {
      const res = await api('/units', await token('zixing-staff'));
      const { items } = (await res.json()) as { items: { code: string; children: unknown[] }[] };
      expect(items.map((u) => u.code)).toEqual(['431081']);
      expect(items[0].children).toEqual([]);
    });

    it('pages through 郴州 committee members with limit and cursor', async () => {
      const t = await token('chenzhou-staff');
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await api(`/units/431000/people?role=member&limit=20${cursor ? `&cursor=${cursor}` : ''}`, t);
        expect(res.status).toBe(200);
        const page = (await res.json()) as { items: { id: string; roles: string[] }[]; nextCursor: string | null };
        expect(page.items.every((p) => p.roles.includes('member'))).toBe(true);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(46);
      expect(new Set(seen).size).toBe(46);
    });

    it('lets a city user read a county of its own', async () => {
      const res = await api('/units/431081/bodies?limit=5', await token('chenzhou-staff'));
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { unitCode: string }[] };
      expect(page.items).toHaveLength(5);
      expect(page.items.every((b) => b.unitCode === '431081')).toBe(true);
    });

    it('continues the trace from the gateway through NATS into directory', async () => {
      const res = await api('/units/431000', await token('chenzhou-staff'));
      expect(res.status).toBe(200);
      const traceId = res.headers.get('x-trace-id');
      const requestId = res.headers.get('x-request-id');
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(requestId).toBeTruthy();
      const line = await eventually(async () => directory.logs.find((l) => l.requestId === requestId && l.message === 'request handled'), 5000, 'the directory log line');
      expect(line.trace_id).toBe(traceId);
      expect(line.subject).toBe('directory.unit.get');
    });
  });

  // Tokens (expired, forged, foreign, ID tokens, other audiences): tools/security/tokens.int-spec.ts.

  describe('roles and unit scope', () => {
    it('refuses a 郴州 user reading 长沙 people with 403, and audits it', async () => {
      const res = await api('/units/430100/people', await token('chenzhou-staff'));
      expect(res.status).toBe(403);
      const body = (await res.json()) as { code: string; detail: string };
      expect(body.code).toBe('forbidden');
      const audit = await sql.query(`SELECT actor_username, action, entity_id FROM gateway.audit_log WHERE action = 'access.denied' AND unit_code = '430100'`);
      expect(audit.rows).toContainEqual({ actor_username: 'chenzhou-staff', action: 'access.denied', entity_id: 'GET /api/v1/units/430100/people' });
    });

    it('refuses a county user reading its parent city', async () => {
      expect((await api('/units/431000', await token('zixing-staff'))).status).toBe(403);
    });

    it('refuses writing the roster of another unit, even for the province admin', async () => {
      const body = JSON.stringify({ name: '越权委员', title: '委员' });
      expect((await api('/units/430100/roster', await token('chenzhou-admin'), { method: 'POST', body })).status).toBe(403);
      expect((await api('/units/431000/roster', await token('hunan-admin'), { method: 'POST', body })).status).toBe(403);
      const rows = await sql.query(`SELECT count(*)::int AS n FROM directory.people WHERE name = '越权委员'`);
      expect(rows.rows[0].n).toBe(0);
    });

    it('refuses a role that may not write the roster', async () => {
      const res = await api('/units/431000/roster', await token('chenzhou-staff'), { method: 'POST', body: JSON.stringify({ name: '无权委员' }) });
      expect(res.status).toBe(403);
    });

    it('refuses a body liaison listing people', async () => {
      expect((await api('/units/431000/people', await token('chenzhou-fgw'))).status).toBe(403);
    });

    it('answers 404 for a unit that does not exist', async () => {
      expect((await api('/units/999999', await token('hunan-admin'))).status).toBe(404);
    });
  });

  describe('validation', () => {
    it.each([
      ['/units/431000/people?limit=0', 'query.limit', 'too_small'],
      ['/units/431000/people?limit=abc', 'query.limit', 'invalid_type'],
      ['/units/431000/people?limit=1000', 'query.limit', 'too_big'],
      ['/units/431000/people?role=king', 'query.role', 'invalid_value'],
      ['/units/431000/people?cursor=%24%24', 'query.cursor', 'invalid_format'],
      ['/units/431000/people?colour=red', 'query', 'unrecognized_keys'],
      ['/units/43100/people', 'path.code', 'invalid_format'],
    ])('answers %s with 400 naming %s', async (path, field, rule) => {
      const res = await api(path, await token('chenzhou-staff'));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { errors: { field: string; rule: string; message: string }[] };
      expect(body.errors).toContainEqual(expect.objectContaining({ field, rule }));
      expect(body.errors.every((e) => e.message.length > 0)).toBe(true);
    });

    it('names a missing body field and changes nothing', async () => {
      const before = await sql.query(`SELECT roster_version FROM directory.units WHERE code = '431000'`);
      const res = await api('/units/431000/roster', await token('chenzhou-admin'), { method: 'POST', body: JSON.stringify({ title: '委员' }) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { field: string; rule: string }[] };
      expect(body.errors).toContainEqual(expect.objectContaining({ field: 'body.name', rule: 'required' }));
      const after = await sql.query(`SELECT roster_version FROM directory.units WHERE code = '431000'`);
      expect(after.rows).toEqual(before.rows);
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const res = await api('/units/431000/roster', await token('chenzhou-admin'), { method: 'POST', body: '{"name": ' });
      expect(res.status).toBe(400);
    });

    it('answers a stale cursor of another shape with 400', async () => {
      const cursor = Buffer.from(JSON.stringify(['x'])).toString('base64url');
      const res = await api(`/units/431000/people?cursor=${cursor}`, await token('chenzhou-staff'));
      expect(res.status).toBe(400);
    });

    it('never answers bad input with a 5xx', async () => {
      const t = await token('chenzhou-admin');
      const probes: [string, RequestInit?][] = [
        ['/units/%00'],
        ['/units/431000/people?limit=-1&limit=2'],
        ['/units/431000/roster/not-a-uuid', { method: 'PATCH', body: JSON.stringify({ title: '主任' }) }],
        ['/units/431000/roster/018f0000-0000-7000-8000-000000000000', { method: 'DELETE' }],
        ['/units/431000/roster', { method: 'POST', body: JSON.stringify({ name: 'x'.repeat(10_000) }) }],
        ['/units/431000/roster', { method: 'POST', body: JSON.stringify([1, 2, 3]) }],
        ['/units/431000/roster', { method: 'POST', body: JSON.stringify({ name: '空字符\u0000委员' }) }],
        ['/projects', { method: 'POST', body: JSON.stringify({ title: 'x\u0000y', year: 2024, category: 'other', sources: ['party-priority'] }) }],
        ['/units/431000/roster', { method: 'POST', body: JSON.stringify({ name: '某某', committeeId: '018f0000-0000-7000-8000-000000000000' }) }],
        ['/nowhere'],
      ];
      for (const [path, init] of probes) {
        const res = await api(path, t, init);
        expect([path, res.status < 500]).toEqual([path, true]);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    });
  });

  describe('project library through the gateway', () => {
    const project = (title: string) => JSON.stringify({ title, year: 2022, category: 'work-report', sources: ['party-priority'], summary: '关于义务教育"双减"工作' });
    const post = async (username: string, title: string) => {
      const res = await api('/projects', await token(username), { method: 'POST', body: project(title) });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; unitCode: string; version: number; stage: string };
    };

    it('keeps counties apart and lets the city read its counties, read-only', async () => {
      const zixing = await post('zixing-staff', '资兴市储备项目');
      const beihu = await post('beihu-staff', '北湖区储备项目');
      expect([zixing.unitCode, beihu.unitCode, zixing.stage]).toEqual(['431081', '431002', 'reserve']);

      const zixingList = (await (await api('/projects', await token('zixing-staff'))).json()) as { items: { unitCode: string }[] };
      expect(new Set(zixingList.items.map((p) => p.unitCode))).toEqual(new Set(['431081']));
      // Another county's project is answered as one that does not exist (its existence is not revealed).
      expect((await api(`/projects/${beihu.id}`, await token('zixing-staff'))).status).toBe(404);
      expect((await api('/projects?unit=431002', await token('zixing-staff'))).status).toBe(403);

      const cityView = (await (await api('/projects?unit=431081', await token('chenzhou-staff'))).json()) as { items: { id: string }[] };
      expect(cityView.items.map((p) => p.id)).toContain(zixing.id);
      expect((await api(`/projects/${zixing.id}`, await token('chenzhou-staff'))).status).toBe(200);
      const edit = await api(`/projects/${zixing.id}`, await token('chenzhou-staff'), { method: 'PATCH', body: JSON.stringify({ version: 1, title: '市里改县里的项目' }) });
      expect(edit.status).toBe(403);
      const move = await api(`/projects/${zixing.id}/transitions`, await token('chenzhou-leader'), { method: 'POST', body: JSON.stringify({ to: 'planning' }) });
      expect(move.status).toBe(403);
    });

    it('finds a project by a Chinese substring through the gateway', async () => {
      const created = await post('chenzhou-staff', '传承红色基因推动绿色发展');
      const res = await api(`/projects?unit=431000&q=${encodeURIComponent('红色基因')}`, await token('chenzhou-leader'));
      const page = (await res.json()) as { items: { id: string }[] };
      expect(page.items.map((p) => p.id)).toEqual([created.id]);
    });

    it('approves only with a leader and the decision, and refuses a stale edit', async () => {
      const created = await post('chenzhou-staff', '十四五规划执行情况');
      const staffToken = await token('chenzhou-staff');
      const to = (t: string, body: object) => api(`/projects/${created.id}/transitions`, t, { method: 'POST', body: JSON.stringify(body) });
      expect((await to(staffToken, { to: 'planning' })).status).toBe(200);
      const approval = { decidingBody: 'party-committee', decisionDate: '2022-02-18', documentNumber: '郴人常发〔2022〕5号' };
      expect((await to(staffToken, { to: 'approved', approval })).status).toBe(403);
      const missing = await to(await token('chenzhou-leader'), { to: 'approved' });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { errors: { field: string }[] }).errors[0].field).toBe('body.approval');
      const approved = await to(await token('chenzhou-leader'), { to: 'approved', approval });
      expect(approved.status).toBe(200);
      const illegal = await to(await token('chenzhou-leader'), { to: 'closed' });
      expect(illegal.status).toBe(409);
      expect(((await illegal.json()) as { detail: string }).detail).toContain('不能从立项直接转到办结');

      const stale = await api(`/projects/${created.id}`, staffToken, { method: 'PATCH', body: JSON.stringify({ version: 1, title: '过期的修改' }) });
      expect(stale.status).toBe(409);
      const noVersion = await api(`/projects/${created.id}`, staffToken, { method: 'PATCH', body: JSON.stringify({ title: '没有版本号' }) });
      expect(noVersion.status).toBe(400);
    });

    it('lays out the standard roadmap and shows derived progress and health; other counties are refused', async () => {
      const created = await post('zixing-staff', '资兴市东江湖水环境保护条例执法检查');
      const t = await token('zixing-staff');
      const roadmap = await api(`/projects/${created.id}/milestones`, t, { method: 'POST', body: JSON.stringify({ template: 'standard', startDate: '2019-03-01' }) });
      expect(roadmap.status).toBe(201);
      expect(((await roadmap.json()) as { items: unknown[] }).items).toHaveLength(6);
      const detail = (await (await api(`/projects/${created.id}`, t)).json()) as { progress: number; health: string; nextStages: string[]; hasRoadmap: boolean };
      expect(detail).toMatchObject({ progress: 0, health: 'red', hasRoadmap: true, nextStages: ['planning', 'withdrawn'] });
      expect((await api(`/projects/${created.id}/tasks`, await token('beihu-staff'))).status).toBe(404);
      expect((await api(`/projects/${created.id}/milestones`, await token('chenzhou-staff'))).status).toBe(200);
      const cityWrite = await api(`/projects/${created.id}/milestones`, await token('chenzhou-staff'), { method: 'POST', body: JSON.stringify({ title: '市里加的节点', dueDate: '2022-01-01' }) });
      expect(cityWrite.status).toBe(403);
    });

    it('records adjustments, shows the year plan with them, exports it to Excel and draws the battle map', async () => {
      const created = await post('chenzhou-staff', '巩固拓展脱贫攻坚成果同乡村振兴有效衔接');
      const leaderToken = await token('chenzhou-leader');
      const move = (body: object) => api(`/projects/${created.id}/transitions`, leaderToken, { method: 'POST', body: JSON.stringify(body) });
      expect((await move({ to: 'planning' })).status).toBe(200);
      expect((await move({ to: 'approved', approval: { decidingBody: 'chairs-council', decisionDate: '2022-02-18', documentNumber: '郴人常办〔2022〕3号' } })).status).toBe(200);
      const adjust = await api(`/projects/${created.id}/adjustments`, await token('chenzhou-staff'), {
        method: 'POST',
        body: JSON.stringify({ kind: 'change', reason: '扩大到全市', approverName: '主任会议', approvedOn: '2022-07-01', changes: { summary: '覆盖全市 11 个县市区' } }),
      });
      expect(adjust.status).toBe(201);
      expect((await api(`/projects/${created.id}/adjustments`, await token('zixing-staff'))).status).toBe(404);

      const plan = (await (await api('/plans/431000/2022', await token('chenzhou-member01'))).json()) as { entries: { id: string; planStatus: string }[]; adjustments: unknown[] };
      expect(plan.entries.find((e) => e.id === created.id)?.planStatus).toBe('changed');
      expect(plan.adjustments.length).toBeGreaterThanOrEqual(1);
      expect((await api('/plans/431000/2022', await token('zixing-staff'))).status).toBe(403);

      const xlsx = await api('/plans/431000/2022.xlsx', await token('chenzhou-staff'));
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      expect(bytes.subarray(0, 2).toString()).toBe('PK');

      const map = await api('/battle-map?unit=431000&year=2022', await token('chenzhou-leader'));
      expect(map.status).toBe(200);
      expect(((await map.json()) as { projects: { id: string }[] }).projects.map((p) => p.id)).toContain(created.id);
      expect((await api('/battle-map?unit=431002&year=2022', await token('zixing-staff'))).status).toBe(403);
    });

    it('imports candidate projects from Excel: a file with a bad row imports nothing and names row and column', async () => {
      const sheet = async (rows: (string | number)[][]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('项目');
        ws.addRow(['项目名称', '年度', '类别', '来源', '主要内容', '标签']);
        rows.forEach((r) => ws.addRow(r));
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const upload = async (file: Buffer) =>
        api('/projects:import', await token('zixing-staff'), { method: 'POST', body: file, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
      const count = async () => (await sql.query(`SELECT count(*)::int AS n FROM project_library.projects WHERE unit_code = '431081' AND title LIKE '导入测试%'`)).rows[0].n as number;

      const bad = await upload(await sheet([
        ['导入测试一', 2024, '执法检查', '代表建议、群众急难愁盼', '水污染防治法执法检查'],
        ['导入测试二', 2024, '座谈会', '代表建议', ''],
        ['导入测试三', '明年', '调研', '', ''],
      ]));
      expect(bad.status).toBe(400);
      const problem = (await bad.json()) as { errors: { field: string; message: string }[]; detail: string };
      expect(problem.errors.map((e) => e.field)).toEqual(['body.rows[3].C', 'body.rows[4].B', 'body.rows[4].D']);
      expect(problem.errors[0].message).toContain('第 3 行 C 列「类别」');
      expect(problem.detail).toContain('未导入任何项目');
      expect(await count()).toBe(0);

      const good = await upload(await sheet([
        ['导入测试一', 2024, '执法检查', '代表建议、群众急难愁盼', '水污染防治法执法检查'],
        ['导入测试二', 2024, '视察', '党委中心工作', '东江湖生态保护'],
      ]));
      expect(good.status).toBe(201);
      expect(((await good.json()) as { imported: number }).imported).toBe(2);
      expect(await count()).toBe(2);

      expect((await upload(Buffer.from('not a spreadsheet'))).status).toBe(400);

      const exported = await api(`/projects.xlsx?unit=431081&q=${encodeURIComponent('导入测试')}`, await token('zixing-staff'));
      expect(exported.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await exported.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0];
      expect(ws.rowCount).toBe(3);
      expect(ws.getRow(2).getCell(3).value).toMatch(/执法检查|视察/);
    });

    it('names bad fields of a new project and refuses roles that may not enter projects', async () => {
      const res = await api('/projects', await token('chenzhou-staff'), { method: 'POST', body: JSON.stringify({ title: 'x', year: 'next', category: 'party', sources: [] }) });
      expect(res.status).toBe(400);
      const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
      expect(fields).toEqual(['body.category', 'body.sources', 'body.title', 'body.year']);
      expect((await api('/projects', await token('chenzhou-member01'), { method: 'POST', body: project('委员不能录入') })).status).toBe(403);
      expect((await api('/projects', await token('chenzhou-fgw'))).status).toBe(403);
    });
  });

  describe('roster changes reach voting through the outbox, exactly once', () => {
    it('applies three changes made while voting was down, each once, after it restarts', async () => {
      const admin = await token('chenzhou-admin');
      const applied = async () => (await sql.query(`SELECT event_id, roster_version, kind, applied FROM voting.roster_changes WHERE unit_code = '431000' ORDER BY roster_version`)).rows;
      // The seed's roster arrived already.
      await eventually(async () => (await applied()).length >= 1, 15_000, 'the seeded roster in voting');
      const before = await applied();

      expect(await voting.stop()).toBe(0);

      const added = await api('/units/431000/roster', admin, { method: 'POST', body: JSON.stringify({ name: '新任委员', title: '委员' }) });
      expect(added.status).toBe(201);
      const person = (await added.json()) as { id: string };
      const updated = await api(`/units/431000/roster/${person.id}`, admin, { method: 'PATCH', body: JSON.stringify({ title: '副主任' }) });
      expect(updated.status).toBe(200);
      const removed = await api(`/units/431000/roster/${person.id}`, admin, { method: 'DELETE' });
      expect(removed.status).toBe(200);

      // The events are in the stream, waiting for voting's durable consumer.
      const waiting = await sql.query(`SELECT count(*)::int AS n FROM directory.outbox WHERE subject = 'unit.roster-changed.v1' AND sent_at IS NULL`);
      await eventually(async () => (await sql.query(`SELECT count(*)::int AS n FROM directory.outbox WHERE sent_at IS NULL`)).rows[0].n === 0, 10_000, 'the outbox to drain');
      expect(waiting.rows[0].n).toBeLessThanOrEqual(3);

      voting = await startServiceProcess('voting', env);
      const rows = await eventually(async () => {
        const r = await applied();
        return r.length === before.length + 3 ? r : undefined;
      }, 20_000, 'three roster changes in voting');
      const fresh = rows.slice(before.length);
      expect(fresh.map((r) => r.kind)).toEqual(['joined', 'updated', 'left']);
      expect(fresh.every((r) => r.applied)).toBe(true);
      const versions = fresh.map((r) => r.roster_version);
      expect(versions).toEqual([versions[0], versions[0] + 1, versions[0] + 2]);
      expect(new Set(fresh.map((r) => r.event_id)).size).toBe(3);

      // Nothing more arrives: each change was applied once.
      await new Promise((r) => setTimeout(r, 1000));
      expect(await applied()).toHaveLength(before.length + 3);
      const copy = await sql.query(`SELECT person_id FROM voting.roster_members WHERE unit_code = '431000' ORDER BY position`);
      const source = await sql.query(`SELECT id AS person_id FROM directory.people WHERE unit_code = '431000' AND on_roster ORDER BY sort_order, id`);
      expect(copy.rows).toEqual(source.rows);
      expect(copy.rows).toHaveLength(46);
    });
  });

  describe('running as replicas', () => {
    it('spreads requests over two directory replicas and handles each event once with two voting replicas', async () => {
      const [directory2, voting2] = await Promise.all([startServiceProcess('directory', { ...env, LOG_LEVEL: 'debug' }), startServiceProcess('voting', env)]);
      extra.push(directory2, voting2);
      const t = await token('chenzhou-staff');
      const mark = directory.logs.length;
      for (let i = 0; i < 40; i++) expect((await api('/units/431000', t)).status).toBe(200);
      const handledBy = (p: ServiceProcess, from = 0) => p.logs.slice(from).filter((l) => l.message === 'request handled').length;
      // Log lines arrive through a pipe and may trail the responses a little.
      await eventually(async () => handledBy(directory, mark) + handledBy(directory2) >= 40, 5000, 'the log lines of 40 requests');
      expect(handledBy(directory, mark)).toBeGreaterThan(0);
      expect(handledBy(directory2)).toBeGreaterThan(0);

      const admin = await token('chenzhou-admin');
      const count = async () => (await sql.query(`SELECT count(*)::int AS n FROM voting.roster_changes WHERE unit_code = '431000'`)).rows[0].n as number;
      const before = await count();
      const res = await api('/units/431000/roster', admin, { method: 'POST', body: JSON.stringify({ name: '副本测试委员' }) });
      expect(res.status).toBe(201);
      await eventually(async () => (await count()) === before + 1, 10_000, 'the change in voting');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await count()).toBe(before + 1);
    });
  });

  describe('operations', () => {
    it('limits requests per user with 429 problem+json', async () => {
      const limited = await startServiceProcess('gateway', { ...env, KEYCLOAK_URL: idp.url, RATE_LIMIT_PER_MINUTE: '3' });
      extra.push(limited);
      const t = await token('chenzhou-leader');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/api/v1/units/431000`, { headers: { authorization: `Bearer ${t}` } })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    it('publishes an OpenAPI 3.1 document in which every operation declares its roles and unit rule', async () => {
      const res = await fetch(`${gateway.url}/api/docs/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { 'x-access'?: { roles: string[]; unit: unknown } }>> };
      expect(doc.openapi).toBe('3.1.0');
      const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
      expect(operations.length).toBeGreaterThanOrEqual(8);
      for (const { path, method, op } of operations) {
        expect([`${method} ${path}`, op['x-access']?.roles.length ?? 0]).not.toEqual([`${method} ${path}`, 0]);
      }
      expect((await fetch(`${gateway.url}/api/docs`)).status).toBe(200);
    });

    it('reports readiness and stops gracefully on SIGTERM', async () => {
      const spare = await startServiceProcess('directory', { ...env, LOG_LEVEL: 'info' });
      const ready = (await (await fetch(`${spare.url}/ready`)).json()) as { checks: Record<string, string> };
      expect(ready.checks).toEqual({ database: 'up', nats: 'up' });
      expect(await spare.stop()).toBe(0);
      expect(spare.logs.some((l) => l.message === 'stopped')).toBe(true);
    });

    it('starts every domain service, each migrating its own schema and answering readiness', async () => {
      const names = ['project-library', 'issue-tracking', 'supervision-scheduling', 'publication', 'personnel-assessment'] as const;
      const started = await Promise.all(names.map((n) => startServiceProcess(n, env)));
      extra.push(...started);
      for (const p of started) expect((await fetch(`${p.url}/ready`)).status).toBe(200);
      const schemas = await sql.query(
        `SELECT table_schema, count(*)::int AS tables FROM information_schema.tables
         WHERE table_name IN ('migrations', 'outbox', 'inbox', 'audit_log') GROUP BY table_schema ORDER BY table_schema`,
      );
      expect(schemas.rows.map((r) => r.table_schema)).toEqual(['directory', 'gateway', 'issue_tracking', 'personnel_assessment', 'project_library', 'publication', 'supervision_scheduling', 'voting']);
      expect(schemas.rows.every((r) => r.tables === 4)).toBe(true);
      expect((await sql.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0].n).toBe(0);
    });

    it('refuses to start with a missing variable, naming it', async () => {
      const { DATABASE_URL: _omit, ...rest } = env;
      // It exits as soon as it has read its environment; the bound is only for a loaded CI machine.
      await expect(startServiceProcess('directory', rest, 45_000)).rejects.toThrow(/DATABASE_URL is missing/);
    });
  });
});
