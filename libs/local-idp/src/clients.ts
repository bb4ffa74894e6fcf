import type { ClientMetadata } from 'oidc-provider';

/** The realm's clients, named as in the Keycloak realm that will replace this IdP. */
export const WEB_CLIENT_ID = 'congress-web';
export const CLI_CLIENT_ID = 'congress-cli';
export const SERVICE_CLIENT_ID = 'congress-service';
/** The directory service's client: its service account may manage users (the admin API, admin-api.ts) and nothing else. */
export const DIRECTORY_CLIENT_ID = 'congress-directory';

export const DEFAULT_WEB_REDIRECT_URIS = ['http://localhost:3000/*', 'http://localhost:5173/*'];

export function clientMetadata(webRedirectUris: readonly string[], secrets: { service: string; directory: string }): ClientMetadata[] {
  return [
    {
      // The browser app: public, authorization code + PKCE (oidc-provider requires PKCE for
      // public clients and only offers S256).
      client_id: WEB_CLIENT_ID,
      client_name: '人大监督平台',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [...webRedirectUris],
      post_logout_redirect_uris: [...webRedirectUris],
    },
    {
      // Scripts and the command line: public, username + password (Keycloak's "direct access grants").
      client_id: CLI_CLIENT_ID,
      token_endpoint_auth_method: 'none',
      grant_types: ['password', 'refresh_token'],
      response_types: [],
      redirect_uris: [],
    },
    {
      // Service-to-service calls: confidential, its own service account.
      client_id: SERVICE_CLIENT_ID,
      client_secret: secrets.service,
      token_endpoint_auth_method: 'client_secret_basic', // client_secret_post is accepted too
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
    {
      // The directory provisioning accounts through the admin API (Keycloak: realm-management
      // manage-users, view-users, query-users on its service account).
      client_id: DIRECTORY_CLIENT_ID,
      client_secret: secrets.directory,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ];
}

/**
 * Keycloak-style redirect URI check: a registered value ending in `*` matches any URI starting
 * with the part before it, anything else must match exactly. oidc-provider only knows exact
 * matches, so this replaces its check (see provider-config.ts).
 */
export function redirectUriMatches(candidate: string, registered: readonly string[]): boolean {
  const parsed = URL.parse(candidate);
  if (!parsed || parsed.hash || parsed.username || parsed.password) return false;
  return registered.some((pattern) => {
    if (!pattern.endsWith('*')) return candidate === pattern;
    const prefix = pattern.slice(0, -1);
    // Both the raw value (what the browser will be sent to) and its normalised form must start
    // with the prefix, so tricks like backslashes or dot segments cannot leave the origin.
    return candidate.startsWith(prefix) && parsed.href.startsWith(prefix);
  });
}

/** Origins of the redirect URI patterns: the browser origins allowed to call the IdP (CORS). */
export function originsOf(patterns: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const pattern of patterns) {
    const origin = URL.parse(pattern.replace(/\*$/, ''))?.origin;
    if (origin && origin !== 'null') origins.add(origin);
  }
  return origins;
}
