import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import type { ActionList } from '../../../src-shared/methods/actions';
import { AS_OF, book } from './fixture';

const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'actions', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('partnerbook actions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-actions-cli-'));
  const path = join(dir, 'replica.sqlite');
  const b = book();
  b.partner('P-1', { tier_id: 'registered' });
  b.opp('O-1', 'P-1', { last_activity_at: '2026-09-01', amount: 12_000_000 });
  b.reg('R-1', 'P-1', { submitted_at: '2026-11-01' });
  b.db.sqlite.exec(`VACUUM INTO '${path}'`);
  // A second book with more actions than Today holds (25 stalled deals, idle since June to
  // October, of three partners), so they fill Today and This week, for --limit.
  const wide = join(dir, 'wide.sqlite');
  const w = book();
  for (const p of ['P-1', 'P-2', 'P-3']) w.partner(p, { tier_id: 'registered' });
  for (let i = 0; i < 25; i++) {
    const day = new Date(Date.UTC(2026, 5, 1 + 5 * i)).toISOString().slice(0, 10);
    w.opp(`O-${i + 1}`, `P-${(i % 3) + 1}`, { last_activity_at: day, amount: 1_000_000 * ((i * 7) % 11 + 1) });
  }
  w.reg('R-1', 'P-2', { submitted_at: '2026-11-01' });
  w.db.sqlite.exec(`VACUUM INTO '${wide}'`);
  openDb(wide).close();
  openDb(path).close();

  it('prints the ranked actions as JSON with evidence and priority factors', () => {
    const r = cli('--db', path, '--as-of', AS_OF, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ActionList;
    expect(out.asOf).toBe(AS_OF);
    expect(out.actions.map((a) => a.key)).toEqual(['stalled_opportunity:O-1:2026-09-01', 'reg_pending:R-1:2026-11-01']);
    expect(out.actions[0]!.priority).toMatchObject({ impact: 120_000, urgency: 1, confidence: 0.6, score: 72_000 });
  });

  it('--limit N prints the first N actions of the whole list, with the whole list\'s counts', () => {
    const all = cli('--db', wide, '--as-of', AS_OF, '--all', '--json');
    expect(all.status, all.stderr).toBe(0);
    const full = JSON.parse(all.stdout) as ActionList;
    const buckets = new Set(full.actions.map((a) => a.bucket));
    expect(buckets.size, 'the book has actions in more than one bucket').toBeGreaterThan(1);
    // Around Today's end (its capacity) and the list's.
    const cap = full.capacity;
    const len = full.actions.length;
    for (const n of [1, cap - 1, cap, cap + 1, cap + 2, len - 1, len, len + 1]) {
      const r = cli('--db', wide, '--as-of', AS_OF, '--all', '--json', '--limit', String(n));
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as ActionList;
      expect(out.actions, `--limit ${n}`).toEqual(full.actions.slice(0, n));
      expect(out.buckets).toEqual(full.buckets);
      expect(out.openCount).toBe(full.openCount);
    }
  });

  it('prints words, filters by rule, and names bad flags', () => {
    const text = cli('--db', path, '--as-of', AS_OF, '--rule', 'reg_pending');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^1 open action as of 2026-11-20/);
    expect(text.stdout).toMatch(/\[Registration pending\] Get a decision on Partner P-1/);
    expect(cli('--db', path, '--as-of', AS_OF).stdout).toContain('$120,000 × 1.00 × 0.60 = 72,000');
    const bad = cli('--db', path, '--as-of', '20-11-2026');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--as-of must be a date YYYY-MM-DD/);
    expect(cli('--db', path, '--rule', 'nope').stderr).toMatch(/--rule must be one of/);
    expect(cli('--db', join(dir, 'missing.sqlite')).stderr).toMatch(/no replica at/);
  });
});
