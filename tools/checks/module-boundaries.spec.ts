import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Proves the architecture rules are live: a violation must fail lint. */
describe('module boundaries (lint)', () => {
  let eslint: ESLint;

  beforeAll(() => {
    // The Nx rule silently skips itself without a cached project graph.
    execFileSync(process.execPath, [join(ROOT, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: 'ignore' });
    eslint = new ESLint({ cwd: ROOT });
  }, 60_000);

  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('refuses an app importing another app', async () => {
    const messages = await lint('apps/gateway/src/probe.ts', `import { AppModule } from '../../directory/src/app.module.js';\nexport const x = AppModule;\n`);
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses contracts importing another lib of ours', async () => {
    const messages = await lint('libs/contracts/src/probe.ts', `import { newId } from '@congress/persistence';\nexport const x = newId;\n`);
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('refuses production code importing the test helpers', async () => {
    const messages = await lint('apps/voting/src/probe.ts', `import { createTestDatabase } from '@congress/testing';\nexport const x = createTestDatabase;\n`);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('accepts an app importing a lib', async () => {
    const messages = await lint('apps/voting/src/probe.ts', `import { newId } from '@congress/persistence';\nexport const x = newId;\n`);
    expect(messages).toEqual([]);
  });
});
