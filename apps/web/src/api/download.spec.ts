import { describe, expect, it } from '@jest/globals';
import { filenameFromDisposition } from './download';
import { ApiError, toProblem } from './problem';

describe('file names of downloads', () => {
  it('prefers the UTF-8 name (Chinese) over the ASCII one', () => {
    expect(filenameFromDisposition(`attachment; filename="projects.xlsx"; filename*=UTF-8''${encodeURIComponent('项目库.xlsx')}`)).toBe('项目库.xlsx');
  });

  it('falls back to the plain name, or to nothing', () => {
    expect(filenameFromDisposition('attachment; filename="ledger.xlsx"')).toBe('ledger.xlsx');
    expect(filenameFromDisposition('attachment')).toBeUndefined();
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
});

describe('problems', () => {
  it('keeps the gateway problem as it came', () => {
    const problem = { type: 't', title: '请求参数不符合要求', status: 400, code: 'validation' as const, errors: [{ field: 'query.limit', rule: 'too_big', message: '不能大于 200' }] };
    const error = new ApiError(toProblem(400, problem));
    expect(error.fieldErrors).toEqual(problem.errors);
    expect(error.code).toBe('validation');
  });

  it('makes a problem of a response that is not one (a proxy error page)', () => {
    expect(toProblem(502, '<html>Bad Gateway</html>', 'r-1')).toEqual({ type: 'about:blank', title: '', status: 502, code: 'internal', requestId: 'r-1' });
    expect(toProblem(503, undefined).code).toBe('unavailable');
  });
});
