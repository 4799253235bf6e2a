/**
 * A book still arriving (its workspace's first sync has not finished) is listed, not scored,
 * and no QBR pack or deck is made from it: each would miss part of the partner's history.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { setState } from '../../../src-main/sync/state';
import { withAppHandlers } from '../../support/api';
import { AS_OF, craftedBook } from '../health/fixtures';

function router(sourceKind: string) {
  const b = craftedBook();
  const clock = fixedClock(AS_OF);
  const events = new EventBus();
  const sync = createSyncService({ db: b.db, clock, events, source: () => null });
  const r = createRouter(withAppHandlers(createHandlers({ db: b.db, clock, events, sync, dataDir: ':memory:', sourceKind: () => sourceKind }), { clock }));
  return { r, db: b.db };
}

describe('a book still arriving', () => {
  it('makes no QBR pack or deck until the first sync is over, and says why', async () => {
    const { r, db } = router('protocol-v1');
    for (const [method, input] of [
      ['qbr.pack', { partnerId: 'P-A' }],
      ['qbr.download', { partnerId: 'P-A', format: 'pptx' }],
      ['qbr.batch.start', { filter: {}, format: 'pptx' }],
    ] as const) {
      const refused = await r.handle(method, input);
      expect(refused.ok, method).toBe(false);
      if (refused.ok) continue;
      expect(refused.error.code).toBe('unavailable');
      expect(refused.error.message).toMatch(/^The partner book is still arriving \(its first sync has not finished\), so (a QBR pack|a QBR deck|QBR decks) made now would miss part of it\. Try again once the sync is over/);
    }
    setState(db.sqlite, 'last_synced_at', '2026-04-01T09:00:00Z');
    const pack = await r.handle('qbr.pack', { partnerId: 'P-A' });
    expect(pack.ok).toBe(true);
  });

  it('an imported book is whole once imported: its packs are made at once', async () => {
    const { r } = router('spreadsheet');
    expect((await r.handle('qbr.pack', { partnerId: 'P-A' })).ok).toBe(true);
  });
});
