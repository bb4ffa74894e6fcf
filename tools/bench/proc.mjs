// What the benchmarks share about processes: accounting from Linux's /proc (CPU time per request), and waiting for a started service.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../dev/bootstrap.mjs';

/** CPU time (ms) of a process, user + system; with `reaped`, plus that of its children that have exited (cutime + cstime). */
export function cpuMs(pid, reaped = false) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return ((f[11] + f[12] + (reaped ? f[13] + f[14] : 0)) * 1000) / 100; // in USER_HZ (100 on Linux)
  } catch {
    return 0;
  }
}

/** Pids whose command line contains `needle`, and the children of `parent` (PostgreSQL's backends). */
export function pidsOf({ needle, parent }) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (needle && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle)) out.push(Number(d));
      else if (parent) {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) out.push(Number(d));
      }
    } catch {
      // gone
    }
  }
  return out;
}

/** Busy CPU time of the whole machine (ms, all cores), from /proc/stat. */
export function machineBusyMs() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return ((f.reduce((a, b) => a + b, 0) - f[3] - f[4]) * 1000) / 100;
}

/** Resolves when a child process exits with 0; rejects naming its exit code otherwise. */
export const exited = (child) => new Promise((resolve, reject) => child.once('exit', (c) => (c === 0 ? resolve() : reject(new Error(`exit ${c}`)))));

/** Waits until `url` answers 2xx (a service's /ready), polling every 100 ms, up to `timeoutMs`. */
export async function ready(url, timeoutMs = 90_000) {
  for (let i = 0; i < timeoutMs / 100; i++) {
    if (await fetch(url).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready`);
}

/**
 * The NATS credentials of the service a built script belongs to (`dist/apps/<service>/…`), minted for
 * the bench's own NATS server like the launcher does: (script) → { NATS_CREDS_FILE }.
 */
export async function natsCredentialsFor(nats) {
  const { SERVICES } = await import(pathToFileURL(join(ROOT, 'dist/libs/contracts/src/index.js')).href);
  const { writeServiceCredentials } = await import('../dev/nats-credentials.mjs');
  const files = await writeServiceCredentials(nats.authFile, SERVICES, join(dirname(nats.authFile), 'creds'));
  return (script) => {
    const service = /dist\/apps\/([^/]+)\//.exec(script)?.[1];
    return service && files[service] ? { NATS_CREDS_FILE: files[service] } : {};
  };
}
