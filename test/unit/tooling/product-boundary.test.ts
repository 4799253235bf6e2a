/**
 * The demo PRM is a developer tool (tools/demo-prm), not product code: no product file
 * imports it, and the built bundle that ships (out/) contains none of its code — no
 * generator, no fault injection, no /admin endpoints.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function filesUnder(dir: string, exts: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.test(name)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('product code and the demo PRM tool', () => {
  it('no file under src-main, src-renderer or src-shared imports tools/', () => {
    const offenders: string[] = [];
    for (const tree of ['src-main', 'src-renderer', 'src-shared']) {
      for (const file of filesUnder(join(root, tree), /\.(ts|tsx|js|mjs)$/)) {
        const text = readFileSync(file, 'utf8');
        const specs = [...text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
        for (const spec of specs) {
          if (/(^|\/)tools\//.test(spec) || /demo-prm\/(server|store|generator|faults|mutations|simulate)/.test(spec)) {
            offenders.push(`${relative(root, file)} imports ${spec}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the built bundle holds no demo PRM code: no generator, fault injection or /admin endpoints', (ctx) => {
    const out = join(root, 'out');
    const bundle = filesUnder(out, /\.(js|cjs|mjs|html)$/);
    if (bundle.length === 0) {
      console.log('skipped: no build in out/ (npm test builds before it runs this test)');
      ctx.skip();
    }
    // Strings that only the demo PRM has: its admin routes, fault flags and generator.
    const markers = ['/admin/faults', '/admin/simulate', '/admin/compact', 'fail-every', 'truncate-every', 'FaultInjector', 'generateBook', 'TRAJECTORIES'];
    const found: string[] = [];
    for (const file of bundle) {
      const text = readFileSync(file, 'utf8');
      for (const m of markers) if (text.includes(m)) found.push(`${relative(root, file)}: ${m}`);
    }
    expect(found).toEqual([]);
  });
});
