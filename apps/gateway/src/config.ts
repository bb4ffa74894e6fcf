import { DEFAULT_PORTS } from '@congress/contracts';
import { BaseEnv } from '@congress/service-kit';
import { withStorageEnv } from '@congress/storage';
import { z } from 'zod';

/** The gateway's environment, with the attachment storage variables (STORAGE_DRIVER, S3_*). */
export const GatewayEnv = withStorageEnv(BaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway),
  /** Base URL of Keycloak (or the local identity provider), as the gateway reaches it. */
  KEYCLOAK_URL: z.url({ error: 'is required: the base URL of Keycloak, e.g. http://localhost:8080' }),
  KEYCLOAK_REALM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('congress'),
  /** Expected `iss` when Keycloak's public URL differs from KEYCLOAK_URL. */
  KEYCLOAK_ISSUER: z.url().optional(),
  /**
   * The audience every token must carry in `aud` (the API's client in the realm). Always checked:
   * an ID token, or a token minted for another client of the realm, is not a key to the API.
   */
  KEYCLOAK_AUDIENCE: z.string().trim().min(1, { error: 'must name the API\'s audience (e.g. congress-api); it cannot be switched off' }).default('congress-api'),
  /** Requests per user (or per address without a token) per minute. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** Origins allowed to call the API from a browser (comma-separated), e.g. a web dev server. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /** How long the gateway trusts its copy of the unit tree before asking directory again. */
  UNIT_TREE_TTL_MS: z.coerce.number().int().positive().default(30_000),
  /** Where the built web app is (index.html and assets/); default dist/apps/web beside the gateway's build. Absent: API only. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** The OIDC issuer the browser signs in at, when it differs from KEYCLOAK_ISSUER / KEYCLOAK_URL + realm (served in /config.json). */
  WEB_OIDC_AUTHORITY: z.url().optional(),
  /** The public OIDC client of the web app (served in /config.json). */
  WEB_OIDC_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_.-]+$/).default('congress-web'),
  /**
   * How the browser ends a session at the identity provider (served in /config.json): `post`, a form
   * POST to the logout endpoint, which Keycloak accepts, so the ID token sent as id_token_hint stays
   * out of URLs and the browser's history (hall tablets, docs/decisions/0021); `get` for an identity
   * provider that takes GET only (Keycloak and the local one of `npm start` both take POST).
   */
  WEB_OIDC_LOGOUT_METHOD: z.enum(['post', 'get']).default('post'),
}));
export type GatewayEnv = z.infer<typeof GatewayEnv>;
