import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';

import { Provider, type Client } from 'oidc-provider';

import { AccountSessions } from './account-sessions.js';
import { adminApi } from './admin-api.js';
import { DEFAULT_WEB_REDIRECT_URIS, originsOf, redirectUriMatches } from './clients.js';
import { loginInteractions } from './interactions.js';
import { logoutByPost } from './logout.js';
import { jwtEndpoints } from './jwt-endpoints.js';
import { loadSigningKeys } from './keys.js';
import { PASSWORD_GRANT_PARAMETERS, passwordGrantHandler } from './password-grant.js';
import { KEYCLOAK_ROUTES, providerConfiguration } from './provider-config.js';
import { RealmRoles } from './realm-roles.js';
import type { LocalIdp, LocalIdpOptions } from './types.js';
import { UserStore } from './users.js';

/**
 * Starts a Keycloak look-alike (URL layout, clients, token shape) on oidc-provider, for local
 * runs and tests. Never deploy it: its cookie keys are public and its state lives in memory.
 */
export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const host = options.host ?? '127.0.0.1';
  // The issuer is part of the provider's configuration, so the port must be known before
  // listening: for port 0, ask the OS for a free one first.
  const port = options.port === 0 ? await findFreePort(host) : options.port;
  const url = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const realm = options.realm ?? 'congress';
  const issuer = `${url}/realms/${encodeURIComponent(realm)}`;
  // Usually /realms/congress; longer when publicUrl has a path of its own.
  const mountPath = new URL(issuer).pathname;
  const adminBase = `${url}/admin/realms/${encodeURIComponent(realm)}`;
  const adminPath = new URL(adminBase).pathname;

  const users = new UserStore(options.users, options.usersFile);
  const realmRoles = new RealmRoles(realm);
  const keys = loadSigningKeys(options.keyFile);
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 900;
  const webRedirectUris = options.webRedirectUris ?? DEFAULT_WEB_REDIRECT_URIS;

  const provider = new Provider(
    issuer,
    providerConfiguration({
      realmPath: mountPath,
      users,
      realmRoles,
      privateJwks: keys.privateJwks,
      accessTokenTtlSeconds,
      webRedirectUris,
      serviceClientSecret: options.serviceClientSecret ?? 'congress-service-secret',
      directoryClientSecret: options.directoryClientSecret ?? 'congress-directory-secret',
    }),
  );
  // Trust X-Forwarded-Proto/Host from a dev proxy (e.g. Vite's); on plain http nothing changes.
  provider.proxy = true;
  allowRedirectUriPatterns(provider);
  provider.registerGrantType('password', passwordGrantHandler(users, accessTokenTtlSeconds), PASSWORD_GRANT_PARAMETERS);
  provider.use(jwtEndpoints({ provider, users, realmRoles, issuer, publicJwks: keys.publicJwks, webOrigins: originsOf(webRedirectUris) }));
  provider.use(loginInteractions(provider, users, mountPath));
  provider.use(logoutByPost(KEYCLOAK_ROUTES.end_session));
  // oidc-provider turns errors in its routes into 500 responses and logs them only through
  // `debug`; a development IdP should say what went wrong.
  provider.on('server_error', (_ctx, error) => console.error('local-idp: server error', error));

  const sessions = new AccountSessions(provider);
  const admin = adminApi({ realm, issuer, publicBase: adminBase, users, realmRoles, sessions, publicJwks: keys.publicJwks });

  const server = createServer(route(mountPath, provider.callback(), adminPath, admin));
  await listen(server, port, host);

  return {
    issuer,
    url,
    close: () => closeServer(server),
  };
}

/**
 * Keycloak accepts redirect URIs matching a registered pattern with a trailing `*`;
 * oidc-provider compares exactly. Its Client class is per provider, so patching the prototype
 * changes this provider only.
 */
function allowRedirectUriPatterns(provider: Provider): void {
  const prototype = provider.Client.prototype;
  prototype.redirectUriAllowed = function redirectUriAllowed(this: Client, uri: string) {
    return redirectUriMatches(uri, this.redirectUris);
  };
  prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(this: Client, uri: string) {
    return redirectUriMatches(uri, this.postLogoutRedirectUris ?? []);
  };
}

/** Sends realm requests to oidc-provider with the realm prefix removed, admin API requests to admin-api.ts; answers health checks. */
function route(
  mountPath: string,
  providerHandler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  adminPath: string,
  admin: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>,
): RequestListener {
  return (req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith(`${adminPath}/`)) {
      admin(req, res, url.slice(adminPath.length)).catch((error: unknown) => {
        console.error('local-idp: admin API error', error);
        if (!res.headersSent) sendJson(res, 500, { error: 'unknown_error' });
        else res.end();
      });
      return;
    }
    if (url === mountPath || url.startsWith(`${mountPath}/`) || url.startsWith(`${mountPath}?`)) {
      // What Express does when mounting an app: oidc-provider works out its mount path (for the
      // URLs it generates) from the difference between req.originalUrl and req.url.
      const rest = url.slice(mountPath.length);
      Object.assign(req, { originalUrl: url });
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
      void providerHandler(req, res);
      return;
    }
    // Keycloak's health endpoints, for scripts waiting for the IdP to come up.
    if (req.method === 'GET' && (url === '/health' || url === '/health/ready' || url === '/health/live')) {
      return sendJson(res, 200, { status: 'UP', checks: [] });
    }
    sendJson(res, 404, { error: 'Realm does not exist' });
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function findFreePort(host: string): Promise<number> {
  const probe = createNetServer();
  await listen(probe, 0, host);
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('local-idp: could not find a free port');
  return address.port;
}

function listen(server: Server | ReturnType<typeof createNetServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections (fetch keeps them) would hold close() open for seconds.
    server.closeAllConnections();
  });
}
