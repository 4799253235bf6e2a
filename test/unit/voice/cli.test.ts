/**
 * `partnerbook voice`, spawned as users run it (bin/partnerbook.mjs: the built CLI when the
 * build is fresh — so the wink-nlp model loads in the bundle — else the sources).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PartnerVoice, VoiceBook } from '../../../src-shared/methods/voice';
import { AS_OF } from '../actions/fixture';
import { crafted } from './fixture';

const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'voice', ...args], { encoding: 'utf8', timeout: 60_000 });

// Each test spawns the CLI two or three times; a loaded machine takes 20 s a spawn.
describe('partnerbook voice', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-voice-cli-'));
  const db = join(dir, 'replica.sqlite');
  const b = crafted();
  writeFileSync(db, b.db.sqlite.serialize());
  b.db.close();

  it('prints the book: this quarter against the last by theme, and the most negative quotes', () => {
    const json = cli('--db', db, '--as-of', AS_OF, '--all', '--json');
    expect(json.status, json.stderr).toBe(0);
    const v = JSON.parse(json.stdout) as VoiceBook;
    expect([v.quarter, v.totals.quarter.n, v.totals.previous.n]).toEqual(['2026-Q4', 5, 2]);
    const text = cli('--db', db, '--as-of', AS_OF, '--all');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Voice of the partner, 2026-Q4 to 2026-11-20 against 2026-Q3: 5 comments \(was 2\), sentiment −0\.\d\d \(was \+\d\.\d\d\)\./);
    expect(text.stdout).toMatch(/\n {2}Deal registration {8}1 comment \(was 1\), 1 negative; sentiment −/);
    expect(text.stdout).toContain('Initech: “Support tickets sit for a week before anyone answers. Hard to reach anyone.” [Support]');
  });

  it('prints one partner: its quotes newest first and its trend', () => {
    const json = cli('--db', db, '--as-of', AS_OF, '--partner', 'P-GOLD', '--json');
    expect(json.status, json.stderr).toBe(0);
    const v = JSON.parse(json.stdout) as PartnerVoice;
    expect(v.quotes.map((q) => q.id)).toEqual(['N-LOCAL', 'N-1', 'S-3', 'S-2', 'S-1']);
    const text = cli('--db', db, '--as-of', AS_OF, '--partner', 'P-GOLD');
    expect(text.stdout).toContain('  2026-10-20  PSAT 3 ');
    expect(text.stdout).toMatch(/“Deal registration approvals take far too long\.” \[Deal registration\]/);
  });

  it('fails with one plain line for an unknown partner', () => {
    const missing = cli('--db', db, '--as-of', AS_OF, '--partner', 'P-NOPE');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('partnerbook voice: There is no partner with id P-NOPE in this book.');
  });
});
