import { ALL_ROLES } from '@congress/contracts';

// A client of the subset of Keycloak's Admin REST API the directory needs to provision accounts
// (issue 12). The local identity provider (libs/local-idp) serves the same subset, and one contract
// suite (libs/auth/test/idp-admin.int-spec.ts) runs against both. README.md beside this folder says
// how Keycloak behaves where it surprises.

export interface IdpAdminConfig {
  /** Keycloak's base URL, e.g. http://127.0.0.1:54372 (no `/realms/…`). */
  url: string;
  realm: string;
  /** A confidential client whose service account may manage users (realm-management manage-users, view-users, query-users). */
  clientId: string;
  clientSecret: string;
  /** Per HTTP call (token and admin calls alike); default 10 000 ms. */
  timeoutMs?: number;
}

export interface IdpAccount {
  /** Keycloak's user id: the tokens' `sub`. */
  id: string;
  /** Always lower case: Keycloak stores usernames lowercased. */
  username: string;
  enabled: boolean;
  fullName: string | null;
  unit: string | null;
  body: string | null;
  /** The platform's realm roles directly mapped to the account (ALL_ROLES and 'service'), sorted. */
  roles: string[];
  /** The account must choose a new password at its next sign-in (required action UPDATE_PASSWORD). */
  temporaryPassword: boolean;
}

export interface NewIdpAccount {
  /** Trimmed and lowercased before it is sent, as Keycloak would store it anyway. */
  username: string;
  fullName: string;
  unit: string;
  body: string | null;
  roles: string[];
  enabled: boolean;
}

export interface IdpAccountChange {
  enabled?: boolean;
  fullName?: string;
  unit?: string;
  /** null removes the attribute. */
  body?: string | null;
  /** The platform roles the account must have exactly; other realm roles (default-roles-<realm>, offline_access…) are left alone. */
  roles?: string[];
}

/**
 * A failed call. `retryable`: the same call may succeed later without any change to it (network
 * error, timeout, 5xx, 429, 401 — including a refused client secret, which an operator fixes in
 * configuration while the caller keeps retrying); otherwise the request itself was refused (400,
 * 403, 404, 409, or a role the platform does not know). The message says what Keycloak said and
 * never carries a secret, a token or a password.
 */
export class IdpAdminError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Keycloak's HTTP status; null when no response came (network, timeout) or the call was refused before it was sent. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'IdpAdminError';
  }
}

/** The realm roles this client manages: the platform's roles and the service accounts' role. */
const PLATFORM_ROLES: ReadonlySet<string> = new Set<string>([...ALL_ROLES, 'service']);
const UPDATE_PASSWORD = 'UPDATE_PASSWORD';
const DEFAULT_TIMEOUT_MS = 10_000;
/** Renew a cached token this long before it expires (at most a quarter of its lifetime; Keycloak's service tokens here live 120 s). */
const TOKEN_RENEW_BEFORE_MS = 30_000;

/** Keycloak's user representation, as far as this client reads and writes it. */
interface UserRepresentation {
  id: string;
  username: string;
  enabled?: boolean;
  email?: string;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string[]>;
  requiredActions?: string[];
}

interface RoleRepresentation {
  id: string;
  name: string;
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to `${url}/admin/realms/${realm}/`. */
  path: string;
  body?: unknown;
  /** What the call does, for error messages ("creating account zhangsan"). */
  doing: string;
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Keycloak Admin REST API, the subset for provisioning accounts: find, read, create, update
 * (attributes, enabled, realm roles), set a temporary password, sign out. Authenticates as the
 * client's service account (client_credentials), keeps the token until shortly before it expires
 * and fetches a new one once when a call is answered 401.
 *
 * Usernames: Keycloak lowercases them on create and matches them case-insensitively; this client
 * trims and lowercases every username it sends, so `findByUsername('ZhangSan')` and an account
 * created as `ZhangSan` meet at `zhangsan`.
 */
export class IdpAdmin {
  private readonly base: string;
  private readonly adminBase: string;
  private readonly tokenUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private token: { value: string; renewAt: number } | undefined;
  private tokenRequest: Promise<string> | undefined;

