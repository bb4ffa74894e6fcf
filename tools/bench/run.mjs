#!/usr/bin/env node
// `npm run bench`: GET /api/v1/units/{code} through the gateway (autocannon), beside the same
// query sent to directory over NATS and the same SQL run directly, on servers it starts itself.
// Writes docs/benchmarks/gateway-units.md (and .json). Never run inside `npm test`.
//   npm run bench -- --duration 15 --connections 16 --rate 1500
//   BENCH_NODE=/usr/bin/node npm run bench     (services on another Node, to compare runtimes)
import { spawn } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ROOT, build, continueOnRuntime, ensureDependencies, log } from '../dev/bootstrap.mjs';
import { ready, natsCredentialsFor } from './proc.mjs';
import { gatewaySigner, keysFor } from './keys.mjs';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    rate: { type: 'string', default: '1500' },
    code: { type: 'string', default: '431000' },
    // Writes V8 CPU profiles of the gateway and directory to .data/profiles (open in Chrome DevTools).
    profile: { type: 'boolean', default: false },
  },
});
const DURATION = Number(opts.duration);
const CONNECTIONS = Number(opts.connections);
const RATE = Number(opts.rate);
const CODE = opts.code;

ensureDependencies();
await continueOnRuntime();
build();
const { startNats, startPostgres } = await import('../dev/infra.mjs');
const messaging = await import(join(ROOT, 'dist/libs/messaging/src/index.js'));
const { RpcClient, WireNames, connectNats } = messaging;
const { UnitGet } = await import(join(ROOT, 'dist/libs/contracts/src/index.js'));
const { startLocalIdp, loadDemoUsers } = await import(join(ROOT, 'dist/libs/local-idp/src/index.js'));

const children = [];
const pgServer = await startPostgres({ dir: join(ROOT, '.data/bench-postgres'), port: 54350, database: 'bench', ephemeral: true });
const nats = await startNats({ dir: join(ROOT, '.data/bench-nats'), port: 4252, ephemeral: true });
const credsOf = await natsCredentialsFor(nats);
const idp = await startLocalIdp({ port: 0, users: loadDemoUsers(join(ROOT, 'infra/demo/demo-data.json')) });

