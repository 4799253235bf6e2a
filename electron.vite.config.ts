import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// main: the Electron shell entry plus the CLI (which also hosts the demo PRM and the
// browser harness), both bundled from src-main with node_modules left external, and the
// QBR deck worker thread they start (out/main/deck-worker.js; see export/deck-worker/pool.ts)
// and the actions and health workers (out/main/actions-worker.js, health-worker.js; see
// services/actions/worker/pool.ts, services/health/worker/pool.ts), and the replica's
// background checkpoint worker (out/main/checkpoint-worker.js; see db/checkpoint/checkpointer.ts).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/app/main.ts'),
          cli: resolve(import.meta.dirname, 'src-main/cli.ts'),
          'deck-worker': resolve(import.meta.dirname, 'src-main/export/deck-worker/worker.ts'),
          'actions-worker': resolve(import.meta.dirname, 'src-main/services/actions/worker/worker.ts'),
          'health-worker': resolve(import.meta.dirname, 'src-main/services/health/worker/worker.ts'),
          'checkpoint-worker': resolve(import.meta.dirname, 'src-main/db/checkpoint/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/app/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      minify: true,
      // One style sheet, loaded at start: the pages' code is split (app/pages.ts), their
      // styles are not, so the cascade never depends on which page's code arrived first.
      cssCodeSplit: false,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
      chunkSizeWarningLimit: 2000,
    },
  },
});