  constructor(
    private readonly config: IdpAdminConfig,
    fetchImpl?: typeof fetch,
  ) {
    this.base = config.url.replace(/\/+$/, '');
    const realm = encodeURIComponent(config.realm);
    this.adminBase = `${this.base}/admin/realms/${realm}`;
    this.tokenUrl = `${this.base}/realms/${realm}/protocol/openid-connect/token`;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = fetchImpl ?? globalThis.fetch.bind(globalThis);
  }

  /** The account with this username (trimmed, lowercased), or null. */
  async findByUsername(username: string): Promise<IdpAccount | null> {
    const name = normaliseUsername(username);
    const query = new URLSearchParams({ username: name, exact: 'true' });
    const found = await this.call({ method: 'GET', path: `users?${query}`, doing: `looking up account ${name}` });
    const user = (found.body as UserRepresentation[]).find((u) => u.username === name);
    return user ? this.withRoles(user) : null;
  }

  /** The account with this id, or null. */
  async get(id: string): Promise<IdpAccount | null> {
    const user = await this.representation(id);
    return user ? this.withRoles(user) : null;
  }

  /**
   * Creates the account and maps its roles: two calls, not one transaction. When the second fails
   * the account exists without its roles; a retry of create then gets 409, so callers retry with
   * findByUsername and update.
   */
  async create(account: NewIdpAccount): Promise<IdpAccount> {
    const username = normaliseUsername(account.username);
    const roles = platformRoles(account.roles);
    const created = await this.call({
      method: 'POST',
      path: 'users',
      doing: `creating account ${username}`,
      body: {
        username,
        enabled: account.enabled,
        attributes: withProfile({}, { fullName: account.fullName, unit: account.unit, body: account.body }),
      },
    });
    // Location: …/admin/realms/<realm>/users/<id>
    const id = created.headers.get('location')?.split('/').pop() ?? (await this.findByUsername(username))?.id;
    if (!id) throw new IdpAdminError(`IdP admin: created account ${username} but could not find it afterwards`, true, null);
    if (roles.length > 0) {
      try {
        await this.setRoles(id, roles);
      } catch (error) {
        if (error instanceof IdpAdminError) {
          throw new IdpAdminError(`${error.message} (account ${username} was created as ${id} without its roles)`, error.retryable, error.status);
        }
        throw error;
      }
    }
    return this.mustGet(id, `reading account ${username} after creating it`);
  }

  /**
   * Changes attributes, enabled and roles. Keycloak's PUT replaces the user's attributes as a
   * whole, so the current ones are read first and sent back with the change.
   */
  async update(id: string, change: IdpAccountChange): Promise<IdpAccount> {
    const roles = change.roles === undefined ? undefined : platformRoles(change.roles);
    const current = await this.representation(id);
    if (!current) throw new IdpAdminError(`IdP admin: updating account ${id}: 404 User not found`, false, 404);
    const profileChanged = change.enabled !== undefined || change.fullName !== undefined || change.unit !== undefined || change.body !== undefined;
    if (profileChanged) {
      await this.call({
        method: 'PUT',
        path: `users/${encodeURIComponent(id)}`,
        doing: `updating account ${current.username}`,
        body: {
          // Everything Keycloak keeps in the user profile, so nothing but the change is lost.
          username: current.username,
          email: current.email,
          emailVerified: current.emailVerified,
          firstName: current.firstName,
          lastName: current.lastName,
          enabled: change.enabled ?? current.enabled ?? false,
          attributes: withProfile(current.attributes ?? {}, change),
        },
      });
    }
    if (roles !== undefined) await this.setRoles(id, roles);
    return this.mustGet(id, `reading account ${current.username} after updating it`);
  }

