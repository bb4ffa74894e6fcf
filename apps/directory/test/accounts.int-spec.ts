import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  AccountIssuePassword,
  AccountLink,
  AccountList,
  AccountRetry,
  AccountUnlink,
  LiaisonAdd,
  LiaisonRemove,
  RosterAdd,
  RosterRemove,
  type Actor,
  type PersonAccount,
} from '@congress/contracts';
import { IdpAdmin } from '@congress/auth';
import { startLocalIdp, type LocalIdp } from '@congress/local-idp';
import { DEMO_DATA_FILE, aRosterMember, problemOf, startServiceUnderTest, type ServiceUnderTest } from '@congress/testing';
import { AccountsProvisioner } from '../src/accounts/accounts.module.js';
import { AppModule } from '../src/app.module.js';
import { DirectoryEnv } from '../src/config.js';
import { DemoData, seedDirectory } from '../src/seed/demo-seed.js';

// Issue 12: accounts follow the roster and the liaisons (marked due in the change's transaction),
// made at the identity provider by the provisioner (here the local one, which implements the same admin API subset as Keycloak; the same flow runs against the
// real Keycloak in apps/gateway/test/keycloak-provisioning.e2e-spec.ts).

const SECRET = 'directory-secret-for-this-test';
const admin: Actor = { subject: 'a', username: 'chenzhou-admin', unitCode: '431000', roles: ['unit-admin'] };
const outsider: Actor = { subject: 'b', username: 'changsha-admin', unitCode: '430100', roles: ['unit-admin'] };
const staff: Actor = { subject: 'c', username: 'chenzhou-staff', unitCode: '431000', roles: ['staff'] };
const CITY_GOVERNMENT = '6abb15db-475f-5dbe-8077-e103953c4c45'; // 郴州市人民政府, a body of 431000

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('accounts at the identity provider (directory, local IdP, real Postgres and NATS)', () => {
  let svc: ServiceUnderTest<DirectoryEnv>;
  let idp: LocalIdp;
  let port: number;
  let idpAdmin: IdpAdmin;
  const startIdp = () => startLocalIdp({ port, users: [], directoryClientSecret: SECRET });
  const provision = () => svc.app.get(AccountsProvisioner).runOnce();
  const rpc = () => svc.rpc;

  /** The person's account row once the event has been applied (the consumer runs asynchronously). */
  async function accountOf(personId: string, until: (a: PersonAccount) => boolean = (a) => a.state !== null): Promise<PersonAccount> {
    for (let i = 0; i < 200; i++) {
      const page = await rpc().request(AccountList, { code: '431000', missing: false, limit: 200 }, { actor: admin });
      const found = page.items.find((a) => a.personId === personId);
      if (found && until(found)) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`account of ${personId} never reached the expected state`);
  }

  /** Adds a member and waits until the provisioner has made their account. */
  async function linkedMember(extra: { username?: string } = {}) {
    const person = await rpc().request(RosterAdd, { code: '431000', ...aRosterMember(), ...extra }, { actor: admin });
    await accountOf(person.id);
    await provision();
    return { person, account: await accountOf(person.id, (a) => a.state === 'linked') };
  }

  beforeAll(async () => {
    port = await freePort();
    idp = await startIdp();
    idpAdmin = new IdpAdmin({ url: idp.url, realm: 'congress', clientId: 'congress-directory', clientSecret: SECRET });
    svc = await startServiceUnderTest({
      service: 'directory',
      env: DirectoryEnv,
      module: (config, logger) => AppModule.register(config, logger),
      extraEnv: { IDP_ADMIN_URL: idp.url, IDP_ADMIN_CLIENT_SECRET: SECRET, ACCOUNT_SYNC_MS: '0' },
      requestTimeoutMs: 10_000,
      captureLogs: true,
    });
    await seedDirectory(svc.dataSource, svc.runtime.outbox, DemoData.parse(JSON.parse(readFileSync(DEMO_DATA_FILE, 'utf8'))));
  }, 90_000);

  afterAll(async () => {
    await svc?.stop();
    await idp?.close();
  });

  it('takes the demo people as already linked, without a row or a call to the identity provider', async () => {
    const [seeded] = await svc.q<{ id: string; idp_subject: string }>(`SELECT id, idp_subject FROM people WHERE unit_code = '431000' AND on_roster AND idp_subject IS NOT NULL LIMIT 1`);
    const account = await accountOf(seeded!.id);
    expect(account).toMatchObject({ state: 'linked', hasAccount: true, attempts: 0 });
    expect(await svc.q(`SELECT 1 FROM accounts`)).toHaveLength(0);
    const missing = await rpc().request(AccountList, { code: '431000', missing: true, limit: 200 }, { actor: admin });
    expect(missing.items.map((a) => a.personId)).not.toContain(seeded!.id);
  });

  it('makes the account of a member added to the roster, and puts its sub on the roster event', async () => {
    const { person, account } = await linkedMember();
    expect(person.username).toMatch(/^m431000\d{3,}$/);
    const [row] = await svc.q<{ idp_subject: string }>(`SELECT idp_subject FROM people WHERE id = $1`, [person.id]);
    const made = await idpAdmin.get(row!.idp_subject);
    expect(made).toMatchObject({ username: person.username, enabled: true, fullName: person.name, unit: '431000', body: null, roles: ['member'] });
    expect(account).toMatchObject({ hasAccount: true, lastError: null, username: person.username });
    // What the caller may do with it, from the directory's rules: the unit's administrator may issue
    // a password; the province's administrator, reading the unit below, may do nothing here.
    expect(account.allowedActions).toEqual([{ action: 'link', allowed: true, to: 'pending' }, { action: 'unlink', allowed: true, to: 'unlinked' }, { action: 'issue-password', allowed: true }]);
    const province: Actor = { subject: 'p', username: 'hunan-admin', unitCode: '430000', roles: ['unit-admin'] };
    const read = (await rpc().request(AccountList, { code: '431000', missing: false, limit: 200 }, { actor: province })).items.find((a) => a.personId === person.id)!;
    expect(read.allowedActions.every((a) => !a.allowed && a.reason === '只能管理本单位人员的账号')).toBe(true);
    const [event] = await svc.q<{ envelope: { payload: { change: { personId: string }; members: { personId: string; subject: string | null }[] } } }>(
      `SELECT envelope FROM outbox WHERE subject = 'unit.roster-changed.v1' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event!.envelope.payload.change.personId).toBe(person.id);
    expect(event!.envelope.payload.members.find((m) => m.personId === person.id)?.subject).toBe(row!.idp_subject);
  });

  it('links an existing account of the same login instead of making a second one', async () => {
    const existing = await idpAdmin.create({ username: 'wang.existing', fullName: '王已有', unit: '431000', body: null, roles: [], enabled: false });
    const { person } = await linkedMember({ username: 'wang.existing' });
    const [row] = await svc.q<{ idp_subject: string }>(`SELECT idp_subject FROM people WHERE id = $1`, [person.id]);
    expect(row!.idp_subject).toBe(existing.id);
    expect(await idpAdmin.get(existing.id)).toMatchObject({ enabled: true, fullName: person.name, roles: ['member'] });
  });

  it('never lets a roster change wait for the identity provider: it retries with backoff until it is back', async () => {
    await idp.close();
    const person = await rpc().request(RosterAdd, { code: '431000', ...aRosterMember() }, { actor: admin });
    await accountOf(person.id);
    await provision();
    const waiting = await accountOf(person.id, (a) => a.attempts === 1);
    expect(waiting).toMatchObject({ state: 'pending', hasAccount: false });
    expect(waiting.lastError).toMatch(/身份认证服务暂时无法完成.*将自动重试/);
    expect(new Date(waiting.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    const missing = await rpc().request(AccountList, { code: '431000', missing: true, limit: 200 }, { actor: admin });
    expect(missing.items.map((a) => a.personId)).toContain(person.id);

    idp = await startIdp();
    await rpc().request(AccountRetry, { code: '431000', personId: person.id }, { actor: admin });
    await provision();
    expect(await accountOf(person.id, (a) => a.state === 'linked')).toMatchObject({ attempts: 0, lastError: null, hasAccount: true });
    const after = await rpc().request(AccountList, { code: '431000', missing: true, limit: 200 }, { actor: admin });
    expect(after.items.map((a) => a.personId)).not.toContain(person.id);
  });

  it("fails, saying why, when the login is another unit's account; linking another login mends it", async () => {
    await idpAdmin.create({ username: 'li.changsha', fullName: '李长沙', unit: '430100', body: null, roles: ['member'], enabled: true });
    const person = await rpc().request(RosterAdd, { code: '431000', ...aRosterMember(), username: 'li.changsha' }, { actor: admin });
    await accountOf(person.id);
    await provision();
    const failed = await accountOf(person.id, (a) => a.state === 'failed');
    expect(failed.lastError).toContain('已是其他单位（430100）的账号');
    expect((await idpAdmin.findByUsername('li.changsha'))?.unit).toBe('430100');

    await rpc().request(AccountLink, { code: '431000', personId: person.id, username: 'li.chenzhou' }, { actor: admin });
    await provision();
    expect(await accountOf(person.id, (a) => a.state === 'linked')).toMatchObject({ username: 'li.chenzhou', hasAccount: true });
  });

  it('disables the account of a member removed from the roster, and refuses to link one while they hold no role', async () => {
    const { person } = await linkedMember();
    const [{ idp_subject: subject }] = (await svc.q<{ idp_subject: string }>(`SELECT idp_subject FROM people WHERE id = $1`, [person.id])) as [{ idp_subject: string }];
    await rpc().request(RosterRemove, { code: '431000', personId: person.id }, { actor: admin });
    await accountOf(person.id, (a) => a.nextAttemptAt !== null || a.state === 'disabled');
    await provision();
    expect(await accountOf(person.id, (a) => a.state === 'disabled')).toMatchObject({ hasAccount: false });
    expect(await idpAdmin.get(subject)).toMatchObject({ enabled: false });
    const problem = await problemOf(rpc().request(AccountLink, { code: '431000', personId: person.id, username: 'back.again' }, { actor: admin }));
    expect(problem).toMatchObject({ status: 409, detail: '此人已不担任任何角色，不需要账号' });
  });

  it('disables the account of a person linked before provisioning existed when they leave the roster', async () => {
    const [seeded] = await svc.q<{ id: string; idp_subject: string; username: string }>(
      `SELECT id, idp_subject, username FROM people WHERE unit_code = '431000' AND on_roster AND idp_subject IS NOT NULL AND roles = '{member}' AND id NOT IN (SELECT id FROM accounts) ORDER BY sort_order DESC LIMIT 1`,
    );
    const made = await idpAdmin.create({ username: `seeded-${seeded!.username}`, fullName: '种子委员', unit: '431000', body: null, roles: ['member'], enabled: true });
    // The seed's subject is the local IdP's demo user; point the person at an account this IdP holds.
    await svc.q(`UPDATE people SET idp_subject = $2 WHERE id = $1`, [seeded!.id, made.id]);
    await rpc().request(RosterRemove, { code: '431000', personId: seeded!.id }, { actor: admin });
    await provision();
    expect(await accountOf(seeded!.id, (a) => a.state === 'disabled')).toMatchObject({ hasAccount: false });
    expect(await idpAdmin.get(made.id)).toMatchObject({ enabled: false });
  });

  it('unlinks (the account is disabled, the person has no sub) and re-links', async () => {
    const { person } = await linkedMember();
    const [{ idp_subject: subject }] = (await svc.q<{ idp_subject: string }>(`SELECT idp_subject FROM people WHERE id = $1`, [person.id])) as [{ idp_subject: string }];
    const unlinked = await rpc().request(AccountUnlink, { code: '431000', personId: person.id }, { actor: admin });
    expect(unlinked).toMatchObject({ state: 'unlinked', hasAccount: false });
    expect(await svc.q(`SELECT 1 FROM people WHERE id = $1 AND idp_subject IS NULL`, [person.id])).toHaveLength(1);
    await provision();
    expect(await idpAdmin.get(subject)).toMatchObject({ enabled: false });

    await rpc().request(AccountLink, { code: '431000', personId: person.id, username: person.username! }, { actor: admin });
    await provision();
    expect(await accountOf(person.id, (a) => a.state === 'linked')).toMatchObject({ hasAccount: true });
    expect(await idpAdmin.get(subject)).toMatchObject({ enabled: true });
    expect(await svc.q(`SELECT 1 FROM people WHERE id = $1 AND idp_subject = $2`, [person.id, subject])).toHaveLength(1);
  });

  it('issues an initial password once: temporary at the identity provider, stored nowhere here, logged nowhere', async () => {
    const { person } = await linkedMember();
    const issued = await rpc().request(AccountIssuePassword, { code: '431000', personId: person.id }, { actor: admin });
    expect(issued).toMatchObject({ personId: person.id, username: person.username, temporary: true });
    expect(issued.password).toMatch(/^[A-Za-z2-9]{12}$/);
    const [{ idp_subject: subject }] = (await svc.q<{ idp_subject: string }>(`SELECT idp_subject FROM people WHERE id = $1`, [person.id])) as [{ idp_subject: string }];
    expect(await idpAdmin.get(subject)).toMatchObject({ temporaryPassword: true });
    expect(await accountOf(person.id, (a) => a.passwordIssuedAt !== null)).toMatchObject({ state: 'linked' });
    // Every text of every table of the schema, and every log line, without the password.
    const dump = await svc.q<{ t: string }>(
      `SELECT string_agg(x::text, ' ') AS t FROM (SELECT row_to_json(a)::text AS x FROM audit_log a UNION ALL SELECT row_to_json(o)::text FROM outbox o UNION ALL SELECT row_to_json(c)::text FROM accounts c UNION ALL SELECT row_to_json(p)::text FROM people p) s`,
    );
    expect(dump[0]!.t).toContain(person.id);
    expect(dump[0]!.t).not.toContain(issued.password);
    expect(JSON.stringify(svc.logs)).not.toContain(issued.password);
  });

  it('names and removes a liaison: an account with the body, then disabled', async () => {
    const liaison = await rpc().request(LiaisonAdd, { code: '431000', bodyId: CITY_GOVERNMENT, name: '赵联络', title: '联络员' }, { actor: admin });
    expect(liaison).toMatchObject({ roles: ['body-liaison'], bodyId: CITY_GOVERNMENT, onRoster: false });
    await accountOf(liaison.id);
    await provision();
    await accountOf(liaison.id, (a) => a.state === 'linked');
    const [{ idp_subject: subject }] = (await svc.q<{ idp_subject: string }>(`SELECT idp_subject FROM people WHERE id = $1`, [liaison.id])) as [{ idp_subject: string }];
    expect(await idpAdmin.get(subject)).toMatchObject({ username: liaison.username, body: CITY_GOVERNMENT, roles: ['body-liaison'], unit: '431000', enabled: true });

    await rpc().request(LiaisonRemove, { code: '431000', bodyId: CITY_GOVERNMENT, personId: liaison.id }, { actor: admin });
    await accountOf(liaison.id, (a) => a.nextAttemptAt !== null || a.state === 'disabled');
    await provision();
    await accountOf(liaison.id, (a) => a.state === 'disabled');
    expect(await idpAdmin.get(subject)).toMatchObject({ enabled: false });
  });

  it("refuses another unit's administrator (403), the unit's staff (403), and a person of another unit named under one's own code (404)", async () => {
    const { person } = await linkedMember();
    for (const request of [AccountUnlink, AccountRetry, AccountIssuePassword] as const) {
      expect(await problemOf(rpc().request(request, { code: '431000', personId: person.id }, { actor: outsider }))).toMatchObject({ status: 403 });
      expect(await problemOf(rpc().request(request, { code: '431000', personId: person.id }, { actor: staff }))).toMatchObject({ status: 403 });
      expect(await problemOf(rpc().request(request, { code: '430100', personId: person.id }, { actor: outsider }))).toMatchObject({ status: 404 });
    }
    expect(await problemOf(rpc().request(AccountLink, { code: '430100', personId: person.id, username: 'stolen.login' }, { actor: outsider }))).toMatchObject({ status: 404 });
    expect(await problemOf(rpc().request(LiaisonAdd, { code: '431000', bodyId: CITY_GOVERNMENT, name: '越权联络员', title: '联络员' }, { actor: outsider }))).toMatchObject({ status: 403 });
    const otherUnitsBody = await problemOf(rpc().request(LiaisonAdd, { code: '430100', bodyId: CITY_GOVERNMENT, name: '错单位联络员', title: '联络员' }, { actor: outsider }));
    expect(otherUnitsBody).toMatchObject({ status: 404, detail: '本单位没有这个承办单位' });
    expect(await svc.q(`SELECT 1 FROM people WHERE name IN ('越权联络员', '错单位联络员')`)).toHaveLength(0);
  });

  it('refuses a login that is taken or malformed, naming the field, and changes nothing', async () => {
    const { person } = await linkedMember();
    const taken = await problemOf(rpc().request(RosterAdd, { code: '431000', ...aRosterMember(), username: person.username! }, { actor: admin }));
    expect(taken).toMatchObject({ status: 409, errors: [{ field: 'body.username', rule: 'username_taken' }] });
    const malformed = await problemOf(rpc().request(RosterAdd, { code: '431000', ...aRosterMember(), username: 'Has Spaces' }, { actor: admin }));
    expect(malformed).toMatchObject({ status: 400 });
    expect(JSON.stringify(malformed.errors)).toContain('username');
  });
});
