/**
 * A book still arriving (its workspace's first sync has not finished) is listed, not scored,
 * and no QBR pack or deck is made from it: each would miss part of the partner's history. No
 * plan baseline is computed from it either: a stored baseline would stay wrong.
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

  it('computes no plan baseline from part of the book; plans stay editable', async () => {
    const { r, db } = router('protocol-v1');
    // A plan made once a sync had finished; then the book counts as arriving again.
    setState(db.sqlite, 'last_synced_at', '2026-04-01T09:00:00Z');
    const made = await r.handle('plans.create', { partnerId: 'P-A', period: 'FY2026', from: 'template' });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const planId = (made.value as { id: string }).id;
    db.sqlite.prepare("DELETE FROM sync_state WHERE key = 'last_synced_at'").run();

    const arriving = /^The partner book is still arriving \(its first sync has not finished\), so (a new plan's baselines|the objective's baseline \(last period's figure\)) computed now would miss part of it\. Try again once the sync is over \(see Sync\)\.$/;
    const created = await r.handle('plans.create', { partnerId: 'P-B', period: 'FY2026', from: 'template' });
    expect(created.ok).toBe(false);
    if (!created.ok) expect(created.error.message).toMatch(arriving);
    const linked = await r.handle('objectives.upsert', { planId, fields: { metric: 'sourced_arr', target: 50_000_000, weight: 5 } });
    expect(linked.ok).toBe(false);
    if (!linked.ok) expect(linked.error.message).toMatch(arriving);
    const preview = await r.handle('objectives.preview', { planId, metric: 'sourced_arr' });
    expect(preview).toEqual({ ok: true, value: { baseline: null, actual: null } });
    // What needs no figure from the book is accepted: a custom objective, a baseline given, a target.
    expect((await r.handle('objectives.upsert', { planId, fields: { metric: 'custom', title: 'Workshops', unit: 'workshops', target: 4, weight: 5 } })).ok).toBe(true);
    expect((await r.handle('objectives.upsert', { planId, fields: { metric: 'sourced_arr', baseline: 10_000_000, target: 50_000_000, weight: 5 } })).ok).toBe(true);
    const count = () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE entity = 'jbp_objective'").get() as { n: number }).n;
    const before = count();

    setState(db.sqlite, 'last_synced_at', '2026-04-02T09:00:00Z');
    expect((await r.handle('objectives.upsert', { planId, fields: { metric: 'sourced_arr', target: 50_000_000, weight: 5 } })).ok).toBe(true);
    expect(count()).toBe(before + 1);
    const whole = await r.handle('objectives.preview', { planId, metric: 'sourced_arr' });
    expect(whole.ok && typeof (whole.value as { baseline: unknown }).baseline).toBe('number');
  });

  it('an imported book is whole once imported: its packs are made at once', async () => {
    const { r } = router('spreadsheet');
    expect((await r.handle('qbr.pack', { partnerId: 'P-A' })).ok).toBe(true);
  });
});
