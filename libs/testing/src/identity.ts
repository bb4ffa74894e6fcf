import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDemoUsers, startLocalIdp, type LocalIdp, type LocalIdpUser } from '@congress/local-idp';
import { SignJWT, importJWK, type JWK, type JWTPayload } from 'jose';
import { REPO_ROOT } from './env.js';

export const DEMO_DATA_FILE = join(REPO_ROOT, 'infra/demo/demo-data.json');

export function demoUsers(): LocalIdpUser[] {
  return loadDemoUsers(DEMO_DATA_FILE);
}

/**
 * A local identity provider on a free port with the demo logins, its key kept in `keyFile`.
 * `webRedirectUris`: where the congress-web client may send a browser back (Keycloak-style
 * patterns, e.g. `http://localhost:<gateway port>/*`), for tests that sign in through a browser.
 */
export async function startTestIdp(options: { keyFile?: string; users?: LocalIdpUser[]; webRedirectUris?: string[] } = {}): Promise<LocalIdp> {
  return startLocalIdp({ port: 0, users: options.users ?? demoUsers(), keyFile: options.keyFile, webRedirectUris: options.webRedirectUris });
}

/** A real access token from the identity provider, by the password grant (client congress-cli). */
export async function passwordToken(idp: LocalIdp, username: string, password = 'demo'): Promise<string> {
  const res = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username, password, scope: 'openid' }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`token for ${username} refused: ${body.error} ${body.error_description ?? ''}`);
  return body.access_token;
}

/** A real ID token from the identity provider (password grant, client congress-cli): its audience is the client, not the API. */
export async function passwordIdToken(idp: LocalIdp, username: string, password = 'demo'): Promise<string> {
  const res = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username, password, scope: 'openid' }),
  });
  const body = (await res.json()) as { id_token?: string; error?: string };
  if (!res.ok || !body.id_token) throw new Error(`no ID token for ${username}: ${body.error ?? res.status}`);
  return body.id_token;
}

/** Signs claims with the identity provider's own private key (from its key file): for expired-token and foreign-issuer tests. */
export async function signWithIdpKey(keyFile: string, claims: JWTPayload, expiresAt: number): Promise<string> {
  const { keys } = JSON.parse(readFileSync(keyFile, 'utf8')) as { keys: (JWK & { kid: string })[] };
  const key = await importJWK(keys[0], 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys[0].kid, typ: 'JWT' }).setIssuedAt(expiresAt - 600).setExpirationTime(expiresAt).sign(key);
}

/** A token that looks right but is signed by a key nobody trusts. */
export async function forgeToken(claims: JWTPayload, kid = 'forged'): Promise<string> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);
}
