import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { RuntimeConfig } from '../app/runtime-config';

/** Where the identity provider sends the browser back: registered redirect URIs are <origin>/*. */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/auth/signed-out';

/**
 * The OIDC client: authorization code flow with PKCE (S256) against Keycloak's realm (or the
 * local identity provider with the same URL layout), as the public client congress-web.
 * Tokens live in sessionStorage (per tab, gone with the tab); the access token is renewed a
 * minute before it expires with the refresh token, no iframe.
 */
export function createUserManager(config: RuntimeConfig['oidc']): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    response_type: 'code',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}${SIGNED_OUT_PATH}`,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    loadUserInfo: false,
    monitorSession: false,
    // AuthProvider.signOut revokes the refresh token itself, best effort.
    revokeTokensOnSignout: false,
  });
}

/** A path inside this app to return to after sign-in; anything else becomes '/'. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(CALLBACK_PATH) ? value : '/';
}

export function returnPathOf(user: User): string {
  return safeReturnPath((user.state as { returnTo?: unknown } | undefined)?.returnTo);
}
