#!/usr/bin/env node
// The web app's production build: `vite build` of apps/web into dist/apps/web, then a .br and a
// .gz beside every text asset (the gateway serves them precompressed). Skipped when nothing that
// goes into the bundle changed since the last build (a hash of apps/web and the lockfile).
//   node tools/dev/web.mjs           build if needed
//   node tools/dev/web.mjs --force   build anyway
// Plain Node (builtins only): bootstrap.mjs imports it before node_modules may exist.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { ROOT, ensureDependencies, log, run } from './bootstrap.mjs';

/** Where the build goes; the gateway serves it from there (WEB_DIST_DIR overrides). */
export const WEB_DIST = 'dist/apps/web';
const STAMP = '.build-hash';
const SKIP_DIRS = new Set(['node_modules', 'test', '.vite']);
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

function inputFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) inputFiles(join(dir, entry.name), out);
    } else if (!entry.name.endsWith('.spec.ts')) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

/** A hash of everything that can change the bundle: apps/web (not its tests), the lockfile, this script. */
export function webInputHash() {
  const hash = createHash('sha256');
  const files = [...inputFiles(join(ROOT, 'apps/web')), join(ROOT, 'package-lock.json'), join(ROOT, 'tools/dev/web.mjs')].sort();
  for (const file of files) {
    hash.update(relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.vite') precompress(path);
      continue;
    }
    if (!COMPRESSIBLE.test(entry.name) || entry.name.endsWith('.map') || statSync(path).size < 1024) continue;
    const content = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }));
  }
}

export function buildWeb({ force = false } = {}) {
  const out = join(ROOT, WEB_DIST);
  const stamp = join(out, STAMP);
  const hash = webInputHash();
  if (!force && existsSync(join(out, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    log('web app unchanged: keeping dist/apps/web');
    return;
  }
  log('building the web app (vite)…');
  run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']);
  precompress(out);
  writeFileSync(stamp, hash);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDependencies();
  buildWeb({ force: process.argv.includes('--force') });
}
