#!/usr/bin/env node
// `npm run lint`: every project's `lint` target through Nx (eslint of the project's root, cached:
// an unchanged project replays its last result; docs/decisions/0011-nx-tasks.md). Inside Nx the
// project graph exists, which the module-boundary rule needs (it silently skips itself without).
//   npm run lint                          every project
//   npm run lint -- --projects=voting     extra arguments go to `nx run-many`
import { ensureDependencies, fail, log, nx } from './bootstrap.mjs';

export function lint(extraArgs = []) {
  log('lint (eslint per project through Nx, with module boundaries)…');
  if (nx(['run-many', '-t', 'lint', '--parallel=2', '--outputStyle=stream', ...extraArgs]) !== 0) fail('lint failed');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDependencies();
  lint(process.argv.slice(2));
}
