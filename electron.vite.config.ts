import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer's entry (main.tsx) sends the start-up requests, then imports the app
 * (app/start.tsx). Links to the app's chunks go into index.html beside the entry's, so the
 * browser fetches and parses them while the entry runs and the requests travel, not after.
 */
function preloadApp(): Plugin {
  let base = './';
  return {
    name: 'partnerbook:preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
        const start = [...chunks.values()].find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith('/src-renderer/app/start.tsx'));
        if (!start) throw new Error('preloadApp: no chunk for src-renderer/app/start.tsx');
        // Already linked: the entry and what it imports.
        const linked = new Set(html.match(/(?<=(src|href)=")[^"]+\.js(?=")/g)?.map((u) => u.replace(base, '')) ?? []);
        const files: string[] = [];
        const visit = (name: string) => {
          if (linked.has(name) || files.includes(name)) return;
          files.push(name);
          for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
        };
        visit(start.fileName);
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

// main: the Electron shell entry plus the CLI (which also hosts the demo PRM and the
// browser harness), both bundled from src-main with node_modules left external, and the
// QBR deck worker thread they start (out/main/deck-worker.js; see export/deck-worker/pool.ts),
// the actions, health and import workers (out/main/actions-worker.js, health-worker.js,
// import-worker.js; see services/{actions,health,import}/worker/pool.ts), the book workers of the
// forecast and ROPI (out/main/book-worker.js; see services/book-worker/pool.ts), and the replica's
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
          'import-worker': resolve(import.meta.dirname, 'src-main/services/import/worker/worker.ts'),
          'book-worker': resolve(import.meta.dirname, 'src-main/services/book-worker/worker.ts'),
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
    plugins: [react(), preloadApp()],
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
