#!/usr/bin/env node
// `npm run bench:projects`: the project library at scale, through the gateway.
// 50,000 projects across 137 units (the 26 demo units and 111 generated counties); list, filter
// and Chinese substring search as a province user; the battle map of a unit-year with 50 projects
// and 1,000 tasks. Writes docs/benchmarks/projects.md. Never run inside `npm test`.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ROOT, build, continueOnRuntime, ensureDependencies, log } from '../dev/bootstrap.mjs';
import { exited, ready, natsCredentialsFor } from './proc.mjs';
import { keysFor } from './keys.mjs';

const { values: opts } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '8' }, projects: { type: 'string', default: '50000' } } });
const DURATION = Number(opts.duration);
const CONNECTIONS = Number(opts.connections);
const TOTAL = Number(opts.projects);

ensureDependencies();
await continueOnRuntime();
build();
const { startNats, startPostgres } = await import('../dev/infra.mjs');
const { startLocalIdp, loadDemoUsers } = await import(join(ROOT, 'dist/libs/local-idp/src/index.js'));

const children = [];
const pgServer = await startPostgres({ dir: join(ROOT, '.data/bench-postgres'), port: 54350, database: 'bench', ephemeral: true });
const nats = await startNats({ dir: join(ROOT, '.data/bench-nats'), port: 4252, ephemeral: true });
const credsOf = await natsCredentialsFor(nats);
const idp = await startLocalIdp({ port: 0, users: loadDemoUsers(join(ROOT, 'infra/demo/demo-data.json')) });
const env = { PATH: process.env.PATH, DATABASE_URL: pgServer.url, NATS_URL: nats.url, LOG_LEVEL: 'warn', MILESTONE_CHECK_MS: '0' };
const run = (script, extra = {}) => {
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { ...env, ...credsOf(script), ...keysFor(script), ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
};

const CATEGORIES = ['work-report', 'law-inspection', 'special-inquiry', 'budget-review', 'inspection', 'research', 'filing-review', 'other'];
const STAGES = ['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking', 'closed', 'withdrawn'];
const TOPICS = ['政府债务管理', '义务教育"双减"', '稳岗就业', '优化营商环境', '生态环境保护', '乡村振兴', '食品安全', '安全生产', '养老服务', '医疗保障', '河长制', '文物保护', '物业管理', '道路交通安全', '农村饮水安全'];

try {
  log('loading directory and project-library schemas…');
  await exited(run('dist/apps/directory/src/seed/main.js'));
  const db = new pg.Client({ connectionString: pgServer.url });
  await db.connect();
  // 111 more county-level units under the 14 cities: 137 in all.
  const cities = (await db.query(`SELECT code FROM directory.units WHERE level = 'city' ORDER BY code`)).rows.map((r) => r.code);
  const extra = [];
  for (let i = 0; extra.length < 111; i++) {
    const city = cities[i % cities.length];
    const code = `${city.slice(0, 4)}${String(50 + Math.floor(i / cities.length)).padStart(2, '0')}`;
    extra.push(code);
    await db.query(`INSERT INTO directory.units (id, code, name, region, level, parent_code) VALUES ($1, $2, $3, $3, 'county', $4) ON CONFLICT (code) DO NOTHING`, [randomUUID(), code, `测试县${code}人大常委会`, city]);
  }
  const units = (await db.query(`SELECT code FROM directory.units ORDER BY code`)).rows.map((r) => r.code);
  run('dist/apps/project-library/src/main.js', { PORT: '3212' });
  await ready('http://127.0.0.1:3212/ready', 30000);

  log(`inserting ${TOTAL} projects across ${units.length} units…`);
  await db.query(`INSERT INTO project_library.projects (id, unit_code, year, title, category, sources, summary, stage)
    SELECT gen_random_uuid(), ($1::text[])[1 + (g % $2)], 2019 + (g % 6),
           (ARRAY[${TOPICS.map((t) => `'${t.replace(/'/g, "''")}'`).join(',')}])[1 + (g % ${TOPICS.length})] || '工作情况监督项目' || g,
           (ARRAY[${CATEGORIES.map((c) => `'${c}'`).join(',')}])[1 + (g % 8)], ARRAY['higher-requirement'],
           '听取和审议关于' || (ARRAY[${TOPICS.map((t) => `'${t.replace(/'/g, "''")}'`).join(',')}])[1 + ((g / 7) % ${TOPICS.length})] || '情况的报告',
           (ARRAY[${STAGES.map((s) => `'${s}'`).join(',')}])[1 + (g % 8)]
    FROM generate_series(1, $3) AS g`, [units, units.length, TOTAL]);
  // The battle map's unit-year: 50 approved projects with 6 milestones and 20 tasks each.
  const bm = [];
  for (let i = 0; i < 50; i++) {
    const id = randomUUID();
    bm.push(id);
    await db.query(`INSERT INTO project_library.projects (id, unit_code, year, title, category, sources, stage) VALUES ($1, '431000', 2030, $2, 'work-report', ARRAY['party-priority'], 'implementing')`, [id, `挂图项目${i}`]);
  }
  await db.query(`INSERT INTO project_library.milestones (id, project_id, unit_code, position, title, due_date)
    SELECT gen_random_uuid(), p, '431000', m, '节点' || m, DATE '2030-01-01' + m * 40 FROM unnest($1::uuid[]) AS p, generate_series(1, 6) AS m`, [bm]);
  await db.query(`INSERT INTO project_library.tasks (id, project_id, unit_code, title, owner_name, start_date, due_date, percent)
    SELECT gen_random_uuid(), p, '431000', '任务' || t, '负责人', DATE '2030-01-01' + t * 10, DATE '2030-01-01' + t * 10 + 9, (t * 5) % 100 FROM unnest($1::uuid[]) AS p, generate_series(1, 20) AS t`, [bm]);
  await db.query(`ANALYZE project_library.projects; ANALYZE project_library.tasks; ANALYZE project_library.milestones`);
  await db.end();

  run('dist/apps/directory/src/main.js', { PORT: '3211' });
  run('dist/apps/gateway/src/main.js', { PORT: '3210', KEYCLOAK_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000000' });
  await Promise.all([ready('http://127.0.0.1:3211/ready', 30000), ready('http://127.0.0.1:3210/ready', 30000)]);
  const token = async (username) =>
    (await (await fetch(`${idp.issuer}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'congress-cli', username, password: 'demo' }) })).json()).access_token;
  const province = await token('hunan-admin');
  const city = await token('chenzhou-staff');

  const cases = [
    ['list, province user, all 137 units, newest 50', `/api/v1/projects?limit=50`, province],
    ['filter: year + stage + category over all units', `/api/v1/projects?year=2022&stage=implementing&category=work-report&limit=50`, province],
    ['Chinese substring search over all units (q=双减)', `/api/v1/projects?q=${encodeURIComponent('双减')}&limit=50`, province],
    ['one unit-year (unit=431000&year=2022)', `/api/v1/projects?unit=431000&year=2022&limit=50`, city],
    ['battle map: 50 projects, 300 milestones, 1,000 tasks (1 connection)', `/api/v1/battle-map?unit=431000&year=2030`, city, 1],
    ['battle map, under load', `/api/v1/battle-map?unit=431000&year=2030`, city],
  ];
  const results = [];
  for (const [name, path, t, connections = CONNECTIONS] of cases) {
    const check = await fetch(`http://127.0.0.1:3210${path}`, { headers: { authorization: `Bearer ${t}` } });
    if (check.status !== 200) throw new Error(`${path}: ${check.status} ${await check.text()}`);
    log(`${name}…`);
    const r = await autocannon({ url: `http://127.0.0.1:3210${path}`, connections, duration: DURATION, headers: { authorization: `Bearer ${t}` } });
    results.push({ name, path, connections, requests: r.requests.total, errors: r.errors + r.non2xx, rps: Math.round(r.requests.average), mean: r.latency.mean, p50: r.latency.p50, p99: r.latency.p99 });
  }
  const goal = (r, ms) => (r.p99 < ms ? 'yes' : '**no**');
  const md = `# Benchmark: the project library at scale

Run: ${new Date().toISOString()} · \`npm run bench:projects -- --duration ${DURATION} --connections ${CONNECTIONS} --projects ${TOTAL}\`
Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}; PostgreSQL, NATS, the identity provider,
gateway, directory, project-library and the load generator on the same two cores.
Data: ${TOTAL} projects across ${units.length} units, years 2019–2024, every stage; the battle map's unit-year has
50 projects, 300 milestones and 1,000 tasks. Latencies in milliseconds through the gateway.

| request | connections | requests | errors | req/s | mean | p50 | p99 | goal |
|---|---|---|---|---|---|---|---|---|
${results.map((r, i) => `| ${r.name} | ${r.connections} | ${r.requests} | ${r.errors} | ${r.rps} | ${r.mean.toFixed(2)} | ${r.p50} | ${r.p99} | ${i === 4 ? `p99 < 100: ${goal(r, 100)}` : i === 5 ? '—' : `p99 < 50: ${goal(r, 50)}`} |`).join('\n')}
`;
  mkdirSync(join(ROOT, 'docs/benchmarks'), { recursive: true });
  writeFileSync(join(ROOT, 'docs/benchmarks/projects.md'), md);
  process.stdout.write(`\n${md}\n`);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await idp.close();
  await nats.stop();
  await pgServer.stop();
}
process.exit(0);
