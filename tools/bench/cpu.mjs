#!/usr/bin/env node
// `npm run bench:cpu`: CPU time per write through the gateway (issue 10: one NATS trip per write).
// Starts its own PostgreSQL, NATS, identity provider, directory, issue-tracking, voting and gateway
// (built processes from dist/), loads the demo province (directory and issue-tracking seeds), then
// sends requests one at a time through the public HTTP API and reads, from /proc, the CPU time
// (user + system) the gateway, the owning service, NATS and PostgreSQL used:
//   progress      POST /problems/{id}/progress                    (liaison chenzhou-fgw)
//   close-cycle   POST /problems/{id}/close-requests, then         (chenzhou-fgw, evidence attached once)
//                 POST /problems/{id}/verification send-back        (chenzhou-staff): two writes a cycle
//   ballot        POST /evaluations/{id}/ballots                  (the 46 demo members of 431000, one
//                                                                   opened evaluation after another)
//   reference     GET  /units/431000                              (gateway → directory; a path issue 10
//                                                                   does not touch, the yardstick between runs)
// Each case: a warm-up, then --rounds rounds of --requests requests; the report gives the median
// round and the spread. Results go under --label in --out (JSON, merged with the other labels
// already there) and the Markdown table beside it. Never run inside `npm test`.
//   npm run bench:cpu -- --label before|after [--requests 500] [--warmup 500] [--rounds 5] [--out docs/benchmarks/cpu-per-write.json]
//   npm run bench:cpu -- --report        (rewrites the .md from the .json)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as bootstrap from '../dev/bootstrap.mjs';
import { cpuMs, exited, machineBusyMs, pidsOf, ready, natsCredentialsFor } from './proc.mjs';
import { keysFor } from './keys.mjs';

const { ROOT, ensureDependencies, log } = bootstrap;
/** Only the services: the web app is not part of this benchmark. */
const build = bootstrap.buildServices ?? bootstrap.build;

const { values: opts } = parseArgs({
  options: {
    label: { type: 'string', default: 'after' },
    out: { type: 'string', default: 'docs/benchmarks/cpu-per-write.json' },
    requests: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '5' },
    /** Which cases, comma-separated: progress, close-cycle, ballot, reference. */
    cases: { type: 'string', default: 'progress,close-cycle,ballot,reference' },
    /** Skip the (incremental) tsc build: dist/ is already built. */
    'no-build': { type: 'boolean', default: false },
    /** Rewrites the .md from the .json without running anything. */
    report: { type: 'boolean', default: false },
  },
});
const OUT = isAbsolute(opts.out) ? opts.out : resolve(ROOT, opts.out);
const OUT_MD = OUT.replace(/\.json$/, '') + '.md';
if (opts.report) {
  writeFileSync(OUT_MD, render(JSON.parse(readFileSync(OUT, 'utf8'))));
  log(`wrote ${OUT_MD}`);
  process.exit(0);
}
const LABEL = opts.label;
const REQUESTS = Number(opts.requests);
const WARMUP = Number(opts.warmup);
const ROUNDS = Math.max(1, Number(opts.rounds));
const CASES = opts.cases.split(',').map((s) => s.trim()).filter(Boolean);
const PORTS = { postgres: 54350, nats: 4252, gateway: 3250, directory: 3251, projects: 3252, issues: 3253, voting: 3255 };
const UNIT = '431000';
const API = `http://127.0.0.1:${PORTS.gateway}/api/v1`;
const PG_DIR = join(ROOT, '.data/bench-cpu-postgres');
const NATS_DIR = join(ROOT, '.data/bench-cpu-nats');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

