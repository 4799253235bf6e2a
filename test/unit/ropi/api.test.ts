/** ROPI through the router: the numbers, the formula text made from them, and settings refused with sentences. */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { formatMoneyShort } from '../../../src-shared/format';
import { OVER_CREDIT_NOTE, ropiFormula } from '../../../src-shared/ropi-formula';
import type { RopiBook, RopiPartnerDetail, RopiSettings } from '../../../src-shared/methods/ropi';
import { withAppHandlers } from '../../support/api';
import { clock, ropiBook } from './fixture';

function setup() {
  const db = ropiBook();
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  return { db, router: createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: ':memory:' }), { clock })) };
}

describe('ropi API', () => {
  it('returns the partner figures and the formula reads exactly those numbers', async () => {
    const { router } = setup();
    const res = await router.handle('ropi.partner', { id: 'A' });
    expect(res.ok).toBe(true);
    const d = (res as { ok: true; value: RopiPartnerDetail }).value;
    expect(d.row.trailing.attributed).toBe(11_000_000);
    expect(d.tier?.tier_id).toBe('gold');
    // MDF ROI per request: claimed M-1 at its claimed $25k with $100k pipeline (4×), approved M-2 at $10k with none
    expect(d.mdf.map((m) => [m.id, m.spend, m.pipeline, m.roi])).toEqual([
      ['M-2', 1_000_000, 0, 0],
      ['M-1', 2_500_000, 10_000_000, 4],
    ]);
    const lines = ropiFormula(d.row.trailing, (m) => formatMoneyShort(m, 'USD'), d.tier!.median);
    expect(lines.return).toBe('Return $110k = 73% of sourced $150k');
    expect(lines.investment).toBe('Investment $73k = MDF $35k + CAM time 480 h × $80');
    expect(lines.ropi).toBe('ROPI 1.5× (tier median 1.3×)');
    expect(lines.note).toBeNull();
    const missing = await router.handle('ropi.partner', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('says why an influence credit is over 100% of the partner’s own rows, and only then', () => {
    const money = (m: number) => formatMoneyShort(m, 'USD');
    const figures = { sourced: 0, influenced: 1_500_000, sourcedCredit: 0, influencedCredit: 2_940_000, attributed: 2_940_000, mdf: 0, camHours: 0, camCost: 0, investment: 0, ropi: null };
    const over = ropiFormula(figures, money, null);
    expect(over.return).toBe('Return $29k = 196% of influenced, co-sell and marketplace $15k');
    expect(over.note).toBe(OVER_CREDIT_NOTE);
    expect(ropiFormula({ ...figures, influencedCredit: 1_500_000, attributed: 1_500_000 }, money, null).note).toBeNull();
  });

  it('stores settings and the next answer follows them; refuses bad ones with a sentence naming the field and stores nothing', async () => {
    const { router } = setup();
    expect(await router.handle('ropi.settings.get', {})).toEqual({ ok: true, value: { rule: 'sourcing', sourcingShare: 60, camHourlyCost: 80, camHoursPerPartnerMonth: null } });
    const good: RopiSettings = { rule: 'even', sourcingShare: 60, camHourlyCost: 100, camHoursPerPartnerMonth: 10 };
    expect(await router.handle('ropi.settings.set', good)).toEqual({ ok: true, value: good });
    const book = await router.handle('ropi.book', {});
    expect(book.ok && (book.value as RopiBook).rows.find((r) => r.id === 'A')!.trailing.attributed).toBe(8_333_333);

    const share = await router.handle('ropi.settings.set', { ...good, sourcingShare: 120 });
    expect(share).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!share.ok && share.error.message).toMatch(/sourcing partner's share must be a percentage from 0 to 100/);
    const cost = await router.handle('ropi.settings.set', { ...good, camHourlyCost: -5 });
    expect(!cost.ok && cost.error.message).toMatch(/CAM hourly cost must be a number from 0 to 1,000,000/);
    expect(!cost.ok && cost.error.issues?.[0]?.path).toBe('camHourlyCost');
    expect(await router.handle('ropi.settings.get', {})).toEqual({ ok: true, value: good });
  });
});
