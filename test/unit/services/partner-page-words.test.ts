/**
 * One meaning per word (issue 14 point 3) on the partner page: its "n active in the last
 * 30 days" is the count the health score's engagement measure explains ("6 of 25
 * contacts"), and what it marks stalled or expiring follows Settings › Actions, as the
 * Actions list does.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import type { HealthPartnerDetail } from '../../../src-shared/methods/health';
import type { PartnerDetail, PartnerRow } from '../../../src-shared/methods/partners';
import { PrmStore } from '../../../tools/demo-prm/store';
import { withAppHandlers } from '../../support/api';
import { replicaOf } from '../../support/replica-of';

const AS_OF = '2026-11-20';

function demoRouter() {
  const store = PrmStore.open(':memory:');
  store.loadBook({ seed: 42, scale: 'small', asOf: AS_OF });
  const db = replicaOf(store);
  store.close();
  const clock = fixedClock(AS_OF);
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const r = createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: ':memory:' }), { clock }));
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await r.handle(method, input);
    if (!res.ok) throw new Error(res.error.message);
    return res.value as T;
  };
  return { call, db };
}

describe('the partner page counts as the health score and the Actions list do', () => {
  it('"active in the last 30 days" is the health measure\'s count of active contacts, for every partner', async () => {
    const { call } = demoRouter();
    const rows = await call<PartnerRow[]>('partners.list', { scope: 'all' });
    let differentFromLogins = 0;
    for (const row of rows.slice(0, 60)) {
      const page = await call<PartnerDetail>('partners.get', { id: row.id });
      const health = await call<HealthPartnerDetail>('health.partner', { id: row.id });
      const measure = health.current.measures.find((m) => m.key === 'engagement.active_contacts');
      if (!measure || page.contacts.length === 0) continue;
      // "6 of 25 contacts (24%)": the first number is what the page says.
      expect(Number(/^(\d+) of /.exec(measure.rawText)?.[1]), `${row.id}: ${measure.rawText}`).toBe(page.active_contacts);
      const byLogin = page.contacts.filter((c) => c.last_login_at && c.last_login_at.slice(0, 10) >= '2026-10-21').length;
      if (byLogin !== page.active_contacts) differentFromLogins++;
    }
    // The old page counted portal logins instead; on this book the two differ for some partners.
    expect(differentFromLogins).toBeGreaterThan(0);
  });

  it('stalled and expiring follow Settings › Actions', async () => {
    const { call } = demoRouter();
    const rows = await call<PartnerRow[]>('partners.list', { scope: 'all' });
    const before = await call<PartnerDetail>('partners.get', { id: rows[0]!.id });
    expect(before.thresholds).toEqual({ stalledDays: 45, regExpiringDays: 14, certExpiringDays: 60 });
    await call('actions.updateSettings', { stalledDays: 20, regExpiringDays: 30, certExpiringDays: 90 });
    const after = await call<PartnerDetail>('partners.get', { id: rows[0]!.id });
    expect(after.thresholds).toEqual({ stalledDays: 20, regExpiringDays: 30, certExpiringDays: 90 });
  });
});
