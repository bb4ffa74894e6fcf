import { randomUUID, type JsonWebKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { createLocalJWKSet, jwtVerify } from 'jose';

import type { AccountSessions } from './account-sessions.js';
import { DIRECTORY_CLIENT_ID } from './clients.js';
import { readSmallBody } from './http-body.js';
import { hashPassword, passwordPolicyRefusal } from './passwords.js';
import type { RealmRoles, RoleRepresentation } from './realm-roles.js';
import { UPDATE_PASSWORD, UsernameTaken, type Account, type UserStore } from './users.js';

// The subset of Keycloak's Admin REST API the directory uses to provision accounts (issue 12),
// under /admin/realms/<realm>, with Keycloak 26's answers — statuses and bodies as measured
// against the test Keycloak (libs/auth/test/idp-admin.int-spec.ts runs the same suite on both):
//   GET    users?username=&exact=            search (exact: whole username, case-insensitive)
//   POST   users                             201 + Location; 409 {"errorMessage":"User exists with same username"}
//   GET    users/{id}                        404 {"error":"User not found"}
//   PUT    users/{id}                        204; the fields sent replace the stored ones (attributes as a whole)
//   DELETE users/{id}                        204
//   PUT    users/{id}/reset-password         204; the realm's password policy, `temporary` → UPDATE_PASSWORD
//   POST   users/{id}/logout                 204; ends the user's sessions and refresh tokens
//   GET|POST|DELETE users/{id}/role-mappings/realm, GET …/realm/available, GET …/realm/composite
//   GET    roles, roles/{name}               403, as for Keycloak's service account with manage-users only
// Callers: only a token of the congress-directory client (401 without a valid token, 403 for another client).

export interface AdminApiInput {
  realm: string;
  issuer: string;
  /** The admin API's base URL as clients see it: `${publicUrl}/admin/realms/${realm}`. */
  publicBase: string;
  users: UserStore;
  realmRoles: RealmRoles;
  sessions: AccountSessions;
  publicJwks: { keys: JsonWebKey[] };
}

/** An answer in Keycloak's shape; thrown anywhere below and written by the handler. */
class Answer {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const USER_NOT_FOUND = new Answer(404, { error: 'User not found' });
const ROLE_NOT_FOUND = new Answer(404, { error: 'Role not found' });
const USERNAME_TAKEN = new Answer(409, { errorMessage: 'User exists with same username' });

/** Keycloak's answer to a user-profile violation: one error, or `errors` when there are several. */
interface FieldError {
  field: string;
  errorMessage: string;
  params: unknown[];
}

/** The realm's user profile (infra/keycloak/realm-congress.json): the attributes the platform uses and their validations. */
const PROFILE = {
  username: { min: 3, max: 255 },
  fullName: { min: 1, max: 50 },
  unit: { pattern: /^\d{6}$/, patternSource: '^\\d{6}$', message: '必须是 6 位行政区划代码' },
  body: { max: 64 },
};
/** Keycloak's default username-prohibited-characters validation: Latin letters, digits and . _ @ + -. */
const USERNAME_CHARACTERS = /^[\p{Script=Latin}0-9._@+-]+$/u;

/** Serves `/admin/realms/<realm>/…`; `path` is what follows that prefix (with its query). */
export function adminApi(input: AdminApiInput): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void> {
  const keySet = createLocalJWKSet(input.publicJwks as Parameters<typeof createLocalJWKSet>[0]);

  async function authorise(req: IncomingMessage): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new Answer(401, { error: 'HTTP 401 Unauthorized' });
    let azp: unknown;
    try {
      ({
        payload: { azp },
      } = await jwtVerify(token, keySet, { issuer: input.issuer, algorithms: ['RS256'] }));
    } catch {
      throw new Answer(401, { error: 'HTTP 401 Unauthorized' });
    }
    // Keycloak checks the caller's realm-management roles; here only the directory's client has them.
    if (azp !== DIRECTORY_CLIENT_ID) throw new Answer(403, { error: 'HTTP 403 Forbidden' });
  }

  return async (req, res, path) => {
    let answer: Answer;
    try {
      await authorise(req);
      answer = await route(input, req, path);
    } catch (error) {
      if (!(error instanceof Answer)) throw error;
      answer = error;
    }
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    if (answer.body === undefined) {
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(answer.body));
  };
}

async function route(input: AdminApiInput, req: IncomingMessage, path: string): Promise<Answer> {
  const url = new URL(path, 'http://admin.invalid');
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const { users } = input;

  if (segments[0] === 'roles') return method === 'GET' ? new Answer(403, { error: 'HTTP 403 Forbidden' }) : notAllowed();
  if (segments[0] !== 'users') return new Answer(404, { error: 'HTTP 404 Not Found' });

  if (segments.length === 1) {
    if (method === 'GET') return new Answer(200, search(input, url.searchParams));
    if (method === 'POST') return create(input, await readJson(req));
    return notAllowed();
  }

  const account = users.findBySubject(segments[1]!);
  const rest = segments.slice(2).join('/');
  if (!account) return rest === '' || KNOWN_USER_PATHS.has(rest) ? USER_NOT_FOUND : new Answer(404, { error: 'HTTP 404 Not Found' });

  switch (rest) {
    case '':
      if (method === 'GET') return new Answer(200, representation(account));
      if (method === 'PUT') return update(input, account, await readJson(req));
      if (method === 'DELETE') {
        await input.sessions.endAll(account.subject);
        await users.remove(account.subject);
        return new Answer(204);
      }
      return notAllowed();
    case 'reset-password':
      return method === 'PUT' ? resetPassword(input, account, await readJson(req)) : notAllowed();
    case 'logout':
      if (method !== 'POST') return notAllowed();
      await input.sessions.endAll(account.subject);
      return new Answer(204);
    case 'role-mappings/realm':
      if (method === 'GET') return new Answer(200, roleReps(input, account.roles));
      if (method === 'POST' || method === 'DELETE') return mapRoles(input, account, method, await readJson(req));
      return notAllowed();
    case 'role-mappings/realm/available':
      return method === 'GET' ? new Answer(200, input.realmRoles.all().filter((r) => !account.roles.includes(r.name))) : notAllowed();
    case 'role-mappings/realm/composite':
      return method === 'GET' ? new Answer(200, roleReps(input, input.realmRoles.effective(account.roles))) : notAllowed();
    default:
      return new Answer(404, { error: 'HTTP 404 Not Found' });
  }
}

const KNOWN_USER_PATHS = new Set(['reset-password', 'logout', 'role-mappings/realm', 'role-mappings/realm/available', 'role-mappings/realm/composite']);

function notAllowed(): Answer {
  return new Answer(405, { error: 'HTTP 405 Method Not Allowed' });
}

function search(input: AdminApiInput, query: URLSearchParams): unknown[] {
  const username = query.get('username')?.toLowerCase();
  const exact = query.get('exact') === 'true';
  const first = Math.max(0, Number(query.get('first') ?? 0) || 0);
  const max = Math.max(0, Number(query.get('max') ?? 100) || 100);
  return input.users
    .list()
    .filter((a) => username === undefined || (exact ? a.username === username : a.username.includes(username)))
    .sort((a, b) => a.username.localeCompare(b.username))
    .slice(first, first + max)
    .map(representation);
}

async function create(input: AdminApiInput, body: Record<string, unknown>): Promise<Answer> {
  if (typeof body.username !== 'string' || body.username === '') return new Answer(400, { errorMessage: 'User name is missing' });
  const username = body.username.toLowerCase();
  if (input.users.findByUsername(username)) return USERNAME_TAKEN;
  const attributes = attributesOf(body.attributes);
  const errors = [...usernameErrors(username), ...profileErrors(attributes)];
  if (errors.length > 0) return profileRefusal(errors);

  const account: Account = {
    subject: randomUUID(),
    username,
    enabled: body.enabled === true,
    ...profileOf(attributes),
    // Keycloak gives every new user the realm's default roles.
    roles: [input.realmRoles.defaultRole],
    requiredActions: stringList(body.requiredActions),
    createdTimestamp: Date.now(),
    credential: null,
  };
  // The initial password, as operators and tests send it: credentials: [{ type: 'password', value, temporary }].
  const password = Array.isArray(body.credentials) ? (body.credentials as Record<string, unknown>[]).find((c) => c?.type === 'password') : undefined;
  if (password) {
    const refused = passwordRefusal(password.value, username);
    if (refused) return refused;
    withPassword(account, await hashPassword(password.value as string), password.temporary === true);
  }
  try {
    await input.users.save(account);
  } catch (error) {
    if (error instanceof UsernameTaken) return USERNAME_TAKEN;
    throw error;
  }
  return new Answer(201, undefined, { Location: `${input.publicBase}/users/${account.subject}` });
}

/** Keycloak's PUT: every field sent replaces the stored one; `attributes` replaces them all. */
async function update(input: AdminApiInput, account: Account, body: Record<string, unknown>): Promise<Answer> {
  const next: Account = { ...account };
  if (typeof body.username === 'string' && body.username.toLowerCase() !== account.username) {
    const holder = input.users.findByUsername(body.username);
    if (holder && holder.subject !== account.subject) return USERNAME_TAKEN;
    // The realm does not allow editing usernames (editUsernameAllowed false): Keycloak refuses a rename.
    return profileRefusal([{ field: 'username', errorMessage: 'error-user-attribute-read-only', params: ['username'] }]);
  }
  if (typeof body.enabled === 'boolean') next.enabled = body.enabled;
  if (body.attributes !== undefined && body.attributes !== null) {
    const attributes = attributesOf(body.attributes);
    const errors = profileErrors(attributes);
    if (errors.length > 0) return profileRefusal(errors);
    Object.assign(next, profileOf(attributes));
  }
  if (Array.isArray(body.requiredActions)) next.requiredActions = stringList(body.requiredActions);
  await input.users.save(next);
  return new Answer(204);
}

async function resetPassword(input: AdminApiInput, account: Account, body: Record<string, unknown>): Promise<Answer> {
  const refused = passwordRefusal(body.value, account.username);
  if (refused) return refused;
  const next: Account = { ...account };
  withPassword(next, await hashPassword(body.value as string), body.temporary === true);
  await input.users.save(next);
  return new Answer(204);
}

async function mapRoles(input: AdminApiInput, account: Account, method: 'POST' | 'DELETE', body: unknown): Promise<Answer> {
  if (!Array.isArray(body)) throw new Answer(400, { error: 'invalid_request', error_description: 'Cannot parse the JSON' });
  // Keycloak looks the roles up by id; a name alone is "Role not found".
  const roles: RoleRepresentation[] = [];
  for (const rep of body as Record<string, unknown>[]) {
    const role = typeof rep?.id === 'string' ? input.realmRoles.byRoleId(rep.id) : undefined;
    if (!role) return ROLE_NOT_FOUND;
    roles.push(role);
  }
  const names = roles.map((r) => r.name);
  const next: Account = {
    ...account,
    roles: method === 'POST' ? [...new Set([...account.roles, ...names])] : account.roles.filter((r) => !names.includes(r)),
  };
  await input.users.save(next);
  return new Answer(204);
}

/** Keycloak's user representation (the fields the platform reads, and those its console always shows). */
function representation(account: Account): Record<string, unknown> {
  const attributes: Record<string, string[]> = {};
  if (account.unitCode) attributes.unit = [account.unitCode];
  if (account.fullName) attributes.fullName = [account.fullName];
  if (account.bodyId) attributes.body = [account.bodyId];
  return {
    id: account.subject,
    username: account.username,
    emailVerified: false,
    attributes,
    enabled: account.enabled,
    createdTimestamp: account.createdTimestamp,
    totp: false,
    disableableCredentialTypes: [],
    requiredActions: [...account.requiredActions],
    notBefore: 0,
  };
}

function roleReps(input: AdminApiInput, names: readonly string[]): RoleRepresentation[] {
  return names.map((name) => input.realmRoles.byRoleName(name)).filter((r): r is RoleRepresentation => r !== undefined);
}

/** A user's attributes from a representation: the first value of each, empty lists as absent. */
function attributesOf(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Answer(400, { error: 'invalid_request', error_description: 'Cannot parse the JSON' });
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(values)) throw new Answer(400, { error: 'invalid_request', error_description: 'Cannot parse the JSON' });
    const first = values.find((v) => typeof v === 'string' && v !== '');
    // Attributes the realm's user profile does not declare are dropped, as Keycloak does.
    if (first !== undefined && (name === 'fullName' || name === 'unit' || name === 'body')) out[name] = first as string;
  }
  return out;
}

