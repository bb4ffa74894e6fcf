#!/usr/bin/env node
// `npm run duplication`: duplicated code in apps/ and libs/, measured with jscpd
// (docs/benchmarks/duplication.md). Two passes over the same files:
//   exact    copies token for token (jscpd's default, Type-1)
//   renamed  copies that differ only in names (--ignore-identifiers, Type-2): the boilerplate
//            written again per aggregate (handlers, services, test bootstraps)
// Both need at least 6 lines and 50 tokens. Generated files, seed data, migrations and JSON are
// left out. Prints, per pass, the totals, the figures per app/lib, the clones per kind of file
// and the largest clones; writes jscpd's JSON reports and this summary (summary.md) to .data/jscpd.
//   npm run duplication                              this checkout
//   node tools/dev/duplication.mjs --root <dir>      another checkout (e.g. a git worktree of an older commit)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT } from './bootstrap.mjs';

/** Not hand-written or not code: generated API client, seed data, migrations (never edited after landing). */
export const IGNORE = ['**/node_modules/**', '**/dist/**', '**/apps/web/src/api/schema.d.ts', '**/apps/web/src/api/access.ts', '**/*.data.ts', '**/migrations/**'];
const IGNORED = [/\/node_modules\//, /\/dist\//, /^apps\/web\/src\/api\/(schema\.d|access)\.ts$/, /\.data\.ts$/, /\/migrations\//];
const PASSES = [
  { name: 'exact', flags: [] },
  { name: 'renamed', flags: ['--ignore-identifiers'] },
];

/** The places issue 10 is about, followed from run to run. */
const FOCUS = [
  ['NATS handlers (apps/*/src/**/*.handlers.ts)', /^apps\/[^/]+\/src\/.*\.handlers\.ts$/],
  ['services (apps/*/src/**/*.service.ts)', /^apps\/(?!gateway\/)[^/]+\/src\/.*\.service\.ts$/],
  ['repositories and stores (apps/*/src/**/*.{repository,store}.ts)', /^apps\/[^/]+\/src\/.*\.(repository|store)\.ts$/],
  ['gateway controllers (apps/gateway/src/**/*.controller.ts)', /^apps\/gateway\/src\/.*\.controller\.ts$/],
  ['service integration specs (apps/*/test/*.int-spec.ts)', /^apps\/[^/]+\/test\/[^/]+\.int-spec\.ts$/],
  ['all integration specs (apps/*/test and libs/*/test, *.int-spec.ts)', /^(apps|libs)\/[^/]+\/test\/[^/]+\.int-spec\.ts$/],
  ['end-to-end specs (apps/*/test/*.e2e-spec.ts)', /^apps\/[^/]+\/test\/[^/]+\.e2e-spec\.ts$/],
];

const argAt = process.argv.indexOf('--root');
const root = resolve(argAt > 0 ? process.argv[argAt + 1] : ROOT);
const out = join(root, '.data/jscpd');

function sources(dir, list = []) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') sources(path, list);
    } else if (/\.tsx?$/.test(entry.name) && !IGNORED.some((re) => re.test(`/${path}`) || re.test(path))) {
      list.push(path);
    }
  }
  return list;
}

/** apps/<name> or libs/<name>. */
const projectOf = (file) => file.split('/').slice(0, 2).join('/');

/** What a file is, for grouping clones: its role suffix (handlers, service, int-spec…) or, in the web app, its folder. */
function kindOf(file) {
  if (file.startsWith('apps/web/')) {
    if (file.includes('/test/')) return 'web browser tests (apps/web/test)';
    if (file.endsWith('.tsx')) return 'web components and pages (.tsx)';
    return 'web app (.ts)';
  }
  const name = file.split('/').pop();
  const role = name.match(/\.([a-z-]+)\.ts$/)?.[1];
  if (file.includes('/test/')) return role === 'e2e-spec' ? 'end-to-end specs (test/*.e2e-spec.ts)' : 'integration specs (test/*.int-spec.ts)';
  return role ? `*.${role}.ts` : 'other .ts';
}

