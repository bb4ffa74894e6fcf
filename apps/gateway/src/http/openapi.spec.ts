import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { UnitNode } from '@congress/contracts';
import { jsonSchema } from './endpoint.decorator.js';
import { hoistDefs } from './openapi.js';

describe('OpenAPI document', () => {
  it('moves zod $defs of a recursive schema into components and rewrites the references', () => {
    const schema = jsonSchema(UnitNode, 'output');
    const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/units': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } } } } } as unknown as OpenAPIObject;
    const out = JSON.stringify(hoistDefs(doc));
    expect(out).not.toContain('#/$defs/');
    expect(out).not.toContain('"$defs"');
    const refs = [...out.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components?.schemas?.[ref]).toBeDefined();
  });
});
