/**
 * Issue 16 point 4: what the partner said reaches the QBR deck's internal notes, and only
 * them. The summary's internal notes carry the partner's most recent negative quotes (up to
 * three, newest first) and positive ones, with their dates; partner-facing content never
 * does; a deck of a past quarter quotes only what was said by its end. Through the API
 * router, on the crafted voice book (two partners, PSAT comments and feedback notes).
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { withAppHandlers } from '../../support/api';
import { AS_OF } from '../../unit/actions/fixture';
import { crafted } from '../../unit/voice/fixture';

function setup() {
  const b = crafted();
  const clock = fixedClock(AS_OF);
  const events = new EventBus();
  const sync = createSyncService({ db: b.db, clock, events, source: () => null });
  const r = createRouter(withAppHandlers(createHandlers({ db: b.db, clock, events, sync, dataDir: ':memory:' }), { clock }));
  return async (input: unknown): Promise<QbrPack> => {
    const res = await r.handle('qbr.pack', input);
    if (!res.ok) throw new Error(res.error.message);
    return res.value as QbrPack;
  };
}

const voiceLines = (pack: QbrPack) => pack.sections.find((s) => s.key === 'summary')!.internal.filter((l) => l.startsWith('Voice of the partner (internal)'));

describe('voice of the partner in the QBR deck', () => {
  it('puts the most recent negative and positive quotes with their dates in the summary’s internal notes, and nowhere the partner sees', async () => {
    const pack = await setup()({ partnerId: 'P-GOLD' });
    expect(voiceLines(pack)).toEqual([
      'Voice of the partner (internal), negative: “Margins no longer justify the effort.” (15 Nov 2026, feedback note; pricing and margins)',
      'Voice of the partner (internal), negative: “MDF claims are paid months late.” (12 Nov 2026, feedback note; MDF and incentives)',
      'Voice of the partner (internal), negative: “We lost two deals to your direct team this quarter.” (2 Nov 2026, PSAT 4/10; channel conflict)',
      'Voice of the partner (internal), positive: “Deal registration is fast and fair.” (10 Aug 2026, Rita Moss, PSAT 9/10; deal registration)',
    ]);
    for (const s of pack.sections) {
      expect(JSON.stringify(s.data ?? null), s.key).not.toContain('lost two deals');
      expect(s.talkingPoints.join(' '), s.key).not.toContain('lost two deals');
      expect(s.questions.join(' '), s.key).not.toContain('lost two deals');
    }
  });

  it('quotes only what was said by the end of a past quarter, and nothing for a partner who said nothing', async () => {
    const call = setup();
    expect(voiceLines(await call({ partnerId: 'P-GOLD', quarter: '2026-Q3' }))).toEqual([
      'Voice of the partner (internal), positive: “Deal registration is fast and fair.” (10 Aug 2026, Rita Moss, PSAT 9/10; deal registration)',
    ]);
    expect(voiceLines(await call({ partnerId: 'P-SILVER', quarter: '2026-Q2' }))).toEqual([]);
  });
});
