#!/usr/bin/env node
// What an actor assertion costs per request (issue 11; docs/decisions/0013), in CPU time:
//   sign     RpcClient: SHA-256 of the payload + Ed25519 signature + JWS encoding (the sender)
//   verify   RequestServer: decoding, Ed25519 verification, claims, payload hash (the receiver)
//   claim    the nonce INSERT … ON CONFLICT DO NOTHING into actor_nonces (the receiver's Node
//            process and its PostgreSQL backend, read from /proc)
// with a payload the size of a typical write (a progress report, ≈ 150 bytes of JSON).
// Needs the build (npm run build) and a PostgreSQL: DATABASE_URL, e.g. the test servers'
// (node tools/dev/servers.mjs --write-env …). Writes docs/benchmarks/actor-assertions.md.
//   npm run bench:actor -- [--n 20000] [--claims 5000] [--out docs/benchmarks/actor-assertions.md]
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, log } from '../dev/bootstrap.mjs';
import { cpuMs } from './proc.mjs';

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    claims: { type: 'string', default: '5000' },
    out: { type: 'string', default: 'docs/benchmarks/actor-assertions.md' },
  },
});
const N = Number(opts.n);
const CLAIMS = Number(opts.claims);
const OUT = isAbsolute(opts.out) ? opts.out : resolve(ROOT, opts.out);
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required (a PostgreSQL to create a scratch schema in)');

const messaging = await import(join(ROOT, 'dist/libs/messaging/src/index.js'));
const persistence = await import(join(ROOT, 'dist/libs/persistence/src/index.js'));
const { createLogger } = await import(join(ROOT, 'dist/libs/telemetry/src/index.js'));
const { ActorAssertionSigner, ActorAssertionVerifier, ActorNonceStore, ActorNonces1764300001000, payloadJsonOf } = messaging;

const keys = generateKeyPairSync('ed25519');
const signer = new ActorAssertionSigner('gateway', keys.privateKey);
const verifier = new ActorAssertionVerifier(new Map([['gateway', keys.publicKey]]));
const actor = { subject: 'f3a1c2d4-0000-4000-8000-000000000001', username: 'chenzhou-fgw', name: '郴州市发改委联络员', unitCode: '431000', roles: ['body-liaison'], bodyId: '0190a3c6-0000-7000-8000-00000000000b' };
const data = { id: '0190a3c6-0000-7000-8000-000000000042', note: '已完成整改方案的制定，正在按计划推进第二阶段的工作，预计下月完成主要整改任务。'.repeat(2), attachments: [] };
const subject = 'issue-tracking.problem.progress';

/** CPU µs per call of fn over n calls (after a warm-up of n / 4), in this process. */
function perCall(n, fn) {
  for (let i = 0; i < n / 4; i++) fn(i);
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) fn(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

const round2 = (x) => Math.round(x * 100) / 100;
const tokens = [];
const signUs = perCall(N, () => {
  const payloadJson = payloadJsonOf(data);
  tokens.push(signer.sign({ actor, requestId: 'r', subject, payloadJson, deadline: Date.now() + 55_000 }));
});
log(`sign: ${signUs.toFixed(1)} µs`);
let k = 0;
const verifyUs = perCall(N, () => {
  verifier.verify(tokens[k++ % tokens.length], { subject, payloadJson: payloadJsonOf(data) });
});
log(`verify: ${verifyUs.toFixed(1)} µs`);

// The nonce claim against a real PostgreSQL, one at a time; the CPU of the pool's backends is read
// from /proc (the migrations need two connections: one holds the advisory lock).
const schema = `bench_nonces_${process.pid}`;
const application = `bench-nonces-${process.pid}`;
const ds = await persistence.createServiceDataSource({ url: process.env.DATABASE_URL, schema, entities: [], migrations: [ActorNonces1764300001000], poolSize: 2, applicationName: application });
await persistence.runMigrations(ds, schema);
const store = new ActorNonceStore(ds, createLogger('bench', 'silent'));
for (let i = 0; i < CLAIMS / 4; i++) await store.claim(randomUUID(), Date.now() + 5000);
const backends = (await ds.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [application])).map((r) => r.pid);
const pgCpu = () => backends.reduce((sum, pid) => sum + cpuMs(pid), 0);
const nodeBefore = process.cpuUsage();
const pgBefore = pgCpu();
const wallBefore = performance.now();
for (let i = 0; i < CLAIMS; i++) await store.claim(randomUUID(), Date.now() + 5000);
const wallMs = (performance.now() - wallBefore) / CLAIMS;
const nodeUsed = process.cpuUsage(nodeBefore);
const claimNodeUs = (nodeUsed.user + nodeUsed.system) / CLAIMS;
const claimPgUs = ((pgCpu() - pgBefore) * 1000) / CLAIMS;
const replayed = await store.claim((await ds.query('SELECT jti FROM actor_nonces LIMIT 1'))[0].jti, Date.now() + 5000);
if (replayed) throw new Error('a claimed nonce was claimed again');
await ds.query(`DROP SCHEMA ${schema} CASCADE`);
await ds.destroy();
log(`claim: ${claimNodeUs.toFixed(1)} µs in Node, ${claimPgUs.toFixed(1)} µs in PostgreSQL, ${wallMs.toFixed(3)} ms wall`);

const totalUs = signUs + verifyUs + claimNodeUs + claimPgUs;
const md = `# Benchmark: what an actor assertion costs (issue 11)

\`npm run bench:actor\` (tools/bench/actor-assertions.mjs, with \`DATABASE_URL\` of a PostgreSQL; the test servers' will do),
${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, shared with other jobs.
CPU time (user + system) per request, ${N} signatures and verifications in one process after a
warm-up, ${CLAIMS} nonce claims one at a time (the pool's backends' CPU read from \`/proc\`).
The payload is a progress report of ${payloadJsonOf(data).length} bytes of JSON; the assertion is ${tokens[0].length} bytes.

| step | where | CPU µs per request |
|---|---|---|
| sign (SHA-256 of the payload, Ed25519, JWS) | the sender (gateway) | ${round2(signUs)} |
| verify (decode, Ed25519, claims, payload hash) | the receiving service | ${round2(verifyUs)} |
| claim the nonce (\`INSERT … ON CONFLICT DO NOTHING\`) | the receiving service's Node | ${round2(claimNodeUs)} |
| claim the nonce | its PostgreSQL backend | ${round2(claimPgUs)} |
| **total** | | **${round2(totalUs)}** |

The nonce insert also adds one round trip to PostgreSQL before the handler runs: ${wallMs.toFixed(3)} ms
wall per claim here, one at a time. Part of the claim's Node time is TypeORM's \`DataSource.query\`:
in a trial the same statement through the pg pool directly cost about a third less (not done: it
would reach into TypeORM's driver).

For scale (docs/benchmarks/cpu-per-write.md, same kind of machine, another run — compare as ratios
only): a unit read through the gateway cost about 1.5 ms of CPU over all processes, a progress
report about 5 ms, a ballot about 2 ms. ${round2(totalUs / 1000)} ms is about
${Math.round((totalUs / 1000 / 1.5) * 100)} % of the read, ${Math.round((totalUs / 1000 / 5) * 100)} % of the progress report and
${Math.round((totalUs / 1000 / 2) * 100)} % of the ballot.
`;
writeFileSync(OUT, md);
log(`wrote ${OUT}`);
