#!/usr/bin/env node
/**
 * `npm start`: always ends with a running Partnerbook on the demo book.
 *
 * - Electron's binary installed: `electron-vite build`, then `electron-vite preview` (the
 *   real desktop app).
 * - Otherwise (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, as on the build machines):
 *   `electron-vite build`, then the browser harness `node bin/partnerbook.mjs web`, whose
 *   output (including the URL to open) is forwarded as is.
 *
 * Extra arguments go to the final command, e.g. `npm start -- --port 5173`.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Partnerbook needs Node 22.12 or newer (Electron 45 embeds Node 24); this is Node ${process.versions.node}.\n` +
      'Install Node 24 (https://nodejs.org) or, on the build machines, run: ../shared/bin/node24 npm start',
  );
  process.exit(1);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

/**
 * Where `require('electron')` would point, if that file exists and is executable. This
 * mirrors node_modules/electron/index.js without calling it: that module starts a
 * download when the binary is missing, which must not happen here.
 */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let full;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) full = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
  else if (rel) full = join(pkgDir, 'dist', rel);
  else return null;
  try {
    accessSync(full, constants.X_OK);
    return full;
  } catch {
    return null;
  }
}

function electronViteBin() {
  const pkgPath = require.resolve('electron-vite/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['electron-vite'];
  return join(dirname(pkgPath), bin);
}

let child = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child && child.exitCode === null) child.kill(signal);
    else process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0));
  });
}

/** Runs `node <args>` in the repo with inherited stdio; resolves to its exit code. */
function runNode(args) {
  return new Promise((resolveRun) => {
    child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
    child.on('error', (err) => {
      console.error(`npm start: could not run ${args.join(' ')}: ${err.message}`);
      resolveRun(1);
    });
    child.on('exit', (code, signal) => {
      child = null;
      resolveRun(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0) : 1));
    });
  });
}

const electronVite = electronViteBin();
const electron = electronBinary();
if (!electron) {
  console.log(
    "Electron's binary is not installed on this machine; starting the browser harness instead — open the URL below",
  );
}

const built = await runNode([electronVite, 'build']);
if (built !== 0) {
  console.error(`npm start: electron-vite build failed (exit ${built})`);
  process.exit(built);
}

const code = electron
  ? await runNode([electronVite, 'preview', ...passThrough])
  : await runNode([join(root, 'bin/partnerbook.mjs'), 'web', ...passThrough]);
process.exit(code);
