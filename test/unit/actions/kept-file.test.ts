/**
 * The kept ranking's file (services/actions/kept.ts): what is written reads back the same,
 * only under its own key, and a file cut short, replaced or of garbage reads as no ranking.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEvidence, keptFileOf, KEPT_DATES, pruneKept, readKept, writeKept } from '../../../src-main/services/actions/kept';
import { rankActions } from '../../../src-main/services/actions/service';
import { AS_OF, stalledBook } from './fixture';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function written(key = 'the key') {
  const dir = mkdtempSync(join(tmpdir(), 'pb-kept-file-'));
  dirs.push(dir);
  const file = join(dir, 'replica.sqlite.actions-kept');
  const b = stalledBook();
  // A partner name beyond ASCII: texts are kept as UTF-8 and cut back in UTF-16 units.
  b.db.sqlite.prepare("UPDATE partner SET name = 'Ærø Systèmes 🚀 GmbH' WHERE id = 'P-1'").run();
  const { items, evidence } = rankActions(b.db, AS_OF);
  const built = items.map((a) => evidence.get(a.key)!());
  writeKept(file, key, items, built.map(encodeEvidence));
  return { file, items, built };
}

describe('the kept ranking file', () => {
  it('reads back the same items, and the evidence of the keys asked for', () => {
    const { file, items, built } = written();
    expect(items.length).toBeGreaterThan(2);
    const r = readKept(file, 'the key')!;
    expect(r.items).toEqual(items);
    expect(r.items.some((a) => a.partnerName === 'Ærø Systèmes 🚀 GmbH')).toBe(true);
    const ev = r.evidence([items[1]!.key, 'no such key', items[0]!.key])!;
    expect([...ev.keys()]).toEqual([items[1]!.key, items[0]!.key]);
    expect(ev.get(items[0]!.key)).toEqual(built[0]);
    expect(ev.get(items[1]!.key)).toEqual(built[1]);
    expect(Object.fromEntries(r.evidence(items.map((a) => a.key))!)).toEqual(Object.fromEntries(items.map((a, i) => [a.key, built[i]])));
  });

  it('is no ranking under another key, when missing, cut short anywhere, or garbage', () => {
    const { file } = written();
    expect(readKept(file, 'another key')).toBeNull();
    expect(readKept(`${file}-missing`, 'the key')).toBeNull();
    const whole = readFileSync(file);
    for (const cut of [3, 20, Math.floor(whole.length / 3), whole.length - 1]) {
      writeFileSync(file, whole.subarray(0, cut));
      expect(readKept(file, 'the key')).toBeNull();
    }
    writeFileSync(file, 'not a ranking at all');
    expect(readKept(file, 'the key')).toBeNull();
  });

  it("answers no evidence once the file was replaced by another ranking's (rank again)", () => {
    const { file, items } = written();
    const r = readKept(file, 'the key')!;
    expect(r.evidence([items[0]!.key])?.size).toBe(1);
    const later = written('a later key');
    writeFileSync(file, readFileSync(later.file));
    expect(r.evidence([items[0]!.key])).toBeNull();
  });

  it('keeps the rankings of the last dates written, and clears what a crash left mid-write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-kept-prune-'));
    dirs.push(dir);
    const replica = join(dir, 'replica.sqlite');
    writeFileSync(replica, '');
    const dates = ['2026-06-30', '2026-09-30', '2026-11-19', '2026-11-20', '2026-11-21'];
    const now = Date.now() / 1000;
    dates.forEach((d, i) => {
      writeFileSync(keptFileOf(replica, d), d);
      utimesSync(keptFileOf(replica, d), now - 100 + i, now - 100 + i);
    });
    writeFileSync(`${keptFileOf(replica, '2026-11-20')}.tmp-1-1`, 'old half');
    utimesSync(`${keptFileOf(replica, '2026-11-20')}.tmp-1-1`, now - 7200, now - 7200);
    writeFileSync(`${keptFileOf(replica, '2026-11-21')}.tmp-2-2`, 'being written');
    pruneKept(replica);
    expect(KEPT_DATES).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(
      ['replica.sqlite', ...dates.slice(-3).map((d) => `replica.sqlite.actions-kept-${d}`), 'replica.sqlite.actions-kept-2026-11-21.tmp-2-2'].sort(),
    );
  });
});
