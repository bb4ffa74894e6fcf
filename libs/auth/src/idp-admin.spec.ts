import { describe, expect, it } from '@jest/globals';

import { IdpAdmin, IdpAdminError } from './idp-admin.js';

// The client's own logic against a scripted HTTP peer: token caching, the one retry after a 401,
// timeouts, and what error messages may contain. Keycloak itself: test/idp-admin.int-spec.ts.

const SECRET = 'unit-test-client-secret';
const CONFIG = { url: 'http://idp.test/', realm: 'congress', clientId: 'congress-directory', clientSecret: SECRET, timeoutMs: 200 };

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: string | null;
}

/** A fetch that answers from `script` in order and records what it was sent. */
function scripted(script: ((seen: Seen, signal: AbortSignal | undefined) => Response | Promise<Response>)[]) {
  const seen: Seen[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Seen = { method: init?.method ?? 'GET', url: String(input), authorization: headers.get('authorization'), body: typeof init?.body === 'string' ? init.body : null };
    seen.push(call);
    const next = script.shift();
    if (!next) throw new Error(`unexpected call ${call.method} ${call.url}`);
    return next(call, init?.signal ?? undefined);
  }) as typeof fetch;
  return { impl, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const token = (value: string, expiresIn = 120) => json(200, { access_token: value, expires_in: expiresIn, token_type: 'Bearer' });
const USER = { id: 'u-1', username: 'zhangsan', enabled: true, attributes: { fullName: ['张三'], unit: ['431000'] }, requiredActions: [] };

async function failure(promise: Promise<unknown>): Promise<IdpAdminError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdpAdminError);
  return error as IdpAdminError;
}

