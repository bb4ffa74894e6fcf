import { errors, type Client, type KoaContext, type Provider } from 'oidc-provider';

import { API_RESOURCE, SUPPORTED_SCOPES, apiResourceServerInfo } from './api-resource.js';
import { LOGIN_FAILED_MESSAGE } from './pages.js';
import type { Account, UserStore } from './users.js';

/** Parameters the token endpoint keeps for this grant (oidc-provider drops all others). */
export const PASSWORD_GRANT_PARAMETERS = ['username', 'password', 'scope'];

/** Keycloak's default client scopes, granted when a password-grant request names none. */
const DEFAULT_SCOPES = ['profile', 'email'];

/**
 * Resource Owner Password Credentials (Keycloak's "direct access grants"), which oidc-provider
 * does not implement. Built from its public models only, mirroring what its own grants do:
 * a Grant holding the scopes, a JWT access token for the API resource, a refresh token the
 * built-in refresh_token grant can redeem, and an ID token when `openid` was asked for.
 */
export function passwordGrantHandler(users: UserStore, accessTokenTtlSeconds: number) {
  return async function passwordGrant(ctx: KoaContext): Promise<void> {
    const { provider, client, params } = ctx.oidc;
    if (!client) throw new errors.InvalidRequest('client is required');

    const username = typeof params.username === 'string' ? params.username : '';
    const password = typeof params.password === 'string' ? params.password : '';
    if (!username || !password) throw new errors.InvalidRequest('missing required parameter(s) (username, password)');

    // Keycloak 26's direct grant looks at the account before the password: a disabled one is
    // refused in its words (400), whatever the password.
    if (users.findByUsername(username)?.enabled === false) throw grantError(400, 'Account disabled');
    const signIn = await users.authenticate(username, password);
    if (signIn.outcome === 'invalid' || signIn.outcome === 'disabled') {
      // Keycloak answers bad user credentials with 401 (RFC 6749 would say 400): same here, so
      // clients written against this IdP behave the same against Keycloak.
      throw grantError(401, LOGIN_FAILED_MESSAGE);
    }
    if (signIn.outcome === 'temporary') {
      // The right temporary password: Keycloak's words exactly (required action UPDATE_PASSWORD
      // pending, which only the browser login can complete).
      throw grantError(400, 'Account is not fully set up');
    }
    const user = signIn.account;

    const scope = requestedScopes(params.scope).join(' ');

    // All supported scopes are OpenID scopes to oidc-provider and also the API resource's scopes.
    const grant = new provider.Grant({ accountId: user.subject, clientId: client.clientId });
    grant.addOIDCScope(scope);
    grant.addResourceScope(API_RESOURCE, scope);
    const grantId = await grant.save();
    ctx.oidc.entity('Grant', grant);

    const accessToken = new provider.AccessToken({
      accountId: user.subject,
      client,
      grantId,
      gty: 'password',
      scope,
    });
    accessToken.resourceServer = new provider.ResourceServer(API_RESOURCE, apiResourceServerInfo(accessTokenTtlSeconds));
    ctx.oidc.entity('AccessToken', accessToken);
    const accessTokenValue = await accessToken.save();

    const refreshToken = client.grantTypeAllowed('refresh_token')
      ? await issueRefreshToken(provider, ctx, { client, accountId: user.subject, grantId, scope })
      : undefined;

    const idToken = scope.split(' ').includes('openid') ? await issueIdToken(provider, ctx, user, scope) : undefined;

    ctx.body = {
      access_token: accessTokenValue,
      expires_in: accessToken.expiration,
      token_type: accessToken.tokenType,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...(idToken ? { id_token: idToken } : {}),
      scope,
    };
  };
}

function grantError(status: number, description: string): Error {
  const error = new errors.CustomOIDCProviderError('invalid_grant', description);
  error.status = error.statusCode = status;
  return error;
}

function requestedScopes(raw: unknown): string[] {
  const asked = typeof raw === 'string' ? raw.split(' ').filter(Boolean) : [];
  // Unknown scopes are ignored, as the authorization endpoint does.
  const known = [...new Set(asked)].filter((s) => SUPPORTED_SCOPES.includes(s));
  return known.length > 0 ? known : DEFAULT_SCOPES;
}

async function issueRefreshToken(
  provider: Provider,
  ctx: KoaContext,
  { client, accountId, grantId, scope }: { client: Client; accountId: string; grantId: string; scope: string },
): Promise<string> {
  const refreshToken = new provider.RefreshToken({
    accountId,
    client,
    grantId,
    gty: 'password',
    scope,
    // The refresh_token grant takes its access token's resource from here.
    resource: API_RESOURCE,
    rotations: 0,
    // No browser session backs this token, so it must not end with one.
    expiresWithSession: false,
  });
  ctx.oidc.entity('RefreshToken', refreshToken);
  return refreshToken.save();
}

async function issueIdToken(provider: Provider, ctx: KoaContext, user: Account, oidcScope: string): Promise<string> {
  // oidc-provider keeps only the claims the scope allows (see `claims` in provider-config.ts).
  const available = { sub: user.subject, ...(user.fullName ? { name: user.fullName } : {}), preferred_username: user.username };
  const idToken = new provider.IdToken(available, { ctx });
  idToken.scope = oidcScope;
  return idToken.issue({ use: 'idtoken' });
}
