import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Proves the web app's lint rules are live: interface text in catalogues, no platform libraries in the browser. */
describe('web app lint rules', () => {
  let eslint: ESLint;

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: 'ignore' });
    eslint = new ESLint({ cwd: ROOT });
  }, 60_000);

  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('refuses Chinese text in a component, as a string, a template or JSX text', async () => {
    for (const code of [
      `export const Title = () => <h1>项目库</h1>;\n`,
      `export const Title = () => <h1 title="项目库" />;\n`,
      'export const title = `第 ${1} 页`;\n',
      `export const title: string = '项目库';\n`,
    ]) {
      const messages = await lint('apps/web/src/pages/probe.tsx', code);
      expect([code, messages.some((m) => m.startsWith('no-restricted-syntax'))]).toEqual([code, true]);
    }
  });

  it('accepts Chinese in comments and catalogue keys in code', async () => {
    const messages = await lint('apps/web/src/pages/probe.tsx', `import { useTranslation } from 'react-i18next';\n// 项目库的标题\nexport function Title() {\n  const { t } = useTranslation();\n  return <h1>{t('projects.title')}</h1>;\n}\n`);
    expect(messages).toEqual([]);
  });

  it('refuses a platform library in the browser app', async () => {
    const messages = await lint('apps/web/src/pages/probe.ts', `import { Problem } from '@congress/contracts';\nexport const x = Problem;\n`);
    expect(messages.some((m) => m.startsWith('no-restricted-imports') || m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses importing the OpenAPI document into the bundle', async () => {
    const messages = await lint('apps/web/src/pages/probe.ts', `import doc from '../api/openapi.json';\nexport const x = doc;\n`);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('lets the end-to-end test use the test helpers', async () => {
    const messages = await lint('apps/web/test/probe.e2e-spec.ts', `import { freePort } from '@congress/testing';\nexport const x = freePort;\n`);
    expect(messages).toEqual([]);
  });

  it('enforces the rules of hooks', async () => {
    const messages = await lint('apps/web/src/pages/probe.tsx', `import { useState } from 'react';\nexport function P({ on }: { on: boolean }) {\n  if (on) { const [x] = useState(0); return <p>{x}</p>; }\n  return null;\n}\n`);
    expect(messages.some((m) => m.startsWith('react-hooks/rules-of-hooks'))).toBe(true);
  });
});
