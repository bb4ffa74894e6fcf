import type { Logger } from '@congress/telemetry';
import type { GatewayEnv } from '../config.js';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { setupOpenApi } from './openapi.js';
import { ProblemFilter } from './problem.filter.js';
import { TraceContextInterceptor, registerTraceHooks } from './trace.hooks.js';

/** The gateway's HTTP surface: request ids and traces, /api/v1, problem+json errors, OpenAPI docs. */
export function configureGateway(app: INestApplication, config: GatewayEnv, logger: Logger): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance() as FastifyInstance;
  registerTraceHooks(fastify);
  // Excel uploads (project import) arrive as the file itself.
  fastify.addContentTypeParser('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'ready'] });
  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalInterceptors(new TraceContextInterceptor());
  // The web app is served from the gateway's own origin; other origins only when configured.
  if (config.CORS_ORIGINS.length) app.enableCors({ origin: config.CORS_ORIGINS, exposedHeaders: ['X-Request-Id', 'X-Trace-Id'] });
  setupOpenApi(app);
}