// In a worktree whose node_modules is a symlink to another checkout's, `npm ci` must never run
// (it empties the directory the link points to), and bootstrap's continueOnRuntime would start
// itself again and again (the pinned node's execPath is the link's target, never equal to the
// path it was started by): here both are done with the links resolved, and at most once.
const linked = lstatSync(join(ROOT, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink();
if (!linked) ensureDependencies();
if (!process.env.BENCH_CPU_ON_RUNTIME) {
  const pinned = bootstrap.runtimeNode();
  if (realpathSync(pinned) !== realpathSync(process.execPath)) {
    const child = spawn(pinned, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, BENCH_CPU_ON_RUNTIME: '1' } });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    process.exit(await new Promise((res) => child.once('exit', (c, sig) => res(c ?? (sig ? 1 : 0)))));
  }
}
if (!opts['no-build']) build();
const { findNatsServer, startNats, startPostgres } = await import('../dev/infra.mjs');
const { startLocalIdp, loadDemoUsers } = await import(join(ROOT, 'dist/libs/local-idp/src/index.js'));

const demo = JSON.parse(readFileSync(join(ROOT, 'infra/demo/demo-data.json'), 'utf8'));
const FGW_BODY = demo.people.find((p) => p.username === 'chenzhou-fgw').bodyId;
/** The members of 431000 who can sign in: they cast the ballots. */
const VOTERS = demo.people.filter((p) => p.unitCode === UNIT && p.username && p.roles.includes('member'));

