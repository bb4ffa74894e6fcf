import { z } from 'zod';

/**
 * The error shape of the whole platform: RFC 9457 problem details, the same object over
 * HTTP (application/problem+json) and in NATS replies, so an error raised in a service
 * reaches the browser unchanged.
 */
export const FieldError = z.object({
  /** Dotted path of the offending field, prefixed by where it came from: `query.limit`, `body.title`, `path.code`. */
  field: z.string(),
  /** Machine-readable rule that failed, e.g. `too_small`, `invalid_format`, `required`. */
  rule: z.string(),
  /** Human-readable message, Chinese first. */
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const ProblemCode = z.enum([
  'validation',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'timeout',
  'unavailable',
  'internal',
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: ProblemCode,
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(FieldError).optional(),
  requestId: z.string().optional(),
  traceId: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

const STATUS: Record<ProblemCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  timeout: 504,
  unavailable: 503,
  internal: 500,
};

const TITLE: Record<ProblemCode, string> = {
  validation: '请求参数不符合要求',
  unauthenticated: '未登录或登录已失效',
  forbidden: '无权执行此操作',
  'not-found': '未找到',
  conflict: '操作与当前状态冲突',
  'rate-limited': '请求过于频繁，请稍后再试',
  timeout: '服务响应超时',
  unavailable: '服务暂不可用',
  internal: '服务器内部错误',
};

export function problemStatus(code: ProblemCode): number {
  return STATUS[code];
}

export function makeProblem(code: ProblemCode, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: `https://congress.example/problems/${code}`,
    title: TITLE[code],
    status: STATUS[code],
    code,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length ? { errors } : {}),
  };
}

/**
 * An error that carries a problem. Services throw these for every expected failure
 * (bad input, missing thing, illegal state); anything else becomes a 500 with no details.
 */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }
  static of(code: ProblemCode, detail?: string, errors?: FieldError[]): ProblemError {
    return new ProblemError(makeProblem(code, detail, errors));
  }
  static notFound(detail: string): ProblemError {
    return ProblemError.of('not-found', detail);
  }
  static conflict(detail: string): ProblemError {
    return ProblemError.of('conflict', detail);
  }
  static forbidden(detail: string): ProblemError {
    return ProblemError.of('forbidden', detail);
  }
  static validation(errors: FieldError[], detail?: string): ProblemError {
    return ProblemError.of('validation', detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('；'), errors);
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Turns zod issues into field errors, with the field prefixed by where the value came from
 * (`query.limit`). Given the input, a value that is absent is reported as `required`.
 */
export function fieldErrorsFrom(error: z.ZodError, prefix?: string, input?: unknown): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || prefix || '(root)';
    const missing = issue.code === 'invalid_type' && input !== undefined && valueAt(input, issue.path) === undefined;
    return { field, rule: missing ? 'required' : issue.code, message: missing ? '必填' : issue.message };
  });
}

/**
 * The path of the first string holding a NUL character, which PostgreSQL cannot store in text,
 * or undefined. Checked on everything that enters (gateway input, NATS requests) so that such
 * input is a 400 naming the field rather than a failed write.
 */
export function findNulCharacter(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(root)' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNulCharacter(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

export const NUL_MESSAGE = '不能包含空字符（\\u0000）';
