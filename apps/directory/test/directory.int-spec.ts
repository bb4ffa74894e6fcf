import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { RosterAdd, RosterUpdate, UnitGet, UnitPeople, type Actor } from '@congress/contracts';
import { RpcClient, WireNames, connectNats, type NatsConnection } from '@congress/messaging';
import { createServiceApp, loadConfig, ServiceRuntime } from '@congress/service-kit';
import { createLogger } from '@congress/telemetry';
import { DEMO_DATA_FILE, aRosterMember, createTestDatabase, createTestNamespace, problemOf, serviceEnv, type TestDatabase } from '@congress/testing';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from '../src/app.module.js';
import { DirectoryEnv } from '../src/config.js';
import { DemoData, seedDirectory } from '../src/seed/demo-seed.js';

const admin: Actor = { subject: 'a', username: 'chenzhou-admin', unitCode: '431000', roles: ['unit-admin'] };
const outsider: Actor = { subject: 'b', username: 'changsha-admin', unitCode: '430100', roles: ['unit-admin'] };


describe('directory service (in process, real Postgres and NATS)', () => {
  let db: TestDatabase;
  let ns: ReturnType<typeof createTestNamespace>;
  let app: INestApplication;
  let runtime: ServiceRuntime;
  let nc: NatsConnection;
  let rpc: RpcClient;
  const data = DemoData.parse(JSON.parse(readFileSync(DEMO_DATA_FILE, 'utf8')));

  beforeAll(async () => {
    db = await createTestDatabase();
    ns = createTestNamespace();
    const config = loadConfig('directory', DirectoryEnv, serviceEnv(db.url, ns.namespace));
    const logger = createLogger('directory', 'silent');
    app = await createServiceApp({ service: 'directory', config, logger, module: AppModule.register(config, logger) });
    await app.init();
    runtime = app.get(ServiceRuntime);
    nc = await connectNats({ servers: config.NATS_URL });
    rpc = new RpcClient(nc, new WireNames(ns.namespace), 5000);
  }, 60_000);

  afterAll(async () => {
    await nc?.drain();
    await app?.close();
    await ns?.cleanup();
    await db?.drop();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await runtime.dataSource.query(sql, params))[0].n);

  it('loads the demo province, and loading it again changes nothing', async () => {
    const first = await seedDirectory(runtime.dataSource, runtime.outbox, data);
    expect(first).toMatchObject({ units: 26, rostersPublished: 26 });
    const versions = await runtime.dataSource.query(`SELECT code, roster_version FROM units ORDER BY code`);
    const outbox = await count(`SELECT count(*) AS n FROM outbox`);

    const second = await seedDirectory(runtime.dataSource, runtime.outbox, data);
    expect(second.rostersPublished).toBe(0);
    expect(await runtime.dataSource.query(`SELECT code, roster_version FROM units ORDER BY code`)).toEqual(versions);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(outbox);
    expect(await count(`SELECT count(*) AS n FROM people`)).toBe(data.people.length);
  });

  it('answers over NATS with typed, validated replies', async () => {
    const unit = await rpc.request(UnitGet, { code: '431000' }, { actor: admin });
    expect(unit).toEqual({ code: '431000', name: '郴州市人大常委会', region: '郴州市', level: 'city', parentCode: '430000' });
    const problem = await problemOf(rpc.request(UnitGet, { code: '999999' }, { actor: admin }));
    expect(problem).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('orders a roster chair first, then vice-chairs, secretary-general and members', async () => {
    const page = await rpc.request(UnitPeople, { code: '431000', role: 'member', limit: 8 }, { actor: admin });
    expect(page.items[0].title).toBe('主任');
    expect(page.items.slice(1, 7).map((p) => p.title)).toEqual(['副主任', '副主任', '副主任', '副主任', '副主任', '秘书长']);
  });

  it('adds a member with its audit row and its event in the same transaction', async () => {
    const outboxBefore = await count(`SELECT count(*) AS n FROM outbox WHERE subject = 'unit.roster-changed.v1'`);
    const person = await rpc.request(RosterAdd, { code: '431000', name: '审计测试委员', title: '委员' }, { actor: admin });
    expect(person).toMatchObject({ name: '审计测试委员', roles: ['member'], onRoster: true, unitCode: '431000' });
    const [audit] = await runtime.dataSource.query(`SELECT action, actor_username, unit_code, after FROM audit_log WHERE entity_id = $1`, [person.id]);
    expect(audit).toMatchObject({ action: 'roster.add', actor_username: 'chenzhou-admin', unit_code: '431000' });
    expect(audit.after.name).toBe('审计测试委员');
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE subject = 'unit.roster-changed.v1'`)).toBe(outboxBefore + 1);
    const [event] = await runtime.dataSource.query(`SELECT envelope FROM outbox ORDER BY seq DESC LIMIT 1`);
    expect(event.envelope.payload.change).toEqual({ kind: 'joined', personId: person.id, name: '审计测试委员' });
    expect(event.envelope.payload.members.some((m: { personId: string }) => m.personId === person.id)).toBe(true);
  });

  it('changes nothing when a change fails: no person, no audit row, no event', async () => {
    const before = [await count(`SELECT count(*) AS n FROM people`), await count(`SELECT count(*) AS n FROM audit_log`), await count(`SELECT count(*) AS n FROM outbox`)];
    const problem = await problemOf(rpc.request(RosterAdd, { code: '431000', name: '无效委员', committeeId: '018f0000-0000-7000-8000-000000000000' }, { actor: admin }));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'body.committeeId', rule: 'unknown_committee' }] });
    expect([await count(`SELECT count(*) AS n FROM people`), await count(`SELECT count(*) AS n FROM audit_log`), await count(`SELECT count(*) AS n FROM outbox`)]).toEqual(before);
  });

  it('refuses a roster change of another unit even when the gateway is bypassed', async () => {
    const problem = await problemOf(rpc.request(RosterAdd, { code: '431000', name: '越权委员' }, { actor: outsider }));
    expect(problem).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('refuses a change based on a stale version with 409', async () => {
    const person = await rpc.request(RosterAdd, { code: '431000', ...aRosterMember() }, { actor: admin });
    const [{ version }] = await runtime.dataSource.query(`SELECT version FROM people WHERE id = $1`, [person.id]);
    await rpc.request(RosterUpdate, { code: '431000', personId: person.id, title: '秘书长', expectedVersion: version }, { actor: admin });
    const problem = await problemOf(rpc.request(RosterUpdate, { code: '431000', personId: person.id, title: '主任', expectedVersion: version }, { actor: admin }));
    expect(problem).toMatchObject({ status: 409, code: 'conflict' });
    const [row] = await runtime.dataSource.query(`SELECT title, version FROM people WHERE id = $1`, [person.id]);
    expect(row).toEqual({ title: '秘书长', version: version + 1 });
  });

  it('validates requests at the service too, naming the field', async () => {
    const problem = await problemOf(rpc.request(RosterAdd, { code: '431000', name: '王' }, { actor: admin }));
    expect(problem.errors).toContainEqual({ field: 'name', rule: 'too_small', message: '姓名至少 2 个字' });
    const nul = await problemOf(rpc.request(RosterAdd, { code: '431000', name: '王\u0000五' }, { actor: admin }));
    expect(nul).toMatchObject({ status: 400, errors: [{ field: 'name', rule: 'nul_character' }] });
  });
});