  /** Sets a password the user must replace at the next sign-in. The realm's password policy applies (400 when it refuses). */
  async setTemporaryPassword(id: string, password: string): Promise<void> {
    await this.call({
      method: 'PUT',
      path: `users/${encodeURIComponent(id)}/reset-password`,
      doing: `setting a temporary password for account ${id}`,
      body: { type: 'password', value: password, temporary: true },
    });
  }

  /** Ends the user's sessions: refresh tokens stop working; access tokens already issued live until they expire. */
  async signOut(id: string): Promise<void> {
    await this.call({ method: 'POST', path: `users/${encodeURIComponent(id)}/logout`, doing: `signing out account ${id}` });
  }

  private async representation(id: string): Promise<UserRepresentation | null> {
    const answer = await this.call({ method: 'GET', path: `users/${encodeURIComponent(id)}`, doing: `reading account ${id}` }, [404]);
    return answer.status === 404 ? null : (answer.body as UserRepresentation);
  }

  private async mustGet(id: string, doing: string): Promise<IdpAccount> {
    const account = await this.get(id);
    if (!account) throw new IdpAdminError(`IdP admin: ${doing}: 404 User not found`, false, 404);
    return account;
  }

  private async withRoles(user: UserRepresentation): Promise<IdpAccount | null> {
    const mapped = await this.call({ method: 'GET', path: `users/${encodeURIComponent(user.id)}/role-mappings/realm`, doing: `reading the roles of account ${user.username}` }, [404]);
    // Deleted between the two calls.
    if (mapped.status === 404) return null;
    const attribute = (name: string) => user.attributes?.[name]?.[0] ?? null;
    return {
      id: user.id,
      username: user.username,
      enabled: user.enabled ?? false,
      fullName: attribute('fullName'),
      unit: attribute('unit'),
      body: attribute('body'),
      roles: (mapped.body as RoleRepresentation[]).map((r) => r.name).filter((name) => PLATFORM_ROLES.has(name)).sort(),
      temporaryPassword: (user.requiredActions ?? []).includes(UPDATE_PASSWORD),
    };
  }

  /**
   * Maps exactly `wanted` among the platform roles. Roles are added by their representations,
   * taken from `role-mappings/realm/available`: the service account (manage-users) may map roles
   * but may not read `roles/{name}` (403 without view-realm).
   */
  private async setRoles(id: string, wanted: string[]): Promise<void> {
    const path = `users/${encodeURIComponent(id)}/role-mappings/realm`;
    const current = (await this.call({ method: 'GET', path, doing: `reading the roles of account ${id}` })).body as RoleRepresentation[];
    const remove = current.filter((r) => PLATFORM_ROLES.has(r.name) && !wanted.includes(r.name));
    const missing = wanted.filter((name) => !current.some((r) => r.name === name));
    if (missing.length > 0) {
      const available = (await this.call({ method: 'GET', path: `${path}/available`, doing: `listing the roles account ${id} may get` })).body as RoleRepresentation[];
      const add = missing.map((name) => {
        const role = available.find((r) => r.name === name);
        if (!role) throw new IdpAdminError(`IdP admin: the realm has no role ${name} this client may map`, false, null);
        return { id: role.id, name: role.name };
      });
      await this.call({ method: 'POST', path, body: add, doing: `giving account ${id} the roles ${missing.join(', ')}` });
    }
    if (remove.length > 0) {
      await this.call({ method: 'DELETE', path, body: remove.map((r) => ({ id: r.id, name: r.name })), doing: `taking the roles ${remove.map((r) => r.name).join(', ')} from account ${id}` });
    }
  }

  /** One admin call with the service account's token; a 401 fetches a new token once. `accept`: statuses answered, not thrown. */
  private async call(call: Call, accept: number[] = []): Promise<Answer> {
    let token = await this.accessToken();
    let answer = await this.send(call, token);
    if (answer.status === 401) {
      this.forget(token);
      token = await this.accessToken();
      answer = await this.send(call, token);
    }
    if ((answer.status >= 200 && answer.status < 300) || accept.includes(answer.status)) return answer;
    throw new IdpAdminError(`IdP admin: ${call.doing}: ${answer.status} ${describe(answer.body)}`, retryableStatus(answer.status), answer.status);
  }

