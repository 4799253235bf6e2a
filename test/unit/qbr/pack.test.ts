import { describe, expect, it } from 'vitest';
import type { QbrSection, SectionDataMap } from '../../../src-shared/methods/qbr';
import { fixedClock } from '../../../src-main/base/clock';
import { partnerFigures } from '../../../src-main/services/qbr/figures';
import { deleteNote, listNotes, saveNote, setCommitmentStatus } from '../../../src-main/services/qbr/notes';
import { createQbrBuilder } from '../../../src-main/services/qbr/pack';
import { resolvePeriod } from '../../../src-main/services/qbr/period';
import type { QbrSources } from '../../../src-main/services/qbr/sources';
import { qbrBook } from './fixtures';

const clock = fixedClock('2026-11-20');
const NONE: QbrSources = { health: null, jbpActuals: null, actions: null };
const data = <K extends keyof SectionDataMap>(sections: QbrSection[], key: K) => sections.find((s) => s.key === key)!.data as SectionDataMap[K];

describe('QBR figures (hand-checked)', () => {
  it('computes a complete quarter from the replica', () => {
    const db = qbrBook();
    const f = partnerFigures(db, 'P-1', { start: '2026-07-01', end: '2026-09-30' });
    expect(f).toMatchObject({
      sourcedWon: 10_000_000,
      influencedWon: 5_000_000,
      wonCount: 2,
      lostCount: 1,
      pipelineCreated: 10_000_000 + 3_000_000 + 8_000_000,
      createdCount: 3,
      firstWin: '2026-05-01',
      regsSubmitted: 3,
      regsApproved: 2,
      approvalDays: 7,
      regsPending: 1,
      certifiedPeople: 2,
      certsExpiringSoon: 1,
      contacts: 3,
      activeContacts: 2,
      events: 3,
      psat: 7,
      psatCount: 2,
      psatDetractors: 1,
      mdf: { period: '2026-H2', allocated: 1_000_000, approved: 300_000, claimed: 200_000, attributed: 900_000 },
    });
    expect(f.winRate).toBeCloseTo(2 / 3, 10);
  });

  it('cuts the running quarter at the as-of date', () => {
    expect(resolvePeriod('2026-Q4', '2026-11-20')).toMatchObject({ asOf: '2026-11-20', complete: false, daysElapsed: 51, daysTotal: 92 });
    expect(resolvePeriod('2026-Q3', '2026-11-20')).toMatchObject({ asOf: '2026-09-30', complete: true, previousQuarter: '2026-Q2' });
    expect(() => resolvePeriod('2027-Q1', '2026-11-20')).toThrow(/has not started/);
    expect(() => resolvePeriod('2026-Q5', '2026-11-20')).toThrow(/quarter/);
  });
});

