import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The web app's API client is generated from the gateway's OpenAPI document and committed
 * (apps/web/src/api/openapi.json, schema.d.ts, access.ts). A change to the gateway's endpoints
 * must regenerate it, or the app would call an API that no longer exists: this compares the
 * committed files with what the built gateway (npm test builds first) produces now.
 */
describe('web app API client (generated from the OpenAPI document)', () => {
  it('matches the current gateway; run `npm run openapi` after changing an endpoint', () => {
    expect(existsSync(join(ROOT, 'dist/apps/gateway/src/app.module.js'))).toBe(true);
    // No colours in the message; FORCE_COLOR (Nx sets it for its tasks) would override NO_COLOR with a warning on stderr.
    const { FORCE_COLOR: _forced, ...env } = process.env;
    const result = spawnSync(process.execPath, [join(ROOT, 'tools/dev/openapi.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
    expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  }, 60_000);
});
