import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@congress/test-servers';
import { label, readOperations, sample, setAt, slotName, writeOperations, type Schema } from './openapi-writes.js';

// The copy of the document the web app is generated from (npm run openapi); the integration suite reads the gateway's own.
const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'apps/web/src/api/openapi.json'), 'utf8')) as Schema;

describe('the write operations of the OpenAPI document', () => {
  const ops = writeOperations(doc);

  it('finds path and body ids, nested and in arrays, each with a kind', () => {
    const slots = ops.flatMap((op) => op.slots.map((s) => `${label(op)} ${slotName(s)} ${s.kind}`));
    expect(slots).toContain('POST /api/v1/projects/{id}/adjustments body.changes.supervisedBodyIds[] body');
    expect(slots).toContain('POST /api/v1/problems/{id}/extensions/{extensionId}/decision path.extensionId extension');
    expect(slots).toContain('PUT /api/v1/evaluation-rules/{unit} path.unit unit');
    expect(slots.filter((s) => s.endsWith(' undefined'))).toEqual([]);
  });

  it('finds the reads that name an id too', () => {
    const reads = readOperations(doc).flatMap((op) => op.slots.map((s) => `${label(op)} ${slotName(s)} ${s.kind}`));
    expect(reads).toContain('GET /api/v1/findings/{id}/attachments path.id finding');
    expect(reads).toContain('GET /api/v1/plans/{unit}/{year} path.unit unit');
    expect(reads.filter((s) => s.endsWith(' undefined'))).toEqual([]);
  });

  it('samples a body with the id under test in place', () => {
    const op = ops.find((o) => label(o) === 'POST /api/v1/opinions/{id}/problems')!;
    const body = sample(doc, op.bodySchema, ['coBodyIds'], (kind) => `A-${kind}`) as Record<string, unknown>;
    expect(body).toMatchObject({ responsibleBodyId: 'A-body', coBodyIds: ['A-body'] });
    expect(String(body.description).length).toBeGreaterThanOrEqual(5);
    setAt(body, ['coBodyIds'], 'B', true);
    expect(body.coBodyIds).toEqual(['B']);
    const attendance = ops.find((o) => label(o) === 'POST /api/v1/evaluations/{id}/attendance')!;
    expect(sample(doc, attendance.bodySchema, ['absent'], (kind) => `A-${kind}`)).toEqual({ absent: ['A-member'] });
  });
});