describe('the QBR pack', () => {
  it('builds every section from the figures, with targets and peers', () => {
    const db = qbrBook();
    const pack = createQbrBuilder({ db, clock, sources: NONE }).pack('P-1', '2026-Q3');
    // A standard review; health (no module here) and the plan (none covers Q3) have no slide: see pack.omitted.
    expect(pack.variant).toBe('standard');
    expect(pack.sections.map((s) => s.key)).toEqual([
      'title', 'agenda', 'summary', 'scorecard', 'trends', 'trailing', 'pipeline', 'deals', 'win_story', 'swot', 'benchmarks', 'commitments', 'next_steps',
    ]);
    expect(pack.omitted.map((o) => o.key)).toEqual(['health', 'jbp']);
    const m = Object.fromEntries(data(pack.sections, 'scorecard').metrics.map((x) => [x.key, x]));
    expect(m.sourced_arr).toMatchObject({ current: 10_000_000, previous: 4_000_000, currentText: '$100k', previousText: '$40k', changeText: '▲ 150%', target: 100_000, targetText: '$1k', targetStatus: 'met' });
    expect(m.pipeline_created).toMatchObject({ current: 21_000_000, target: 400_000, targetStatus: 'met' });
    expect(m.win_rate).toMatchObject({ currentText: '67%', previousText: '100%', changeText: '▼ 33 pts', changeTone: 'bad' });
    expect(m.certified_people).toMatchObject({ current: 2, target: 3, targetStatus: 'below', targetBasis: 'Gold tier requirement' });
    expect(m.mdf_used).toMatchObject({ current: 200_000, target: 1_000_000, currentText: '$2k', targetText: '$10k' });
    expect(m.mdf_pipeline!.detail).toBe('4.5× the MDF claimed');
    expect(m.time_to_first_deal).toMatchObject({ current: 851 }); // 2024-01-01 → 2026-05-01
    const heads = data(pack.sections, 'summary').headlines;
    expect(heads).toHaveLength(3);
    expect(heads[0]!.text).toBe('$150k ARR won ($100k sourced, $50k influenced), up 275% on Q2 2026.');
    const bench = data(pack.sections, 'benchmarks');
    expect(bench.peers).toBe(4);
    expect(bench.items.find((b) => b.key === 'sourced_arr')).toMatchObject({ percentile: 88, statement: 'Top quartile among Gold partners for sourced ARR won' });
    const trends = data(pack.sections, 'trends');
    expect(trends.quarters).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    expect(trends.sourcedWon.slice(-2)).toEqual([4_000_000, 10_000_000]);
    const pipeline = data(pack.sections, 'pipeline');
    expect(pipeline.topWins.map((w) => w.customer)).toEqual(['Acme Bank', 'Globex']);
    expect(pipeline.openAmount).toBe(8_000_000);
  });

  it("compares with the tier's peers as the book is now: peer figures kept between packs are read again once it changes", () => {
    const db = qbrBook();
    const sourced = () =>
      data(createQbrBuilder({ db, clock, sources: NONE }).pack('P-1', '2026-Q3').sections, 'benchmarks').items.find((b) => b.key === 'sourced_arr')!;
    expect(sourced()).toMatchObject({ percentile: 88 });
    expect(sourced()).toMatchObject({ percentile: 88 });
    // Two peers win far bigger deals in the quarter: P-1 is no longer top of its tier.
    const win = db.sqlite.prepare(
      `INSERT INTO opportunity (id, partner_id, customer, amount, currency, stage, partner_role, created_at, close_date, last_activity_at, version)
       VALUES (?, ?, 'Initech', 90000000, 'USD', 'closed_won', 'sourced', '2026-06-01', '2026-08-01', '2026-08-01', 1)`,
    );
    win.run('O-BIG-2', 'P-2');
    win.run('O-BIG-3', 'P-3');
    expect(sourced().percentile).toBeLessThan(88);
  });

  it('says honestly when a module is missing, instead of inventing data', () => {
    const db = qbrBook();
    const pack = createQbrBuilder({ db, clock, sources: NONE }).pack('P-1', '2026-Q3');
    // No empty slide: the section is left out, and the summary's notes say why (nothing silently dropped).
    expect(pack.sections.find((s) => s.key === 'health')).toBeUndefined();
    const health = pack.omitted.find((o) => o.key === 'health')!;
    expect(health.reason).toMatch(/not available/);
    expect(pack.sections.find((s) => s.key === 'summary')!.internal.join('\n')).toMatch(/Not in this deck: Partner health — Partner health is not available/);
    expect(data(pack.sections, 'summary').health).toBeNull();
    // Suggested actions are internal: without the module the notes say so, and the slide has none.
    expect(pack.sections.find((s) => s.key === 'next_steps')!.internal.join(' ')).toMatch(/Actions module/);
    expect(pack.omitted.find((o) => o.key === 'jbp')!.reason).toMatch(/No joint business plan covers/);
  });

  it('reviews last quarter’s commitments, and this quarter’s flow into the next pack', () => {
    const db = qbrBook();
    const b = createQbrBuilder({ db, clock, sources: NONE });
    const review = data(b.pack('P-1', '2026-Q3').sections, 'commitments');
    expect(review.counts).toEqual({ open: 0, done: 1, missed: 1 });
    // In the partner's words: "Partner to …" names the partner, and the owner column says who.
    expect(review.items.map((i) => i.body)).toEqual(['Kestrel Technologies GmbH will certify two more architects.', 'Joint webinar for manufacturing.']);
    expect(review.items.map((i) => i.owner)).toEqual(['Kestrel Technologies GmbH', null]);

    const c = saveNote(db, clock, { partnerId: 'P-1', quarter: '2026-Q3', section: 'next_steps', kind: 'commitment', body: '  Vendor to fast-track MDF.  ' });
    expect(c).toMatchObject({ body: 'Vendor to fast-track MDF.', commitment_status: 'open', pending: true });
    const outbox = db.sqlite.prepare("SELECT entity, record_id, op FROM outbox WHERE entity = 'qbr_note'").all();
    expect(outbox).toEqual([{ entity: 'qbr_note', record_id: c.id, op: 'upsert' }]);
    setCommitmentStatus(db, clock, c.id, 'done');
    const next = data(b.pack('P-1', '2026-Q4').sections, 'commitments');
    expect(next.items).toEqual([expect.objectContaining({ id: c.id, status: 'done', pending: true })]);

    const comment = saveNote(db, clock, { partnerId: 'P-1', quarter: '2026-Q3', section: 'scorecard', kind: 'commentary', body: 'Win rate dipped on two late losses.' });
    expect(() => setCommitmentStatus(db, clock, comment.id, 'done')).toThrow(/^Only a commitment has a status; QBR note '.*' is commentary\.$/);
    const scorecard = b.pack('P-1', '2026-Q3').sections.find((s) => s.key === 'scorecard')!;
    expect(scorecard.commentary).toEqual([{ heading: 'Scorecard', text: 'Win rate dipped on two late losses.' }]);
    expect(scorecard.talkingPoints).toContain('Scorecard (your commentary): Win rate dipped on two late losses.');
    deleteNote(db, clock, comment.id);
    expect(listNotes(db, 'P-1', '2026-Q3').map((n) => n.id)).toEqual([c.id]);
  });

  it('refuses bad input with the field named', () => {
    const db = qbrBook();
    const b = createQbrBuilder({ db, clock, sources: NONE });
    expect(() => b.pack('P-404', '2026-Q3')).toThrow(/No partner with id 'P-404'/);
    expect(() => b.pack('P-1', '2023-Q4')).toThrow(/joined the program on 2024-01-01/);
    expect(() => saveNote(db, clock, { partnerId: 'P-1', quarter: '2026-Q3', section: 'summary', kind: 'commentary', body: '   ' })).toThrow(/^The note is empty; write something first\.$/);
    expect(() => saveNote(db, clock, { partnerId: 'P-2', quarter: '2026-Q3', section: 'summary', kind: 'commentary', body: 'x', id: 'QN-3' })).toThrow(/another partner/);
    expect(db.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});
