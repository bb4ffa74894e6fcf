import { randomUUID } from 'node:crypto';
import { extractTraceContext, SpanKind, SpanStatusCode, tracer } from '@congress/telemetry';
import { context, trace, type Span } from '@opentelemetry/api';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Observable } from 'rxjs';
import type { GatewayRequest } from './request-context.js';

const VALID_ID = /^[A-Za-z0-9._-]{1,100}$/;
const spans = new WeakMap<GatewayRequest, Span>();

/**
 * First thing on every request: a request id (the caller's X-Request-Id if sane, else new), the
 * server span that the whole trace hangs from (continuing the caller's traceparent), and both
 * ids in the response headers. The span ends when the response is sent.
 */
export function registerTraceHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const req = request as GatewayRequest;
    const incoming = req.headers['x-request-id'];
    req.requestId = typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
    const parent = extractTraceContext((k) => {
      const v = req.headers[k];
      return typeof v === 'string' ? v : undefined;
    });
    const span = tracer().startSpan(`HTTP ${req.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.url.split('?')[0] } }, parent);
    spans.set(req, span);
    req.traceContext = trace.setSpan(parent, span);
    void reply.header('X-Request-Id', req.requestId);
    const traceId = span.spanContext().traceId;
    if (trace.isSpanContextValid(span.spanContext())) void reply.header('X-Trace-Id', traceId);
    context.with(req.traceContext, done);
  });
  fastify.addHook('onResponse', (request, reply: FastifyReply, done) => {
    const req = request as GatewayRequest;
    const span = spans.get(req);
    if (span) {
      const route = req.routeOptions?.url;
      if (route) span.updateName(`HTTP ${req.method} ${route}`);
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

/**
 * Runs guards' successors, the handler and everything it awaits inside the request's trace
 * context. Needed because fastify resumes a request with a body from the socket's own async
 * context, where the context set in the onRequest hook is lost.
 */
@Injectable()
export class TraceContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const traceContext = ctx.switchToHttp().getRequest<GatewayRequest>().traceContext;
    if (!traceContext) return next.handle();
    return new Observable((subscriber) => context.with(traceContext, () => next.handle().subscribe(subscriber)));
  }
}
