import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LocalIdp } from '@congress/local-idp';
import {
  createTestDatabase,
  createTestNamespace,
  demoUsers,
  passwordToken,
  runServiceSeed,
  serviceEnv,
  startServiceProcesses,
  startTestIdp,
  type ServiceProcess,
  type TestDatabase,
} from '@congress/testing';
import ExcelJS from 'exceljs';
import pg from 'pg';

const FGW = 'a5e55adf-9030-5f99-9178-0586395daf56'; // 郴州市发展和改革委员会 (chenzhou-fgw)
const STHJJ = '267af8e2-ea90-591b-ad08-e7945d5f1fdf'; // 郴州市生态环境局 (chenzhou-sthjj)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The smallest well-formed PDF: enough for a content check. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A response body, loosely typed: the assertions say what it must hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

async function sheet(rows: (string | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(['问题描述', '地点', '类别', '责任单位', '协办单位', '责任人', '整改措施', '整改时限', '证明材料']);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The problem list through the gateway: staff, body liaisons, attachments, Excel in and out. */
describe('issue tracking end to end (gateway, directory, project-library, issue-tracking as processes)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let idp: LocalIdp;
  let procs: ServiceProcess[] = [];
  let gateway: ServiceProcess;
  let sql: pg.Client;
  const tokens: Record<string, string> = {};
  let opinionId: string;
  let fgwProblem: string;
  let sthjjProblem: string;

  const token = async (username: string) => (tokens[username] ??= await passwordToken(idp, username));
  const api = async (path: string, username: string | null, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    return fetch(`${gateway.url}/api/v1${path}`, {
      ...rest,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      headers: { ...(username ? { authorization: `Bearer ${await token(username)}` } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers },
    });
  };
  const count = async (table: string) => Number((await sql.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    idp = await startTestIdp({ users: demoUsers() });
    const env = serviceEnv(db.url, ns.namespace);
    await runServiceSeed('directory', env);
    procs = await startServiceProcesses([
      { name: 'directory', env },
      { name: 'project-library', env },
      { name: 'issue-tracking', env: { ...env, OVERDUE_CHECK_MS: '0' } },
      { name: 'gateway', env: { ...env, KEYCLOAK_URL: idp.url, KEYCLOAK_REALM: 'congress' } },
    ]);
    gateway = procs[3];
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();

    const project = await json(api('/projects', 'chenzhou-staff', { method: 'POST', json: { title: '优化营商环境专项工作报告', year: 2021, category: 'work-report', sources: ['party-priority'] } }));
    const opinion = await json(api(`/projects/${project.id}/opinions`, 'chenzhou-staff', { method: 'POST', json: { session: '市五届人大常委会第三十三次会议', deliberatedOn: '2021-04-28', text: '审议意见：进一步优化营商环境，切实解决企业反映的突出问题。' } }));
    opinionId = opinion.id;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await sql?.end();
    await idp?.close();
    await ns?.cleanup();
    await db?.drop();
  });

  it('imports nothing from a problem sheet with bad rows, naming each row, column and reason', async () => {
    const file = await sheet([
      ['工程建设项目审批环节多', '市政务服务中心', '审批', '郴州市发展和改革委员会', '', '孙涛', '', '2099-12-31', '整改文件'],
      ['短', '', '', '不存在的局', '', '', '', '明年', '照片'],
      ['水电气报装时间长、费用高，企业反映强烈', '', '', '郴州市生态环境局', '', '', '', '2099-12-31', ''],
    ]);
    const res = await api(`/opinions/${opinionId}/problems:import`, 'chenzhou-staff', { method: 'POST', body: new Uint8Array(file), headers: { 'content-type': XLSX } });
    expect(res.status).toBe(400);
    const problem = await json(res);
    const messages: string[] = problem.errors.map((e: { message: string }) => e.message);
    expect(messages.every((m) => m.startsWith('第 3 行'))).toBe(true);
    expect(messages.join('\n')).toMatch(/问题描述/);
    expect(messages.join('\n')).toMatch(/不存在的局/);
    expect(messages.join('\n')).toMatch(/整改时限/);
    expect(messages.join('\n')).toMatch(/证明材料/);
    expect(await count('issue_tracking.problems')).toBe(0);
  });

  it('imports a good sheet, transmits it, and keeps each body liaison to its own problems', async () => {
    const file = await sheet([
      ['工程建设项目审批环节多、时限长', '市政务服务中心', '审批', '郴州市发展和改革委员会', '', '孙涛', '', '2099-12-31', '整改文件'],
      ['东江湖沿岸生活污水直排', '东江湖', '环保', '郴州市生态环境局', '', '陈红刚', '', '2099-12-31', ''],
    ]);
    const imported = await api(`/opinions/${opinionId}/problems:import`, 'chenzhou-staff', { method: 'POST', body: new Uint8Array(file), headers: { 'content-type': XLSX } });
    expect(imported.status).toBe(201);
    expect((await json(imported)).imported).toBe(2);
    expect((await api(`/opinions/${opinionId}/transmit`, 'chenzhou-fgw', { method: 'POST', json: { reportDueDate: '2099-10-31' } })).status).toBe(403);
    const sent = await api(`/opinions/${opinionId}/transmit`, 'chenzhou-staff', { method: 'POST', json: { reportDueDate: '2099-10-31' } });
    expect(sent.status).toBe(200);

    const ledger = await json(api(`/problems?opinion=${opinionId}`, 'chenzhou-staff'));
    fgwProblem = ledger.items.find((p: { responsibleBodyId: string }) => p.responsibleBodyId === FGW).id;
    sthjjProblem = ledger.items.find((p: { responsibleBodyId: string }) => p.responsibleBodyId === STHJJ).id;
    const mine = await json(api('/problems', 'chenzhou-fgw'));
    expect(mine.items.map((p: { id: string }) => p.id)).toEqual([fgwProblem]);

    // Another body's problem: not visible, not changeable.
    expect((await api(`/problems/${sthjjProblem}`, 'chenzhou-fgw')).status).toBe(404);
    const before = (await sql.query(`SELECT status, version FROM issue_tracking.problems WHERE id = $1`, [sthjjProblem])).rows[0];
    expect((await api(`/problems/${sthjjProblem}/progress`, 'chenzhou-fgw', { method: 'POST', json: { text: '越权报告', percent: 90 } })).status).toBe(404);
    expect((await api(`/problems/${sthjjProblem}/close-requests`, 'chenzhou-fgw', { method: 'POST', json: { text: '越权销号' } })).status).toBe(404);
    expect((await sql.query(`SELECT status, version FROM issue_tracking.problems WHERE id = $1`, [sthjjProblem])).rows[0]).toEqual(before);
    expect((await api(`/problems?body=${STHJJ}`, 'chenzhou-fgw')).status).toBe(403);
    // Another unit and a role without the right are refused (another unit is told nothing exists).
    expect((await api(`/problems/${fgwProblem}`, 'zixing-staff')).status).toBe(404);
    expect((await api(`/problems/${fgwProblem}/verification`, 'chenzhou-member01', { method: 'POST', json: { decision: 'accept' } })).status).toBe(403);

    const progress = await api(`/problems/${fgwProblem}/progress`, 'chenzhou-fgw', { method: 'POST', json: { text: '已制定审批流程再造方案', percent: 40 } });
    expect(progress.status).toBe(201);
    const counts = await json(api(`/problems/counts?opinion=${opinionId}`, 'chenzhou-staff'));
    expect(counts).toMatchObject({ total: 2, byStatus: { assigned: 1, rectifying: 1 } });
  });

  it('refuses an attachment of the wrong type or over 20 MB and stores nothing; serves a good one only to those who may see it', async () => {
    const blobsBefore = await count('gateway.blobs');
    const upload = (body: Buffer, name: string, contentType: string, who = 'chenzhou-fgw', id = fgwProblem) =>
      api(`/problems/${id}/attachments?name=${encodeURIComponent(name)}&evidence=document`, who, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': contentType } });

    const fake = await upload(Buffer.from('#!/bin/sh\nrm -rf /\n'), '整改报告.pdf', 'application/pdf');
    expect(fake.status).toBe(400);
    expect((await json(fake)).errors[0]).toMatchObject({ field: 'body', rule: 'unsupported_type' });
    const big = await upload(Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]), '大文件.pdf', 'application/pdf');
    expect(big.status).toBe(413);
    expect((await json(big)).detail).toContain('20 MB');
    expect(await count('gateway.blobs')).toBe(blobsBefore);
    expect(await count('issue_tracking.attachments')).toBe(0);
    // Another body's liaison cannot attach to this problem either.
    expect((await upload(PDF, '整改报告.pdf', 'application/pdf', 'chenzhou-sthjj')).status).toBe(404);
    expect(await count('gateway.blobs')).toBe(blobsBefore);

    const ok = await upload(PDF, '整改报告.pdf', 'application/octet-stream');
    expect(ok.status).toBe(201);
    const attachment = await json(ok);
    expect(attachment).toMatchObject({ name: '整改报告.pdf', contentType: 'application/pdf', size: PDF.length, evidence: 'document' });
    expect(attachment.blobKey).toBeUndefined();

    const mine = await api(`/attachments/${attachment.id}`, 'chenzhou-fgw');
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await mine.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await api(`/attachments/${attachment.id}`, 'chenzhou-sthjj')).status).toBe(404);
    expect((await api(`/attachments/${attachment.id}`, 'zixing-staff')).status).toBe(404);
    expect((await api(`/attachments/${attachment.id}`, 'hunan-admin')).status).toBe(200);

    // The evidence the problem requires (整改文件) is now attached: close-out goes through.
    const close = await api(`/problems/${fgwProblem}/close-requests`, 'chenzhou-fgw', { method: 'POST', json: { text: '已整改完毕', attachmentIds: [attachment.id] } });
    expect(close.status).toBe(201);
    expect((await json(close)).status).toBe('close-requested');
  });

  it('exports the ledger to Excel in the usual columns and writes the assignment letter', async () => {
    const res = await api(`/problems.xlsx?opinion=${opinionId}`, 'chenzhou-staff');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).join(',');
    const headerRow = header.includes('序号') ? 1 : 2;
    expect((ws.getRow(headerRow).values as unknown[]).slice(1)).toEqual(['序号', '问题', '责任单位', '责任人', '整改措施', '时限', '进展', '状态', '销号时间']);
    const texts = JSON.stringify(ws.getSheetValues());
    expect(texts).toContain('郴州市发展和改革委员会');
    expect(texts).toContain('申请销号');

    const letter = await api(`/opinions/${opinionId}/assignment-letter?body=${FGW}`, 'chenzhou-staff');
    expect(letter.status).toBe(200);
    const bytes = Buffer.from(await letter.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await api(`/opinions/${opinionId}/assignment-letter?body=${STHJJ}`, 'chenzhou-fgw')).status).toBe(403);
  });

  it("gives those who import the templates, with the unit's bodies to choose from, and nobody else", async () => {
    const { projectId } = await json(api(`/opinions/${opinionId}`, 'chenzhou-staff'));
    for (const [path, sheet] of [
      [`/opinions/${opinionId}/problems-template.xlsx`, '问题清单'],
      [`/projects/${projectId}/findings-template.xlsx`, '调研发现'],
    ]) {
      const res = await api(path, 'chenzhou-staff');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      expect(wb.worksheets.map((w) => w.name)).toEqual([sheet, '责任单位名录']);
      const names = JSON.stringify(wb.getWorksheet('责任单位名录')!.getSheetValues());
      expect(names).toContain('郴州市发展和改革委员会');
      expect(names).not.toContain('资兴');
      // A liaison imports nothing; staff of another unit may not write to 郴州's lists (nor learn they exist).
      expect((await api(path, 'chenzhou-fgw')).status).toBe(403);
      expect((await api(path, 'zixing-staff')).status).toBe(404);
    }
  });

  it('keeps a project open while any of its problems is not closed (project-library asks issue-tracking)', async () => {
    const staff = 'chenzhou-staff';
    const leader = 'chenzhou-leader';
    const opinion = await json(api(`/opinions/${opinionId}`, staff));
    const id = opinion.projectId;
    const move = (to: string, extra: object = {}) => api(`/projects/${id}/transitions`, leader, { method: 'POST', json: { to, ...extra } });
    expect((await move('planning')).status).toBe(200);
    expect((await move('approved', { approval: { decidingBody: 'party-committee', decisionDate: '2021-02-18', documentNumber: '郴人常发〔2021〕5号' } })).status).toBe(200);
    await api(`/projects/${id}/responsibilities`, staff, { method: 'POST', json: { role: '牵头领导', holderName: '肖小琴', duty: '牵头调研和跟踪监督' } });
    await api(`/projects/${id}/milestones`, staff, { method: 'POST', json: { template: 'standard', startDate: '2021-03-01' } });
    for (const to of ['implementing', 'evaluating', 'tracking']) expect((await move(to)).status).toBe(200);
    const refused = await move('closed');
    expect(refused.status).toBe(409);
    expect((await json(refused)).detail).toBe('还有 2 个问题未销号，不能办结');

    // The timeline shows the loop across services, in order.
    const timeline = await json(api(`/projects/${id}/timeline`, staff));
    expect(timeline.incomplete).toEqual([]);
    const kinds: string[] = timeline.items.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('created');
    expect(kinds).toEqual(expect.arrayContaining(['opinion', 'transmitted', 'stage']));
    expect(kinds.indexOf('opinion')).toBeLessThan(kinds.indexOf('transmitted'));
    expect(timeline.items.find((e: { kind: string }) => e.kind === 'transmitted').summary).toContain('2 个问题');
  });

  it('answers bad ledger queries with 400 naming the field', async () => {
    const res = await api('/problems?status=done&overdue=maybe', 'chenzhou-staff');
    expect(res.status).toBe(400);
    const fields = (await json(res)).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['query.overdue', 'query.status']);
  });

  it("refuses a problem naming another unit's body or finding, or one that does not exist, alike (404 naming the field), creates nothing, and hides another unit's finding", async () => {
    const ZIXING_GOV = '1e933432-a025-5611-a3bb-76846bc657f9'; // 资兴市人民政府
    const zixingProject = await json(api('/projects', 'zixing-staff', { method: 'POST', json: { title: '资兴市东江湖保护工作情况的报告', year: 2021, category: 'work-report', sources: ['higher-requirement'] } }));
    const zixingFinding = await json(api(`/projects/${zixingProject.id}/findings`, 'zixing-staff', { method: 'POST', json: { description: '东江湖沿岸生活污水直排' } }));
    const before = await count('issue_tracking.problems');
    const problem = { description: '企业开办手续仍然繁琐', responsibleBodyId: FGW, deadline: '2099-12-31' };
    const cases: [string, Record<string, unknown>, string][] = [
      ['资兴\'s body', { responsibleBodyId: ZIXING_GOV }, 'body.responsibleBodyId'],
      ['a co-responsible body that does not exist', { coBodyIds: ['018f0000-0000-7000-8000-0000000000cc'] }, 'body.coBodyIds[0]'],
      ['资兴\'s finding', { findingId: zixingFinding.id }, 'findingId'],
      ['a finding that does not exist', { findingId: '018f0000-0000-7000-8000-0000000000dd' }, 'findingId'],
    ];
    for (const [label, ids, field] of cases) {
      const res = await api(`/opinions/${opinionId}/problems`, 'chenzhou-staff', { method: 'POST', json: { ...problem, ...ids } });
      expect([label, res.status, (await json(res)).errors?.[0]?.field]).toEqual([label, 404, field]);
    }
    expect(await count('issue_tracking.problems')).toBe(before);

    // 郴州 may read its county's finding (empty: no attachments); 资兴 gets the same 404 for 郴州's as for none.
    const chenzhouFinding = await json(api(`/projects/${(await json(api(`/opinions/${opinionId}`, 'chenzhou-staff'))).projectId}/findings`, 'chenzhou-staff', { method: 'POST', json: { description: '企业开办手续仍然繁琐' } }));
    expect((await api(`/findings/${zixingFinding.id}/attachments`, 'chenzhou-staff')).status).toBe(200);
    const hidden = await api(`/findings/${chenzhouFinding.id}/attachments`, 'zixing-staff');
    const absent = await api('/findings/018f0000-0000-7000-8000-0000000000ee/attachments', 'zixing-staff');
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect((await json(hidden)).title).toBe((await json(absent)).title);
  });
});
