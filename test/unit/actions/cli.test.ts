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
  openDb(path).close();

  it('prints the ranked actions as JSON with evidence and priority factors', () => {
    const r = cli('--db', path, '--as-of', AS_OF, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ActionList;
    expect(out.asOf).toBe(AS_OF);
    expect(out.actions.map((a) => a.key)).toEqual(['stalled_opportunity:O-1:2026-09-01', 'reg_pending:R-1:2026-11-01']);
    expect(out.actions[0]!.priority).toMatchObject({ impact: 120_000, urgency: 1, confidence: 0.6, score: 72_000 });
  });

  it('prints words, filters by rule, and names bad flags', () => {
    const text = cli('--db', path, '--as-of', AS_OF, '--rule', 'reg_pending');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^1 open actions as of 2026-11-20/);
    expect(text.stdout).toMatch(/\[Registration pending\] Get a decision on Partner P-1/);
    expect(cli('--db', path, '--as-of', AS_OF).stdout).toContain('$120,000 × 1.00 × 0.60 = 72,000');
    const bad = cli('--db', path, '--as-of', '20-11-2026');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--as-of must be a date YYYY-MM-DD/);
    expect(cli('--db', path, '--rule', 'nope').stderr).toMatch(/--rule must be one of/);
    expect(cli('--db', join(dir, 'missing.sqlite')).stderr).toMatch(/no replica at/);
  });
});
