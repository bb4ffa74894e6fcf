import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRegistry, renderArchitectureTables, withGeneratedTables } from './architecture-doc.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOC = join(ROOT, 'docs/architecture.md');

describe('docs/architecture.md cannot drift from the code', () => {
  it('lists exactly the requests, events, streams, owners and consumers the code declares', () => {
    const doc = readFileSync(DOC, 'utf8');
    const expected = withGeneratedTables(doc, renderArchitectureTables(ROOT));
    // `npm run docs:architecture` runs this test with ARCHITECTURE_DOC=write to rewrite the block.
    if (process.env.ARCHITECTURE_DOC === 'write') writeFileSync(DOC, expected);
    expect(doc).toBe(expected);
  });

  it('has every request served by exactly one handler, in the service that owns its subject', () => {
    const wrong = readRegistry(ROOT).requests.filter((r) => r.handlers.length !== 1 || r.handlers[0] !== r.owner);
    expect(wrong.map((r) => `${r.subject}: ${r.handlers.join(', ') || 'no handler'}`)).toEqual([]);
  });

  it('has no service consuming its own events (a service acts on its own changes in the transaction, not through the bus)', () => {
    const selfConsumed = readRegistry(ROOT).events.filter((e) => e.consumers.includes(e.producer));
    expect(selfConsumed.map((e) => e.name)).toEqual([]);
  });
});
