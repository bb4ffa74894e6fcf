import type { ServiceName } from '@congress/contracts';
import { PinoNestLogger, createLogger, initTelemetry, type Logger } from '@congress/telemetry';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import { ConfigError, loadConfig, type BaseEnv } from './config.js';

export interface ServiceAppOptions<C extends BaseEnv> {
  service: ServiceName;
  config: C;
  logger: Logger;
  module: DynamicModule;
  /** Extra HTTP setup (the gateway's API, filters, docs). */
  configure?: (app: INestApplication) => void | Promise<void>;
}

/** Creates a service's Nest app without listening: used by main.ts and by tests. */
export async function createServiceApp<C extends BaseEnv>(options: ServiceAppOptions<C>): Promise<INestApplication> {
  // Fastify rather than express: a Nest endpoint answers about five times as many requests per
  // second on it here (docs/decisions/0006-fastify.md). JSON bodies only, up to 1 MB.
  const adapter = new FastifyAdapter({ bodyLimit: 1_048_576, trustProxy: ['loopback', 'linklocal', 'uniquelocal'] });
  const app = await NestFactory.create(options.module, adapter, { logger: new PinoNestLogger(options.logger), abortOnError: false });
  await options.configure?.(app);
  return app;
}

/**
 * The main() of every service: validate the environment (exit 1 naming the bad variables),
 * start telemetry, build the app, listen, and stop gracefully on SIGTERM/SIGINT within
 * SHUTDOWN_TIMEOUT_MS.
 */
export async function runService<S extends z.ZodType<BaseEnv>>(options: {
  service: ServiceName;
  env: S;
  module: (config: z.output<S>, logger: Logger) => DynamicModule;
  configure?: (app: INestApplication, config: z.output<S>) => void | Promise<void>;
}): Promise<void> {
  let config: z.output<S>;
  try {
    config = loadConfig(options.service, options.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  initTelemetry({ serviceName: options.service, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = createLogger(options.service, config.LOG_LEVEL);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const app = await createServiceApp({
    service: options.service,
    config,
    logger,
    module: options.module(config, logger),
    configure: (a) => options.configure?.(a, config),
  });
  // Our own signal handling rather than Nest's shutdown hooks: Nest re-raises the signal after
  // closing, which ends the process with a signal instead of exit code 0.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS).unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  await app.listen(config.PORT, '0.0.0.0');
  logger.info({ port: config.PORT }, `${options.service} listening`);
}
