import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import * as Common from './common.js';
import { PageQuery, UnitCode, decodeCursor, encodeCursor } from './common.js';
import { ProblemError, fieldErrorsFrom, findNulCharacter, makeProblem } from './problem.js';

describe('problem details', () => {
  it('builds RFC 9457 problems with the status of their code', () => {
    expect(makeProblem('forbidden', '不行')).toMatchObject({ status: 403, code: 'forbidden', detail: '不行', title: '无权执行此操作' });
    expect(ProblemError.conflict('已被修改').problem.status).toBe(409);
  });

  it('names each bad field with its source, rule and a Chinese message', () => {
    const schema = z.object({ code: UnitCode, page: PageQuery });
    const input = { code: '43100', page: { limit: '0' } };
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const errors = fieldErrorsFrom(result.error!, 'query', input);
    expect(errors).toEqual([
      { field: 'query.code', rule: 'invalid_format', message: '必须是 6 位行政区划代码' },
      { field: 'query.page.limit', rule: 'too_small', message: '不能小于 1' },
    ]);
  });

  it('reports an absent value as required', () => {
    const input = {};
    const result = z.object({ name: z.string() }).safeParse(input);
    expect(fieldErrorsFrom(result.error!, 'body', input)).toEqual([{ field: 'body.name', rule: 'required', message: '必填' }]);
  });
});

describe('cursors', () => {
  it('round-trips the sort key', () => {
    expect(decodeCursor(encodeCursor([10004, 'abc']))).toEqual([10004, 'abc']);
  });
  it('rejects what is not a cursor', () => {
    expect(decodeCursor('%%%')).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });
});

describe('NUL characters', () => {
  it('finds the path of a string with a NUL character, which PostgreSQL cannot store', () => {
    expect(findNulCharacter({ title: 'ok', tags: ['a', 'b\u0000c'] })).toBe('tags.1');
    expect(findNulCharacter({ title: 'fine', nested: { list: [{ x: '好' }] } })).toBeUndefined();
    expect(findNulCharacter('\u0000')).toBe('(root)');
  });
});

describe('patchOf', () => {
  it('leaves out what a partial update does not name, instead of resetting it to the default', () => {
    const { patchOf } = Common;
    const schema = z.object({ title: z.string().min(2), tags: z.array(z.string()).default([]), owner: z.string().nullable().default(null) });
    expect(patchOf(schema).parse({ title: '新标题' })).toEqual({ title: '新标题' });
    expect(patchOf(schema).parse({ tags: ['a'] })).toEqual({ tags: ['a'] });
    expect(patchOf(schema).safeParse({ title: 'x' }).success).toBe(false);
    expect(schema.partial().parse({ title: '新标题' })).toEqual({ title: '新标题', tags: [], owner: null });
  });
});
