import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { startLocalIdp, type LocalIdp } from '@congress/local-idp';

import { IdpAdmin, IdpAdminError, type IdpAccount, type IdpAdminConfig } from '../src/index.js';

/**
 * One contract, two identity providers: every method of IdpAdmin against the local identity
 * provider of `npm start` and against the real Keycloak `npm test` starts with the committed realm
 * (TEST_KEYCLOAK_URL; the congress-directory client's secret is TEST_KEYCLOAK_DIRECTORY_SECRET).
 * Whatever the directory may rely on is asserted here, identically for both; where Keycloak's
 * answer is in English and the local IdP's in Chinese, the test says so. Every user a run creates
 * has a username of its own and is deleted at the end.
 */

const KEYCLOAK = process.env.TEST_KEYCLOAK_URL;
const KEYCLOAK_SKIP = KEYCLOAK || process.env.CI ? undefined : 'TEST_KEYCLOAK_URL is not set (run through `npm test`, which starts Keycloak)';
if (KEYCLOAK_SKIP) console.warn(`IdpAdmin contract against Keycloak skipped: ${KEYCLOAK_SKIP}`);

const REALM = 'congress';
const run = randomBytes(3).toString('hex');

interface TokenAnswer {
  status: number;
  body: { access_token?: string; refresh_token?: string; error?: string; error_description?: string };
}

/** What a test needs from one identity provider beyond IdpAdmin itself. */
interface Target {
  config: IdpAdminConfig;
  /** The password grant of a public client with direct access grants. */
  passwordGrant(username: string, password: string): Promise<TokenAnswer>;
  refresh(refreshToken: string): Promise<TokenAnswer>;
  /** The admin API with the directory's own token (for what IdpAdmin does not expose). */
  raw(path: string, init?: RequestInit, token?: string): Promise<{ status: number; body: unknown }>;
  /** Deletes a user this run created. */
  remove(id: string): Promise<void>;
  close(): Promise<void>;
}

