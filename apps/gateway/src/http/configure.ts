import type { Logger } from '@congress/telemetry';
import type { GatewayEnv } from '../config.js';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { registerFileBodyParser } from './file-body.js';
import { setupOpenApi } from './openapi.js';
import { ProblemFilter } from './problem.filter.js';
import { TraceContextInterceptor, registerTraceHooks } from './trace.hooks.js';
import { registerWebApp } from './web-app.js';

/** What may arrive as a file body: Excel imports and attachments (whose real type is checked by content). */
export const FILE_CONTENT_TYPES = [
  'application/octet-stream',
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

/**
 * The gateway's HTTP surface: request ids and traces, /api/v1, problem+json errors, OpenAPI docs,
 * the web app at /. Returns the OpenAPI document (tools/dev/openapi.mjs generates the web app's
 * client from it by this same path).
 */
export function configureGateway(app: INestApplication, config: GatewayEnv, logger: Logger): OpenAPIObject {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance() as FastifyInstance;
  registerTraceHooks(fastify);
  // Files (Excel imports, attachments) arrive as the file itself; JSON bodies stay at 1 MB.
  registerFileBodyParser(fastify, FILE_CONTENT_TYPES);
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'ready'] });
  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalInterceptors(new TraceContextInterceptor());
  // The web app is served from the gateway's own origin; other origins only when configured.
  if (config.CORS_ORIGINS.length) app.enableCors({ origin: config.CORS_ORIGINS, exposedHeaders: ['X-Request-Id', 'X-Trace-Id'] });
  registerWebApp(fastify, config, logger);
  return setupOpenApi(app);
}
