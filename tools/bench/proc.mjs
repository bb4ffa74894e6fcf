// Process accounting from Linux's /proc, shared by the benchmarks that report CPU time per request.

import { readdirSync, readFileSync } from 'node:fs';

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
