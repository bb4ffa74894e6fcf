import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@congress/telemetry';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { GatewayEnv } from '../config.js';

/**
 * The web app (apps/web, built by Vite into dist/apps/web) served from the gateway's own origin,
 * so the browser needs no CORS and the API, the app and /config.json share one URL:
 *
 * - `/assets/*`: content-hashed files, cached for a year (a new build has new names);
 * - `/index.html` and every other page path (SPA fallback): revalidated on every load, so a
 *   deployment reaches users at their next navigation;
 * - `/config.json`: what the browser needs to sign in, from this gateway's environment, so one
 *   build runs against any Keycloak;
 * - `/api/*`, `/health`, `/ready` and paths that look like files never fall back to the app:
 *   they get the API's problem+json 404 (a missing script must not come back as HTML).
 *
 * Without a build (no index.html) the gateway serves the API only and says so once.
 */

/** Paths that belong to the server, never to the web app. */
const SERVER_PATH = /^\/(?:api(?:\/|$)|health$|ready$|config\.json$)/;
const HASHED_ASSET = /^\/assets\//;
const ROOT_FILE = /^\/[\w-][\w.-]*\.[a-z0-9]+$/i;
const YEAR_SECONDS = 365 * 24 * 3600;

export interface WebClientConfig {
  oidc: { authority: string; clientId: string; scope: string; logoutMethod: 'post' | 'get' };
}

/** What the browser needs to sign in: the issuer it talks to, its client, the scopes. */
export function webClientConfig(config: GatewayEnv): WebClientConfig {
  const authority =
    config.WEB_OIDC_AUTHORITY ?? config.KEYCLOAK_ISSUER ?? `${config.KEYCLOAK_URL.replace(/\/+$/, '')}/realms/${config.KEYCLOAK_REALM}`;
  // No offline_access: Keycloak would issue an offline token that outlives the logout.
  // Only openid: the realm's clients put name, username, unit, body and roles in the tokens
  // themselves (infra/keycloak); asking for a scope the client lacks is refused (invalid_scope).
  return { oidc: { authority, clientId: config.WEB_OIDC_CLIENT_ID, scope: 'openid', logoutMethod: config.WEB_OIDC_LOGOUT_METHOD } };
}

/** dist/apps/web beside this build (dist/apps/gateway/src/http/web-app.js). */
export function defaultWebDistDir(): string {
  return fileURLToPath(new URL('../../../web/', import.meta.url));
}

/** Whether a GET of this path should be answered with the app's index.html. */
export function isAppPath(path: string): boolean {
  if (SERVER_PATH.test(path) || HASHED_ASSET.test(path)) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Cache-Control', 'no-cache')
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'SAMEORIGIN')
    .header('Referrer-Policy', 'same-origin');
}

export interface WebAppRegistration {
  served: boolean;
  dir: string;
}

export function registerWebApp(fastify: FastifyInstance, config: GatewayEnv, logger: Logger): WebAppRegistration {
  const dir = resolve(config.WEB_DIST_DIR ?? defaultWebDistDir());
  const clientConfig = webClientConfig(config);
  const assets = join(dir, 'assets');
  const served = existsSync(join(dir, 'index.html'));

  fastify.get('/config.json', async (_request, reply) => {
    void reply.header('Cache-Control', 'no-cache');
    return clientConfig;
  });

  if (!served) {
    logger.warn({ dir }, 'web app not served: no build found (npm run build builds it); serving the API only');
    return { served, dir };
  }

  // One plugin context: @fastify/static's reply.sendFile stays local to it (Swagger UI registers
  // its own copy without the decorator).
  void fastify.register(async (instance) => {
    // Imported when used, so this module's pure helpers load without it (unit tests on Node 20).
    await instance.register(import('@fastify/static'), {
      // Files are looked up when asked for, so a rebuild while the gateway runs is served at once.
      root: assets,
      prefix: '/assets/',
      index: false,
      // tools/dev/web.mjs writes .br and .gz beside every asset.
      preCompressed: true,
      cacheControl: false,
      // Also called for sendFile() of index.html and the top-level files: only assets are immutable.
      setHeaders: (reply, filePath) =>
        void reply.header('Cache-Control', filePath.startsWith(assets + sep) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache'),
    });
    const index = async (_request: unknown, reply: FastifyReply) => pageHeaders(reply).sendFile('index.html', dir);
    instance.get('/', index);
    instance.get('/*', async (request, reply) => {
      const path = request.url.split('?')[0];
      if (isAppPath(path)) return index(request, reply);
      // favicon.svg and the like: the build's top-level files (never dotfiles); a missing one is a 404.
      if (ROOT_FILE.test(path)) return reply.header('Cache-Control', 'no-cache').sendFile(path.slice(1), dir);
      return reply.callNotFound();
    });
  });
  logger.info({ dir, oidc: clientConfig.oidc.authority }, 'serving the web app at /');
  return { served, dir };
}
