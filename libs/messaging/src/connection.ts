import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';

/** How a process reaches NATS: where, as whom (its `.creds`), and over TLS when configured. */
export interface NatsConnectionSettings {
  url: string;
  /** The user's `.creds` file contents (NATS_CREDS) … */
  creds?: string;
  /** … or its path (NATS_CREDS_FILE, e.g. a mounted Kubernetes Secret). */
  credsFile?: string;
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** The connection's name in the server's monitoring. */
  name: string;
  /** Its reply inbox prefix, the one its permissions allow it to read (WireNames.inboxPrefix). */
  inboxPrefix: string;
}

export class NatsCredentialsMissing extends Error {
  constructor(name: string) {
    super(`${name}: NATS credentials are required (NATS_CREDS_FILE, the path of the service's .creds file, or NATS_CREDS, its contents); see docs/operations.md, "NATS credentials"`);
    this.name = 'NatsCredentialsMissing';
  }
}

export function natsConnectionOptions(settings: NatsConnectionSettings): ConnectionOptions {
  const creds = settings.creds ?? (settings.credsFile ? readFileSync(settings.credsFile, 'utf8') : undefined);
  if (!creds) throw new NatsCredentialsMissing(settings.name);
  const tls = settings.tls && Object.values(settings.tls).some(Boolean) ? settings.tls : undefined;
  return {
    servers: settings.url.split(','),
    name: settings.name,
    authenticator: credsAuthenticator(new TextEncoder().encode(creds)),
    inboxPrefix: settings.inboxPrefix,
    ...(tls ? { tls } : {}),
    maxReconnectAttempts: -1,
    // The client would otherwise build an Error (a stack capture) for every request.
    noAsyncTraces: true,
  };
}

/** Connects as the user the settings name; refuses to connect anonymously. */
export async function connectNatsAs(settings: NatsConnectionSettings): Promise<NatsConnection> {
  return connect(natsConnectionOptions(settings));
}
