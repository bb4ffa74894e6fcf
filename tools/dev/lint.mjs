#!/usr/bin/env node
// `npm run lint`: computes the Nx project graph first (the module-boundary rule silently skips
// itself without one), then runs eslint over the repository.
import { join } from 'node:path';
import { ROOT, ensureDependencies, log, run } from './bootstrap.mjs';

export function lint() {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  run(process.execPath, [join(ROOT, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { env, stdio: 'ignore' });
  log('lint (eslint, with Nx module boundaries)…');
  run(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.'], { env });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDependencies();
  lint();
}
