import { randomUUID } from 'node:crypto';
import { activeTraceIds, extractTraceContext, SpanKind, SpanStatusCode, tracer } from '@congress/telemetry';
import { context, trace } from '@opentelemetry/api';
import type { NextFunction, Response } from 'express';
import type { GatewayRequest } from './request-context.js';

const VALID_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * First thing on every request: a request id (the caller's X-Request-Id if sane, else new), the
 * server span that the whole trace hangs from (continuing the caller's traceparent), and both
 * ids echoed in the response headers.
 */
export function requestContextMiddleware(req: GatewayRequest, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  req.requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);

  const parent = extractTraceContext((k) => req.header(k) ?? undefined);
  const span = tracer().startSpan(`HTTP ${req.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } }, parent);
  const ctx = trace.setSpan(parent, span);
  res.on('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    if (route) span.updateName(`HTTP ${req.method} ${req.baseUrl}${route}`);
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(ctx, () => {
    const { traceId } = activeTraceIds();
    if (traceId) res.setHeader('X-Trace-Id', traceId);
    next();
  });
}
