/** display.get / display.set through the router: validated with sentences, stored in the replica, followed by the server's own money text. */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import type { Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { readSetting } from '../../../src-main/settings';
import { createSyncService } from '../../../src-main/sync/service';
import { formatMoneyShort, setMoneyDisplay } from '../../../src-shared/format';
import type { HealthPartnerDetail } from '../../../src-shared/methods/health';
import { DEFAULT_MONEY_DISPLAY, type MoneyDisplay } from '../../../src-shared/money-display';
import { moneyDisplaySchema } from '../../../src-shared/money-display-schema';
import { withAppHandlers } from '../../support/api';
import { AS_OF, craftedBook } from '../health/fixtures';

const NB = '\u00a0';

function open(db: Db) {
  const clock = fixedClock(AS_OF);
  const events = new EventBus();
  const changed: string[][] = [];
  events.on('data.changed', ({ entities }) => changed.push(entities));
  const sync = createSyncService({ db, clock, events, source: () => null });
  return { r: createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: ':memory:' }), { clock })), changed };
}

async function call<T>(r: ReturnType<typeof open>['r'], method: string, input: unknown): Promise<T> {
  const res = await r.handle(method, input);
  if (!res.ok) throw new Error(res.error.message);
  return res.value as T;
}

const revenueText = (d: HealthPartnerDetail) => d.current.measures.find((m) => m.component === 'revenue' && /won vs/.test(m.rawText))!.rawText;

afterEach(() => setMoneyDisplay(DEFAULT_MONEY_DISPLAY));

describe('display.set', () => {
  it('refuses a bad locale or value with a sentence naming the field, and stores nothing', async () => {
    const { db } = craftedBook();
    const { r } = open(db);
    const bad = await r.handle('display.set', { settings: { locale: 'tlh-KL', currencyAs: 'code', tableAmounts: 'compact' } });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
    expect(!bad.ok && bad.error.issues).toEqual([
      { path: 'settings.locale', message: 'Number style must be one of en-US, en-GB, en-IN, de-DE, de-CH, fr-FR; pick one from the list.' },
    ]);
    const badValue = await r.handle('display.set', { settings: { locale: 'de-DE', currencyAs: 'code', tableAmounts: 'tiny' } });
    expect(!badValue.ok && badValue.error.message).toBe('Amounts in tables and cards must be one of compact, full; pick one from the list.');
    const extra = await r.handle('display.set', { settings: { ...DEFAULT_MONEY_DISPLAY, decimals: 2 } });
    expect(!extra.ok && extra.error.message).toMatch(/'decimals' is not something that can be set/);
    expect(readSetting(db, 'money_display', moneyDisplaySchema)).toBeNull();
    expect(await call<MoneyDisplay>(r, 'display.get', {})).toEqual(DEFAULT_MONEY_DISPLAY);
    expect(formatMoneyShort(123_456_789, 'USD')).toBe('$1.2M');
  });

  it('stores the display in the replica, tells the views, and the server writes money that way from then on', async () => {
    const { db } = craftedBook();
    const { r, changed } = open(db);
    const before = revenueText(await call<HealthPartnerDetail>(r, 'health.partner', { id: 'P-A' }));
    expect(before).toMatch(/^\$\d/);

    const wanted: MoneyDisplay = { locale: 'de-DE', currencyAs: 'code', tableAmounts: 'compact' };
    expect(await call<MoneyDisplay>(r, 'display.set', { settings: wanted })).toEqual(wanted);
    expect(changed).toContainEqual(['display']);
    expect(readSetting(db, 'money_display', moneyDisplaySchema)).toEqual(wanted);
    const after = revenueText(await call<HealthPartnerDetail>(r, 'health.partner', { id: 'P-A' }));
    expect(after).not.toContain('$');
    expect(after).toMatch(new RegExp(`^[\\d,]+[kMB]?${NB}USD won vs`));

    // Another process opening the same replica (the CLI, the next start) writes money the stored way.
    setMoneyDisplay(DEFAULT_MONEY_DISPLAY);
    const again = open(db);
    expect(await call<MoneyDisplay>(again.r, 'display.get', {})).toEqual(wanted);
    expect(revenueText(await call<HealthPartnerDetail>(again.r, 'health.partner', { id: 'P-A' }))).toBe(after);

    // Back to the defaults: "$" again.
    await call(again.r, 'display.set', { settings: DEFAULT_MONEY_DISPLAY });
    expect(revenueText(await call<HealthPartnerDetail>(again.r, 'health.partner', { id: 'P-A' }))).toBe(before);
  });
});
