import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const I18N = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps/web/src/i18n');
type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const load = (name: string) => flatten(JSON.parse(readFileSync(join(I18N, name), 'utf8')) as Catalogue);
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** zh-CN is the reference catalogue (its keys are the TypeScript type of t()); en must match it. */
describe('web app message catalogues', () => {
  const zh = load('zh-CN.json');
  const en = load('en.json');

  it('have the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('use the same interpolation variables per key', () => {
    const differing = [...zh].filter(([key, text]) => JSON.stringify(variables(text)) !== JSON.stringify(variables(en.get(key) ?? '')));
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('leave no Chinese text empty', () => {
    expect([...zh].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });
});
