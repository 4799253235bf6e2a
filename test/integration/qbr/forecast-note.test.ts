/**
 * Issue 16: the forecast reaches the QBR deck's internal notes, and only them. A deck of the
 * running quarter carries the partner's forecast for the next two quarters (the same figures
 * the partner page shows) in the summary's internal notes; the partner-facing slides never
 * mention it, and a deck of a past quarter leaves it out (a forecast made today says nothing
 * about it). Through the API router, as the app builds the services.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { formatMoneyShort } from '../../../src-shared/format';
import type { ForecastPartnerDetail } from '../../../src-shared/methods/forecast';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/index';
import { withAppHandlers } from '../../support/api';

const AS_OF = '2026-11-20';

describe('the forecast in the QBR deck', () => {
  let prm: DemoPrm;
  let db: Db;
  let dir: string;
  let call: <T>(method: string, input?: unknown) => Promise<T>;

  beforeAll(async () => {
    prm = await startDemoPrm({ scale: 'small', seed: 42, asOf: AS_OF });
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-fc-'));
    db = openDb(join(dir, 'replica.sqlite'));
    const clock = fixedClock(AS_OF);
    const events = new EventBus();
    const sync = createSyncService({ db, clock, events, source: () => protocolV1Connector({ url: prm.url, token: prm.token }) });
    const summary = await sync.run();
    expect(summary.ok, summary.error ?? '').toBe(true);
    const r = createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: dir }), { clock }));
    call = async <T,>(method: string, input: unknown = {}): Promise<T> => {
      const res = await r.handle(method, input);
      if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
      return res.value as T;
    };
  }, 300_000);
  afterAll(async () => {
    db?.close();
    await prm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('puts the partner page’s forecast in the summary’s internal notes of the running quarter’s deck, and nowhere the partner sees', async () => {
    const detail = await call<ForecastPartnerDetail>('forecast.partner', { id: 'P-00004' });
    const f = detail.forecast!;
    expect(f).toBeTruthy();
    const pack = await call<QbrPack>('qbr.pack', { partnerId: 'P-00004' });
    const summary = pack.sections.find((s) => s.key === 'summary')!;
    const note = summary.internal.find((l) => l.startsWith('Forecast (internal):'));
    const [a, b] = f.next;
    expect(note).toContain(`${quarterText(a.quarter)} ${formatMoneyShort(a.point, f.currency)} (80% range ${formatMoneyShort(a.low, f.currency)}–${formatMoneyShort(a.high, f.currency)})`);
    expect(note).toContain(`${quarterText(b.quarter)} ${formatMoneyShort(b.point, f.currency)}`);
    // Partner-facing content (slide data and talking points) never carries it.
    for (const s of pack.sections) {
      expect(JSON.stringify(s.data ?? null), s.key).not.toContain('Forecast (internal)');
      expect(s.talkingPoints.join(' '), s.key).not.toContain('80% range');
    }
  });

  it('leaves the forecast out of a past quarter’s deck', async () => {
    const pack = await call<QbrPack>('qbr.pack', { partnerId: 'P-00004', quarter: '2026-Q3' });
    const all = pack.sections.flatMap((s) => s.internal);
    expect(all.some((l) => l.startsWith('Forecast'))).toBe(false);
  });
});