// ---- HTTP ----------------------------------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
/** One request; resolves with status, parsed body and the time from the call to the last byte. */
function call(method, path, token, body, headers = {}) {
  return new Promise((done) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const start = performance.now();
    const req = http.request(
      `${API}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json', 'content-length': payload.length } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - start;
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = text;
          }
          done({ status: res.statusCode, body: json, ms });
        });
      },
    );
    req.on('error', (error) => done({ status: 0, body: String(error.message), ms: performance.now() - start }));
    if (payload) req.write(payload);
    req.end();
  });
}
const ok = (r) => r.status >= 200 && r.status < 300;
const must = (r, what) => {
  if (!ok(r)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function r2(x) {
  return Math.round(x * 100) / 100;
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const children = [];
const pgServer = await startPostgres({ dir: PG_DIR, port: PORTS.postgres, database: 'bench', ephemeral: true });
const nats = await startNats({ dir: NATS_DIR, port: PORTS.nats, ephemeral: true });
const credsOf = await natsCredentialsFor(nats);
const demoUsers = loadDemoUsers(join(ROOT, 'infra/demo/demo-data.json'));
const idp = await startLocalIdp({ port: 0, users: demoUsers, accessTokenTtlSeconds: 3600 * 4 });
const env = { PATH: process.env.PATH, DATABASE_URL: pgServer.url, NATS_URL: nats.url, LOG_LEVEL: 'warn', MILESTONE_CHECK_MS: '0', OVERDUE_CHECK_MS: '0' };
const run = (script, extra = {}) => {
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { ...env, ...credsOf(script), ...keysFor(script), ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
};
async function token(username) {
  const password = demoUsers.find((u) => u.username === username)?.password;
  const res = await fetch(`${idp.issuer}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username, password }) });
  if (!res.ok) throw new Error(`token for ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

const facts = { loadAtStart: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
const result = { label: LABEL, facts, options: { requests: REQUESTS, warmup: WARMUP, rounds: ROUNDS, inFlight: 1 }, cases: {} };
try {
  {
    const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
    const dirty = git(['status', '--porcelain', '--', 'apps', 'libs']);
    facts.commit = `${git(['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty ? ' with uncommitted changes in apps/ or libs/' : ''}`;
  }
  log('loading the demo province (directory and issue-tracking seeds)…');
  await exited(run('dist/apps/directory/src/seed/main.js'));
  await exited(run('dist/apps/issue-tracking/src/seed/main.js'));
  log('starting directory, issue-tracking, voting and the gateway…');
  const directory = run('dist/apps/directory/src/main.js', { PORT: String(PORTS.directory) });
  const issueTracking = run('dist/apps/issue-tracking/src/main.js', { PORT: String(PORTS.issues) });
  const voting = run('dist/apps/voting/src/main.js', { PORT: String(PORTS.voting) });
  // project-library answers for the project a new evaluation names (it must be the unit's own); not measured.
  run('dist/apps/project-library/src/main.js', { PORT: String(PORTS.projects) });
  const gateway = run('dist/apps/gateway/src/main.js', { PORT: String(PORTS.gateway), KEYCLOAK_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000000' });
  await Promise.all([PORTS.directory, PORTS.projects, PORTS.issues, PORTS.voting, PORTS.gateway].map((p) => ready(`http://127.0.0.1:${p}/ready`)));

  const postmaster = Number(readFileSync(join(PG_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const natsPids = pidsOf({ needle: NATS_DIR });
  const snapshot = () => {
    const usage = process.cpuUsage();
    return {
      gateway: cpuMs(gateway.pid),
      issueTracking: cpuMs(issueTracking.pid),
      voting: cpuMs(voting.pid),
      directory: cpuMs(directory.pid),
      nats: natsPids.reduce((a, p) => a + cpuMs(p), 0),
      // The postmaster's reaped children count the backends that have exited since.
      postgres: cpuMs(postmaster, true) + pidsOf({ parent: postmaster }).reduce((a, p) => a + cpuMs(p), 0),
      bench: (usage.user + usage.system) / 1000,
      machine: machineBusyMs(),
    };
  };
  const PROCS = ['gateway', 'issueTracking', 'voting', 'directory', 'nats', 'postgres', 'bench'];
  facts.cores = os.cpus().length;
  facts.cpu = os.cpus()[0]?.model ?? 'cpu';
  facts.memoryGiB = Math.round(os.totalmem() / 2 ** 30);
  facts.node = process.versions.node;
  facts.natsServer = spawnSync(findNatsServer(), ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';

  const tokens = {};
  for (const u of ['chenzhou-fgw', 'chenzhou-staff', ...VOTERS.map((v) => v.username)]) tokens[u] = await token(u);

  // ---- what the cases need, through the API ----
  const mine = must(await call('GET', '/problems?limit=100', tokens['chenzhou-fgw']), 'ledger of chenzhou-fgw');
  const ACTIONABLE = ['assigned', 'rectifying', 'extended', 'reopened'];
  const actionable = mine.items.filter((p) => ACTIONABLE.includes(p.status) && p.responsibleBodyId === FGW_BODY);
  if (actionable.length < 2) throw new Error(`chenzhou-fgw has ${actionable.length} problems to act on (need 2): ${JSON.stringify(mine.items.map((p) => [p.status, p.responsibleBodyId]))}`);
  const progressIds = actionable.slice(0, Math.max(1, actionable.length - 2)).slice(0, 4).map((p) => p.id);
  const cycleId = actionable.at(-1).id;
  // Evidence for the close request: one attachment for each kind the problem requires.
  const cycleProblem = must(await call('GET', `/problems/${cycleId}`, tokens['chenzhou-fgw']), 'problem');
  const attachmentIds = [];
  for (const kind of cycleProblem.requiredEvidence ?? []) {
    const a = must(await call('POST', `/problems/${cycleId}/attachments?name=${encodeURIComponent(`整改材料-${kind}.pdf`)}&evidence=${kind}`, tokens['chenzhou-fgw'], PDF), `attachment ${kind}`);
    attachmentIds.push(a.id);
  }
  facts.setup = { progressProblems: progressIds.length, cycleProblemEvidence: cycleProblem.requiredEvidence ?? [], voters: VOTERS.length };

  /** An evaluation of unit 431000 with every roster member present, opened; waits for voting's copy of the roster. */
  let evaluationNo = 0;
  // The project the evaluations are held for: a new evaluation must name a project of its own unit.
  const project = must(
    await call('POST', '/projects', tokens['chenzhou-staff'], { title: '审议意见研究处理情况（CPU 压测）', year: 2026, category: 'work-report', sources: ['higher-requirement'] }),
    'create project',
  );
  async function openEvaluation() {
    for (let attempt = 0; ; attempt++) {
      const created = must(
        await call('POST', '/evaluations', tokens['chenzhou-staff'], {
          projectId: project.id,
          session: '市六届人大常委会第四次会议（CPU 压测）',
          heldOn: '2026-11-28',
          reportTitle: `市人民政府关于审议意见研究处理情况的报告（第 ${++evaluationNo} 次）`,
        }),
        'create evaluation',
      );
      if (created.roster >= VOTERS.length) {
        const roster = must(await call('GET', `/evaluations/${created.id}/roster`, tokens['chenzhou-staff']), 'roster');
        const items = roster.items ?? roster.members ?? roster;
        const present = items.map((m) => m.personId ?? m.id);
        must(await call('POST', `/evaluations/${created.id}/attendance`, tokens['chenzhou-staff'], { present }), 'attendance');
        must(await call('POST', `/evaluations/${created.id}/open`, tokens['chenzhou-staff']), 'open');
        return created.id;
      }
      if (attempt > 100) throw new Error(`the evaluation's roster has ${created.roster} members, expected ${VOTERS.length}: voting has not received the demo roster`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  /**
   * A case: a generator of requests, each { kind, send() }. CPU is read before and after every
   * request (consecutive intervals, so what a write does after its answer counts for the next
   * request of the run, and the run's total is exact); `between` runs outside the measurement.
   */
  async function measure(name, n, next) {
    const perKind = {};
    const totals = Object.fromEntries(PROCS.map((p) => [p, 0]));
    let machine = 0;
    let measured = 0;
    let errors = 0;
    const lat = [];
    let before = snapshot();
    const t0 = performance.now();
    let wall = 0;
    while (measured < n) {
      const step = await next(measured);
      if (step.between) {
        // Set-up outside the measurement (a new evaluation): the interval so far is closed first.
        await step.between();
        before = snapshot();
        continue;
      }
      const r = await step.send();
      const after = snapshot();
      measured++;
      if (!ok(r)) {
        errors++;
        if (errors <= 3) log(`${name}: ${step.kind} answered ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      }
      lat.push(r.ms);
      const k = (perKind[step.kind] ??= { n: 0, cpu: Object.fromEntries(PROCS.map((p) => [p, 0])), lat: [] });
      k.n++;
      k.lat.push(r.ms);
      for (const p of PROCS) {
        const d = after[p] - before[p];
        totals[p] += d;
        k.cpu[p] += d;
      }
      machine += after.machine - before.machine;
      before = after;
    }
    wall = performance.now() - t0;
    const per = Object.fromEntries(PROCS.map((p) => [p, r2(totals[p] / measured)]));
    const ours = PROCS.reduce((a, p) => a + totals[p], 0);
    per.other = r2(Math.max(0, machine - ours) / measured);
    lat.sort((a, b) => a - b);
    return {
      n: measured,
      errors,
      cpu: per,
      wallMs: Math.round(wall),
      p50: r2(percentile(lat, 50)),
      p99: r2(percentile(lat, 99)),
      kinds: Object.fromEntries(
        Object.entries(perKind).map(([kind, k]) => {
          const s = k.lat.sort((a, b) => a - b);
          return [kind, { n: k.n, cpu: Object.fromEntries(PROCS.map((p) => [p, r2(k.cpu[p] / k.n)])), p50: r2(percentile(s, 50)), p99: r2(percentile(s, 99)) }];
        }),
      ),
    };
  }

  const fgw = tokens['chenzhou-fgw'];
  const staff = tokens['chenzhou-staff'];
  let progressNo = 0;
  let cycleStep = 0;
  const CASE = {
    progress: {
      title: 'progress report',
      request: 'POST /problems/{id}/progress',
      owner: 'issueTracking',
      next: async () => {
        const i = progressNo++;
        const id = progressIds[i % progressIds.length];
        return { kind: 'progress', send: () => call('POST', `/problems/${id}/progress`, fgw, { text: `第 ${i} 次进展：按整改方案推进，已完成阶段任务。`, percent: 40 + (i % 50) }) };
      },
    },
    'close-cycle': {
      title: 'close request → send back',
      request: 'POST /problems/{id}/close-requests, POST /problems/{id}/verification (send-back), alternately',
      owner: 'issueTracking',
      next: async () => {
        const i = cycleStep++;
        return i % 2 === 0
          ? { kind: 'close-request', send: () => call('POST', `/problems/${cycleId}/close-requests`, fgw, { text: `已整改完毕，申请销号（第 ${i / 2} 次）`, attachmentIds }) }
          : { kind: 'send-back', send: () => call('POST', `/problems/${cycleId}/verification`, staff, { decision: 'send-back', reason: '证明材料不足，退回重新整改' }) };
      },
    },
    ballot: (() => {
      let evaluation = null;
      let voter = VOTERS.length;
      return {
        title: 'ballot',
        request: 'POST /evaluations/{id}/ballots (46 members per opened evaluation)',
        owner: 'voting',
        next: async () => {
          if (voter >= VOTERS.length || !evaluation) {
            return {
              between: async () => {
                if (evaluation) must(await call('POST', `/evaluations/${evaluation}/close`, staff), 'close evaluation');
                evaluation = await openEvaluation();
                voter = 0;
              },
            };
          }
          const v = VOTERS[voter++];
          const id = evaluation;
          const choice = ['satisfied', 'basic', 'unsatisfied'][voter % 3];
          return { kind: 'ballot', send: () => call('POST', `/evaluations/${id}/ballots`, tokens[v.username], { choice }) };
        },
      };
    })(),
    reference: {
      title: 'reference: unit read',
      request: `GET /units/${UNIT} (gateway → directory, not changed by issue 10)`,
      owner: 'directory',
      next: async () => ({ kind: 'reference', send: () => call('GET', `/units/${UNIT}`, staff) }),
    },
  };
  for (const name of CASES) if (!CASE[name]) throw new Error(`unknown case ${name}`);

  // Checks before anything is timed: each write goes through.
  for (const name of CASES) {
    const step = await CASE[name].next(0);
    if (step.between) await step.between();
    const s = step.between ? await CASE[name].next(0) : step;
    must(await s.send(), `${name}: first request`);
    if (name === 'close-cycle') must(await (await CASE[name].next(1)).send(), `${name}: first send-back`);
  }

  for (const name of CASES) {
    log(`${name}: warm-up of ${WARMUP} requests…`);
    await measure(name, WARMUP, CASE[name].next);
  }
  // NATS messages per request, by subject, from a subscriber on `>` during a short pass that is
  // not timed (the subscriber costs the NATS server CPU): how many trips a write makes. Set-up
  // between requests (a new evaluation) is not counted.
  {
    const { connect, credsAuthenticator } = await import('@nats-io/transport-node');
    const { adminCredentials, prepareNatsAuth } = await import('../dev/nats-auth.mjs');
    const admin = await adminCredentials(await prepareNatsAuth(dirname(nats.authFile)));
    const nc = await connect({ servers: nats.url, name: 'bench-cpu-counter', authenticator: credsAuthenticator(new TextEncoder().encode(admin)) });
    const COUNT = 20;
    const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const subjectOf = (s) => (s.startsWith('_INBOX') ? '_INBOX.* (replies)' : s.startsWith('$JS.') ? `${s.split('.').slice(0, 3).join('.')}.*` : s.replace(UUID, '{id}'));
    let seen = {};
    let counting = false;
    const sub = nc.subscribe('>', {
      callback: (_err, m) => {
        if (!counting) return;
        const k = subjectOf(m.subject);
        seen[k] = (seen[k] ?? 0) + 1;
      },
    });
    await nc.flush();
    for (const name of CASES) {
      seen = {};
      let done = 0;
      while (done < COUNT) {
        const step = await CASE[name].next(done);
        if (step.between) {
          await new Promise((r) => setTimeout(r, 300));
          counting = false;
          await step.between();
          await new Promise((r) => setTimeout(r, 300));
          continue;
        }
        counting = true;
        await step.send();
        done++;
      }
      await new Promise((r) => setTimeout(r, 500));
      counting = false;
      const perRequest = Object.fromEntries(Object.entries(seen).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, r2(v / COUNT)]));
      (result.nats ??= {})[name] = perRequest;
      log(`${name}: NATS messages per request ${JSON.stringify(perRequest)}`);
    }
    sub.unsubscribe();
    await nc.close();
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const name of CASES) {
      const c = CASE[name];
      const r = await measure(name, REQUESTS, c.next);
      const services = r.cpu.gateway + r.cpu[c.owner];
      log(`${name} round ${round}: gateway ${r.cpu.gateway} + ${c.owner} ${r.cpu[c.owner]} = ${r2(services)} ms CPU per request; NATS ${r.cpu.nats}, PostgreSQL ${r.cpu.postgres}; p50 ${r.p50} ms, p99 ${r.p99} ms; errors ${r.errors}; other processes ${r.cpu.other}`);
      (result.cases[name] ??= { title: c.title, request: c.request, owner: c.owner, rounds: [] }).rounds.push(r);
    }
  }
  facts.load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  facts.run = new Date().toISOString();

  // ---- the report: merged with the other labels already in the file ----
  for (const c of Object.values(result.cases)) c.summary = summarise(c);
  const all = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : { runs: {} };
  all.runs[LABEL] = result;
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(all, null, 2)}\n`);
  const md = render(all);
  writeFileSync(OUT_MD, md);
  process.stdout.write(`\n${md}\n`);
  log(`wrote ${OUT} and ${OUT_MD}`);
} finally {
  const alive = (c) => c.exitCode === null && c.signalCode === null;
  for (const c of children) if (alive(c)) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of children) if (alive(c)) c.kill('SIGKILL');
  for (const stop of [() => idp.close(), () => nats.stop(), () => pgServer.stop()]) {
    await Promise.resolve()
      .then(stop)
      .catch((error) => log(`clean-up: ${error.message}`));
  }
  rmSync(PG_DIR, { recursive: true, force: true });
  rmSync(NATS_DIR, { recursive: true, force: true });
}
process.exit(0);

/** Median and range over the rounds, per process, of CPU ms per request. */
function summarise(c) {
  const key = (r) => ({ ...r.cpu, services: r.cpu.gateway + r.cpu[c.owner], total: r.cpu.gateway + r.cpu.issueTracking + r.cpu.voting + r.cpu.directory + r.cpu.nats + r.cpu.postgres, p50: r.p50, p99: r.p99 });
  const rows = c.rounds.map(key);
  const out = {};
  for (const k of Object.keys(rows[0])) {
    const xs = rows.map((r) => r[k]);
    out[k] = { median: r2(median(xs)), min: r2(Math.min(...xs)), max: r2(Math.max(...xs)) };
  }
  const kinds = {};
  for (const kind of Object.keys(c.rounds[0].kinds ?? {})) {
    if (Object.keys(c.rounds[0].kinds).length < 2) break;
    const ks = c.rounds.map((r) => r.kinds[kind]);
    const tot = (k) => k.cpu.gateway + k.cpu.issueTracking + k.cpu.voting + k.cpu.directory + k.cpu.nats + k.cpu.postgres;
    kinds[kind] = { gateway: r2(median(ks.map((k) => k.cpu.gateway))), owner: r2(median(ks.map((k) => k.cpu[c.owner]))), total: r2(median(ks.map(tot))), p50: r2(median(ks.map((k) => k.p50))), p99: r2(median(ks.map((k) => k.p99))) };
  }
  out.kinds = kinds;
  return out;
}

/** The Markdown report from the JSON (all labels). */
function render(all) {
  const labels = ['before', 'after', ...Object.keys(all.runs).filter((l) => l !== 'before' && l !== 'after')].filter((l) => all.runs[l]);
  const caseNames = [...new Set(labels.flatMap((l) => Object.keys(all.runs[l].cases)))];
  const ownerName = { issueTracking: 'issue-tracking', voting: 'voting', directory: 'directory' };
  const cell = (s) => (s ? `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : '—');
  const ratio = (a, b) => (a && b && a.median > 0 ? `${(b.median / a.median).toFixed(2)}×` : '—');
  const rows = [];
  for (const name of caseNames) {
    const any = labels.map((l) => all.runs[l].cases[name]).find(Boolean);
    const metrics = [
      ['gateway', 'gateway'],
      [any.owner, ownerName[any.owner]],
      ['services', `gateway + ${ownerName[any.owner]}`],
      ['nats', 'NATS server'],
      ['postgres', 'PostgreSQL'],
      ['total', 'all services + NATS + PostgreSQL'],
      ['p50', 'wall p50 (ms)'],
      ['p99', 'wall p99 (ms)'],
    ];
    for (const [k, label] of metrics) {
      const b = all.runs.before?.cases[name]?.summary[k];
      const a = all.runs.after?.cases[name]?.summary[k];
      rows.push(`| ${any.title} | ${label} | ${cell(b)} | ${cell(a)} | ${ratio(b, a)} |`);
    }
  }
  const kindRows = [];
  for (const l of labels) {
    for (const [name, c] of Object.entries(all.runs[l].cases)) {
      for (const [kind, k] of Object.entries(c.summary.kinds ?? {})) kindRows.push(`| ${l} | ${c.title} | ${kind} | ${k.gateway.toFixed(2)} | ${k.owner.toFixed(2)} | ${k.total.toFixed(2)} | ${k.p50.toFixed(2)} | ${k.p99.toFixed(2)} |`);
      void name;
    }
  }
  const runLines = labels.map((l) => {
    const r = all.runs[l];
    const f = r.facts;
    const errs = Object.entries(r.cases).map(([n, c]) => `${n} ${c.rounds.reduce((a, x) => a + x.errors, 0)}`).join(', ');
    const other = Object.entries(r.cases).map(([n, c]) => `${n} ${median(c.rounds.map((x) => x.cpu.other)).toFixed(2)}`).join(', ');
    return `- **${l}**: ${f.run}, code at ${f.commit}; ${f.cores} × ${f.cpu}, ${f.memoryGiB} GiB, Node ${f.node}${f.natsServer ? `, ${f.natsServer}` : ''}; load average ${f.loadAtStart} at the start, ${f.load} at the end; ${r.options.rounds} rounds of ${r.options.requests} requests after ${r.options.warmup} of warm-up, one request in flight. Errors: ${errs}. Other processes on the machine, CPU ms per request (median): ${other}.`;
  });
  return `# Benchmark: CPU per write (issue 10: one NATS trip per write)

Issue 10 makes the owning service decide the unit scope from the actor, so the gateway sends the
command straight away instead of first asking for the aggregate (\`issue-tracking.problem.get\`,
\`voting.evaluation.unit\`) and applying the unit rule itself: one NATS round trip per write
instead of two. This measures what that costs in CPU, per request, before and after.

\`npm run bench:cpu\` (tools/bench/cpu.mjs) starts its own PostgreSQL (port 54350), nats-server (4252),
the local identity provider, directory, issue-tracking, voting and the gateway as built processes
from \`dist/\`, loads the demo province (directory and issue-tracking seeds) and then uses only the
public HTTP API. Requests go one at a time (one in flight), so the CPU a process used between two
/proc readings belongs to that request; CPU time (user + system, from \`/proc/<pid>/stat\`) is far
less sensitive than latency to other jobs on a shared machine. PostgreSQL counts the postmaster,
its backends and the backends that exited meanwhile.

- **progress report**: \`POST /problems/{id}/progress\` by the liaison \`chenzhou-fgw\` on the demo problems of
  郴州市发改委, rotating over up to four of them.
- **close request → send back**: \`POST /problems/{id}/close-requests\` (with the required evidence, uploaded
  once) by \`chenzhou-fgw\`, then \`POST /problems/{id}/verification\` \`{"decision":"send-back"}\` by
  \`chenzhou-staff\`, alternately on one problem; figures are per write (half a cycle), the split by
  kind is below.
- **ballot**: \`POST /evaluations/{id}/ballots\` by the 46 demo members of 431000 (each with a login); an
  evaluation is created, its roster marked present and opened, the 46 cast, then the next (set-up and
  close are not measured).
- **reference**: \`GET /units/431000\` (gateway → directory), a path issue 10 does not change: compare
  it between the two runs to see how much the machine itself moved.

Each case first runs a warm-up (not counted; with only 100 the first rounds still drifted down as V8
optimised), then the rounds, the four cases interleaved round by round. A single request's CPU is
read in 10 ms ticks, but the readings are consecutive, so a round's total (≈ 1–3 s per process) is
exact to about 0.02 ms per request.

## CPU ms per request — median of the rounds (min–max)

| case | process | before | after | after / before |
|---|---|---|---|---|
${rows.join('\n')}

${kindRows.length ? `Close-request cycle by kind (median of the rounds; CPU ms per request; what a write does after its answer counts for the next request):

| run | case | request | gateway | owner | all services | p50 ms | p99 ms |
|---|---|---|---|---|---|---|---|
${kindRows.join('\n')}
` : ''}
## NATS messages per request

Counted by a subscriber on \`>\` over 20 requests of each case, outside the timed rounds (\`_INBOX.*\` are
the replies; \`$JS.*\` JetStream's API and acknowledgements, e.g. the outbox publishing events):

| run | case | messages per request, by subject |
|---|---|---|
${labels.flatMap((l) => Object.entries(all.runs[l].nats ?? {}).map(([n, m]) => `| ${l} | ${all.runs[l].cases[n]?.title ?? n} | ${Object.entries(m).map(([k, v]) => `\`${k}\` ${v}`).join(', ')} |`)).join('\n')}

## Runs

${runLines.join('\n')}

"Measure as ratios" (/work/shared/TOOLCHAIN.md): the same benchmark ran 2–3× faster on one machine
of this kind than on another. Compare the after/before ratio of a write with that of the reference
row; if the reference moved, the machine did.

## How to run

After the change (the lead), from the repository root:

\`\`\`sh
npm run build && npm run bench:cpu -- --label after
\`\`\`

It writes its figures under \`after\` in docs/benchmarks/cpu-per-write.json, keeps \`before\`, and
rewrites this file. \`--requests\`, \`--warmup\`, \`--rounds\` and \`--cases progress,close-cycle,ballot,reference\`
change the run; \`--report\` only rewrites this file from the JSON.

The \`before\` figures were measured on commit 825644a (before the refactor) in a separate worktree
with its own node_modules (\`npm ci\` from that commit's lockfile):

\`\`\`sh
git worktree add /work/baseline-bench 825644a
cp tools/bench/cpu.mjs /work/baseline-bench/tools/bench/
(cd /work/baseline-bench && npm ci --no-audit --no-fund && npx tsc -b tsconfig.build.json && npx tsc-alias -p tsconfig.build.json \\
  && node tools/bench/cpu.mjs --no-build --label before --out "$OLDPWD/docs/benchmarks/cpu-per-write.json")
git worktree remove --force /work/baseline-bench
\`\`\`

Do not symlink node_modules into such a worktree: \`npm ci\` there (which \`npm test\`, \`npm start\` and the
other benchmarks run whenever the worktree's package-lock.json is newer than node_modules) empties the
directory the link points to, and bootstrap's \`continueOnRuntime\` restarts itself without end because
the pinned node's \`process.execPath\` is the link's target. cpu.mjs guards against both; the other scripts do not.

Running both on the same machine back to back gives the fairest ratio; the reference row shows
whether that matters.
`;
}
