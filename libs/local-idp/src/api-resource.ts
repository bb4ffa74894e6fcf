import type { ResourceServerInfo } from 'oidc-provider';

// oidc-provider only issues JWT access tokens for a "resource server" (RFC 8707 resource
// indicators). Keycloak clients never send a `resource` parameter, so every request defaults to
// this one resource and every access token becomes a JWT. The identifier must be an absolute
// URI; it never appears in tokens (the audience is rewritten in provider-config.ts).
export const API_RESOURCE = 'urn:congress-supervision:api';

/** Every scope a client may ask for; an access token's `scope` is the requested subset. */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'roles', 'offline_access'];

export function apiResourceServerInfo(accessTokenTtlSeconds: number): ResourceServerInfo {
  return {
    scope: SUPPORTED_SCOPES.join(' '),
    audience: 'congress-api',
    accessTokenTTL: accessTokenTtlSeconds,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
}
