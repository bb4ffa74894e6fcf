import type { JsonWebKey } from 'node:crypto';

import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { KoaContext, Middleware, Next, Provider } from 'oidc-provider';

import { userInfoClaims } from './claims.js';
import { readSmallBody } from './http-body.js';
import { KEYCLOAK_ROUTES } from './provider-config.js';
import type { RealmRoles } from './realm-roles.js';
import type { UserStore } from './users.js';

// oidc-provider refuses its own JWT access tokens at two endpoints Keycloak serves them at:
// userinfo ("token audience prevents accessing the userinfo endpoint") and introspection
// ("Structured JWT Tokens cannot be introspected"). Every access token here is a JWT, so this
// middleware answers those two requests itself, Keycloak style, and leaves the rest (CORS
// preflight, opaque refresh tokens at introspection) to oidc-provider.

export interface JwtEndpointsInput {
  provider: Provider;
  users: UserStore;
  realmRoles: RealmRoles;
  issuer: string;
  publicJwks: { keys: JsonWebKey[] };
  webOrigins: ReadonlySet<string>;
}

export function jwtEndpoints(input: JwtEndpointsInput): Middleware {
  const keySet = createLocalJWKSet(input.publicJwks as Parameters<typeof createLocalJWKSet>[0]);
  const verify = async (token: string): Promise<JWTPayload | undefined> => {
    try {
      const { payload } = await jwtVerify(token, keySet, { issuer: input.issuer, algorithms: ['RS256'] });
      return payload;
    } catch {
      return undefined;
    }
  };

  return async (ctx: KoaContext, next: Next) => {
    if (ctx.path === KEYCLOAK_ROUTES.userinfo && (ctx.method === 'GET' || ctx.method === 'POST')) {
      const token = bearerToken(ctx);
      if (!token || !looksLikeJwt(token)) return next();
      allowWebOrigin(ctx, input.webOrigins);
      return userinfo(ctx, await verify(token), input.users, input.realmRoles);
    }
    if (ctx.path === KEYCLOAK_ROUTES.introspection && ctx.method === 'POST') {
      const rawBody = await readSmallBody(ctx.req);
      const form = new URLSearchParams(rawBody);
      const token = form.get('token') ?? '';
      if (!looksLikeJwt(token)) {
        // Hand the already-read body to oidc-provider (it then warns once about a parsed body).
        Object.assign(ctx.req, { body: rawBody });
        return next();
      }
      // No CORS here: only confidential clients may introspect, and browsers hold no secrets.
      return introspect(ctx, form, input.provider, () => verify(token));
    }
    return next();
  };
}

function userinfo(ctx: KoaContext, payload: JWTPayload | undefined, users: UserStore, realmRoles: RealmRoles): void {
  ctx.set('Cache-Control', 'no-store');
  if (!payload?.sub) {
    ctx.set('WWW-Authenticate', 'Bearer error="invalid_token", error_description="invalid token provided"');
    return json(ctx, 401, { error: 'invalid_token', error_description: 'invalid token provided' });
  }
  // Keycloak (since 22) serves userinfo only to tokens issued with the openid scope.
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.includes('openid')) {
    ctx.set('WWW-Authenticate', 'Bearer error="insufficient_scope", scope="openid"');
    return json(ctx, 403, { error: 'insufficient_scope', error_description: 'access token missing openid scope' });
  }
  const user = users.findBySubject(payload.sub);
  json(ctx, 200, user ? userInfoClaims(user, realmRoles.effective(user.roles)) : { sub: payload.sub, preferred_username: payload.preferred_username });
}

async function introspect(
  ctx: KoaContext,
  form: URLSearchParams,
  provider: Provider,
  verifyToken: () => Promise<JWTPayload | undefined>,
): Promise<void> {
  ctx.set('Cache-Control', 'no-store');
  const credentials = clientCredentials(ctx, form);
  const client = credentials ? await provider.Client.find(credentials.clientId) : undefined;
  // Only confidential clients may introspect, as in Keycloak (and in provider-config.ts).
  if (!credentials || !client || client.clientAuthMethod === 'none' || !client.compareClientSecret(credentials.secret)) {
    return json(ctx, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
  }
  const payload = await verifyToken();
  if (!payload) return json(ctx, 200, { active: false });
  json(ctx, 200, {
    ...payload,
    active: true,
    client_id: payload.azp,
    username: payload.preferred_username,
    token_type: 'Bearer',
  });
}

function bearerToken(ctx: KoaContext): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'));
  return match?.[1];
}

function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** client_secret_basic or client_secret_post. */
function clientCredentials(ctx: KoaContext, form: URLSearchParams): { clientId: string; secret: string } | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, '%20'));
    try {
      return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
    } catch {
      return undefined;
    }
  }
  const clientId = form.get('client_id');
  const secret = form.get('client_secret');
  return clientId && secret ? { clientId, secret } : undefined;
}

function allowWebOrigin(ctx: KoaContext, webOrigins: ReadonlySet<string>): void {
  const origin = ctx.get('Origin');
  ctx.set('Vary', 'Origin');
  if (origin && webOrigins.has(origin)) ctx.set('Access-Control-Allow-Origin', origin);
}

function json(ctx: KoaContext, status: number, body: Record<string, unknown>): void {
  ctx.status = status;
  ctx.type = 'json';
  ctx.body = body;
}
