import { v5 as uuidv5 } from 'uuid';

import { DIRECTORY_CLIENT_ID } from './clients.js';

import type { Account } from './users.js';

/** Audiences of every access token: the platform's API and, as in Keycloak, 'account'. */
export const ACCESS_TOKEN_AUDIENCE = ['congress-api', 'account'];

/** Realm role of service accounts (client_credentials tokens). */
export const SERVICE_ROLE = 'service';

// Fixed namespace so a service account's subject is the same on every run and every port.
const SERVICE_ACCOUNT_NAMESPACE = uuidv5('urn:congress-supervision:local-idp:service-accounts', uuidv5.URL);

/** Keycloak gives each confidential client a service-account user; this is its stable id. */
export function serviceAccountSubject(clientId: string): string {
  return uuidv5(clientId, SERVICE_ACCOUNT_NAMESPACE);
}

/**
 * The claims a user's access token carries on top of iss/sub/aud/exp/iat/jti/scope. `roles`: the
 * user's effective realm roles (composites expanded, as Keycloak does).
 */
export function userAccessTokenClaims(user: Account, roles: string[], clientId: string): Record<string, unknown> {
  return {
    typ: 'Bearer',
    azp: clientId,
    preferred_username: user.username,
    ...profileClaims(user),
    realm_access: { roles },
  };
}

/** name, unit and body when the user has them (Keycloak's mappers leave out empty attributes). */
function profileClaims(user: Account): Record<string, unknown> {
  return {
    ...(user.fullName ? { name: user.fullName } : {}),
    ...(user.unitCode ? { unit: user.unitCode } : {}),
    ...(user.bodyId ? { body: user.bodyId } : {}),
  };
}

/**
 * The directory's service account (congress-directory) speaks only to Keycloak's admin API: as in
 * the realm, its tokens carry the realm-management roles and that audience, not the platform API's,
 * so the gateway refuses them.
 */
const ADMIN_SERVICE_ACCOUNTS: Record<string, { aud: string[]; resource_access: Record<string, { roles: string[] }> }> = {
  [DIRECTORY_CLIENT_ID]: { aud: ['realm-management'], resource_access: { 'realm-management': { roles: ['manage-users', 'view-users', 'query-users'] } } },
};

/** The claims of a client_credentials token: the client's service account, no unit. */
export function serviceAccessTokenClaims(clientId: string): Record<string, unknown> {
  return {
    ...ADMIN_SERVICE_ACCOUNTS[clientId],
    sub: serviceAccountSubject(clientId),
    typ: 'Bearer',
    azp: clientId,
    preferred_username: `service-account-${clientId}`,
    realm_access: { roles: [SERVICE_ROLE] },
  };
}

/** What userinfo answers (Keycloak maps the same claims to it). */
export function userInfoClaims(user: Account, roles: string[]): Record<string, unknown> {
  return {
    sub: user.subject,
    preferred_username: user.username,
    ...profileClaims(user),
    realm_access: { roles },
  };
}
