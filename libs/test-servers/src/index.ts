import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { encodeUser, fmtCreds } from '@nats-io/jwt';
import { createUser, fromSeed } from '@nats-io/nkeys';
import { connect as connectNats, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The servers `npm test` started. Integration tests cannot run without them. */
export function testServers(): { adminUrl: string; natsUrl: string; natsAuthFile: string } {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  const natsAuthFile = process.env.TEST_NATS_AUTH_FILE;
  if (!adminUrl || !natsUrl || !natsAuthFile) {
    throw new Error(
      'TEST_DATABASE_URL, TEST_NATS_URL and TEST_NATS_AUTH_FILE are not set: run integration tests through `npm test`, which starts PostgreSQL and NATS (with authentication, tools/dev/nats-auth.mjs).',
    );
  }
  return { adminUrl, natsUrl, natsAuthFile };
}

/** The test NATS server's account: its public key and the seed of the key that signs its users. */
export function testNatsAccount(): { account: string; signingSeed: string } {
  const auth = JSON.parse(readFileSync(testServers().natsAuthFile, 'utf8')) as { account: { public: string; signingSeed: string } };
  return { account: auth.account.public, signingSeed: auth.account.signingSeed };
}

/**
 * A user of the test NATS server with exactly these permissions (`.creds` contents). Services get
 * theirs from their permission table (libs/testing/src/nats-identity.ts); this is the primitive.
 */
export async function testNatsCredentials(name: string, permissions: { pub: { allow: string[] }; sub: { allow: string[] }; resp?: { max: number; ttl: number } }): Promise<string> {
  const { account, signingSeed } = testNatsAccount();
  const user = createUser();
  const jwt = await encodeUser(name, user, account, permissions, { signer: fromSeed(new TextEncoder().encode(signingSeed)) });
  return new TextDecoder().decode(fmtCreds(jwt, user));
}

const harnessInbox = (namespace: string) => `_INBOX_${namespace}_harness`;

/**
 * The test's own connection to NATS: everything inside its namespace (its subjects, JetStream's API
 * for its streams, its inbox), nothing outside, like no production user. Tests use it to call a
 * service as the gateway would, to publish an event as its producer would, and to clean up.
 */
export async function connectTestNats(namespace: string): Promise<NatsConnection> {
  const creds = await testNatsCredentials(`harness-${namespace}`, {
    pub: { allow: [`${namespace}.>`, '$JS.API.>', '$JS.ACK.>'] },
    sub: { allow: [`${namespace}.>`, `${harnessInbox(namespace)}.>`] },
    resp: { max: 1, ttl: 0 },
  });
  return connectNats({ servers: testServers().natsUrl, authenticator: credsAuthenticator(new TextEncoder().encode(creds)), inboxPrefix: harnessInbox(namespace), name: `harness-${namespace}` });
}

export function randomName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, so files run in parallel without meeting. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl } = testServers();
  const name = randomName('t_');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        // The services' roles the harness made for this database (libs/testing/src/database-roles.ts):
        // with the database gone they own nothing.
        const roles = await c.query<{ rolname: string }>(`SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)`, [`${name}_`]);
        for (const { rolname } of roles.rows) await c.query(`DROP ROLE IF EXISTS "${rolname}"`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A NATS namespace for one test file: its subjects and streams never meet another file's. */
export function createTestNamespace(): { namespace: string; cleanup(): Promise<void> } {
  const namespace = randomName('t');
  return {
    namespace,
    async cleanup() {
      const nc = await connectTestNats(namespace);
      const jsm = await jetstreamManager(nc);
      const prefix = `${namespace.toUpperCase()}_`;
      for await (const stream of jsm.streams.list()) {
        if (stream.config.name.startsWith(prefix)) await jsm.streams.delete(stream.config.name);
      }
      await nc.close();
    },
  };
}

/** The environment a service needs, pointed at the test servers. */
export function serviceEnv(databaseUrl: string, namespace: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    NATS_URL: testServers().natsUrl,
    NATS_NAMESPACE: namespace,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '100',
    ...extra,
  };
}

/** Polls until the check returns something truthy, or fails naming what it waited for. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
