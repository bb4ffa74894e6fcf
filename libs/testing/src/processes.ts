import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import type { ServiceName } from '@congress/contracts';
import { serviceDatabaseUrl } from './database-roles.js';
import { REPO_ROOT } from './env.js';
import { serviceIdentityEnv } from './service-identity.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServiceProcess {
  name: ServiceName;
  url: string;
  /** Every JSON log line the process wrote. */
  logs: Record<string, unknown>[];
  stderr: string[];
  child: ChildProcess;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no goodbye. */
  kill(): Promise<void>;
}

/** Service processes still running: killed when the test process exits, whatever afterAll did. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface StartOptions {
  /** false: connect with DATABASE_URL as given even when it is the test cluster's admin (how services ran before their own roles). */
  ownDatabaseRole?: boolean;
}

/**
 * Starts a built service (`dist/apps/<name>/src/main.js`, see `npm run build`) as its own
 * process, as production runs it, and waits until /ready answers 200 (at most `timeoutMs`: a
 * browser test boots five services at once, beside another spec doing the same, on CI's two
 * cores; a gateway took over 30 s to answer there).
 */
export async function startServiceProcess(name: ServiceName, env: Record<string, string>, timeoutMs = 90_000, options: StartOptions = {}): Promise<ServiceProcess> {
  const main = join(REPO_ROOT, 'dist/apps', name, 'src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build; npm test does it).`);
  const port = env.PORT && env.PORT !== '0' ? Number(env.PORT) : await freePort();
  // A test database reached as the admin: the service connects as its own role instead (database-roles.ts).
  const databaseUrl = env.DATABASE_URL && options.ownDatabaseRole !== false ? { DATABASE_URL: await serviceDatabaseUrl(name, env.DATABASE_URL) } : {};
  const child = spawn(process.execPath, [main], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, ...(await serviceIdentityEnv(name, env.NATS_NAMESPACE ?? '')), ...env, ...databaseUrl, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ message: line, unparsed: true });
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  // 'close', not 'exit': by then every line the process wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr.join('')} ${JSON.stringify(logs.slice(-5))}`);
    const ok = await fetch(`${url}/ready`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready after ${timeoutMs} ms: ${stderr.join('')} ${JSON.stringify(logs.slice(-5))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    url,
    logs,
    stderr,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Starts several services at once (`startServiceProcess` each). If one fails to start, those
 * that did are killed before the error is thrown: a failed beforeAll must not leave services
 * running (orphans keep consuming the CPU the next specs need).
 */
export async function startServiceProcesses(services: readonly ({ name: ServiceName; env: Record<string, string> } & StartOptions)[]): Promise<ServiceProcess[]> {
  const settled = await Promise.allSettled(services.map((s) => startServiceProcess(s.name, s.env, undefined, s)));
  const started = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((p) => p.kill()));
    throw failed.reason;
  }
  return started;
}


/**
 * Runs a service's demo seed (`dist/apps/<service>/src/seed/main.js`) as `npm start` does: as the
 * service's own database role and NATS user, in the namespace of `env`. Throws with its stderr if it fails.
 */
export async function runServiceSeed(service: ServiceName, env: Record<string, string>): Promise<void> {
  const databaseUrl = env.DATABASE_URL ? { DATABASE_URL: await serviceDatabaseUrl(service, env.DATABASE_URL) } : {};
  const identity = await serviceIdentityEnv(service, env.NATS_NAMESPACE ?? '');
  const seed = spawn(process.execPath, [join(REPO_ROOT, `dist/apps/${service}/src/seed/main.js`)], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, ...identity, ...env, ...databaseUrl } });
  let stderr = '';
  seed.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => seed.once('exit', resolve));
  if (code !== 0) throw new Error(`seed of ${service} failed (${code}): ${stderr}`);
}
