/**
 * Deal registrations on the QBR: the count is of those submitted in the quarter, and what is
 * written beside it says what became of those same registrations, so the parts add up to
 * the count. Approvals given in the quarter to registrations submitted earlier, and pending
 * ones submitted earlier, are counted apart and worded as such.
 */
import { describe, expect, it } from 'vitest';
import type { QbrSection, SectionDataMap } from '../../../src-shared/methods/qbr';
import { fixedClock } from '../../../src-main/base/clock';
import { partnerFigures } from '../../../src-main/services/qbr/figures';
import { createQbrBuilder } from '../../../src-main/services/qbr/pack';
import { quarterWindow } from '../../../src-main/services/qbr/period';
import type { QbrSources } from '../../../src-main/services/qbr/sources';
import { PrmStore } from '../../../tools/demo-prm/store';
import { replicaOf } from '../../support/replica-of';
import { qbrBook } from './fixtures';

const clock = fixedClock('2026-11-20');
const NONE: QbrSources = { health: null, jbpActuals: null, actions: null };
const data = <K extends keyof SectionDataMap>(sections: QbrSection[], key: K) => sections.find((s) => s.key === key)!.data as SectionDataMap[K];

/** The fixture book, with P-1's Q4 2026 registrations (to the as-of date, 20 Nov) around the quarter's edges. */
function book() {
  const db = qbrBook();
  const reg = db.sqlite.prepare(
    `INSERT INTO deal_registration (id, partner_id, customer, amount, currency, status, submitted_at, decided_at, expires_at, matched_opportunity_id, opportunity_id, version)
     VALUES (?, 'P-1', 'Acme', 100000, 'USD', ?, ?, ?, ?, NULL, NULL, 1)`,
  );
  // Submitted in Q3, approved in Q4: an approval of the quarter, not one of its registrations.
  reg.run('DR-10', 'approved', '2026-09-26', '2026-10-02', '2026-12-25');
  // Submitted in Q4:
  reg.run('DR-11', 'converted', '2026-10-01', '2026-10-11', '2026-12-30');
  reg.run('DR-12', 'approved', '2026-11-14', '2026-11-15', '2027-02-12');
  reg.run('DR-13', 'submitted', '2026-11-17', null, '2027-02-15');
  reg.run('DR-14', 'rejected', '2026-10-05', '2026-10-20', '2027-01-03');
  // Approved, then left unused until it lapsed: the PRM says expired, with the day it was approved.
  reg.run('DR-15', 'expired', '2026-10-06', '2026-10-08', '2026-10-30');
  // Lapsed before anyone decided.
  reg.run('DR-16', 'expired', '2026-10-07', null, '2026-11-05');
  // (The fixture's DR-3, submitted 20 Sep, is still pending.)
  return db;
}

describe('deal registrations on the QBR', () => {
  it('counts what became of the quarter’s registrations apart from approvals and pending ones of earlier registrations', () => {
    const f = partnerFigures(book(), 'P-1', { start: '2026-10-01', end: '2026-11-20' });
    expect(f.regsSubmitted).toBe(6);
    expect(f.regsOutcome).toEqual({ approved: 3, rejected: 1, pending: 1, expired: 1 });
    // DR-10, 11, 12 and 15: 6, 10, 1 and 2 days.
    expect(f.regsApproved).toBe(4);
    expect(f.approvalDays).toBeCloseTo(19 / 4, 10);
    // DR-13, and DR-3 from Q3.
    expect(f.regsPending).toBe(2);
  });

  it('words the scorecard row and the summary card so that the parts add up to the count beside them', () => {
    const pack = createQbrBuilder({ db: book(), clock, sources: NONE }).pack('P-1', '2026-Q4');
    const rows = Object.fromEntries(data(pack.sections, 'scorecard').metrics.map((m) => [m.key, m]));
    expect(rows.deal_registrations).toMatchObject({ current: 6, detail: '3 approved, 1 rejected, 1 pending, 1 expired; 1 earlier one still pending' });
    expect(rows.approval_days!.detail).toBe('mean of 4 approvals this quarter');
    const card = data(pack.sections, 'summary').keyFigures.find((k) => k.key === 'deal_registrations')!;
    expect(card).toMatchObject({ value: '6', sub: '3 approved · 1 rejected · 1 pending · 1 expired' });
  });

  it('says none were submitted, and still names the earlier one awaiting a decision', () => {
    const db = qbrBook();
    db.sqlite.prepare("DELETE FROM deal_registration WHERE id != 'DR-3'").run();
    const pack = createQbrBuilder({ db, clock, sources: NONE }).pack('P-1', '2026-Q4');
    const row = data(pack.sections, 'scorecard').metrics.find((m) => m.key === 'deal_registrations')!;
    expect(row.detail).toBe('none submitted; 1 earlier one still pending');
    expect(data(pack.sections, 'summary').keyFigures.find((k) => k.key === 'deal_registrations')!.sub).toBe('none submitted');
  });

  it('adds up for every partner and quarter of the small demo book', () => {
    const store = PrmStore.open(':memory:');
    store.loadBook({ seed: 42, scale: 'small', asOf: '2026-11-20' });
    const db = replicaOf(store);
    store.close();
    const ids = db.sqlite.prepare('SELECT id FROM partner').pluck().all() as string[];
    let submitted = 0;
    for (const q of ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) {
      const w = quarterWindow(q, '2026-11-20');
      for (const id of ids) {
        const f = partnerFigures(db, id, w);
        const o = f.regsOutcome;
        expect(Object.values(o).every((n) => n >= 0), `${id} ${w.start}`).toBe(true);
        expect(o.approved + o.rejected + o.pending + o.expired, `${id} ${w.start}`).toBe(f.regsSubmitted);
        expect(o.pending, `${id} ${w.start}`).toBeLessThanOrEqual(f.regsPending);
        submitted += f.regsSubmitted;
      }
    }
    // The book has registrations in these quarters: the sums above were not all of zeros.
    expect(submitted).toBeGreaterThan(50);
  });
});
