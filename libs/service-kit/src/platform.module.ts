import { Public } from '@congress/auth';
import type { EventHandlerBinding, RelayFaults, RequestHandlerBinding } from '@congress/messaging';
import { Outbox, RpcClient } from '@congress/messaging';
import type { Logger } from '@congress/telemetry';
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Module,
  Res,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { BaseEnv } from './config.js';
import { eventHandlersOf, requestHandlersOf } from './handlers.js';
import { ServiceRuntime, type ServiceDefinition } from './runtime.js';

export const LOGGER = Symbol('LOGGER');
export const CONFIG = Symbol('CONFIG');

/** What both HTTP adapters' responses offer. */
interface HttpResponse {
  status(code: number): unknown;
}

/** Operations endpoints: outside /api/v1, without tokens, left out of the API document. */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(@Inject(ServiceRuntime) private readonly runtime: ServiceRuntime) {}

  /** Liveness: the process answers. */
  @Public()
  @Get('health')
  @HttpCode(200)
  health() {
    return { status: 'ok', service: this.runtime.definition.service };
  }

  /** Readiness: its database and NATS are reachable and it is not draining. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: HttpResponse) {
    const report = await this.runtime.readiness();
    res.status(report.ready ? 200 : 503);
    return { status: report.ready ? 'ready' : 'not-ready', service: this.runtime.definition.service, ...report };
  }
}

/** Finds the decorated handlers among the app's providers and starts serving once Nest is ready. */
@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const requests: RequestHandlerBinding[] = [];
    const events: EventHandlerBinding[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string | symbol, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const { contract, method } of requestHandlersOf(instance)) {
        const fn = instance[method] as RequestHandlerBinding['handle'];
        requests.push({ contract, handle: fn.bind(instance) });
      }
      for (const { event, method, options } of eventHandlersOf(instance)) {
        const fn = instance[method] as EventHandlerBinding['handle'];
        events.push({ event, handle: fn.bind(instance), ...options });
      }
    }
    await this.runtime.serve(requests, events);
  }

  /** Before the HTTP server closes: turn not-ready. */
  beforeApplicationShutdown(): void {
    this.runtime.beginDraining();
  }

  /**
   * After the HTTP server has closed (and finished its in-flight requests, which still needed
   * NATS): drain NATS, finish in-flight events, close the database.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

export interface PlatformOptions {
  definition: ServiceDefinition;
  config: BaseEnv;
  logger: Logger;
  faults?: RelayFaults;
}

/**
 * The platform plumbing of a service as one Nest module: database, NATS, outbox, request and
 * event handlers, health and readiness. Every service imports it once.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [HealthController],
      providers: [
        { provide: ServiceRuntime, useFactory: () => ServiceRuntime.connect(options.definition, options.config, options.logger, { faults: options.faults }) },
        { provide: DataSource, useFactory: (rt: ServiceRuntime) => rt.dataSource, inject: [ServiceRuntime] },
        { provide: RpcClient, useFactory: (rt: ServiceRuntime) => rt.rpc, inject: [ServiceRuntime] },
        { provide: Outbox, useFactory: (rt: ServiceRuntime) => rt.outbox, inject: [ServiceRuntime] },
        { provide: LOGGER, useValue: options.logger },
        { provide: CONFIG, useValue: options.config },
        PlatformLifecycle,
      ],
      exports: [ServiceRuntime, DataSource, RpcClient, Outbox, LOGGER, CONFIG],
    };
  }
}