async function tokenCall(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<TokenAnswer> {
  const res = await fetch(`${url}/realms/${REALM}/protocol/openid-connect/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as TokenAnswer['body'] };
}

function targetOf(config: IdpAdminConfig, cliClientId: string, close: () => Promise<void>): Target {
  const basic = `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`;
  return {
    config,
    passwordGrant: (username, password) => tokenCall(config.url, { grant_type: 'password', client_id: cliClientId, username, password }),
    refresh: (refreshToken) => tokenCall(config.url, { grant_type: 'refresh_token', client_id: cliClientId, refresh_token: refreshToken }),
    async raw(path, init = {}, token) {
      const bearer = token ?? (await tokenCall(config.url, { grant_type: 'client_credentials' }, { authorization: basic })).body.access_token;
      const res = await fetch(`${config.url}/admin/realms/${REALM}${path}`, {
        ...init,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': 'application/json', ...init.headers },
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async remove(id) {
      // The directory's service account may delete users too (manage-users).
      const deleted = await this.raw(`/users/${id}`, { method: 'DELETE' });
      if (deleted.status !== 204) throw new Error(`deleting test user ${id}: ${deleted.status}`);
    },
    close,
  };
}

/** The local IdP of `npm start`, with a users file of its own and no demo logins. */
async function localTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'idp-admin-'));
  const idp: LocalIdp = await startLocalIdp({ port: 0, users: [], usersFile: join(dir, 'users.json'), directoryClientSecret: 'directory-secret-of-this-test' });
  const config = { url: idp.url, realm: REALM, clientId: 'congress-directory', clientSecret: 'directory-secret-of-this-test' };
  return targetOf(config, 'congress-cli', async () => {
    await idp.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * The real Keycloak with the committed realm. Password grants go through `admin-cli`, the public
 * client with direct access grants Keycloak puts in every realm: the realm's own congress-cli
 * ships disabled and another test file turns it on, so toggling it here would race that file.
 */
async function keycloakTarget(): Promise<Target> {
  const config = { url: KEYCLOAK!, realm: REALM, clientId: 'congress-directory', clientSecret: process.env.TEST_KEYCLOAK_DIRECTORY_SECRET ?? 'directory-secret-for-tests' };
  return targetOf(config, 'admin-cli', async () => undefined);
}

const TARGETS: [string, () => Promise<Target>, string | undefined][] = [
  ['the local IdP', localTarget, undefined],
  ['Keycloak', keycloakTarget, KEYCLOAK_SKIP],
];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<IdpAdminError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdpAdminError);
  return error as IdpAdminError;
}

for (const [name, start, skip] of TARGETS) {
  (skip ? describe.skip : describe)(`IdpAdmin against ${name}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let target: Target;
    let admin: IdpAdmin;
    const created: string[] = [];
    let serial = 0;
    const prefix = name === 'Keycloak' ? 'kc' : 'local';
    /** A username no other run or test uses, in mixed case (Keycloak lowercases it). */
    const username = () => `IdpTest-${prefix}-${run}-${(serial += 1)}`;
    const password = () => `Pw-${randomBytes(8).toString('hex')}`;

    async function anAccount(roles: string[] = ['staff'], enabled = true): Promise<IdpAccount> {
      const account = await admin.create({ username: username(), fullName: '测试用户', unit: '431000', body: null, roles, enabled });
      created.push(account.id);
      return account;
    }

    /** A permanent password, as an operator would set it (IdpAdmin only sets temporary ones). */
    async function withPassword(account: IdpAccount): Promise<string> {
      const value = password();
      const set = await target.raw(`/users/${account.id}/reset-password`, { method: 'PUT', body: JSON.stringify({ type: 'password', value, temporary: false }) });
      expect(set.status).toBe(204);
      return value;
    }

    beforeAll(async () => {
      target = await start();
      admin = new IdpAdmin(target.config);
    }, 60_000);

    afterAll(async () => {
      for (const id of created) await target?.remove(id);
      await target?.close();
    });

    it('creates an account, finds it by username in any case, and reads it by id', async () => {
      const name = username();
      const account = await admin.create({ username: name, fullName: '李红梅', unit: '431000', body: 'body-1', roles: ['staff', 'member'], enabled: true });
      created.push(account.id);
      expect(account).toEqual({
        id: expect.any(String),
        username: name.toLowerCase(),
        enabled: true,
        fullName: '李红梅',
        unit: '431000',
        body: 'body-1',
        roles: ['member', 'staff'],
        temporaryPassword: false,
      });
      expect(await admin.findByUsername(name.toUpperCase())).toEqual(account);
      expect(await admin.findByUsername(`  ${name}  `)).toEqual(account);
      expect(await admin.get(account.id)).toEqual(account);
    });

    it('refuses a second account with the same username (409, not retryable)', async () => {
      const first = await anAccount();
      const error = await failure(admin.create({ username: first.username.toUpperCase(), fullName: '重名', unit: '431000', body: null, roles: [], enabled: true }));
      expect(error).toMatchObject({ status: 409, retryable: false });
      expect(error.message).toContain('User exists with same username');
    });

    it('refuses what the realm’s user profile refuses (400 naming the field, not retryable)', async () => {
      const refused = username();
      const error = await failure(admin.create({ username: refused, fullName: '单位错', unit: '4310', body: null, roles: [], enabled: true }));
      expect(error).toMatchObject({ status: 400, retryable: false });
      expect(error.message).toContain('unit');
      expect(await admin.findByUsername(refused)).toBeNull();
    });

    it('answers null for an unknown id or username, and 404 (not retryable) for changing one', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await admin.get(unknown)).toBeNull();
      expect(await admin.findByUsername(`nobody-${run}`)).toBeNull();
      expect(await failure(admin.update(unknown, { enabled: false }))).toMatchObject({ status: 404, retryable: false });
      expect(await failure(admin.signOut(unknown))).toMatchObject({ status: 404, retryable: false });
      expect(await failure(admin.setTemporaryPassword(unknown, password()))).toMatchObject({ status: 404, retryable: false });
    });

    it('sets exactly the platform roles asked for and leaves the other realm roles alone', async () => {
      const account = await anAccount(['staff', 'member']);
      // A realm role that is not the platform's, mapped by hand (offline_access, from the available ones).
      const available = (await target.raw(`/users/${account.id}/role-mappings/realm/available`)).body as { id: string; name: string }[];
      const offline = available.find((r) => r.name === 'offline_access');
      expect(offline).toBeDefined();
      expect((await target.raw(`/users/${account.id}/role-mappings/realm`, { method: 'POST', body: JSON.stringify([offline]) })).status).toBe(204);

      const updated = await admin.update(account.id, { roles: ['leader', 'member'] });
      expect(updated.roles).toEqual(['leader', 'member']);
      const mapped = ((await target.raw(`/users/${account.id}/role-mappings/realm`)).body as { name: string }[]).map((r) => r.name).sort();
      expect(mapped).toEqual(['default-roles-congress', 'leader', 'member', 'offline_access']);

      expect((await admin.update(account.id, { roles: [] })).roles).toEqual([]);
      const left = ((await target.raw(`/users/${account.id}/role-mappings/realm`)).body as { name: string }[]).map((r) => r.name).sort();
      expect(left).toEqual(['default-roles-congress', 'offline_access']);
    });

    it('changes attributes and enabled, keeping every attribute it was not asked to change', async () => {
      const account = await admin.create({ username: username(), fullName: '王建国', unit: '431000', body: 'body-1', roles: ['body-liaison'], enabled: true });
      created.push(account.id);

      const moved = await admin.update(account.id, { unit: '431081', body: null, fullName: '王建国（资兴）' });
      expect(moved).toEqual({ ...account, unit: '431081', body: null, fullName: '王建国（资兴）' });

      const disabled = await admin.update(account.id, { enabled: false });
      expect(disabled).toEqual({ ...moved, enabled: false });
      expect(await admin.get(account.id)).toEqual(disabled);

      expect(await admin.update(account.id, {})).toEqual(disabled);
      const error = await failure(admin.update(account.id, { unit: 'not-a-code' }));
      expect(error).toMatchObject({ status: 400, retryable: false });
      expect(error.message).toContain('unit');
    });

    it('a disabled account gets no token: 400 "Account disabled", whatever the password', async () => {
      const account = await anAccount();
      const secret = await withPassword(account);
      expect((await target.passwordGrant(account.username, secret)).status).toBe(200);
      // One wrong password only: Keycloak's brute-force detection locks an account for a minute
      // after two failures less than a second apart, and then answers everything 401.
      expect(await target.passwordGrant(account.username, `${secret}-wrong`)).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });

      await admin.update(account.id, { enabled: false });
      const disabled = { status: 400, body: { error: 'invalid_grant', error_description: 'Account disabled' } };
      expect(await target.passwordGrant(account.username, secret)).toEqual(disabled);
      expect(await target.passwordGrant(account.username, `${secret}-wrong`)).toEqual(disabled);

      await admin.update(account.id, { enabled: true });
      expect((await target.passwordGrant(account.username, secret)).status).toBe(200);
    });

    it('a temporary password must be changed first: the password grant says "Account is not fully set up"', async () => {
      const account = await anAccount();
      await withPassword(account);
      const temporary = password();
      await admin.setTemporaryPassword(account.id, temporary);
      expect(await admin.get(account.id)).toEqual({ ...account, temporaryPassword: true });

      expect(await target.passwordGrant(account.username, temporary)).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Account is not fully set up' },
      });
      // A wrong password still says nothing about the account.
      expect(await target.passwordGrant(account.username, `${temporary}-wrong`)).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
    });

    it('refuses a temporary password the realm’s policy refuses (400, not retryable, the password not in the message)', async () => {
      const account = await anAccount();
      const error = await failure(admin.setTemporaryPassword(account.id, 'Short-1'));
      expect(error).toMatchObject({ status: 400, retryable: false });
      expect(error.message).toContain('minimum length 10');
      expect(error.message).not.toContain('Short-1');
      expect((await admin.get(account.id))?.temporaryPassword).toBe(false);
    });

    it('signs an account out: its refresh tokens stop working', async () => {
      const account = await anAccount();
      const secret = await withPassword(account);
      const signedIn = await target.passwordGrant(account.username, secret);
      const refreshed = await target.refresh(signedIn.body.refresh_token!);
      expect(refreshed.status).toBe(200);

      await admin.signOut(account.id);
      const after = await target.refresh(refreshed.body.refresh_token!);
      expect(after).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    });

    it('refuses a wrong client secret as retryable, without the secret in the message', async () => {
      const wrong = new IdpAdmin({ ...target.config, clientSecret: `wrong-${run}` });
      const error = await failure(wrong.findByUsername('anyone'));
      expect(error).toMatchObject({ status: 401, retryable: true });
      expect(error.message).not.toContain(`wrong-${run}`);
    });

    it('reports an identity provider it cannot reach as retryable', async () => {
      const unreachable = new IdpAdmin({ ...target.config, url: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 2000 });
      expect(await failure(unreachable.get('anyone'))).toMatchObject({ status: null, retryable: true });
    });

    describe('the admin API itself', () => {
      it('answers 401 without a token and 403 to a token of another client', async () => {
        expect((await target.raw('/users?username=x&exact=true', {}, 'not-a-token')).status).toBe(401);
        const account = await anAccount();
        const secret = await withPassword(account);
        const userToken = (await target.passwordGrant(account.username, secret)).body.access_token!;
        expect((await target.raw('/users?username=x&exact=true', {}, userToken)).status).toBe(403);
      });

      it('refuses a rename onto another account’s username (409) and any other rename (400, read-only)', async () => {
        const [a, b] = [await anAccount(), await anAccount()];
        const attributes = { fullName: ['测试用户'], unit: ['431000'] };
        expect(await target.raw(`/users/${a.id}`, { method: 'PUT', body: JSON.stringify({ username: b.username.toUpperCase(), attributes }) })).toEqual({
          status: 409,
          body: { errorMessage: 'User exists with same username' },
        });
        expect(await target.raw(`/users/${a.id}`, { method: 'PUT', body: JSON.stringify({ username: `${a.username}-renamed`, attributes }) })).toEqual({
          status: 400,
          body: { field: 'username', errorMessage: 'error-user-attribute-read-only', params: ['username'] },
        });
      });

      it('gives the directory a token for Keycloak’s admin API, not for the platform’s API', async () => {
        const basic = `Basic ${Buffer.from(`${target.config.clientId}:${target.config.clientSecret}`).toString('base64')}`;
        const { body } = await tokenCall(target.config.url, { grant_type: 'client_credentials' }, { authorization: basic });
        const claims = JSON.parse(Buffer.from(body.access_token!.split('.')[1]!, 'base64url').toString('utf8')) as { aud: string | string[]; azp: string };
        expect([claims.aud].flat()).toEqual(['realm-management']);
        expect(claims.azp).toBe('congress-directory');
      });

      it('does not let the directory read roles by name (403): roles are mapped from role-mappings/realm/available', async () => {
        expect((await target.raw('/roles/leader')).status).toBe(403);
      });
    });
  });
}
