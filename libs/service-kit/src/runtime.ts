import type { ServiceName } from '@congress/contracts';
import {
  ActorAssertionSigner,
  ActorAssertionVerifier,
  ActorNonceStore,
  EventConsumers,
  Outbox,
  OutboxRelay,
  RequestServer,
  RpcClient,
  WireNames,
  connectNatsAs,
  ensureEventStream,
  jetstream,
  jetstreamManager,
  type EventHandlerBinding,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type NatsConnectionSettings,
  type RelayFaults,
  type RequestHandlerBinding,
} from '@congress/messaging';
import { createServiceDataSource, runMigrations, type ServiceDataSourceOptions } from '@congress/persistence';
import type { Logger } from '@congress/telemetry';
import type { DataSource } from 'typeorm';
import type { BaseEnv } from './config.js';

export interface ServiceDefinition {
  service: ServiceName;
  /** The Postgres schema it owns: the service name in snake_case. */
  schema: string;
  entities: ServiceDataSourceOptions['entities'];
  migrations: ServiceDataSourceOptions['migrations'];
}

/** Where and as whom the service connects to NATS, from its environment. */
export function natsSettingsOf(service: ServiceName, config: BaseEnv): NatsConnectionSettings {
  return {
    url: config.NATS_URL,
    creds: config.NATS_CREDS,
    credsFile: config.NATS_CREDS_FILE,
    tls: { caFile: config.NATS_TLS_CA_FILE, certFile: config.NATS_TLS_CERT_FILE, keyFile: config.NATS_TLS_KEY_FILE },
    name: service,
    inboxPrefix: new WireNames(config.NATS_NAMESPACE).inboxPrefix(service),
  };
}

export interface ReadinessReport {
  ready: boolean;
  checks: { database: 'up' | 'down'; nats: 'up' | 'down' };
  draining: boolean;
}

/**
 * Everything a service needs to talk to the world: its database (migrated), NATS, JetStream,
 * the outbox and its relay, the request server and the event consumers. Framework-free, so the
 * same object runs under Nest, in scripts (seed) and in tests.
 */
export class ServiceRuntime {
  readonly wire: WireNames;
  readonly outbox = new Outbox();
  readonly rpc: RpcClient;
  readonly relay: OutboxRelay;
  readonly requests: RequestServer;
  readonly consumers: EventConsumers;
  /** Accepted actor-assertion nonces, shared by the replicas (a replay is refused on any of them). */
  readonly nonces: ActorNonceStore;
  private draining = false;
  private stopped = false;

  private constructor(
    readonly definition: ServiceDefinition,
    readonly config: BaseEnv,
    readonly logger: Logger,
    readonly dataSource: DataSource,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    faults?: RelayFaults,
  ) {
    this.wire = new WireNames(config.NATS_NAMESPACE);
    // The service signs as itself; the verifier lets a service issuer assert only the system actor.
    const signer = config.ACTOR_SIGNING_KEY ? new ActorAssertionSigner(definition.service, config.ACTOR_SIGNING_KEY) : undefined;
    this.rpc = new RpcClient(nc, this.wire, config.REQUEST_TIMEOUT_MS, definition.service, signer);
    this.relay = new OutboxRelay({ service: definition.service, dataSource, js, wire: this.wire, schema: definition.schema, logger, pollMs: config.OUTBOX_POLL_MS, faults });
    this.outbox.onAdded(() => this.relay.poke());
    this.nonces = new ActorNonceStore(dataSource, logger);
    this.requests = new RequestServer(nc, this.wire, definition.service, logger, { verifier: new ActorAssertionVerifier(config.ACTOR_TRUSTED_KEYS), nonces: this.nonces });
    this.consumers = new EventConsumers({
      service: definition.service,
      js,
      jsm,
      dataSource,
      wire: this.wire,
      logger,
      streams: { replicas: config.NATS_STREAM_REPLICAS, maxAgeDays: config.EVENT_RETENTION_DAYS },
    });
  }

  /** Connects, migrates and ensures the service's own stream. Does not serve anything yet. */
  static async connect(definition: ServiceDefinition, config: BaseEnv, logger: Logger, options: { faults?: RelayFaults } = {}): Promise<ServiceRuntime> {
    const dataSource = await createServiceDataSource({
      url: config.DATABASE_URL,
      schema: definition.schema,
      entities: definition.entities,
      migrations: definition.migrations,
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: definition.service,
    });
    const applied = await runMigrations(dataSource, definition.schema);
    if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
    const nc = await connectNatsAs(natsSettingsOf(definition.service, config));
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const runtime = new ServiceRuntime(definition, config, logger, dataSource, nc, js, jsm, options.faults);
    await ensureEventStream(jsm, runtime.wire, definition.service, { replicas: config.NATS_STREAM_REPLICAS, maxAgeDays: config.EVENT_RETENTION_DAYS });
    return runtime;
  }

  /** Starts serving requests, consuming events and relaying the outbox. */
  async serve(requests: RequestHandlerBinding[], events: EventHandlerBinding[], options: { relay?: boolean } = {}): Promise<void> {
    this.requests.serve(requests);
    if (requests.length) this.nonces.start();
    await this.consumers.start(events);
    if (options.relay ?? true) this.relay.start();
    this.logger.info({ requests: requests.map((r) => r.contract.subject), events: events.map((e) => e.event.name) }, 'serving');
  }

  async readiness(): Promise<ReadinessReport> {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const nats = this.nc.isClosed()
      ? ('down' as const)
      : await this.nc
          .flush()
          .then(() => 'up' as const)
          .catch(() => 'down' as const);
    return { ready: !this.draining && database === 'up' && nats === 'up', checks: { database, nats }, draining: this.draining };
  }

  /** From now on readiness answers 503, so load balancers stop sending work here. */
  beginDraining(): void {
    this.draining = true;
  }

  /**
   * Graceful stop: report not-ready, stop taking requests and events, let in-flight work finish,
   * flush the outbox one last time, then close NATS and the database.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.draining = true;
    await this.requests.drain();
    this.nonces.stop();
    await this.consumers.stop();
    await this.relay.stop();
    await this.relay.runOnce().catch(() => 0);
    await this.nc.drain().catch(() => undefined);
    await this.dataSource.destroy().catch(() => undefined);
    this.logger.info('stopped');
  }
}
