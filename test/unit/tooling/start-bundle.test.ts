/**
 * What a fresh window parses and runs before the Portfolio's first rows (issue 17): the
 * renderer's entry (main.tsx) and the app it imports (app/start.tsx), with every module
 * they import statically. Dynamic `import()`s are chunks of their own, loaded later
 * (app/lazy.ts, app/pages.ts), and `import type` leaves nothing behind. The schemas stay
 * out (zod: ~90 KB and ~25 ms of schema building), as do the quick search's index and the
 * Radix dialog the workspace forms and dialogs use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/** The value imports of a module: `import x from`, `import { a } from`, `export … from`, `import '…'`; not `import type`, not `import()`. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?:([^'";]*?)\s+from\s+)?'([^']+)'/gm;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const clause = (m[1] ?? '').trim();
    const spec = m[2]!;
    if (clause.startsWith('type ')) continue;
    // `import { type A, type B } from` carries no value either.
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (named && named[1]!.split(',').every((n) => !n.trim() || n.trim().startsWith('type '))) continue;
    out.push(spec);
  }
  return out;
}

function resolveModule(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return spec; // a package
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null; // a stylesheet or an asset
}

/** Every module and package the entries reach through static value imports. */
function startGraph(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = entries.map((e) => resolve(root, e));
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      const target = resolveModule(file, spec);
      if (target === null) continue;
      if (target === spec) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      else todo.push(target);
    }
  }
  return { files, packages };
}

describe('the renderer start-up bundle', () => {
  const graph = startGraph(['src-renderer/main.tsx', 'src-renderer/app/start.tsx']);
  const files = [...graph.files].map((f) => relative(root, f));

  it('reaches the Portfolio page (the sanity check of the walk)', () => {
    expect(files).toContain('src-renderer/pages/portfolio/PortfolioPage.tsx');
    expect(graph.packages).toContain('react-dom');
  });

  it('carries no schema library: the renderer reads constants from zod-free modules', () => {
    expect([...graph.packages]).not.toContain('zod');
  });

  it('leaves the quick search, the dialogs and the workspace forms to chunks of their own', () => {
    expect([...graph.packages]).not.toContain('minisearch');
    expect([...graph.packages]).not.toContain('@radix-ui/react-dialog');
    for (const lazyOne of ['src-renderer/app/QuickSearch.tsx', 'src-renderer/workspaces/Welcome.tsx', 'src-renderer/components/Dialogs.tsx']) {
      expect(files).not.toContain(lazyOne);
    }
  });

  it('sends the start-up requests from an entry that imports only the API client (with its harness transport) and the route', () => {
    const entry = startGraph(['src-renderer/main.tsx']);
    expect([...entry.files].map((f) => relative(root, f)).sort()).toEqual(
      ['src-renderer/api/boot-requests.ts', 'src-renderer/api/client.ts', 'src-renderer/api/http-bridge.ts', 'src-renderer/app/router.ts', 'src-renderer/main.tsx'].sort(),
    );
  });
});
