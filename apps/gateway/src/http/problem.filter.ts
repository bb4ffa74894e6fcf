import { ProblemError, makeProblem, type Problem } from '@congress/contracts';
import { activeTraceIds, type Logger } from '@congress/telemetry';
import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import type { GatewayRequest } from './request-context.js';

/** Every error leaves the gateway as application/problem+json (RFC 9457), never as a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<GatewayRequest>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    problem.instance = req.originalUrl?.split('?')[0];
    problem.requestId = req.requestId;
    const { traceId } = activeTraceIds();
    if (traceId) problem.traceId = traceId;
    if (problem.status === 429) res.setHeader('Retry-After', '60');
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="congress"');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, req: GatewayRequest): Problem {
    if (exception instanceof ProblemError) return { ...exception.problem };
    if (exception instanceof ThrottlerException) return makeProblem('rate-limited');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as { message?: unknown; type?: string } | string;
      if (status === 404) return makeProblem('not-found', `没有这个接口：${req.method} ${req.path}`);
      if (status === 413) return { ...makeProblem('validation', '请求体过大'), status: 413 };
      if (status === 400 && typeof body === 'object' && /JSON/i.test(String(body.message))) {
        return makeProblem('validation', '请求体不是合法的 JSON', [{ field: 'body', rule: 'invalid_json', message: '请求体不是合法的 JSON' }]);
      }
      if (status === 415) return { ...makeProblem('validation', '不支持的内容类型，请使用 application/json'), status: 415 };
      if (status < 500) return { ...makeProblem('validation', typeof body === 'string' ? body : String(body.message ?? exception.message)), status };
    }
    this.logger.error({ err: exception, path: req.path, requestId: req.requestId }, 'unhandled error');
    return makeProblem('internal', '请稍后重试；如果问题持续，请把请求编号告诉管理员');
  }
}
