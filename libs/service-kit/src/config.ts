import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { SERVICES, type ServiceName } from '@congress/contracts';
import { ed25519PrivateKey, ed25519PublicKey } from '@congress/messaging';
import { z } from 'zod';

const port = z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);
const positiveInt = z.coerce.number({ error: 'must be a positive integer' }).int().positive();

/** The key this service signs actor assertions with (issuer: the service's own name). */
const signingKey = z
  .string()
  .optional()
  .transform((text, ctx): KeyObject | undefined => {
    if (text === undefined) return undefined;
    try {
      return ed25519PrivateKey(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/**
 * `{"gateway": "<base64 SPKI>", "project-library": "…"}`: the issuers whose assertions this service
 * accepts; an issuer may have a list of keys (old and new while its key is rotated).
 */
const trustedKeys = z
  .string()
  .optional()
  .transform((text, ctx): ReadonlyMap<ServiceName, readonly KeyObject[]> => {
    const keys = new Map<ServiceName, readonly KeyObject[]>();
    if (text === undefined) return keys;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object {"<issuer>": "<base64 SPKI Ed25519 public key>"}' });
      return z.NEVER;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object {"<issuer>": "<base64 SPKI Ed25519 public key>"}' });
      return z.NEVER;
    }
    for (const [issuer, key] of Object.entries(parsed)) {
      if (!(SERVICES as readonly string[]).includes(issuer)) {
        ctx.addIssue({ code: 'custom', message: `names an unknown issuer "${issuer}" (issuers are gateway and the services: ${SERVICES.join(', ')})` });
        continue;
      }
      const texts = Array.isArray(key) ? key : [key];
      try {
        if (texts.length === 0) throw new Error('names no key');
        keys.set(issuer as ServiceName, texts.map((t) => ed25519PublicKey(String(t))));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `${issuer}: ${(error as Error).message}` });
      }
    }
    return keys;
  });

/**
 * Environment every service reads. One schema, validated at boot; a missing or bad variable
 * stops the process with its name (see docs/operations.md for the table).
 */
export const BaseEnv = z.object({
  PORT: port,
  DATABASE_URL: z.string({ error: 'is required (postgres://user:password@host:port/database)' }).regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' }),
  DATABASE_POOL_SIZE: positiveInt.max(200).default(10),
  NATS_URL: z.string({ error: 'is required (nats://host:port, comma-separated for a cluster)' }).regex(/^(nats|tls|ws|wss):\/\/\S+$/, { error: 'must be a nats:// URL' }),
  /** The service's own NATS user: its `.creds` file (a mounted Secret) or the file's contents. One is required. */
  NATS_CREDS_FILE: z.string().optional(),
  NATS_CREDS: z.string().regex(/-----BEGIN NATS USER JWT-----/, { error: 'must be the contents of a .creds file' }).optional(),
  /** TLS to NATS: the CA that signed the server's certificate, and a client certificate if the server asks for one. */
  NATS_TLS_CA_FILE: z.string().optional(),
  NATS_TLS_CERT_FILE: z.string().optional(),
  NATS_TLS_KEY_FILE: z.string().optional(),
  NATS_NAMESPACE: z.string().regex(/^[A-Za-z0-9_-]*$/, { error: 'may hold only letters, digits, _ and -' }).default(''),
  NATS_STREAM_REPLICAS: positiveInt.max(5).default(1),
  EVENT_RETENTION_DAYS: positiveInt.default(30),
  // At most an actor assertion's lifetime (ASSERTION_MAX_LIFETIME_MS), which the deadline becomes.
  REQUEST_TIMEOUT_MS: positiveInt.max(60_000).default(5000),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(15000),
  OUTBOX_POLL_MS: positiveInt.default(250),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: 'must be a URL' }).optional(),
  /** Ed25519 private key (base64 PKCS#8 DER or PEM) for the actor assertions this process sends; or ACTOR_SIGNING_KEY_FILE. */
  ACTOR_SIGNING_KEY: signingKey,
  /** JSON {issuer: base64 SPKI public key, or a list of them} of the issuers whose actor assertions are accepted; or ACTOR_TRUSTED_KEYS_FILE. */
  ACTOR_TRUSTED_KEYS: trustedKeys,
});
export type BaseEnv = z.infer<typeof BaseEnv>;

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Variables that may instead name a file holding the value (`<NAME>_FILE`), as Kubernetes mounts
 * Secrets; the variable itself wins when both are set.
 */
export const FILE_VARIABLES = ['ACTOR_SIGNING_KEY', 'ACTOR_TRUSTED_KEYS', 'IDP_ADMIN_CLIENT_SECRET'] as const;

/** Values never echoed in a ConfigError (the name and the rule are enough to fix it). */
const SECRET_NAME = /KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/;

/** Validates the environment against a schema; throws a ConfigError naming every bad variable. */
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: Record<string, string | undefined> = process.env): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  const unreadable: string[] = [];
  for (const name of FILE_VARIABLES) {
    const file = cleaned[`${name}_FILE`];
    if (cleaned[name] !== undefined || file === undefined) continue;
    try {
      cleaned[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      unreadable.push(`${name}_FILE=${JSON.stringify(file)} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  const result = schema.safeParse(cleaned);
  if (result.success && unreadable.length === 0) return result.data;
  const problems = (result.success ? [] : result.error.issues).map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = cleaned[name];
    if (value === undefined) return `${name} is missing: ${issue.message}`;
    return SECRET_NAME.test(name) ? `${name} is invalid: ${issue.message}` : `${name}=${JSON.stringify(value)} is invalid: ${issue.message}`;
  });
  throw new ConfigError(service, [...unreadable, ...problems]);
}