function measure(pass, files) {
  const dir = join(out, pass.name);
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/jscpd/run-jscpd.js'), '--min-lines', '6', '--format', 'typescript,tsx', '--ignore', IGNORE.join(','), ...pass.flags, '--reporters', 'json', '--output', dir, '--absolute', '--silent', '--no-tips', 'apps', 'libs'],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`jscpd failed (${result.status}): ${result.stderr}${result.stdout}`);
  const report = JSON.parse(readFileSync(join(dir, 'jscpd-report.json'), 'utf8'));
  const clones = report.duplicates.map((d) => {
    const a = { file: relative(root, d.firstFile.name), start: d.firstFile.startLoc.line, end: d.firstFile.endLoc.line };
    const b = { file: relative(root, d.secondFile.name), start: d.secondFile.startLoc.line, end: d.secondFile.endLoc.line };
    return { a, b, lines: d.lines, tokens: d.tokens, kind: d.kind };
  });
  // Duplicated lines per file: the union of the fragments' line ranges (a line copied twice counts once).
  const copied = new Map();
  for (const c of clones) {
    for (const f of [c.a, c.b]) {
      const set = copied.get(f.file) ?? new Set();
      for (let line = f.start; line <= f.end; line++) set.add(line);
      copied.set(f.file, set);
    }
  }
  const perProject = new Map();
  for (const file of files) {
    const p = perProject.get(projectOf(file)) ?? { files: 0, lines: 0, duplicated: 0, clones: 0 };
    p.files += 1;
    p.lines += lineCount(file);
    p.duplicated += copied.get(file)?.size ?? 0;
    perProject.set(projectOf(file), p);
  }
  for (const c of clones) for (const p of new Set([projectOf(c.a.file), projectOf(c.b.file)])) perProject.get(p) && (perProject.get(p).clones += 1);
  const focus = FOCUS.map(([label, re]) => {
    const matched = files.filter((f) => re.test(f));
    return { label, files: matched.length, lines: matched.reduce((n, f) => n + lineCount(f), 0), duplicated: matched.reduce((n, f) => n + (copied.get(f)?.size ?? 0), 0) };
  });
  const perKind = new Map();
  for (const c of clones) {
    const kinds = [...new Set([kindOf(c.a.file), kindOf(c.b.file)])].sort().join(' ↔ ');
    const k = perKind.get(kinds) ?? { clones: 0, lines: 0, crossProject: 0 };
    k.clones += 1;
    k.lines += c.lines;
    if (projectOf(c.a.file) !== projectOf(c.b.file)) k.crossProject += 1;
    perKind.set(kinds, k);
  }
  return { total: report.statistics.total, clones, perProject, perKind, focus };
}

function lineCount(file) {
  const text = readFileSync(join(root, file), 'utf8');
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

const pct = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(2)} %` : '–');

function summary(pass, m) {
  const lines = [];
  const t = m.total;
  lines.push(`### ${pass.name}${pass.flags.length ? ` (${pass.flags.join(' ')})` : ''}`, '');
  lines.push(`${t.clones} clones, ${t.duplicatedLines} duplicated lines of ${t.lines} (${t.percentage.toFixed(2)} %), ${t.duplicatedTokens} duplicated tokens of ${t.tokens} (${t.percentageTokens.toFixed(2)} %), ${t.sources} files.`, '');
  lines.push('| app / lib | files | lines | clones touching it | duplicated lines | duplicated % |', '|---|---:|---:|---:|---:|---:|');
  for (const [project, p] of [...m.perProject].sort(([a], [b]) => a.localeCompare(b))) lines.push(`| ${project} | ${p.files} | ${p.lines} | ${p.clones} | ${p.duplicated} | ${pct(p.duplicated, p.lines)} |`);
  lines.push('', '| focus | files | lines | duplicated lines | duplicated % |', '|---|---:|---:|---:|---:|');
  for (const f of m.focus) lines.push(`| ${f.label} | ${f.files} | ${f.lines} | ${f.duplicated} | ${pct(f.duplicated, f.lines)} |`);
  lines.push('', '| between files of kind | clones | lines in clones | across apps/libs |', '|---|---:|---:|---:|');
  for (const [kinds, k] of [...m.perKind].sort(([, a], [, b]) => b.lines - a.lines).slice(0, 15)) lines.push(`| ${kinds} | ${k.clones} | ${k.lines} | ${k.crossProject} |`);
  lines.push('', '| largest clones | lines | tokens | kind |', '|---|---:|---:|---|');
  for (const c of [...m.clones].sort((a, b) => b.lines - a.lines || b.tokens - a.tokens).slice(0, 12)) lines.push(`| ${c.a.file}:${c.a.start}-${c.a.end} ↔ ${c.b.file}:${c.b.start}-${c.b.end} | ${c.lines} | ${c.tokens} | ${c.kind} |`);
  return lines.join('\n');
}

const files = sources('apps').concat(sources('libs'));
const head = spawnSync('git', ['-C', root, 'log', '-1', '--format=%h %cs %s'], { encoding: 'utf8' }).stdout.trim();
const parts = [`## ${head || root}`, '', `jscpd --min-lines 6 --format typescript,tsx --ignore ${IGNORE.join(',')} apps libs (and the same with --ignore-identifiers)`, ''];
for (const pass of PASSES) parts.push(summary(pass, measure(pass, files)), '');
const text = parts.join('\n');
writeFileSync(join(out, 'summary.md'), text);
process.stdout.write(`${text}\n(jscpd's reports and this summary: ${relative(process.cwd(), out) || out}/)\n`);
