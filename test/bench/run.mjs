#!/usr/bin/env node
/**
 * Runs a benchmark on the code as the app ships it: `test/bench/<name>.bench.ts` and what it
 * imports, bundled into one module by Vite (the bundler electron-vite builds the main process
 * with), node_modules left external, then run by Node.
 *
 * Why not tsx: tsx transpiles each module on its own, so every call into another module goes
 * through an export getter, and it wraps every function to keep its name. The built app has
 * neither. On the large book that made the actions computation 10–20% slower than the same
 * code bundled, while the SQL floors it is measured against (SQLite's own time) do not change:
 * the ratios overstated the JavaScript's cost.
 *
 * Each module keeps its own `import.meta.url` (and `dirname` / `filename`) in the bundle, so
 * paths resolved from a module (the repository root, a worker's script next to its pool) are
 * what they are from the sources. Workers the code starts still run from the sources, through
 * tsx (their worker-dev.mjs).
 *
 *   node test/bench/run.mjs actions [-- args]   # what `npm run bench:actions` runs
 *   BENCH_TSX=1 node test/bench/run.mjs actions # the same bench through tsx, to compare
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const [name, ...args] = process.argv.slice(2);
const entry = name ? join(here, `${name}.bench.ts`) : '';
if (!name || !existsSync(entry)) {
  process.stderr.write(`usage: node test/bench/run.mjs <name> [args]: no benchmark ${entry || '(none named)'}\n`);
  process.exit(2);
}

/** Each module's `import.meta.url`, `dirname` and `filename` written in as its own source file's. */
function ownImportMeta() {
  return {
    name: 'partnerbook:own-import-meta',
    transform(code, id) {
      if (!/\.[cm]?[jt]sx?$/.test(id) || id.includes('/node_modules/') || !code.includes('import.meta.')) return null;
      const file = id.split('?')[0];
      const out = code
        .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(file).href))
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(file)))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(file));
      return { code: out, map: null };
    },
  };
}

let script = entry;
const runner = [];
if (process.env.BENCH_TSX === '1') {
  runner.push('--import', 'tsx');
} else {
  const outDir = join(repo, 'node_modules/.cache/partnerbook-bench');
  mkdirSync(outDir, { recursive: true });
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repo,
    plugins: [ownImportMeta()],
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
  script = join(outDir, `${name}.bench.mjs`);
}
const run = spawnSync(process.execPath, [...runner, script, ...args], { stdio: 'inherit', cwd: repo });
process.exit(run.status ?? 1);
