/** What the gateway serves at /config.json (apps/gateway/src/http/web-app.ts), read once at start. */
export interface RuntimeConfig {
  /**
   * logoutMethod: how to send the browser to the identity provider's logout endpoint (a form POST,
   * or GET for an identity provider that takes GET only); absent from older gateways: 'get'.
   */
  oidc: { authority: string; clientId: string; scope: string; logoutMethod?: 'post' | 'get' };
}

function isRuntimeConfig(value: unknown): value is RuntimeConfig {
  const oidc = (value as RuntimeConfig | undefined)?.oidc;
  return !!oidc && typeof oidc.authority === 'string' && typeof oidc.clientId === 'string' && typeof oidc.scope === 'string';
}

/**
 * The gateway's /config.json, so one build signs in against whichever Keycloak the deployment
 * uses; else (the Vite dev server without a gateway) VITE_OIDC_AUTHORITY / VITE_OIDC_CLIENT_ID.
 */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (response.ok) {
      const body: unknown = await response.json();
      if (isRuntimeConfig(body)) return body;
    }
  } catch {
    // fall back to the build's environment
  }
  const env = import.meta.env;
  if (env.VITE_OIDC_AUTHORITY) {
    return { oidc: { authority: env.VITE_OIDC_AUTHORITY, clientId: env.VITE_OIDC_CLIENT_ID ?? 'congress-web', scope: env.VITE_OIDC_SCOPE ?? 'openid' } };
  }
  throw new Error('/config.json is unavailable and VITE_OIDC_AUTHORITY is not set');
}
