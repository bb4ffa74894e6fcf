import type { Actor } from '@congress/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Context } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';

/** What the gateway learns about a request on its way in. */
export interface GatewayRequest extends FastifyRequest {
  requestId: string;
  /** The trace context of the request's server span (see trace.hooks.ts). */
  traceContext?: Context;
  actor?: Actor;
  validated?: { params?: unknown; query?: unknown; body?: unknown };
}

/** The verified caller. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<GatewayRequest>();
  if (!req.actor) throw new Error('CurrentActor used on an endpoint without authentication');
  return req.actor;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<GatewayRequest>().requestId);

/** The validated path parameters, query or body (see @Endpoint). */
export const Valid = createParamDecorator((part: 'params' | 'query' | 'body', ctx: ExecutionContext): unknown => {
  return ctx.switchToHttp().getRequest<GatewayRequest>().validated?.[part];
});