  private async send(call: Call, token: string): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return this.exchange(`${this.adminBase}/${call.path}`, { method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) }, call.doing);
  }

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    // Concurrent calls share one token request.
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private forget(token: string): void {
    if (this.token?.value === token) this.token = undefined;
  }

  private async requestToken(): Promise<string> {
    const doing = `getting a token for client ${this.config.clientId}`;
    const credentials = `${formEncode(this.config.clientId)}:${formEncode(this.config.clientSecret)}`;
    const answer = await this.exchange(
      this.tokenUrl,
      {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      },
      doing,
    );
    const body = answer.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (answer.status !== 200 || typeof body?.access_token !== 'string') {
      // 401 is a refused client or secret: a configuration to fix, after which the same call succeeds.
      throw new IdpAdminError(`IdP admin: ${doing}: ${answer.status} ${describe(answer.body)}`, answer.status === 401 || retryableStatus(answer.status), answer.status);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 60) * 1000;
    this.token = { value: body.access_token, renewAt: Date.now() + lifetimeMs - Math.min(TOKEN_RENEW_BEFORE_MS, lifetimeMs / 4) };
    return body.access_token;
  }

  /** One HTTP exchange with a timeout; network failures and timeouts become retryable errors. */
  private async exchange(url: string, init: RequestInit, doing: string): Promise<Answer> {
    try {
      const response = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: parseJson(text) };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new IdpAdminError(`IdP admin: ${doing}: no answer from ${this.base} within ${this.timeoutMs} ms`, true, null);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new IdpAdminError(`IdP admin: ${doing}: cannot reach ${this.base} (${cause?.code ?? cause?.message ?? (error as Error).message})`, true, null);
    }
  }
}

/** Keycloak stores usernames in lower case and refuses surrounding spaces. */
function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** The wanted roles, checked to be the platform's, without duplicates. */
function platformRoles(roles: readonly string[]): string[] {
  const unknown = roles.filter((role) => !PLATFORM_ROLES.has(role));
  if (unknown.length > 0) {
    throw new IdpAdminError(`IdP admin: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a role' : 'are not roles'} of the platform (${[...PLATFORM_ROLES].join(', ')})`, false, null);
  }
  return [...new Set(roles)];
}

/** The attributes with the platform's profile fields changed; a null body removes it. */
function withProfile(attributes: Record<string, string[]>, change: { fullName?: string; unit?: string; body?: string | null }): Record<string, string[]> {
  const next = { ...attributes };
  if (change.fullName !== undefined) next.fullName = [change.fullName];
  if (change.unit !== undefined) next.unit = [change.unit];
  if (change.body === null) delete next.body;
  else if (change.body !== undefined) next.body = [change.body];
  return next;
}

function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 401;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 200);
  }
}

/** What Keycloak said, in one line: `errorMessage`, `error: error_description`, or each field's error. */
function describe(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!body || typeof body !== 'object') return '(no body)';
  const b = body as { errorMessage?: unknown; error?: unknown; error_description?: unknown; field?: unknown; params?: unknown; errors?: unknown };
  if (Array.isArray(b.errors)) return b.errors.map((e) => describe(e)).join('; ');
  if (typeof b.field === 'string') {
    const params = Array.isArray(b.params) ? b.params.slice(1) : [];
    return `${b.field}: ${String(b.errorMessage)}${params.length > 0 ? ` (${params.join(', ')})` : ''}`;
  }
  if (typeof b.errorMessage === 'string') return b.errorMessage;
  if (typeof b.error === 'string') return typeof b.error_description === 'string' ? `${b.error} (${b.error_description})` : b.error;
  return JSON.stringify(body).slice(0, 200);
}

/** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic authentication. */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
