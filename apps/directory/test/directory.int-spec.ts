import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { RosterAdd, RosterRemove, RosterUpdate, UnitBodies, UnitCommittees, UnitGet, UnitList, UnitPeople, type Actor } from '@congress/contracts';
import { DEMO_DATA_FILE, aRosterMember, problemOf, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { DirectoryEnv } from '../src/config.js';
import { DemoData, seedDirectory } from '../src/seed/demo-seed.js';

const admin: Actor = { subject: 'a', username: 'chenzhou-admin', unitCode: '431000', roles: ['unit-admin'] };
const outsider: Actor = { subject: 'b', username: 'changsha-admin', unitCode: '430100', roles: ['unit-admin'] };
const staff: Actor = { subject: 'c', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] };

describe('directory service (in process, real Postgres and NATS)', () => {
  let svc: ServiceUnderTest<DirectoryEnv>;
  const rpc = () => svc.rpc;
  const data = DemoData.parse(JSON.parse(readFileSync(DEMO_DATA_FILE, 'utf8')));

  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'directory', env: DirectoryEnv, module: (config, logger) => AppModule.register(config, logger), requestTimeoutMs: 5000 });
  }, 60_000);

  afterAll(async () => svc?.stop());

  const count = async (sql: string, params: unknown[] = []) => Number((await svc.dataSource.query(sql, params))[0].n);

  it('loads the demo province, and loading it again changes nothing', async () => {
    const first = await seedDirectory(svc.dataSource, svc.runtime.outbox, data);
    expect(first).toMatchObject({ units: 26, rostersPublished: 26 });
    const versions = await svc.dataSource.query(`SELECT code, roster_version FROM units ORDER BY code`);
    const outbox = await count(`SELECT count(*) AS n FROM outbox`);

    const second = await seedDirectory(svc.dataSource, svc.runtime.outbox, data);
    expect(second.rostersPublished).toBe(0);
    expect(await svc.dataSource.query(`SELECT code, roster_version FROM units ORDER BY code`)).toEqual(versions);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(outbox);
    expect(await count(`SELECT count(*) AS n FROM people`)).toBe(data.people.length);
  });

  it('answers over NATS with typed, validated replies', async () => {
    const unit = await rpc().request(UnitGet, { code: '431000' }, { actor: admin });
    expect(unit).toEqual({ code: '431000', name: '郴州市人大常委会', region: '郴州市', level: 'city', parentCode: '430000' });
    const problem = await problemOf(rpc().request(UnitGet, { code: '999999' }, { actor: admin }));
    expect(problem).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('orders a roster chair first, then vice-chairs, secretary-general and members', async () => {
    const page = await rpc().request(UnitPeople, { code: '431000', role: 'member', limit: 8 }, { actor: admin });
    expect(page.items[0].title).toBe('主任');
    expect(page.items.slice(1, 7).map((p) => p.title)).toEqual(['副主任', '副主任', '副主任', '副主任', '副主任', '秘书长']);
  });

  it('adds a member with its audit row and its event in the same transaction', async () => {
    const outboxBefore = await count(`SELECT count(*) AS n FROM outbox WHERE subject = 'unit.roster-changed.v1'`);
    const person = await rpc().request(RosterAdd, { code: '431000', name: '审计测试委员', title: '委员' }, { actor: admin });
    expect(person).toMatchObject({ name: '审计测试委员', roles: ['member'], onRoster: true, unitCode: '431000' });
    const [audit] = await svc.dataSource.query(`SELECT action, actor_username, unit_code, after FROM audit_log WHERE entity_id = $1`, [person.id]);
    expect(audit).toMatchObject({ action: 'roster.add', actor_username: 'chenzhou-admin', unit_code: '431000' });
    expect(audit.after.name).toBe('审计测试委员');
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE subject = 'unit.roster-changed.v1'`)).toBe(outboxBefore + 1);
    const [event] = await svc.dataSource.query(`SELECT envelope FROM outbox ORDER BY seq DESC LIMIT 1`);
    expect(event.envelope.payload.change).toEqual({ kind: 'joined', personId: person.id, name: '审计测试委员' });
    expect(event.envelope.payload.members.some((m: { personId: string }) => m.personId === person.id)).toBe(true);
  });

  it('changes nothing when a change fails: no person, no audit row, no event', async () => {
    const before = [await count(`SELECT count(*) AS n FROM people`), await count(`SELECT count(*) AS n FROM audit_log`), await count(`SELECT count(*) AS n FROM outbox`)];
    const problem = await problemOf(rpc().request(RosterAdd, { code: '431000', name: '无效委员', committeeId: '018f0000-0000-7000-8000-000000000000' }, { actor: admin }));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'body.committeeId', rule: 'unknown_committee' }] });
    expect([await count(`SELECT count(*) AS n FROM people`), await count(`SELECT count(*) AS n FROM audit_log`), await count(`SELECT count(*) AS n FROM outbox`)]).toEqual(before);
  });

  it('refuses a roster change of another unit even when the gateway is bypassed', async () => {
    const problem = await problemOf(rpc().request(RosterAdd, { code: '431000', name: '越权委员' }, { actor: outsider }));
    expect(problem).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('refuses a change based on a stale version with 409', async () => {
    const person = await rpc().request(RosterAdd, { code: '431000', ...aRosterMember() }, { actor: admin });
    const [{ version }] = await svc.dataSource.query(`SELECT version FROM people WHERE id = $1`, [person.id]);
    await rpc().request(RosterUpdate, { code: '431000', personId: person.id, title: '秘书长', expectedVersion: version }, { actor: admin });
    const problem = await problemOf(rpc().request(RosterUpdate, { code: '431000', personId: person.id, title: '主任', expectedVersion: version }, { actor: admin }));
    expect(problem).toMatchObject({ status: 409, code: 'conflict' });
    const [row] = await svc.dataSource.query(`SELECT title, version FROM people WHERE id = $1`, [person.id]);
    expect(row).toEqual({ title: '秘书长', version: version + 1 });
  });

  it('validates requests at the service too, naming the field', async () => {
    const problem = await problemOf(rpc().request(RosterAdd, { code: '431000', name: '王' }, { actor: admin }));
    expect(problem.errors).toContainEqual({ field: 'name', rule: 'too_small', message: '姓名至少 2 个字' });
    const nul = await problemOf(rpc().request(RosterAdd, { code: '431000', name: '王\u0000五' }, { actor: admin }));
    expect(nul).toMatchObject({ status: 400, errors: [{ field: 'name', rule: 'nul_character' }] });
  });

  it('refuses every roster write by another unit\'s administrator, and by staff of the unit, with 403, and changes nothing', async () => {
    const person = await rpc().request(RosterAdd, { code: '431000', ...aRosterMember() }, { actor: admin });
    const before = [await count(`SELECT count(*) AS n FROM audit_log`), await count(`SELECT count(*) AS n FROM outbox`)];
    for (const actor of [outsider, staff]) {
      const detail = actor === outsider ? '只能修改本单位的名单' : '只有单位管理员可以修改组成人员名单';
      expect(await problemOf(rpc().request(RosterAdd, { code: '431000', ...aRosterMember() }, { actor }))).toMatchObject({ status: 403, detail });
      expect(await problemOf(rpc().request(RosterUpdate, { code: '431000', personId: person.id, title: '秘书长' }, { actor }))).toMatchObject({ status: 403, detail });
      expect(await problemOf(rpc().request(RosterRemove, { code: '431000', personId: person.id }, { actor }))).toMatchObject({ status: 403, detail });
    }
    expect([await count(`SELECT count(*) AS n FROM audit_log`), await count(`SELECT count(*) AS n FROM outbox`)]).toEqual(before);
  });

  it('removes a member from the roster, keeps the person, and publishes the roster without them', async () => {
    const person = await rpc().request(RosterAdd, { code: '431000', ...aRosterMember() }, { actor: admin });
    const { rosterVersion } = await rpc().request(RosterRemove, { code: '431000', personId: person.id }, { actor: admin });
    const [row] = await svc.dataSource.query(`SELECT on_roster, roles FROM people WHERE id = $1`, [person.id]);
    expect(row).toEqual({ on_roster: false, roles: [] });
    const [event] = await svc.dataSource.query(`SELECT envelope FROM outbox ORDER BY seq DESC LIMIT 1`);
    expect(event.envelope.payload).toMatchObject({ rosterVersion, change: { kind: 'left', personId: person.id } });
    expect(event.envelope.payload.members.some((m: { personId: string }) => m.personId === person.id)).toBe(false);
    expect(await problemOf(rpc().request(RosterRemove, { code: '431000', personId: person.id }, { actor: admin }))).toMatchObject({ status: 404 });
  });

  it('pages units\' people, bodies and committees by keyset, and lists every unit', async () => {
    expect((await rpc().request(UnitList, {}, { actor: admin })).items).toHaveLength(26);
    for (const contract of [UnitPeople, UnitBodies, UnitCommittees] as const) {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await rpc().request(contract as typeof UnitBodies, { code: '431000', limit: 7, cursor }, { actor: admin });
        ids.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(7);
    }
    expect(await problemOf(rpc().request(UnitBodies, { code: '999999', limit: 7 }, { actor: admin }))).toMatchObject({ status: 404 });
    expect(await problemOf(rpc().request(UnitBodies, { code: '431000', limit: 7, cursor: 'nonsense' }, { actor: admin }))).toMatchObject({ status: 400 });
  });
});
