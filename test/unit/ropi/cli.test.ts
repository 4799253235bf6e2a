/**
 * `partnerbook ropi`, spawned as users run it (bin/partnerbook.mjs: the built CLI when the
 * build is fresh, else the sources): the book as JSON and as lines, one partner's formula
 * with the same lines the partner page shows, and one plain line for bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMoneyShort } from '../../../src-shared/format';
import type { RopiBook, RopiPartnerDetail } from '../../../src-shared/methods/ropi';
import { ropiFormula } from '../../../src-shared/ropi-formula';
import { AS_OF, ropiBook } from './fixture';

const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'ropi', ...args], { encoding: 'utf8', timeout: 60_000 });

// Each test spawns the CLI two or three times; a loaded machine takes 20 s a spawn.
describe('partnerbook ropi', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-ropi-cli-'));
  const db = join(dir, 'replica.sqlite');
  const book = ropiBook();
  writeFileSync(db, book.sqlite.serialize());
  book.close();

  it('prints every partner with its figures as JSON, and in lines highest ROPI first', () => {
    const r = cli('--db', db, '--as-of', AS_OF, '--all', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as RopiBook & { scope: string };
    expect(out.scope).toBe('all');
    expect(out.quarters).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    expect(out.rows.find((x) => x.id === 'A')!.trailing.attributed).toBe(11_000_000);
    const text = cli('--db', db, '--as-of', AS_OF, '--all');
    expect(text.status, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^4 partners, ROPI over 2025-Q4 to 2026-Q3 as of 2026-11-20, highest first\. Tier medians: Gold 1\.3×, Silver /);
    expect(lines[1]).toMatch(/^Sourcing partner first/);
    expect(lines.find((l) => l.startsWith('A '))).toMatch(/1\.5× +\$110k attributed \(\$150k sourced, \$0 influenced\) ÷ \$73k {2}Alpha$/);
  });

  it('prints one partner with the formula the partner page shows', () => {
    const json = cli('--db', db, '--as-of', AS_OF, '--partner', 'A', '--json');
    expect(json.status, json.stderr).toBe(0);
    const d = JSON.parse(json.stdout) as RopiPartnerDetail;
    const lines = ropiFormula(d.row.trailing, (m) => formatMoneyShort(m, 'USD'), d.tier!.median);
    const text = cli('--db', db, '--as-of', AS_OF, '--partner', 'A');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(`  ${lines.return}\n  ${lines.investment}\n  ${lines.ropi}\n`);
    expect(text.stdout).toContain('  Investment $73k = MDF $35k + CAM time 480 h × $80');
    expect(text.stdout).toMatch(/^Alpha \(A, Gold\) — ROPI 1\.5×, 2025-Q4 to 2026-Q3 as of 2026-11-20/);
    expect(text.stdout).toMatch(/MDF requests: .*\$100k pipeline ÷ \$25k = 4\.0×/);
  });

  it('fails with one plain line for bad input', () => {
    const missing = cli('--db', db, '--as-of', AS_OF, '--partner', 'NOPE');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('partnerbook ropi: There is no partner with id NOPE in this book.');
    const bad = cli('--db', db, '--as-of', '2026-02-30');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--as-of must be a date/);
    const nodb = cli('--db', join(dir, 'nope.sqlite'));
    expect(nodb.status).toBe(1);
    expect(nodb.stderr).toMatch(/no replica at/);
  });
});
