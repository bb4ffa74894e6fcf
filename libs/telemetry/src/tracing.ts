import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

let provider: NodeTracerProvider | undefined;

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT). Without one, spans are created (ids reach the logs) but not exported. */
  otlpEndpoint?: string;
  /** Extra exporters, e.g. an in-memory one in tests. Exported synchronously. */
  exporters?: SpanExporter[];
}

/**
 * Registers the global tracer provider and the W3C trace-context propagator. Call it first in
 * main.ts, before Nest is imported, so everything later runs inside it. Safe to call twice
 * (the second call is ignored), which matters when tests boot several services in one process.
 */
export function initTelemetry(options: TelemetryOptions): void {
  if (provider) return;
  // The standard switch: no provider, no context propagation, every span a no-op.
  if (process.env.OTEL_SDK_DISABLED === 'true') return;
  const processors: SpanProcessor[] = [];
  if (options.otlpEndpoint) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` })));
  }
  for (const exporter of options.exporters ?? []) processors.push(new SimpleSpanProcessor(exporter));
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: processors,
  });
  provider.register();
}

export async function shutdownTelemetry(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

export function tracer() {
  return trace.getTracer('congress');
}

/** Trace and span ids of the active span, for logs and problem responses. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const ctx = span.spanContext();
  if (!trace.isSpanContextValid(ctx)) return {};
  return { traceId: ctx.traceId, spanId: ctx.spanId };
}

/** Writes the active trace context into a carrier (NATS headers, HTTP headers). */
export function injectTraceContext(setter: (key: string, value: string) => void, ctx: Context = context.active()): void {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  for (const [key, value] of Object.entries(carrier)) setter(key, value);
}

/** Reads a trace context from a carrier; returns the context to continue in. */
export function extractTraceContext(getter: (key: string) => string | undefined): Context {
  const carrier: Record<string, string> = {};
  for (const key of ['traceparent', 'tracestate']) {
    const value = getter(key);
    if (value) carrier[key] = value;
  }
  return propagation.extract(context.active(), carrier);
}

/** Runs `fn` inside a new span (child of `parent` or the active context), ending it and recording failure. */
export async function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; parent?: Context; attributes?: Record<string, string | number | boolean> },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent);
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind, SpanStatusCode };
