import { describe, expect, it } from '@jest/globals';
import { mapFieldErrors, namePathOf } from './field-errors';

describe("the API's field errors on form fields", () => {
  const registered = [['title'], ['year'], ['sources'], ['approval', 'documentNumber']];

  it('turns a field path into a form name path', () => {
    expect(namePathOf('body.sources.0', 'body')).toEqual(['sources', 0]);
    expect(namePathOf('query.year', 'body')).toBeUndefined();
    expect(namePathOf('body', 'body')).toBeUndefined();
  });

  it('puts each error on the deepest registered field its path starts with', () => {
    const mapped = mapFieldErrors(
      [
        { field: 'body.title', rule: 'too_small', message: '标题至少 2 个字' },
        { field: 'body.sources.1', rule: 'invalid_value', message: '来源必须是 …' },
        { field: 'body.approval.documentNumber', rule: 'too_small', message: '文号至少 2 个字' },
      ],
      registered,
    );
    expect(mapped.fields).toEqual([
      { name: ['title'], errors: ['标题至少 2 个字'] },
      { name: ['sources'], errors: ['来源必须是 …'] },
      { name: ['approval', 'documentNumber'], errors: ['文号至少 2 个字'] },
    ]);
    expect(mapped.unmatched).toEqual([]);
  });

  it('keeps errors of fields the form does not have, or of another part of the request, for the alert', () => {
    const errors = [
      { field: 'body.unitCode', rule: 'invalid', message: '单位不存在' },
      { field: 'path.id', rule: 'invalid_format', message: '必须是 UUID' },
    ];
    expect(mapFieldErrors(errors, registered)).toEqual({ fields: [], unmatched: errors });
  });

  it('merges repeated messages on one field', () => {
    const mapped = mapFieldErrors(
      [
        { field: 'body.sources.0', rule: 'invalid_value', message: '无效' },
        { field: 'body.sources.2', rule: 'invalid_value', message: '无效' },
      ],
      registered,
    );
    expect(mapped.fields).toEqual([{ name: ['sources'], errors: ['无效'] }]);
  });

  it('maps query errors onto a filter form', () => {
    expect(mapFieldErrors([{ field: 'query.year', rule: 'too_small', message: '年度不能早于 2000' }], registered, 'query').fields).toEqual([
      { name: ['year'], errors: ['年度不能早于 2000'] },
    ]);
  });
});
