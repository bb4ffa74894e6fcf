import { consumedBy, type ServiceName } from '@congress/contracts';
import { WireNames, ensureEventStream, jetstreamManager, type NatsConnection, type RpcClient } from '@congress/messaging';
import { createServiceApp, loadConfig, ServiceRuntime, type BaseEnv } from '@congress/service-kit';
import { createLogger, type Logger } from '@congress/telemetry';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { testRpcClient } from './actor-identity.js';
import { serviceDatabaseUrl } from './database-roles.js';
import { connectTestNats, createTestDatabase, createTestNamespace, serviceEnv, type TestDatabase } from './env.js';
import { serviceIdentityEnv } from './service-identity.js';

export interface ServiceUnderTestOptions<S extends z.ZodType<BaseEnv>> {
  service: ServiceName;
  env: S;
  module: (config: z.output<S>, logger: Logger) => DynamicModule;
  /** Environment beyond the test servers' (e.g. `OVERDUE_CHECK_MS: '0'` to stop a watch). */
  extraEnv?: Record<string, string>;
  /** How many instances share the database and the namespace (two: what a replica sees). */
  replicas?: number;
  /** How long a request from the test waits for its reply. */
  requestTimeoutMs?: number;
  /** Keep each instance's log lines (level info and up) in `logs`, for tests of what is logged. */
  captureLogs?: boolean;
}

export interface ServiceUnderTest<C> {
  apps: INestApplication[];
  app: INestApplication;
  config: C;
  runtime: ServiceRuntime;
  dataSource: DataSource;
  db: TestDatabase;
  namespace: string;
  nc: NatsConnection;
  /** A client of the service's requests, as another service (or the gateway) would call them. */
  rpc: RpcClient;
  /** Each instance's log lines, in the order of `apps` (with `captureLogs`; otherwise empty). */
  logs: Record<string, unknown>[][];
  /** SQL against the service's schema, for what the test must see beneath the API. */
  q<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Another instance on the same database and namespace (a restart, a second replica). */
  startAnother(extraEnv?: Record<string, string>): Promise<INestApplication>;
  stop(): Promise<void>;
}

/**
 * One service in this test process against the real Postgres and NATS `npm test` started, in a
 * database and a NATS namespace of its own, so test files run in parallel without meeting. Every
 * integration spec starts its service this way instead of copying the bootstrap.
 */
export async function startServiceUnderTest<S extends z.ZodType<BaseEnv>>(options: ServiceUnderTestOptions<S>): Promise<ServiceUnderTest<z.output<S>>> {
  const db = await createTestDatabase();
  const ns = createTestNamespace();
  const apps: INestApplication[] = [];
  const logs: Record<string, unknown>[][] = [];
  // The service's own database role, owner of its schema only (database-roles.ts).
  const databaseUrl = await serviceDatabaseUrl(options.service, db.url);
  const identity = await serviceIdentityEnv(options.service, ns.namespace);
  const configOf = (extra: Record<string, string> = {}) => loadConfig(options.service, options.env, serviceEnv(databaseUrl, ns.namespace, { ...identity, ...options.extraEnv, ...extra }));
  const start = async (extra: Record<string, string> = {}) => {
    const config = configOf(extra);
    let logger: Logger;
    if (options.captureLogs) {
      const lines: Record<string, unknown>[] = [];
      logs.push(lines);
      logger = createLogger(options.service, 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    } else {
      logger = createLogger(options.service, process.env.LOG_LEVEL ?? 'silent');
    }
    const app = await createServiceApp({ service: options.service, config, logger, module: options.module(config, logger) });
    try {
      await app.init();
    } catch (error) {
      // An instance that failed to start (e.g. refused its configuration) must not keep its connections.
      await app.close().catch(() => undefined);
      throw error;
    }
    apps.push(app);
    return app;
  };
  let nc: NatsConnection | undefined;
  try {
    nc = await connectTestNats(ns.namespace);
    // The producers of the events it consumes are not running here: their streams exist as if they had started.
    const jsm = await jetstreamManager(nc);
    const config = configOf();
    for (const producer of new Set(consumedBy(options.service).map((e) => e.producer))) {
      await ensureEventStream(jsm, new WireNames(ns.namespace), producer, { replicas: 1, maxAgeDays: config.EVENT_RETENTION_DAYS });
    }
    for (let i = 0; i < (options.replicas ?? 1); i++) await start();
    const runtime = apps[0]!.get(ServiceRuntime);
    // Signs like the gateway (it may assert any user), as every caller of a service must.
    const rpc = testRpcClient(nc, ns.namespace, options.requestTimeoutMs ?? 10_000);
    const connection = nc;
    return {
      apps,
      app: apps[0]!,
      config,
      runtime,
      dataSource: runtime.dataSource,
      db,
      namespace: ns.namespace,
      nc: connection,
      rpc,
      logs,
      q: (sql, params = []) => runtime.dataSource.query(sql, params),
      startAnother: start,
      async stop() {
        await connection.drain().catch(() => undefined);
        for (const app of apps.splice(0)) await app.close();
        await ns.cleanup();
        await db.drop();
      },
    };
  } catch (error) {
    await nc?.drain().catch(() => undefined);
    for (const app of apps) await app.close().catch(() => undefined);
    await ns.cleanup().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw error;
  }
}