const env = { PATH: process.env.PATH, DATABASE_URL: pgServer.url, NATS_URL: nats.url, LOG_LEVEL: 'warn', ...(process.env.OTEL_SDK_DISABLED ? { OTEL_SDK_DISABLED: process.env.OTEL_SDK_DISABLED } : {}) };
function run(script, extra) {
  const flags = opts.profile && !script.includes('seed') ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.data/profiles')}`] : [];
  // BENCH_NODE: run the services on another Node binary (e.g. to compare Node versions).
  const child = spawn(process.env.BENCH_NODE ?? process.execPath, [...flags, join(ROOT, script)], { cwd: ROOT, env: { ...env, ...credsOf(script), ...keysFor(script), ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}
async function cleanup() {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await idp.close();
  await nats.stop();
  await pgServer.stop();
}

try {
  log('seeding and starting directory and gateway…');
  await new Promise((resolve, reject) => run('dist/apps/directory/src/seed/main.js', {}).once('exit', (c) => (c === 0 ? resolve() : reject(new Error('seed failed')))));
  run('dist/apps/directory/src/main.js', { PORT: '3201' });
  run('dist/apps/gateway/src/main.js', { PORT: '3200', KEYCLOAK_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000000' });
  await Promise.all([ready('http://127.0.0.1:3201/ready', 30000), ready('http://127.0.0.1:3200/ready', 30000)]);

  const tokenRes = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username: 'chenzhou-staff', password: 'demo' }),
  });
  const { access_token: token } = await tokenRes.json();
  const url = `http://127.0.0.1:3200/api/v1/units/${CODE}`;
  const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (check.status !== 200) throw new Error(`gateway answered ${check.status}`);

  const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  /** Closed loop: `connections` workers, each sending the next request when the last returns. */
  async function closedLoop(name, once, connections = CONNECTIONS) {
    for (let i = 0; i < 200; i++) await once(); // warm-up
    const latencies = [];
    let errors = 0;
    const until = performance.now() + DURATION * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          try {
            await once();
            latencies.push(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
    return { name, requests: latencies.length, errors, rps: Math.round(latencies.length / DURATION), mean, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  }
  async function cannon(name, extra = {}) {
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { authorization: `Bearer ${token}` }, ...extra });
    return {
      name,
      requests: result.requests.total,
      errors: result.errors + result.non2xx,
      rps: Math.round(result.requests.average),
      mean: result.latency.mean,
      p50: result.latency.p50,
      p99: result.latency.p99,
    };
  }

  const results = [];
  log(`SQL: ${CONNECTIONS} connections × ${DURATION} s…`);
  const pool = new pg.Pool({ connectionString: pgServer.url, max: CONNECTIONS });
  results.push(await closedLoop('SQL (pg, direct)', () => pool.query('SELECT code, name, region, level, parent_code FROM directory.units WHERE code = $1', [CODE])));
  await pool.end();

  log(`NATS request to directory: ${CONNECTIONS} in flight × ${DURATION} s…`);
  const nc = await connectNats({ servers: nats.url });
  const rpc = new RpcClient(nc, new WireNames(''), 5000, undefined, gatewaySigner(messaging));
  const actor = { subject: 'bench', unitCode: '431000', roles: ['staff'] };
  results.push(await closedLoop('NATS request (directory.unit.get)', () => rpc.request(UnitGet, { code: CODE }, { actor })));
  // The latency a layer adds is read unloaded: one request at a time, no queueing.
  log('one request at a time: NATS, then HTTP…');
  const oneNats = await closedLoop('NATS request, 1 in flight', () => rpc.request(UnitGet, { code: CODE }, { actor }), 1);
  const oneHttp = await cannon('HTTP via gateway, 1 in flight', { connections: 1 });
  results.push(oneNats, oneHttp);
  await nc.drain();

  log(`HTTP through the gateway: autocannon ${CONNECTIONS} connections × ${DURATION} s…`);
  results.push(await cannon('HTTP via gateway (max throughput)'));
  log(`HTTP through the gateway at a fixed ${RATE} requests/s…`);
  // autocannon paces a fixed rate per connection; more connections let it keep the rate when a
  // response is late.
  results.push(await cannon(`HTTP via gateway (fixed ${RATE} req/s, ${CONNECTIONS * 2} connections)`, { overallRate: RATE, connections: CONNECTIONS * 2 }));

  const [, , oneNatsRes, oneHttpRes, , fixed] = results;
  // autocannon reports whole milliseconds for percentiles; its mean is exact, so the added
  // latency is read from the means (and the p50s are shown beside them).
  const added = oneHttpRes.mean - oneNatsRes.mean;
  const goals = [
    { goal: 'gateway adds < 2 ms over the NATS call (1 in flight, mean; p50 in the table)', value: `${added.toFixed(2)} ms`, met: added < 2 },
    {
      goal: `sustains ${RATE} req/s with p99 < 50 ms (fixed-rate run)`,
      value: `${fixed.rps} req/s, p99 ${fixed.p99} ms`,
      met: fixed.rps >= RATE * 0.98 && fixed.p99 < 50 && fixed.errors === 0,
    },
  ];
  const fmt = (n) => (typeof n === 'number' ? (Number.isInteger(n) ? String(n) : n.toFixed(2)) : n);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
  const md = `# Benchmark: GET /api/v1/units/{code}

Run: ${new Date().toISOString()} · \`npm run bench -- --duration ${DURATION} --connections ${CONNECTIONS} --rate ${RATE}\`
Machine: ${machine}. Everything on this one machine: PostgreSQL (embedded, fsync off), nats-server,
the local identity provider, one directory and one gateway process, and the load generator.
Latencies in milliseconds. Closed loops keep ${CONNECTIONS} requests in flight unless the row says
1 in flight (used to read the latency a layer adds, without queueing).

| path | requests | errors | req/s | mean | p50 | p99 |
|---|---|---|---|---|---|---|
${results.map((r) => `| ${r.name} | ${r.requests} | ${r.errors} | ${r.rps} | ${fmt(r.mean)} | ${fmt(r.p50)} | ${fmt(r.p99)} |`).join('\n')}

| goal | measured | met |
|---|---|---|
${goals.map((g) => `| ${g.goal} | ${g.value} | ${g.met ? 'yes' : '**no**'} |`).join('\n')}

The HTTP path adds, over the NATS call: the HTTP hop and fastify, the token check (verified
tokens are cached until they expire), the role, input and unit-scope checks, the per-user rate
limit, the server span and the JSON reply. At full load the two cores are shared by the load
generator (autocannon, about 0.5 ms of CPU per request itself), the gateway, directory,
nats-server and PostgreSQL; \`npm run bench -- --profile\` writes CPU profiles of the gateway and
directory to .data/profiles.
`;
  mkdirSync(join(ROOT, 'docs/benchmarks'), { recursive: true });
  writeFileSync(join(ROOT, 'docs/benchmarks/gateway-units.md'), md);
  writeFileSync(join(ROOT, 'docs/benchmarks/gateway-units.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, duration: DURATION, connections: CONNECTIONS, rate: RATE, results, goals }, null, 2)}\n`);
  process.stdout.write(`\n${md}\n`);
} finally {
  await cleanup();
}
process.exit(0);
