#!/usr/bin/env node
// The web app's first-load budget: the JavaScript a browser must fetch before it can show anything
// (the entry chunk and everything it imports statically, not the lazily loaded pages), gzipped,
// must stay under 400 KB. Reads Vite's manifest of the last build (dist/apps/web/.vite/manifest.json).
//   node tools/checks/web-bundle.mjs        prints the figure, exits 1 over budget
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist/apps/web');
export const BUDGET_BYTES = 400 * 1024;

/** The chunks loaded before the app can render: the entry and its static imports, transitively. */
export function initialChunks(manifest) {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  for (const [key] of entries) visit(key);
  return [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
}

export function measure(dist = DIST) {
  const manifestFile = join(dist, '.vite/manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build the web app first (npm run build).`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const files = initialChunks(manifest).map((file) => {
    const content = readFileSync(join(dist, file));
    return { file, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((n, f) => n + f.gzip, 0), raw: files.reduce((n, f) => n + f.raw, 0) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  let result;
  try {
    result = measure();
  } catch (error) {
    process.stderr.write(`\x1b[31m[congress] ${error.message}\x1b[0m\n`);
    process.exit(1);
  }
  for (const f of result.files) process.stdout.write(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}\n`);
  const verdict = `initial JavaScript: ${kb(result.gzip)} gzipped (${kb(result.raw)} raw) of a ${kb(BUDGET_BYTES)} budget`;
  if (result.gzip > BUDGET_BYTES) {
    process.stderr.write(`\x1b[31m[congress] web bundle over budget: ${verdict}. Load more lazily (pages are lazy routes; heavy libraries belong in the pages that use them).\x1b[0m\n`);
    process.exit(1);
  }
  process.stdout.write(`\x1b[36m[congress]\x1b[0m web bundle ok: ${verdict}\n`);
}
