/**
 * The kept ROPI book (services/ropi/cache.ts): the book and a partner's detail share one
 * computation, equal to a fresh one; a synced row, an edit of the settings or another day
 * computes afresh and shows the change; so does a commit by another connection to the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { cachedRopiBook, ropiComputations } from '../../../src-main/services/ropi/cache';
import { computeRopi } from '../../../src-main/services/ropi/ropi';
import { writeRopiSettings } from '../../../src-main/services/ropi/settings';
import { createSyncService } from '../../../src-main/sync/service';
import type { RopiBook, RopiPartnerDetail } from '../../../src-shared/methods/ropi';
import { withAppHandlers } from '../../support/api';
import { AS_OF, clock, ropiBook } from './fixture';

function router(db: Db) {
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  return createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: ':memory:' }), { clock }));
}

const wonT4q = (b: RopiBook, id: string) => b.rows.find((r) => r.id === id)!.trailing.attributed;
const addWon = (db: Db) =>
  db.sqlite
    .prepare(
      `INSERT INTO opportunity (id, partner_id, customer, amount, currency, stage, partner_role, created_at, close_date, last_activity_at, version)
       VALUES ('W-NEW', 'A', 'Adatum', 2000000, 'USD', 'closed_won', 'sourced', '2026-07-01', '2026-08-01', '2026-08-01', 1)`,
    )
    .run();

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('kept ROPI book', () => {
  it('serves the book and a partner from one computation, equal to a fresh one', async () => {
    const db = ropiBook();
    const r = router(db);
    const before = ropiComputations();
    const book = await r.handle('ropi.book', {});
    const one = await r.handle('ropi.partner', { id: 'A' });
    expect(ropiComputations() - before).toBe(1);
    expect(book.ok && (book.value as RopiBook).rows).toEqual(computeRopi(db, AS_OF).rows);
    expect(one.ok && (one.value as RopiPartnerDetail).row.trailing.attributed).toBe(11_000_000);
  });

  it('computes afresh after a synced row, a settings edit and on another day, and shows it', () => {
    const db = ropiBook();
    const first = cachedRopiBook(db, AS_OF);
    expect(cachedRopiBook(db, AS_OF)).toBe(first);
    addWon(db);
    const second = cachedRopiBook(db, AS_OF);
    expect(wonT4q(second, 'A')).toBe(wonT4q(first, 'A') + 2_000_000);
    writeRopiSettings(db, { rule: 'even', sourcingShare: 60, camHourlyCost: 100, camHoursPerPartnerMonth: 10 });
    const third = cachedRopiBook(db, AS_OF);
    expect(third.settings.rule).toBe('even');
    expect(third.rows.find((x) => x.id === 'A')!.camHoursPerMonth).toBe(10);
    expect(cachedRopiBook(db, '2026-11-21')).not.toBe(third);
  });

  it('computes afresh after a commit by another connection to the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ropi-cache-'));
    dirs.push(dir);
    const mem = ropiBook();
    const file = join(dir, 'replica.sqlite');
    mem.sqlite.prepare('VACUUM INTO ?').run(file);
    mem.close();
    const db = openDb(file);
    const other = openDb(file);
    try {
      const first = cachedRopiBook(db, AS_OF);
      addWon(other);
      expect(wonT4q(cachedRopiBook(db, AS_OF), 'A')).toBe(wonT4q(first, 'A') + 2_000_000);
    } finally {
      other.close();
      db.close();
    }
  });
});