function profileOf(attributes: Record<string, string>): Pick<Account, 'fullName' | 'unitCode' | 'bodyId'> {
  return { fullName: attributes.fullName ?? null, unitCode: attributes.unit ?? null, bodyId: attributes.body ?? null };
}

function usernameErrors(username: string): FieldError[] {
  const { min, max } = PROFILE.username;
  if ([...username].length < min || [...username].length > max) return [{ field: 'username', errorMessage: 'error-invalid-length', params: ['username', min, max] }];
  if (!USERNAME_CHARACTERS.test(username)) return [{ field: 'username', errorMessage: 'error-username-invalid-character', params: ['username'] }];
  return [];
}

/** The user profile's validations, in Keycloak's order and words. */
function profileErrors(attributes: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  if (attributes.unit !== undefined && !PROFILE.unit.pattern.test(attributes.unit)) {
    errors.push({ field: 'unit', errorMessage: PROFILE.unit.message, params: ['unit', PROFILE.unit.patternSource] });
  }
  const fullName = attributes.fullName;
  if (fullName === undefined) errors.push({ field: 'fullName', errorMessage: 'error-user-attribute-required', params: ['fullName'] });
  else if ([...fullName].length > PROFILE.fullName.max) {
    errors.push({ field: 'fullName', errorMessage: 'error-invalid-length', params: ['fullName', PROFILE.fullName.min, PROFILE.fullName.max] });
  }
  if (attributes.body !== undefined && [...attributes.body].length > PROFILE.body.max) {
    errors.push({ field: 'body', errorMessage: 'error-invalid-length-too-long', params: ['body', null, PROFILE.body.max] });
  }
  return errors;
}

function profileRefusal(errors: FieldError[]): Answer {
  return new Answer(400, errors.length === 1 ? errors[0] : { errors });
}

function passwordRefusal(value: unknown, username: string): Answer | undefined {
  if (typeof value !== 'string' || value === '') return new Answer(400, { error: 'Empty password not allowed' });
  const policy = passwordPolicyRefusal(value, username);
  return policy ? new Answer(400, { error: policy.error, error_description: policy.error_description }) : undefined;
}

/** Sets the password; a temporary one adds the required action UPDATE_PASSWORD, a permanent one clears it. */
function withPassword(account: Account, credential: Account['credential'], temporary: boolean): void {
  account.credential = credential;
  const others = account.requiredActions.filter((a) => a !== UPDATE_PASSWORD);
  account.requiredActions = temporary ? [...others, UPDATE_PASSWORD] : others;
}

function stringList(raw: unknown): string[] {
  return Array.isArray(raw) ? [...new Set(raw.filter((v): v is string => typeof v === 'string'))] : [];
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readSmallBody(req);
  } catch {
    throw new Answer(413, { error: 'Request Entity Too Large' });
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new Answer(400, { error: 'invalid_request', error_description: 'Cannot parse the JSON' });
  }
}
