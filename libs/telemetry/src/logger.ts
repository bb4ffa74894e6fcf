import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { activeTraceIds } from './tracing.js';

export type { Logger } from 'pino';

/** What a database error may say without the values of the statement (SQLSTATE, where it failed). */
const DRIVER_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

/**
 * An error as a log line, without the values it carries: a failed statement's `parameters` (a
 * ballot's choice, a member's id) and the database's `detail` and `where` ("Key (…)=(…)", the
 * failing row), at the top level and in `driverError` (TypeORM's QueryFailedError). The statement
 * text, the SQLSTATE, the constraint and the stack stay: enough to find the fault, nothing to learn
 * about a person. Every service logs errors through this (issue 13).
 */
export function errorWithoutValues(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const { parameters: _parameters, detail: _detail, where: _where, driverError, cause, ...rest } = serialized;
  const out: Record<string, unknown> = { ...rest };
  if (driverError && typeof driverError === 'object') {
    out.driverError = Object.fromEntries(DRIVER_FIELDS.filter((k) => (driverError as Record<string, unknown>)[k] !== undefined).map((k) => [k, (driverError as Record<string, unknown>)[k]]));
  }
  if (cause !== undefined) out.cause = errorWithoutValues(cause);
  return out;
}

/**
 * JSON logs, one object per line, with the trace id of the active span so a log line can be
 * found from a trace and back. Never log secrets, tokens or ballot choices.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const { traceId, spanId } = activeTraceIds();
        return traceId ? { trace_id: traceId, span_id: spanId } : {};
      },
      serializers: { err: errorWithoutValues, error: errorWithoutValues },
      redact: { paths: ['authorization', 'headers.authorization', '*.password', '*.token'], censor: '[redacted]' },
    },
    destination,
  );
}

/** Nest's logger interface over pino, so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, stack: trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
