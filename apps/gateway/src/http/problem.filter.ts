import { ATTACHMENT_MAX_BYTES, ProblemError, makeProblem, type Problem } from '@congress/contracts';
import { activeTraceIds, type Logger } from '@congress/telemetry';
import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyError, FastifyReply } from 'fastify';
import type { GatewayRequest } from './request-context.js';

/** Every error leaves the gateway as application/problem+json (RFC 9457), never as a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<GatewayRequest>();
    sendProblem(http.getResponse<FastifyReply>(), req, this.toProblem(exception, req));
  }

  private toProblem(exception: unknown, req: GatewayRequest): Problem {
    const fastifyProblem = problemOfFastifyError(exception, req.headers['content-type']);
    if (fastifyProblem) return fastifyProblem;
    if (exception instanceof ProblemError) return { ...exception.problem };
    if (exception instanceof ThrottlerException) return makeProblem('rate-limited');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as { message?: unknown; type?: string } | string;
      if (status === 404) return makeProblem('not-found', `没有这个接口：${req.method} ${req.url.split('?')[0]}`);
      if (status === 413) return tooLarge(req.headers['content-type']);
      if (status === 400 && typeof body === 'object' && /JSON/i.test(String(body.message))) {
        return makeProblem('validation', '请求体不是合法的 JSON', [{ field: 'body', rule: 'invalid_json', message: '请求体不是合法的 JSON' }]);
      }
      if (status === 415) return { ...makeProblem('validation', '不支持的内容类型，请使用 application/json'), status: 415 };
      if (status < 500) return { ...makeProblem('validation', typeof body === 'string' ? body : String(body.message ?? exception.message)), status };
    }
    this.logger.error({ err: exception, path: req.url.split('?')[0], requestId: req.requestId }, 'unhandled error');
    return makeProblem('internal', '请稍后重试；如果问题持续，请把请求编号告诉管理员');
  }
}

export function sendProblem(reply: FastifyReply, req: GatewayRequest, problem: Problem): void {
  problem.instance = req.url.split('?')[0];
  if (req.requestId) problem.requestId = req.requestId;
  const { traceId } = activeTraceIds();
  if (traceId) problem.traceId = traceId;
  if (problem.status === 429) void reply.header('Retry-After', '60');
  if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer realm="congress"');
  void reply.status(problem.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

/** 413, with the limit that applies: files (attachments, Excel) may be 20 MB, JSON bodies 1 MB. */
function tooLarge(contentType: string | undefined): Problem {
  const file = !!contentType && !/json/i.test(contentType);
  const message = file ? `文件不能超过 ${ATTACHMENT_MAX_BYTES / (1024 * 1024)} MB` : '请求体过大（上限 1 MB）';
  return { ...makeProblem('validation', message, [{ field: 'body', rule: 'too_large', message }]), status: 413 };
}

/** Errors fastify raises itself before a handler runs (body parsing, content type, size). */
export function problemOfFastifyError(error: unknown, contentType?: string): Problem | undefined {
  const e = error as Partial<FastifyError> | undefined;
  if (!e || typeof e.code !== 'string' || !e.code.startsWith('FST_')) return undefined;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return makeProblem('validation', '请求体不是合法的 JSON', [{ field: 'body', rule: 'invalid_json', message: '请求体不是合法的 JSON' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLarge(contentType);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { ...makeProblem('validation', '不支持的内容类型，请使用 application/json'), status: 415 };
    default:
      return e.statusCode && e.statusCode < 500 ? { ...makeProblem('validation', e.message ?? '请求无效'), status: e.statusCode } : undefined;
  }
}
