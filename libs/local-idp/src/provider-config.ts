import { errors, type Client, type Configuration, type Grant, type KoaContext } from 'oidc-provider';

import { API_RESOURCE, apiResourceServerInfo } from './api-resource.js';
import { ACCESS_TOKEN_AUDIENCE, serviceAccessTokenClaims, userAccessTokenClaims } from './claims.js';
import { WEB_CLIENT_ID, clientMetadata, originsOf } from './clients.js';
import type { PrivateJwk } from './keys.js';
import { hintNamesSignedInPerson } from './logout.js';
import { errorPage, loggedOutPage, logoutPage, signingOutPage } from './pages.js';
import type { RealmRoles } from './realm-roles.js';
import type { UserStore } from './users.js';

export interface ProviderConfigInput {
  /** Path of the realm under the IdP's root, e.g. /realms/congress. */
  realmPath: string;
  users: UserStore;
  realmRoles: RealmRoles;
  privateJwks: { keys: PrivateJwk[] };
  accessTokenTtlSeconds: number;
  webRedirectUris: readonly string[];
  serviceClientSecret: string;
  directoryClientSecret: string;
}

/** A working day of local development: refresh tokens, sessions and grants last this long. */
const SESSION_TTL_SECONDS = 10 * 60 * 60;

/** Keycloak's endpoint paths, relative to the realm (oidc-provider is mounted at the realm path). */
export const KEYCLOAK_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  userinfo: '/protocol/openid-connect/userinfo',
  end_session: '/protocol/openid-connect/logout',
  introspection: '/protocol/openid-connect/token/introspect',
  revocation: '/protocol/openid-connect/revoke',
  pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
};

/** Where the login page lives, relative to the realm (Keycloak's login pages are under login-actions). */
export const LOGIN_ACTIONS_PATH = '/login-actions/';

export function providerConfiguration(input: ProviderConfigInput): Configuration {
  const { users, realmRoles, accessTokenTtlSeconds } = input;
  const webOrigins = originsOf(input.webRedirectUris);

  return {
    clients: clientMetadata(input.webRedirectUris, { service: input.serviceClientSecret, directory: input.directoryClientSecret }),
    jwks: input.privateJwks,
    // Fixed keys are fine for a development IdP. No `secure` option on purpose: oidc-provider
    // marks cookies secure only when the request came over https (directly, or per
    // X-Forwarded-Proto since provider.proxy is on), and Koa refuses secure cookies on http.
    cookies: { keys: ['local-idp-dev-cookie-key-1', 'local-idp-dev-cookie-key-2'] },

    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'roles'],

    async findAccount(_ctx, sub) {
      const user = users.findBySubject(sub);
      // A disabled user's browser session and refresh tokens stop working, as in Keycloak.
      if (!user?.enabled) return undefined;
      return {
        accountId: user.subject,
        // oidc-provider filters these by the granted scopes (id_token, userinfo).
        claims: () => ({ sub: user.subject, ...(user.fullName ? { name: user.fullName } : {}), preferred_username: user.username }),
      };
    },

    // No consent screen: these are first-party clients (Keycloak with "consent required" off),
    // so whatever they ask for is granted right after login.
    loadExistingGrant: autoGrant,

    // Keycloak hands out a refresh token to every client allowed to use one, not only for
    // offline_access as oidc-provider does by default.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },

    // The authorization code flow only: no implicit or hybrid flows to test against by mistake.
    responseTypes: ['code'],
    routes: KEYCLOAK_ROUTES,
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      ClientCredentials: accessTokenTtlSeconds,
      IdToken: accessTokenTtlSeconds,
      AuthorizationCode: 60,
      RefreshToken: SESSION_TTL_SECONDS,
      Session: SESSION_TTL_SECONDS,
      Grant: SESSION_TTL_SECONDS,
      Interaction: 60 * 60,
    },
    interactions: {
      url: (_ctx, interaction) => `${input.realmPath}${LOGIN_ACTIONS_PATH}${interaction.uid}`,
    },

    // Browsers may call token/userinfo/revoke/introspect only from the web client's origins.
    clientBasedCORS: (_ctx, origin, client) => client.clientId === WEB_CLIENT_ID && webOrigins.has(origin),

    features: {
      devInteractions: { enabled: false }, // our own login page (interactions.ts)
      clientCredentials: { enabled: true },
      // Keycloak lets only confidential clients introspect.
      introspection: { enabled: true, allowedPolicy: async (_ctx: KoaContext, client: Client) => client.clientAuthMethod !== 'none' },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: KoaContext, client: Client, token: { clientId: string }) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        // As Keycloak: no question when the app names the session with its ID token (id_token_hint).
        logoutSource: async (ctx: KoaContext, form: string) => {
          ctx.type = 'html';
          ctx.body = hintNamesSignedInPerson(ctx) ? signingOutPage(form) : logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContext) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx: KoaContext, _client: Client, oneOf?: string[]) =>
          oneOf ? (oneOf.includes(API_RESOURCE) ? API_RESOURCE : oneOf[0]) : API_RESOURCE,
        // Without this, a refresh or code exchange with the openid scope would fall back to an
        // opaque, userinfo-only access token instead of the API's JWT.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContext, indicator: string) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return apiResourceServerInfo(accessTokenTtlSeconds);
        },
      },
    },

    formats: {
      customizers: {
        // Turns oidc-provider's RFC 9068 token into Keycloak's shape.
        jwt(_ctx, token, jwt) {
          jwt.header = { typ: 'JWT' }; // Keycloak's typ; oidc-provider would say at+jwt
          const { payload } = jwt;
          payload.aud = [...ACCESS_TOKEN_AUDIENCE];
          if (token.kind === 'ClientCredentials') {
            Object.assign(payload, serviceAccessTokenClaims(token.clientId));
            return;
          }
          const user = token.accountId ? users.findBySubject(token.accountId) : undefined;
          if (!user) throw new Error(`local-idp: no user with subject ${token.accountId}`);
          Object.assign(payload, userAccessTokenClaims(user, realmRoles.effective(user.roles), token.clientId));
          if (token.sid) payload.sid = token.sid;
          // Keycloak puts client_id only in service-account tokens; users' tokens name the
          // client in azp. Dropping it keeps code from relying on a claim Keycloak won't send.
          delete payload.client_id;
        },
      },
    },

    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };
}

/** loadExistingGrant: the session's grant (or a new one), extended with everything requested. */
async function autoGrant(ctx: KoaContext): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const { provider, client, account, session } = oidc;
  if (!client || !account) return undefined;

  const existingId = oidc.result?.consent?.grantId ?? session?.grantIdFor(client.clientId);
  const existing = existingId ? await provider.Grant.find(existingId) : undefined;
  const grant =
    existing && existing.accountId === account.accountId
      ? existing
      : new provider.Grant({ accountId: account.accountId, clientId: client.clientId });

  if (oidc.requestParamOIDCScopes.size > 0) grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  if (oidc.requestParamClaims.size > 0) grant.addOIDCClaims([...oidc.requestParamClaims]);
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers)) {
    const scopes = [...oidc.requestParamScopes].filter((scope) => resourceServer.scopes.has(scope));
    if (scopes.length > 0) grant.addResourceScope(indicator, scopes.join(' '));
  }
  await grant.save();
  return grant;
}