describe('IdpAdmin (scripted HTTP)', () => {
  it('gets a token by client credentials once and reuses it until shortly before it expires', async () => {
    const { impl, seen } = scripted([token('t1'), json(200, []), json(200, [])]);
    const admin = new IdpAdmin(CONFIG, impl);
    expect(await admin.findByUsername('nobody')).toBeNull();
    expect(await admin.findByUsername('nobody')).toBeNull();

    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST http://idp.test/realms/congress/protocol/openid-connect/token',
      'GET http://idp.test/admin/realms/congress/users?username=nobody&exact=true',
      'GET http://idp.test/admin/realms/congress/users?username=nobody&exact=true',
    ]);
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from(`congress-directory:${SECRET}`).toString('base64')}`);
    expect(seen[0]!.body).toBe('grant_type=client_credentials');
    expect(seen[1]!.authorization).toBe('Bearer t1');
    expect(seen[2]!.authorization).toBe('Bearer t1');
  });

  it('asks for a new token when the cached one is about to expire', async () => {
    // A 400 ms token is renewed a quarter of its life before its end: 300 ms after it came.
    const { impl, seen } = scripted([token('short', 0.4), json(200, []), token('next'), json(200, [])]);
    const admin = new IdpAdmin(CONFIG, impl);
    await admin.findByUsername('a');
    await new Promise((resolve) => setTimeout(resolve, 350));
    await admin.findByUsername('a');
    expect(seen.filter((s) => s.url.endsWith('/token'))).toHaveLength(2);
    expect(seen[3]!.authorization).toBe('Bearer next');
  });

  it('shares one token request between concurrent calls', async () => {
    const { impl, seen } = scripted([token('t1'), json(200, []), json(200, []), json(200, [])]);
    const admin = new IdpAdmin(CONFIG, impl);
    await Promise.all([admin.findByUsername('a'), admin.findByUsername('b'), admin.findByUsername('c')]);
    expect(seen.filter((s) => s.url.endsWith('/token'))).toHaveLength(1);
  });

  it('fetches a new token once when a call is answered 401, and repeats the call', async () => {
    const { impl, seen } = scripted([token('old'), json(401, { error: 'HTTP 401 Unauthorized' }), token('new'), json(200, [USER]), json(200, [{ id: 'r1', name: 'staff' }, { id: 'r2', name: 'default-roles-congress' }])]);
    const account = await new IdpAdmin(CONFIG, impl).findByUsername('ZhangSan');
    expect(account).toEqual({ id: 'u-1', username: 'zhangsan', enabled: true, fullName: '张三', unit: '431000', body: null, roles: ['staff'], temporaryPassword: false });
    expect(seen.map((s) => s.authorization)).toEqual([expect.stringMatching(/^Basic /), 'Bearer old', expect.stringMatching(/^Basic /), 'Bearer new', 'Bearer new']);
  });

  it('gives up after the second 401 with a retryable error', async () => {
    const { impl } = scripted([token('a'), json(401, { error: 'HTTP 401 Unauthorized' }), token('b'), json(401, { error: 'HTTP 401 Unauthorized' })]);
    const error = await failure(new IdpAdmin(CONFIG, impl).get('u-1'));
    expect(error).toMatchObject({ status: 401, retryable: true });
  });

  it('classifies statuses: 5xx and 429 retryable; 400, 403, 404, 409 not', async () => {
    for (const [status, retryable] of [
      [500, true],
      [503, true],
      [429, true],
      [400, false],
      [403, false],
      [409, false],
    ] as const) {
      const { impl } = scripted([token('t'), json(status, { errorMessage: `said ${status}` })]);
      const error = await failure(new IdpAdmin(CONFIG, impl).signOut('u-1'));
      expect(error).toMatchObject({ status, retryable });
      expect(error.message).toContain(`said ${status}`);
    }
    const { impl } = scripted([token('t'), json(404, { error: 'User not found' })]);
    expect(await failure(new IdpAdmin(CONFIG, impl).signOut('u-1'))).toMatchObject({ status: 404, retryable: false, message: expect.stringContaining('User not found') });
  });

  it('treats a refused client secret as retryable (configuration, fixed by an operator) and never prints the secret', async () => {
    const { impl } = scripted([json(401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' })]);
    const error = await failure(new IdpAdmin(CONFIG, impl).get('u-1'));
    expect(error).toMatchObject({ status: 401, retryable: true });
    expect(error.message).toContain('Invalid client or Invalid client credentials');
    expect(error.message).not.toContain(SECRET);
  });

  it('times out a call that does not answer, as retryable', async () => {
    const hang = (_seen: Seen, signal: AbortSignal | undefined) =>
      new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error)));
    const { impl } = scripted([token('t'), hang]);
    const error = await failure(new IdpAdmin(CONFIG, impl).get('u-1'));
    expect(error).toMatchObject({ status: null, retryable: true });
    expect(error.message).toContain('within 200 ms');
  });

  it('never puts a password or token in an error message', async () => {
    const password = 'Secret-temporary-1';
    const { impl } = scripted([token('token-value-xyz'), json(400, { error: 'invalidPasswordMinLengthMessage', error_description: 'Invalid password: minimum length 10.' })]);
    const error = await failure(new IdpAdmin(CONFIG, impl).setTemporaryPassword('u-1', password));
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain('minimum length 10');
    expect(error.message).not.toContain(password);
    expect(error.message).not.toContain('token-value-xyz');
  });

  it('refuses a role the platform does not know before calling anyone', async () => {
    const { impl, seen } = scripted([]);
    const error = await failure(new IdpAdmin(CONFIG, impl).create({ username: 'a', fullName: 'A', unit: '431000', body: null, roles: ['staff', 'admin'], enabled: true }));
    expect(error).toMatchObject({ status: null, retryable: false });
    expect(error.message).toContain('admin');
    expect(seen).toHaveLength(0);
  });

  it('sends the attributes it keeps with an update, since Keycloak replaces them as a whole', async () => {
    const current = { ...USER, email: 'z@example.org', attributes: { fullName: ['张三'], unit: ['431000'], body: ['b-1'], locale: ['zh-CN'] } };
    const { impl, seen } = scripted([token('t'), json(200, current), json(204, undefined), json(200, { ...current, attributes: { fullName: ['张三'], unit: ['431081'], locale: ['zh-CN'] } }), json(200, [])]);
    const account = await new IdpAdmin(CONFIG, impl).update('u-1', { unit: '431081', body: null });
    const put = seen.find((s) => s.method === 'PUT');
    expect(JSON.parse(put!.body!)).toEqual({
      username: 'zhangsan',
      email: 'z@example.org',
      enabled: true,
      attributes: { fullName: ['张三'], unit: ['431081'], locale: ['zh-CN'] },
    });
    expect(account).toMatchObject({ unit: '431081', body: null, fullName: '张三' });
  });
});
