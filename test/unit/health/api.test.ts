import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { withAppHandlers } from '../../support/api';
import { createRouter } from '../../../src-main/api/router';
import { EventBus } from '../../../src-main/events';
import { fixedClock } from '../../../src-main/base/clock';
import { createSyncService } from '../../../src-main/sync/service';
import type { HealthPartnerDetail, HealthPortfolio, HealthRollup, HealthSettings } from '../../../src-shared/methods/health';
import { AS_OF, craftedBook } from './fixtures';

function router(sourceKind?: string) {
  const b = craftedBook();
  const clock = fixedClock(AS_OF);
  const events = new EventBus();
  const sync = createSyncService({ db: b.db, clock, events, source: () => null });
  const r = createRouter(withAppHandlers(createHandlers({ db: b.db, clock, events, sync, dataDir: ':memory:', sourceKind: sourceKind ? () => sourceKind : undefined }), { clock }));
  return Object.assign(r, { db: b.db });
}

async function portfolio(r: ReturnType<typeof router>, input: object): Promise<HealthPortfolio> {
  const p = await r.handle('health.portfolio', input);
  if (!p.ok) throw new Error(p.error.message);
  return p.value as HealthPortfolio;
}

describe('health API methods', () => {
  it('serves the portfolio, a partner, the roll-up and the settings through the router', async () => {
    const r = router();
    const p = await r.handle('health.portfolio', {});
    if (!p.ok) throw new Error(p.error.message);
    expect((p.value as HealthPortfolio).rows.find((x) => x.id === 'P-A')!.score).toBe(72);
    const d = await r.handle('health.partner', { id: 'P-A', asOf: '2026-03-31' });
    expect(d.ok && (d.value as HealthPartnerDetail).asOf).toBe('2026-03-31');
    const roll = await r.handle('health.rollup', { managerId: 'M-1' });
    expect(roll.ok && (roll.value as HealthRollup).totals.partners).toBe(2);
    const s = await r.handle('health.settings.get', {});
    expect(s.ok && (s.value as HealthSettings).weights.revenue).toBe(30);
  });

  it('sends the first rows of the opening order on their own, with the count of the live book', async () => {
    const r = router();
    const all = await r.handle('health.portfolio', {});
    if (!all.ok) throw new Error(all.error.message);
    const rows = (all.value as HealthPortfolio).rows;
    const live = rows.filter((x) => x.status !== 'churned');
    expect(live.length).toBeGreaterThan(1);
    const order = [...live].sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, 'en')).map((x) => x.id);
    for (const first of [1, live.length - 1, live.length + 5]) {
      const head = await r.handle('health.portfolio', { first });
      if (!head.ok) throw new Error(head.error.message);
      const h = head.value as HealthPortfolio;
      expect(h.head).toEqual({ total: live.length });
      expect(h.rows.map((x) => x.id)).toEqual(order.slice(0, first));
    }
    // The whole answer says nothing of a head.
    expect((all.value as HealthPortfolio).head).toBeUndefined();
    const bad = await r.handle('health.portfolio', { first: 0 });
    expect(!bad.ok && bad.error.issues?.[0]?.path).toBe('first');
  });

  it('while a first sync brings the book in, lists the partners arrived so far and scores none of them', async () => {
    const r = router('protocol-v1');
    const arriving = await portfolio(r, {});
    expect(arriving.rows).toEqual([]);
    expect(arriving.arriving?.records.map((x) => x.name)).toEqual(['Alpha Systems', 'Beta Empty']);
    expect(arriving.model).toMatchObject({ kind: 'rules', trainedOn: null, reason: expect.stringMatching(/still arriving/) });
    expect(arriving.arriving?.records[0]).not.toHaveProperty('score');
    // The first rows ahead of the rest: the first live partners by name, and how many have arrived.
    const head = await portfolio(r, { first: 1 });
    expect(head.arriving?.records.map((x) => x.id)).toEqual(['P-A']);
    expect(head.head).toEqual({ total: 2 });

    // The first sync finished: the book is scored.
    r.db.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('last_synced_at', '2026-04-01T09:00:00Z')").run();
    const whole = await portfolio(r, {});
    expect(whole.arriving).toBeUndefined();
    expect(whole.rows.find((x) => x.id === 'P-A')!.score).toBe(72);
  });

  it('scores an imported book (or a replica the CLI opens) at once: it has no first sync to wait for', async () => {
    for (const r of [router('spreadsheet'), router()]) {
      const p = await portfolio(r, {});
      expect(p.arriving).toBeUndefined();
      expect(p.rows.find((x) => x.id === 'P-A')!.score).toBe(72);
    }
  });

  it('names the bad field and keeps the weights when the input is wrong', async () => {
    const r = router();
    const bad = await r.handle('health.partner', { id: 'P-A', asOf: '2026-02-30x' });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
    expect(!bad.ok && bad.error.issues?.[0]?.path).toBe('asOf');
    const missing = await r.handle('health.partner', { id: 'P-NOPE' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const weights = await r.handle('health.settings.set', {
      settings: { weights: { revenue: 90, pipeline: 20, engagement: 20, enablement: 15, satisfaction: 15 }, bands: { healthy: 70, watch: 40 }, risk: { high: 0.3, medium: 0.1 } },
    });
    expect(!weights.ok && weights.error.issues?.[0]?.path).toBe('settings.weights');
    expect(!weights.ok && weights.error.message).toMatch(/add up to 100/);
    const s = await r.handle('health.settings.get', {});
    expect(s.ok && (s.value as HealthSettings).weights.revenue).toBe(30);
  });
});
