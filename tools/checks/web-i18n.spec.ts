import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
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

const AREAS = readdirSync(join(I18N, 'zh-CN')).filter((f) => f.endsWith('.json')).sort();
const read = (language: string, area: string) => JSON.parse(readFileSync(join(I18N, language, area), 'utf8')) as Catalogue;
const load = (language: string) => flatten(Object.assign({}, ...AREAS.map((area) => read(language, area))) as Catalogue);
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/**
 * zh-CN is the reference catalogue (its keys are the TypeScript type of t()); en must match it.
 * Each language is split into area files (src/i18n/<language>/<area>.json) merged by
 * catalogues.ts with a shallow spread: a top-level key in two files would lose one of them.
 */
describe('web app message catalogues', () => {
  const zh = load('zh-CN');
  const en = load('en');

  it('are split into the same area files per language, each listed in catalogues.ts', () => {
    expect(readdirSync(join(I18N, 'en')).filter((f) => f.endsWith('.json')).sort()).toEqual(AREAS);
    const merged = readFileSync(join(I18N, 'catalogues.ts'), 'utf8');
    for (const area of AREAS) expect(merged).toContain(`'./zh-CN/${area}'`);
  });

  it('give each top-level key to one area file only', () => {
    const owners = new Map<string, string[]>();
    for (const area of AREAS) for (const key of Object.keys(read('zh-CN', area))) owners.set(key, [...(owners.get(key) ?? []), area]);
    expect([...owners].filter(([, areas]) => areas.length > 1)).toEqual([]);
  });

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
