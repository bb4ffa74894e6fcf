import type { paths } from './schema';

/**
 * The platform's error shape (RFC 9457 problem details with `errors[]` of {field, rule, message}),
 * as the gateway documents it: every 400 of every operation has this body.
 */
export type Problem = paths['/api/v1/projects']['get']['responses'][400]['content']['application/problem+json'];
export type FieldError = NonNullable<Problem['errors']>[number];
export type ProblemCode = Problem['code'];

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
  503: 'unavailable',
  504: 'timeout',
};

function isProblem(body: unknown): body is Problem {
  return !!body && typeof body === 'object' && typeof (body as Problem).status === 'number' && typeof (body as Problem).title === 'string';
}

/** The problem an error response carries, or one made from its status when the body is not a problem (a proxy's HTML page). */
export function toProblem(status: number, body: unknown, requestId?: string | null): Problem {
  if (isProblem(body)) return body;
  const code = CODE_BY_STATUS[status] ?? 'internal';
  return { type: 'about:blank', title: '', status, code, ...(requestId ? { requestId } : {}) };
}

/** A refused or failed API call: the problem the gateway answered with. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): ProblemCode {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

/** The request never got an answer (offline, gateway down, CORS). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'NetworkError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
