/**
 * Voice of the partner on a book whose files hold no PSAT answers (AdventureWorks' order
 * export): `voice.book` says the PSAT responses are not in the book (the page says so
 * instead of tables of zeros), and a note marked as partner feedback still counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import { bookVoice } from '../../../src-main/services/voice/service';
import { queueEdits } from '../../../src-main/sync/edits';
import { REPO } from '../../support/harness';
import { AS_OF } from '../../unit/actions/fixture';
import { crafted } from '../../unit/voice/fixture';

const DATA = resolve(REPO, '../shared/data/adventureworks-reseller-channel');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the imported book's voice test: ${DATA} is not on this machine`);
const FILES = ['DimEmployee.csv', 'Resellers.csv', 'FactResellerSales.csv'];
const mapping = parseMapping(JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/adventureworks-reseller-channel.json'), 'utf8')));

describe.skipIf(!present)('voice of the partner on an imported book', () => {
  it('says its files hold no PSAT answers, and still hears a note marked as partner feedback', async () => {
    const db = openDb(':memory:');
    const clock = fixedClock('2026-12-01T09:00:00Z');
    expect(importTables(db, clock, await readFiles(FILES.map((f) => join(DATA, f))), mapping).ok).toBe(true);
    const before = bookVoice(db, '2020-05-31', null);
    expect(before.psatInBook).toBe(false);
    expect(before.tiers.reduce((n, t) => n + t.quotes, 0)).toBe(0);

    queueEdits(db.sqlite, clock, [
      {
        entity: 'note',
        id: 'N-AW-1',
        op: 'upsert',
        fields: { partner_id: '599', body: 'Partner feedback: support tickets sit for a week before anyone answers.', created_at: '2020-05-20T10:00:00Z', updated_at: '2020-05-20T10:00:00Z' },
      },
    ]);
    const after = bookVoice(db, '2020-05-31', null);
    expect(after.psatInBook).toBe(false);
    expect(after.totals.quarter.n).toBe(1);
    expect(after.themes.find((t) => t.theme === 'support')?.n).toBe(1);
    db.close();
  });

  it("a PRM's book with PSAT answers has them", () => {
    expect(bookVoice(crafted().db, AS_OF, null).psatInBook).toBe(true);
  });
});
