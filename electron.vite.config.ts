import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * Dev server only: React's fast refresh injects an inline preamble and talks to Vite over a
 * websocket, which the production CSP (script-src 'self') rightly blocks. Builds keep it strict.
 */
const devCsp: Plugin = {
  name: 'sealdesk-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*"),
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 (native) and the other runtime dependencies stay in node_modules.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Jobs run in worker threads; the engine finds this bundle beside index.js.
          'job-worker': resolve(__dirname, 'electron/engine/jobs/job.worker.ts'),
          // An import parses big files on a second thread (ingest/parse-thread.ts finds it here).
          'parse-worker': resolve(__dirname, 'electron/engine/ingest/parse.worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything into one CJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), devCsp],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
