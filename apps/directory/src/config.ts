import { DEFAULT_PORTS } from '@congress/contracts';
import { BaseEnv } from '@congress/service-kit';
import { z } from 'zod';

export const DirectoryEnv = BaseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.directory),
  /**
   * The identity provider whose accounts the directory provisions (Keycloak's base URL, e.g.
   * https://sso.example.gov.cn, or the local identity provider's). Unset: accounts wait, and the
   * accounts page says why.
   */
  IDP_ADMIN_URL: z.url({ error: '必须是 URL' }).optional(),
  IDP_ADMIN_REALM: z.string().min(1).default('congress'),
  /** The realm's client for the directory (client credentials; may manage users and nothing else). */
  IDP_ADMIN_CLIENT_ID: z.string().min(1).default('congress-directory'),
  /** Its secret (or IDP_ADMIN_CLIENT_SECRET_FILE, a mounted Secret); required with IDP_ADMIN_URL. */
  IDP_ADMIN_CLIENT_SECRET: z.string().min(1).optional(),
  /** How often the provisioner looks for due accounts; 0 turns it off (tests call it themselves). */
  ACCOUNT_SYNC_MS: z.coerce.number().int().min(0).default(2_000),
}).refine((env) => !env.IDP_ADMIN_URL || env.IDP_ADMIN_CLIENT_SECRET, { path: ['IDP_ADMIN_CLIENT_SECRET'], error: 'IDP_ADMIN_URL 已设置时必须提供（或 IDP_ADMIN_CLIENT_SECRET_FILE）' });
export type DirectoryEnv = z.infer<typeof DirectoryEnv>;
