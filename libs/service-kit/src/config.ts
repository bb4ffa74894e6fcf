import { z } from 'zod';

const port = z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);
const positiveInt = z.coerce.number({ error: 'must be a positive integer' }).int().positive();

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
  REQUEST_TIMEOUT_MS: positiveInt.default(5000),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(15000),
  OUTBOX_POLL_MS: positiveInt.default(250),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: 'must be a URL' }).optional(),
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

/** Validates the environment against a schema; throws a ConfigError naming every bad variable. */
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: Record<string, string | undefined> = process.env): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = cleaned[name];
    return value === undefined ? `${name} is missing: ${issue.message}` : `${name}=${JSON.stringify(value)} is invalid: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}
