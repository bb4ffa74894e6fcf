import type { Logger } from '@congress/telemetry';
import type { GatewayEnv } from '../config.js';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { setupOpenApi } from './openapi.js';
import { ProblemFilter } from './problem.filter.js';
import { requestContextMiddleware } from './request-id.middleware.js';

/** The gateway's HTTP surface: request ids and traces, /api/v1, problem+json errors, OpenAPI docs. */
export function configureGateway(app: INestApplication, config: GatewayEnv, logger: Logger): void {
  const http = app as NestExpressApplication;
  http.disable('x-powered-by');
  http.set('trust proxy', 'loopback, linklocal, uniquelocal');
  http.set('query parser', 'simple');
  http.use(requestContextMiddleware);
  http.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'ready'] });
  app.useGlobalFilters(new ProblemFilter(logger));
  // The web app is served from the gateway's own origin; other origins only when configured.
  if (config.CORS_ORIGINS.length) app.enableCors({ origin: config.CORS_ORIGINS, exposedHeaders: ['X-Request-Id', 'X-Trace-Id'] });
  setupOpenApi(app);
}
