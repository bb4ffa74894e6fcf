import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm start` runs the gateway; the dev server forwards the API and /config.json there. */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:3000';

// `npm run web:dev` serves the app at http://localhost:5173 with hot reload (a redirect URI the
// local identity provider accepts); `npm run build` builds it into dist/apps/web for the gateway.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    // WEB_OUT_DIR: a build of one's own beside dist/apps/web (serve it with the gateway's WEB_DIST_DIR).
    outDir: process.env.WEB_OUT_DIR ? resolve(process.cwd(), process.env.WEB_OUT_DIR) : fileURLToPath(new URL('../../dist/apps/web', import.meta.url)),
    emptyOutDir: true,
    // tools/checks/web-bundle.mjs reads the manifest to measure the initial JavaScript.
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': gateway, '/config.json': gateway },
  },
  preview: { port: 5173, strictPort: true },
});
