import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RosterAdd, UnitGet, type Actor } from '@congress/contracts';
import { ActorAssertionSigner, RpcClient, WireNames } from '@congress/messaging';
import { DEMO_DATA_FILE, aSignedRequest, eventually, problemOf, sendRaw, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AppModule } from '../src/app.module.js';
import { DirectoryEnv } from '../src/config.js';
import { DemoData, seedDirectory } from '../src/seed/demo-seed.js';

const admin: Actor = { subject: 'a', username: 'chenzhou-admin', unitCode: '431000', roles: ['unit-admin'] };
const staff: Actor = { subject: 'c', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] };
const platformAdmin: Actor = { subject: 'root', username: 'root', unitCode: '430000', roles: ['platform-admin'] };

/**
 * Actor assertions as two replicas of a service see them: each request reaches one replica of
 * the queue group, and the nonce table they share refuses a replay on whichever one receives it.
 */
describe('directory with two replicas: verified actors, replays refused on any replica', () => {
  let svc: ServiceUnderTest<DirectoryEnv>;
  let wire: WireNames;

  beforeAll(async () => {
    svc = await startServiceUnderTest({ service: 'directory', env: DirectoryEnv, module: (config, logger) => AppModule.register(config, logger), replicas: 2, captureLogs: true });
    wire = new WireNames(svc.namespace);
    await seedDirectory(svc.dataSource, svc.runtime.outbox, DemoData.parse(JSON.parse(readFileSync(DEMO_DATA_FILE, 'utf8'))));
  }, 60_000);

  afterAll(async () => svc?.stop());

  const peopleNamed = async (name: string) => Number((await svc.q<{ n: string }>(`SELECT count(*) AS n FROM people WHERE name = $1`, [name]))[0]!.n);
  const refusals = (replica: number) => svc.logs[replica]!.filter((l) => l.message === 'actor assertion refused');

  it('refuses a replayed roster change on whichever replica receives it, logs each attempt without the payload, and adds the member once', async () => {
    const name = `重放测试委员${randomUUID().slice(0, 8)}`;
    const requestId = randomUUID();
    const { body } = aSignedRequest({ subject: wire.subject(RosterAdd.subject), data: { code: '431000', name, title: '委员' }, actor: admin, requestId });
    expect(await sendRaw(svc.nc, wire.subject(RosterAdd.subject), body)).toMatchObject({ ok: true, data: { name } });

    // The same bytes again until both replicas have refused them (each send goes to one of the two at random).
    const replies = [];
    for (let i = 0; i < 40 && (refusals(0).length === 0 || refusals(1).length === 0); i++) {
      replies.push(await sendRaw(svc.nc, wire.subject(RosterAdd.subject), body));
    }
    expect(refusals(0).length).toBeGreaterThan(0);
    expect(refusals(1).length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply).toMatchObject({ ok: false, problem: { status: 401, code: 'unauthenticated', errors: [{ field: 'meta.assertion', rule: 'assertion_replayed' }] } });
      expect(reply.problem?.detail).toContain('重放');
    }
    expect(await peopleNamed(name)).toBe(1);
    for (const line of [...refusals(0), ...refusals(1)]) {
      expect(line).toMatchObject({ level: 'warn', subject: RosterAdd.subject, issuer: 'gateway', reason: 'assertion_replayed', requestId });
      expect(JSON.stringify(line)).not.toContain(name);
    }
  });

  it('takes the actor from the assertion, never from what the message claims beside it', async () => {
    const data = { code: '431000', name: `冒充测试委员${randomUUID().slice(0, 8)}`, title: '委员' };
    // A plain client claims a platform administrator and signs nothing.
    const unsigned = await sendRaw(svc.nc, wire.subject(RosterAdd.subject), { meta: { actor: platformAdmin, requestId: randomUUID(), deadline: Date.now() + 5000 }, data });
    expect(unsigned).toMatchObject({ ok: false, problem: { status: 401, errors: [{ rule: 'assertion_missing' }] } });
    // A staff member's genuine assertion with an administrator beside it is the staff member's request.
    const { assertion } = aSignedRequest({ subject: wire.subject(RosterAdd.subject), data, actor: staff });
    const claimed = await sendRaw(svc.nc, wire.subject(RosterAdd.subject), { meta: { assertion, actor: platformAdmin }, data });
    expect(claimed).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await peopleNamed(data.name)).toBe(0);
    await eventually(async () => refusals(0).concat(refusals(1)).some((l) => l.reason === 'assertion_missing'), 5000, 'the unsigned attempt logged');
  });

  it('forgets nonces whose assertions have expired, so the table stays small', async () => {
    const jti = randomUUID();
    expect(await svc.runtime.nonces.claim(jti, Date.now() - 60_000)).toBe(true);
    expect(await svc.runtime.nonces.claim(jti, Date.now() - 60_000)).toBe(false);
    expect(await svc.runtime.nonces.purge()).toBeGreaterThanOrEqual(1);
    expect(await svc.q(`SELECT 1 FROM actor_nonces WHERE jti = $1`, [jti])).toEqual([]);
    // A fresh assertion's nonce is kept.
    const { body } = aSignedRequest({ subject: wire.subject(UnitGet.subject), data: { code: '431000' }, actor: staff });
    expect(await sendRaw(svc.nc, wire.subject(UnitGet.subject), body)).toMatchObject({ ok: true });
    await svc.runtime.nonces.purge();
    expect(Number((await svc.q<{ n: string }>(`SELECT count(*) AS n FROM actor_nonces WHERE expires_at > now()`))[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it('tells a caller whose own assertion is refused that its configuration is wrong (500), not the user\'s login (401)', async () => {
    const untrusted = new RpcClient(svc.nc, wire, 5000, undefined, new ActorAssertionSigner('gateway', generateKeyPairSync('ed25519').privateKey));
    const problem = await problemOf(untrusted.request(UnitGet, { code: '431000' }, { actor: staff }));
    expect(problem).toMatchObject({ status: 500, code: 'internal', detail: expect.stringContaining('拒绝了本服务签发的行为人断言（assertion_bad_signature）') });
  });

  it('refuses to start a replica that trusts no issuer, naming the variable', async () => {
    await expect(svc.startAnother({ ACTOR_TRUSTED_KEYS: '{}' })).rejects.toThrow(/trusts no actor-assertion issuer: set ACTOR_TRUSTED_KEYS/);
  });
});
