import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HealthPartnerDetail, HealthScore } from '../../../src-shared/methods/health';
import { AS_OF, craftedBook } from './fixtures';

const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'health', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('partnerbook health', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-health-cli-'));
  const db = join(dir, 'replica.sqlite');
  craftedBook(db).db.close();

  it('prints every partner with its explanation as JSON', () => {
    const r = cli('--db', db, '--as-of', AS_OF, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { asOf: string; model: { kind: string }; partners: (HealthScore & { id: string })[] };
    expect(out.asOf).toBe(AS_OF);
    expect(out.model.kind).toBe('rules');
    const a = out.partners.find((p) => p.id === 'P-A')!;
    expect(a.score).toBe(72);
    expect(a.measures.reduce((s, m) => s + m.points, 0)).toBe(72);
    expect(a.measures[0]).toMatchObject({ key: 'revenue.vs_target', rawText: '$150k won vs $200k target', points: 16 });
  });

  it('prints one partner in full with --partner, in JSON and in words', () => {
    const r = cli('--db', db, '--as-of', AS_OF, '--partner', 'P-A', '--json');
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as HealthPartnerDetail;
    expect(d.current.score).toBe(72);
    expect(d.trend).toHaveLength(8);
    expect(d.eligibility.nextText).toBe('To reach Gold: +$400k sourced ARR, +3 certified people');
    const text = cli('--db', db, '--as-of', AS_OF, '--partner', 'P-A');
    expect(text.stdout).toMatch(/health 72 \(healthy\)/);
    expect(text.stdout).toMatch(/16 pts {2}Won ARR vs tier target/);
  });

  it('fails with one plain line for bad input', () => {
    const missing = cli('--db', db, '--as-of', AS_OF, '--partner', 'P-NOPE');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe("partnerbook health: No partner with id 'P-NOPE' in this book.");
    const bad = cli('--db', db, '--as-of', '2026-13-45');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--as-of must be a date/);
    const nodb = cli('--db', join(dir, 'nope.sqlite'));
    expect(nodb.status).toBe(1);
    expect(nodb.stderr).toMatch(/no replica at/);
  });
});
