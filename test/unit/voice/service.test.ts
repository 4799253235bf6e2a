/**
 * Voice of the partner over a crafted :memory: book: per partner (PSAT comments and notes
 * marked as partner feedback, including a local edit not yet synced; unmarked notes left
 * out; the quarterly trend; the themes), across the book (themes by tier, this quarter
 * against the last, the loudest quotes, my book only) and the lexicon through the router
 * (stored, refused with a sentence naming the field, reset to the defaults).
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { bookVoice, partnerVoice } from '../../../src-main/services/voice/service';
import { feedbackText } from '../../../src-main/services/voice/feedback';
import { DEFAULT_VOICE_SETTINGS, type VoiceSettings } from '../../../src-shared/methods/voice';
import { withAppHandlers } from '../../support/api';
import { AS_OF } from '../actions/fixture';
import { crafted } from './fixture';

describe('voice of the partner, per partner', () => {
  it('lists PSAT comments and marked notes (a local edit too) newest first, scored and themed', () => {
    const v = partnerVoice(crafted().db, 'P-GOLD', AS_OF);
    expect(v.quotes.map((q) => [q.id, q.source, q.date, q.tone, q.themes.join('+'), q.detractor])).toEqual([
      ['N-LOCAL', 'note', '2026-11-15', 'negative', 'pricing', false],
      ['N-1', 'note', '2026-11-12', 'negative', 'mdf_incentives', false],
      ['S-3', 'psat', '2026-11-02', 'negative', 'channel_conflict', true],
      ['S-2', 'psat', '2026-10-20', 'negative', 'deal_registration', true],
      ['S-1', 'psat', '2026-08-10', 'positive', 'deal_registration', false],
    ]);
    expect(v.quotes[0]!.text).toBe('Margins no longer justify the effort.');
    expect(v.quotes[3]!.contactName).toBe('Rita Moss');
    expect(v.quotes.every((q) => q.sentiment >= -1 && q.sentiment <= 1)).toBe(true);
  });

  it('gives the sentiment and PSAT trend by quarter and the themes of the last four quarters', () => {
    const v = partnerVoice(crafted().db, 'P-GOLD', AS_OF);
    expect(v.trend).toHaveLength(8);
    expect(v.trend.at(-1)).toMatchObject({ quarter: '2026-Q4', n: 4, psat: 5 }); // (3 + 4 + 8) / 3
    expect(v.trend.at(-2)).toMatchObject({ quarter: '2026-Q3', n: 1, psat: 9 });
    expect(v.trend.at(-1)!.sentiment!).toBeLessThan(0);
    expect(v.trend.at(-2)!.sentiment!).toBeGreaterThan(0);
    expect(v.trend[0]).toEqual({ quarter: '2025-Q1', n: 0, sentiment: null, psat: null });
    expect(v.themes[0]).toMatchObject({ theme: 'deal_registration', n: 2, negative: 1 });
    expect(v.themes.map((t) => t.theme).sort()).toEqual(['channel_conflict', 'deal_registration', 'mdf_incentives', 'pricing']);
  });

  it('reads a comment again when its text changes, and a new comment at once (readings are kept per text)', () => {
    const b = crafted();
    const tone = (id: string) => partnerVoice(b.db, 'P-GOLD', AS_OF).quotes.find((q) => q.id === id);
    expect(tone('S-3')).toMatchObject({ tone: 'negative', themes: ['channel_conflict'] });
    expect(bookVoice(b.db, AS_OF, null).totals.quarter.n).toBe(5);
    b.db.sqlite.prepare('UPDATE psat_response SET comment = ? WHERE id = ?').run('Your direct team brought us into two great deals. Excellent co-selling.', 'S-3');
    b.insert('psat_response', { id: 'S-9', partner_id: 'P-GOLD', contact_id: null, score: 9, comment: 'MDF claims are paid on time now.', responded_at: '2026-11-16', version: 1 });
    expect(tone('S-3')).toMatchObject({ tone: 'positive', themes: ['channel_conflict'] });
    expect(tone('S-9')).toMatchObject({ tone: 'positive', themes: ['mdf_incentives'] });
    expect(bookVoice(b.db, AS_OF, null).totals.quarter.n).toBe(6);
  });

  it('refuses an unknown partner with a sentence', () => {
    expect(() => partnerVoice(crafted().db, 'P-NOPE', AS_OF)).toThrow('There is no partner with id P-NOPE in this book.');
  });

  it('reads the feedback marker in any case and spacing, and only at the start', () => {
    expect(feedbackText('Partner feedback: Great QBR', 'Partner feedback:')).toBe('Great QBR');
    expect(feedbackText('  partner  FEEDBACK:  -  Great QBR', 'Partner feedback:')).toBe('Great QBR');
    expect(feedbackText('Called them. Partner feedback: none', 'Partner feedback:')).toBeNull();
    expect(feedbackText('Partner feedback:   ', 'Partner feedback:')).toBeNull();
  });
});

describe('voice of the partner, across the book', () => {
  it('compares this quarter with the last by theme, and breaks the themes down by tier', () => {
    const v = bookVoice(crafted().db, AS_OF, null);
    expect([v.quarter, v.previousQuarter]).toEqual(['2026-Q4', '2026-Q3']);
    expect(v.window).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(v.totals.quarter.n).toBe(5);
    expect(v.totals.previous.n).toBe(2);
    const reg = v.themes.find((t) => t.theme === 'deal_registration')!;
    expect([reg.n, reg.negative, reg.previous.n, reg.previous.negative]).toEqual([1, 1, 1, 0]);
    expect(reg.sentiment!).toBeLessThan(0);
    expect(reg.previous.sentiment!).toBeGreaterThan(0);
    expect(reg.change).toBe(`1 comment (was 1), 1 negative; sentiment −${Math.abs(reg.sentiment!).toFixed(2)} (was +${reg.previous.sentiment!.toFixed(2)})`);
    expect(v.tiers.map((t) => [t.tier_name, t.partners, t.quotes])).toEqual([
      ['Gold', 1, 5],
      ['Silver', 1, 2],
    ]);
    expect(v.tiers[1]!.themes.support.n).toBe(1);
    expect(v.tiers[1]!.themes.enablement).toMatchObject({ n: 1, negative: 0 });
    expect(v.loudest.every((q) => q.quarter === '2026-Q4' && q.tone === 'negative')).toBe(true);
    expect(v.loudest.map((q) => q.sentiment)).toEqual([...v.loudest.map((q) => q.sentiment)].sort((a, b) => a - b));
    expect(v.loudest.find((q) => q.id === 'S-7')!.partner_name).toBe('Initech');
  });

  it('sets the quarter so far against the same days of the last, not the whole of it', () => {
    const b = crafted();
    // 2026-11-20 is day 51 of Q4; day 51 of Q3 is 2026-08-20. A comment after it is part of
    // Q3 but not of the days compared (it was counted: a whole quarter against part of one).
    b.insert('psat_response', { id: 'S-LATE', partner_id: 'P-SILVER', contact_id: null, score: 2, comment: 'Support never answers our tickets.', responded_at: '2026-09-20', version: 1 });
    const v = bookVoice(b.db, AS_OF, null);
    expect(v.previousTo).toBe('2026-08-20');
    expect(v.totals.previous.n).toBe(2);
    expect(v.themes.find((t) => t.theme === 'support')!.previous.n).toBe(0);
    // On a quarter's last day the whole of the last quarter is compared.
    const end = bookVoice(b.db, '2026-12-31', null);
    expect(end.previousTo).toBe('2026-09-30');
    expect(end.totals.previous.n).toBe(3);
    expect(end.themes.find((t) => t.theme === 'support')!.previous.n).toBe(1);
  });

  it('keeps to the owners asked for', () => {
    const v = bookVoice(crafted().db, AS_OF, new Set(['U-2']));
    expect(v.tiers.map((t) => t.tier_name)).toEqual(['Silver']);
    expect(v.totals.quarter.n).toBe(1);
  });
});

describe('voice lexicon settings through the router', () => {
  it('stores a lexicon the next answer follows, refuses a bad one naming the field, and resets to the defaults', async () => {
    const b = crafted();
    const events = new EventBus();
    const clock = fixedClock(AS_OF);
    const sync = createSyncService({ db: b.db, clock, events, source: () => null });
    const router = createRouter(withAppHandlers(createHandlers({ db: b.db, clock, events, sync, dataDir: ':memory:' }), { clock }));
    expect(await router.handle('voice.settings.get', {})).toEqual({ ok: true, value: DEFAULT_VOICE_SETTINGS });
    const edited: VoiceSettings = { ...DEFAULT_VOICE_SETTINGS, themes: { ...DEFAULT_VOICE_SETTINGS.themes, pricing: ['price list'] } };
    expect(await router.handle('voice.settings.set', edited)).toEqual({ ok: true, value: edited });
    const after = (await router.handle('voice.partner', { id: 'P-GOLD' })) as { ok: true; value: { quotes: { id: string; themes: string[] }[] } };
    expect(after.value.quotes.find((q) => q.id === 'N-LOCAL')!.themes).toEqual([]);
    const bad = await router.handle('voice.settings.set', { ...edited, themes: { ...edited.themes, support: [] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Support needs at least one term.' } });
    const badTerm = await router.handle('voice.settings.set', { ...edited, negative: ['late', '*oops'] });
    expect(badTerm).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((badTerm as { ok: false; error: { message: string } }).error.message).toBe("In Negative cues, “*oops” has a character a term cannot hold; a term is 2 to 60 letters, digits, spaces or - ' & / . and may end with a *.");
    expect(await router.handle('voice.settings.get', {})).toEqual({ ok: true, value: edited });
    expect(await router.handle('voice.settings.set', DEFAULT_VOICE_SETTINGS)).toEqual({ ok: true, value: DEFAULT_VOICE_SETTINGS });
    const book = (await router.handle('voice.book', { scope: 'all' })) as { ok: true; value: { totals: { quarter: { n: number } } } };
    expect(book.value.totals.quarter.n).toBe(5);
  });
});
