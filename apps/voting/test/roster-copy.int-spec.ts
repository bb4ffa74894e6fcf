import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EvaluationCreate, EvaluationRosterGet, UnitRosterChanged, type Actor, type PayloadOf } from '@congress/contracts';
import { WireNames, jetstream } from '@congress/messaging';
import { anEvaluation, eventually, problemOf, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../src/app.module.js';
import { VotingEnv } from '../src/config.js';

const staff: Actor = { subject: 'staff-1', username: 'zixing-staff', unitCode: '431081', roles: ['staff'] };
const person = (i: number) => ({ personId: `018f0000-0000-7000-8000-${String(i).padStart(12, '0')}`, name: `委员${i}`, title: '委员', chairsCouncil: false, subject: `member-${i}` as string | null });

describe("voting's copy of the rosters (unit.roster-changed.v1 over JetStream)", () => {
  let svc: ServiceUnderTest<VotingEnv>;
  const q = (sql: string, params: unknown[] = []) => svc.dataSource.query(sql, params);

  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'voting', env: VotingEnv, module: (config, logger) => AppModule.register(config, logger) });
  }, 60_000);
  afterAll(async () => svc?.stop());

  const publish = async (rosterVersion: number, members: ReturnType<typeof person>[], envelopeUnit = '431081') => {
    const payload: PayloadOf<typeof UnitRosterChanged> = {
      unitCode: '431081',
      rosterVersion,
      change: { kind: 'imported', personId: null, name: null },
      members,
      changedBy: { subject: 'system', username: 'system' },
    };
    const id = randomUUID();
    const envelope = { id, type: UnitRosterChanged.name, occurredAt: new Date().toISOString(), unitCode: envelopeUnit, producer: UnitRosterChanged.producer, payload };
    await jetstream(svc.nc).publish(new WireNames(svc.namespace).subject(UnitRosterChanged.name), JSON.stringify(envelope), { msgID: id });
    return id;
  };

  it('refuses to organise an evaluation before the roster arrived, applies newer rosters, records and ignores older ones, and freezes the copy', async () => {
    expect(await problemOf(svc.rpc.request(EvaluationCreate, anEvaluation({ unitCode: '431081' }), { actor: staff }))).toMatchObject({
      status: 409,
      detail: '尚未收到本单位的常委会组成人员名单，不能组织测评',
    });
    const newer = await publish(2, [person(1), person(2), person(3)]);
    await eventually(async () => (await q(`SELECT 1 FROM roster_changes WHERE event_id = $1`, [newer])).length > 0 || undefined, 15_000, 'roster v2 applied');
    const older = await publish(1, [person(9)]);
    await eventually(async () => (await q(`SELECT 1 FROM roster_changes WHERE event_id = $1`, [older])).length > 0 || undefined, 15_000, 'roster v1 received');

    expect(await q(`SELECT roster_version, applied FROM roster_changes ORDER BY received_at`)).toEqual([
      { roster_version: 2, applied: true },
      { roster_version: 1, applied: false },
    ]);
    expect(await q(`SELECT roster_version FROM unit_rosters WHERE unit_code = '431081'`)).toEqual([{ roster_version: 2 }]);
    expect(await q(`SELECT name, position, subject FROM roster_members WHERE unit_code = '431081' ORDER BY position`)).toEqual([
      { name: '委员1', position: 1, subject: 'member-1' },
      { name: '委员2', position: 2, subject: 'member-2' },
      { name: '委员3', position: 3, subject: 'member-3' },
    ]);

    const e = await svc.rpc.request(EvaluationCreate, anEvaluation({ unitCode: '431081' }), { actor: staff });
    expect(e.roster).toBe(3);
    expect((await svc.rpc.request(EvaluationRosterGet, { id: e.id }, { actor: staff })).items.map((m) => m.name)).toEqual(['委员1', '委员2', '委员3']);

    // An empty roster applies too, and then nothing can be organised.
    const empty = await publish(3, []);
    await eventually(async () => (await q(`SELECT 1 FROM roster_changes WHERE event_id = $1`, [empty])).length > 0 || undefined, 15_000, 'roster v3 applied');
    expect(await problemOf(svc.rpc.request(EvaluationCreate, anEvaluation({ unitCode: '431081' }), { actor: staff }))).toMatchObject({ status: 409, detail: '本单位的组成人员名单是空的，不能组织测评' });
  });

  it("lets the sign-in subjects of a frozen roster follow the directory (an account linked later), never who is on it", async () => {
    const v10 = await publish(10, [person(1), { ...person(2), subject: null }, person(3)]);
    await eventually(async () => (await q(`SELECT 1 FROM roster_changes WHERE event_id = $1`, [v10])).length > 0 || undefined, 15_000, 'roster v10 applied');
    const e = await svc.rpc.request(EvaluationCreate, anEvaluation({ unitCode: '431081' }), { actor: staff });
    // 委员2's account is linked now, 委员1's was unlinked, 委员7 joined after the evaluation was organised.
    const v11 = await publish(11, [{ ...person(1), subject: null }, { ...person(2), subject: 'member-2-linked' }, person(3), person(7)]);
    await eventually(async () => (await q(`SELECT 1 FROM roster_changes WHERE event_id = $1`, [v11])).length > 0 || undefined, 15_000, 'roster v11 applied');
    expect(await q(`SELECT name, subject FROM evaluation_roster WHERE evaluation_id = $1 ORDER BY position`, [e.id])).toEqual([
      { name: '委员1', subject: null },
      { name: '委员2', subject: 'member-2-linked' },
      { name: '委员3', subject: 'member-3' },
    ]);
  });

  it('sends a roster event whose envelope names another unit to the dead letters, and changes nothing', async () => {
    const before = await q(`SELECT unit_code, roster_version FROM unit_rosters ORDER BY unit_code`);
    const members = await q(`SELECT unit_code, person_id FROM roster_members ORDER BY 1, 2`);
    const dead = svc.nc.subscribe(new WireNames(svc.namespace).deadLetterSubject('voting', UnitRosterChanged), { max: 1 });
    // An event of 郴州 (431000) that would replace 资兴's (431081) roster with its own people.
    const id = await publish(99, [person(7)], '431000');
    const letters: { reason?: string; error?: string }[] = [];
    for await (const m of dead) letters.push({ reason: m.headers?.get('x-reason'), error: m.headers?.get('x-error') });
    expect(letters).toEqual([{ reason: 'rejected', error: expect.stringContaining('431081 的组成人员名单') }]);
    expect(await q(`SELECT unit_code, roster_version FROM unit_rosters ORDER BY unit_code`)).toEqual(before);
    expect(await q(`SELECT unit_code, person_id FROM roster_members ORDER BY 1, 2`)).toEqual(members);
    expect(await q(`SELECT 1 FROM roster_changes WHERE event_id = $1`, [id])).toEqual([]);
  });
});
