#!/usr/bin/env node
// The `partnerbook` command. It runs the built JavaScript (out/main/cli.js, made by
// `npm run build` with the rest of the app), so a command starts without compiling
// anything and needs only the production dependencies.
//
// Not built: in a developer checkout (the TypeScript sources and tsx are there) it runs
// the sources through tsx instead, and it does the same when a source file is newer than
// the build, so a checkout never runs stale code; elsewhere it says to build first and
// exits 1. PARTNERBOOK_FROM_SOURCE=1 forces the sources in a checkout.
//
// A checkout also adds the developer tools that never ship with the product (the demo
// PRM); they are TypeScript and always run through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`partnerbook needs Node 22.12 or newer; this is Node ${process.versions.node}.\n`);
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');
const sources = join(root, 'src-main', 'cli.ts');

/** The newest modification time under the source folders the CLI is built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['src-main', 'src-shared']) if (existsSync(join(root, d))) walk(join(root, d));
  return newest;
}

let tsxRegistered = false;
async function useTsx() {
  if (tsxRegistered) return true;
  try {
    const { register } = await import('tsx/esm/api');
    register();
    tsxRegistered = true;
    return true;
  } catch {
    return false;
  }
}

const checkout = existsSync(sources);
const fresh = existsSync(built) && (!checkout || process.env.PARTNERBOOK_FROM_SOURCE !== '1') && (!checkout || statSync(built).mtimeMs >= newestSource());

let main;
if (fresh) {
  try {
    ({ main } = await import(built));
  } catch (err) {
    // a build being rewritten right now (a checkout's `npm run build`): the sources instead
    if (!checkout || !(await useTsx())) throw err;
  }
}
if (!main && checkout && (await useTsx())) {
  if (process.stderr.isTTY && process.env.PARTNERBOOK_FROM_SOURCE !== '1') {
    process.stderr.write(
      `partnerbook: running from the TypeScript sources (${existsSync(built) ? 'they are newer than the build' : 'not built yet'}); \`npm run build\` makes it start faster.\n`,
    );
  }
  ({ main } = await import('../src-main/cli.ts'));
} else if (!main && existsSync(built)) {
  // A checkout without tsx (production dependencies only): the build is all there is.
  ({ main } = await import(built));
} else if (!main) {
  process.stderr.write(`partnerbook is not built: ${built} is missing. Run \`npm run build\` in ${root} first (after \`npm ci\`).\n`);
  process.exit(1);
}

const tools = existsSync(join(root, 'tools', 'demo-prm', 'cli.ts'))
  ? {
      'demo-prm': {
        summary: 'run the demo PRM server on 127.0.0.1 (developer tool)',
        load: async () => {
          if (!(await useTsx())) throw new Error('the demo PRM is a developer tool: it needs the dev dependencies (`npm ci`)');
          return import('../tools/demo-prm/cli.ts');
        },
      },
    }
  : {};
process.exitCode = await main(process.argv.slice(2), tools);
