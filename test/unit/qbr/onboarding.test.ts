import { describe, expect, it } from 'vitest';
import type { OnboardingData } from '../../../src-shared/methods/qbr';
import { fixedClock } from '../../../src-main/base/clock';
import { FIRST_DEAL_TARGET_DAYS, ONBOARDING_WINDOW_DAYS, packVariant } from '../../../src-main/services/qbr/onboarding';
import { createQbrBuilder } from '../../../src-main/services/qbr/pack';
import type { QbrSources } from '../../../src-main/services/qbr/sources';
import { qbrBook } from './fixtures';

const NONE: QbrSources = { health: null, jbpActuals: null, actions: null };

describe('the pack variant', () => {
  it('is onboarding for an agreement signed fewer than ONBOARDING_WINDOW_DAYS before the quarter’s end', () => {
    expect(ONBOARDING_WINDOW_DAYS).toBe(183);
    // 2026-07-01 is 183 days before 2026-12-31: the boundary day is a standard review, the day after onboarding.
    expect(packVariant('2026-07-01', '2026-12-31')).toBe('standard');
    expect(packVariant('2026-07-02', '2026-12-31')).toBe('onboarding');
    expect(packVariant('2026-12-31', '2026-12-31')).toBe('onboarding');
    expect(packVariant('2024-01-01', '2026-12-31')).toBe('standard');
  });

  it('builds the onboarding deck: milestones after the summary, no benchmarks, no trends, in the partner’s words', () => {
    const db = qbrBook();
    db.sqlite.prepare("UPDATE partner SET agreement_signed_at = '2026-06-15' WHERE id = 'P-1'").run();
    const pack = createQbrBuilder({ db, clock: fixedClock('2026-11-20'), sources: NONE }).pack('P-1', '2026-Q3');
    expect(pack.variant).toBe('onboarding');
    const keys = pack.sections.map((s) => s.key);
    expect(keys.slice(0, 4)).toEqual(['title', 'agenda', 'summary', 'onboarding']);
    expect(keys).not.toContain('benchmarks');
    expect(keys).not.toContain('trends');
    const s = pack.sections.find((x) => x.key === 'onboarding')!;
    const o = s.data as OnboardingData;
    expect(o.milestones.map((m) => [m.key, m.date, m.daysFromAgreement])).toEqual([
      ['agreement', '2026-06-15', 0],
      // The certification of 2025 predates the agreement: the first enablement after signing counts.
      ['enablement', o.milestones[1]!.date, o.milestones[1]!.daysFromAgreement],
      ['registration', '2026-07-01', 16],
      ['opportunity', '2026-07-05', 20],
      ['won', '2026-08-10', 56],
    ]);
    expect(o.milestones[1]!.date! >= '2026-06-15').toBe(true);
    expect(o.headline).toBe('You won your first deal on 10 Aug 2026, 56 days after signing.');
    expect(o.milestones[2]!.sentence).toBe('You registered your first deal on 1 Jul 2026, 16 days after signing.');
    expect(o).toMatchObject({ daysToFirstDeal: 56, targetDays: FIRST_DEAL_TARGET_DAYS, targetStatus: 'met' });
    expect(o.targetText).toBe('First deal won 56 days after signing: within the program’s 90-day target.');
    expect(s.talkingPoints.length).toBeGreaterThan(0);
    expect(s.questions.length).toBeGreaterThan(0);
    expect(s.internal.join(' ')).toMatch(/Onboarding review/);
    // The agenda in the title's notes names this deck's slides only.
    expect(pack.sections[0]!.talkingPoints[1]).toBe('Agenda: results for Q3 2026: the summary, then onboarding milestones, scorecard, pipeline and top wins, pipeline review, deal by deal, win story, SWOT, last QBR’s commitments, next steps and asks.');
    // Left-out sections are named, with their reasons, in the summary's notes.
    const summary = pack.sections.find((x) => x.key === 'summary')!;
    expect(summary.internal.join('\n')).toMatch(/Not in this deck: Peer benchmarks — Onboarding review: a new partner is not ranked/);
    expect(summary.internal.join('\n')).toMatch(/Not in this deck: Partner health — Partner health is not available/);
  });

  it('says "not yet" for a milestone not reached, and flags a first deal past the target', () => {
    const db = qbrBook();
    db.sqlite.prepare("UPDATE partner SET agreement_signed_at = '2026-06-15' WHERE id = 'P-1'").run();
    db.sqlite.prepare("UPDATE opportunity SET stage = 'closed_lost' WHERE partner_id = 'P-1' AND stage = 'closed_won'").run();
    const pack = createQbrBuilder({ db, clock: fixedClock('2026-11-20'), sources: NONE }).pack('P-1', '2026-Q3');
    const o = pack.sections.find((x) => x.key === 'onboarding')!.data as OnboardingData;
    expect(o.milestones[4]).toMatchObject({ date: null, dateText: 'Not yet', daysFromAgreement: null, sentence: 'No deal won yet.' });
    expect(o.targetStatus).toBe('missed'); // 107 days in at the end of Q3, past the 90-day target
  });
});
