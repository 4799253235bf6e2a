/** The scorecard: this quarter vs last quarter and vs target, from the figures (figures.ts). */
import { daysBetween } from '../../../src-shared/domain/time';
import type { QbrMetric } from '../../../src-shared/methods/qbr';
import type { Figures, RegsOutcome } from './figures';
import { change, dateText, money, partsText, plural, valueText } from './format';
import type { QbrPeriod } from './period';
import type { BookFact } from '../health/measures';

export interface TierInfo {
  id: string;
  name: string;
  rank: number;
  min_sourced_arr: number;
  min_certified: number;
  revenue_target: number;
  pipeline_target: number;
}

/** Targets a joint business plan sets for level metrics (the plan's live objectives). */
export type JbpTargets = Partial<Record<'win_rate' | 'certified_people' | 'active_contacts', { target: number; plan: string }>>;

export interface ScorecardInput {
  current: Figures;
  previous: Figures;
  /** The same quarter a year earlier (same number of days while the quarter runs). */
  lastYear: Figures;
  /** Whether the partner was in the program by the end of the previous / last year's window. */
  inProgram?: { previous: boolean; lastYear: boolean };
  period: QbrPeriod;
  previousEnd: string;
  agreementSignedAt: string;
  /** Where the replica's deal history starts; a partner signed before it has no knowable time to first deal. */
  historyStart: string | null;
  currency: string;
  tier: TierInfo;
  jbpTargets: JbpTargets;
  /** What the book does not hold: those rows say "not in this book's files" instead of 0. */
  absent?: ReadonlySet<BookFact>;
}

/** The book fact each row is made of, where not every book holds it. */
const ROW_FACT: Partial<Record<string, BookFact>> = {
  deal_registrations: 'deal_registration',
  approval_days: 'deal_registration',
  certified_people: 'certification',
  active_contacts: 'contact',
  psat: 'psat_response',
  pipeline_created: 'open_pipeline',
  time_to_first_deal: 'agreement_date',
};

function timeToFirstDeal(signed: string, firstWin: string | null, asOf: string, historyStart: string | null): number | null {
  if (!firstWin || firstWin > asOf) return null;
  if (historyStart !== null && signed < historyStart) return null;
  return Math.max(0, daysBetween(signed, firstWin));
}

export function buildScorecard(x: ScorecardInput): QbrMetric[] {
  const { current: c, previous: p, lastYear: ly, period, tier, currency } = x;
  // A running quarter is judged against the pro-rated target (days elapsed ÷ days in the quarter).
  const share = period.complete ? 1 : period.daysElapsed / period.daysTotal;
  type Row = Omit<QbrMetric, 'currentText' | 'previousText' | 'lastYear' | 'lastYearText' | 'changeText' | 'changeTone' | 'targetText' | 'targetStatus'>;
  const rows: Row[] = [];
  // Each row's value a year earlier, by key (same definitions as the current value).
  const lastYearOf: Record<string, number | null> = {
    sourced_arr: ly.sourcedWon,
    influenced_arr: ly.influencedWon,
    other_arr: ly.coSellWon + ly.marketplaceWon,
    pipeline_created: ly.pipelineCreated,
    win_rate: ly.winRate,
    deal_registrations: ly.regsSubmitted,
    certified_people: ly.certifiedPeople,
    active_contacts: ly.activeContacts,
    psat: ly.psat,
    mdf_used: ly.mdf ? ly.mdf.claimed : null,
    mdf_pipeline: ly.mdf ? ly.mdf.attributed : null,
  };

  rows.push({
    key: 'sourced_arr',
    group: 'revenue',
    label: 'Sourced ARR won',
    unit: 'money',
    current: c.sourcedWon,
    previous: p.sourcedWon,
    target: tier.min_sourced_arr > 0 ? Math.round(tier.min_sourced_arr / 4) : null,
    targetBasis: tier.min_sourced_arr > 0 ? `¼ of the ${tier.name} annual sourced-ARR requirement` : null,
    higherIsBetter: true,
    detail: `${plural(c.wonCount, 'deal')} won in total`,
  });
  rows.push({
    key: 'influenced_arr',
    group: 'revenue',
    label: 'Influenced ARR won',
    unit: 'money',
    current: c.influencedWon,
    previous: p.influencedWon,
    target: null,
    targetBasis: null,
    higherIsBetter: true,
    detail: null,
  });
  rows.push({
    key: 'other_arr',
    group: 'revenue',
    label: 'Co-sell & marketplace ARR won',
    unit: 'money',
    current: c.coSellWon + c.marketplaceWon,
    previous: p.coSellWon + p.marketplaceWon,
    target: null,
    targetBasis: null,
    higherIsBetter: true,
    detail: null,
  });
  rows.push({
    key: 'pipeline_created',
    group: 'revenue',
    label: 'Pipeline created',
    unit: 'money',
    current: c.pipelineCreated,
    previous: p.pipelineCreated,
    target: tier.pipeline_target > 0 ? Math.round(tier.pipeline_target / 2) : null,
    targetBasis: tier.pipeline_target > 0 ? `½ of the ${tier.name} two-quarter pipeline target` : null,
    higherIsBetter: true,
    detail: plural(c.createdCount, 'new opportunity', 'new opportunities'),
  });
  const wr = x.jbpTargets.win_rate;
  rows.push({
    key: 'win_rate',
    group: 'revenue',
    label: 'Win rate',
    unit: 'percent',
    current: c.winRate,
    previous: p.winRate,
    target: wr ? wr.target : null,
    targetBasis: wr ? `JBP objective (${wr.plan})` : null,
    higherIsBetter: true,
    detail: c.wonCount + c.lostCount > 0 ? `${c.wonCount} won of ${c.wonCount + c.lostCount} closed` : 'no deals closed',
  });
  rows.push({
    key: 'deal_registrations',
    group: 'deals',
    label: 'Deal registrations',
    unit: 'count',
    current: c.regsSubmitted,
    previous: p.regsSubmitted,
    target: null,
    targetBasis: null,
    higherIsBetter: true,
    detail: regsDetail(c),
  });
  rows.push({
    key: 'approval_days',
    group: 'deals',
    label: 'Our registration approval time',
    unit: 'days',
    current: c.approvalDays,
    previous: p.approvalDays,
    target: null,
    targetBasis: null,
    higherIsBetter: false,
    // Approvals given in the window count whenever the registration was submitted: say so, as
    // the row above counts only those submitted in it.
    detail: c.regsApproved > 0 ? `mean of ${plural(c.regsApproved, 'approval')} this quarter` : 'none approved this quarter',
  });
  const ttfd = timeToFirstDeal(x.agreementSignedAt, c.firstWin, period.asOf, x.historyStart);
  const before = x.historyStart !== null && x.agreementSignedAt < x.historyStart;
  rows.push({
    key: 'time_to_first_deal',
    group: 'deals',
    label: 'Time to first deal',
    unit: 'days',
    current: ttfd,
    previous: timeToFirstDeal(x.agreementSignedAt, p.firstWin, x.previousEnd, x.historyStart),
    target: null,
    targetBasis: null,
    higherIsBetter: false,
    detail: before
      ? `signed ${dateText(x.agreementSignedAt)}, before the replica’s deal history starts`
      : c.firstWin && c.firstWin <= period.asOf
      ? `signed ${dateText(x.agreementSignedAt)}, first win ${dateText(c.firstWin)}`
      : `no win yet; signed ${dateText(x.agreementSignedAt)}`,
  });
  const cert = x.jbpTargets.certified_people;
  rows.push({
    key: 'certified_people',
    group: 'people',
    label: 'Certified people',
    unit: 'count',
    current: c.certifiedPeople,
    previous: p.certifiedPeople,
    target: cert ? cert.target : tier.min_certified > 0 ? tier.min_certified : null,
    targetBasis: cert ? `JBP objective (${cert.plan})` : tier.min_certified > 0 ? `${tier.name} tier requirement` : null,
    higherIsBetter: true,
    detail: c.certsExpiringSoon > 0 ? `${plural(c.certsExpiringSoon, 'certification')} expiring within 60 days` : null,
  });
  const act = x.jbpTargets.active_contacts;
  rows.push({
    key: 'active_contacts',
    group: 'people',
    label: 'Active contacts',
    unit: 'count',
    current: c.activeContacts,
    previous: p.activeContacts,
    target: act ? act.target : null,
    targetBasis: act ? `JBP objective (${act.plan})` : null,
    higherIsBetter: true,
    detail: `of ${plural(c.contacts, 'contact')}; ${plural(c.events, 'portal/training event')}`,
  });
  rows.push({
    key: 'psat',
    group: 'people',
    label: 'PSAT',
    unit: 'score',
    current: c.psat,
    previous: p.psat,
    target: null,
    targetBasis: null,
    higherIsBetter: true,
    detail: c.psatCount > 0 ? `${plural(c.psatCount, 'response')}, ${c.psatDetractors} detractor${c.psatDetractors === 1 ? '' : 's'}` : 'no survey responses this quarter',
  });
  rows.push({
    key: 'mdf_used',
    group: 'mdf',
    label: 'MDF used',
    unit: 'money',
    current: c.mdf ? c.mdf.claimed : null,
    previous: p.mdf ? p.mdf.claimed : null,
    target: c.mdf ? c.mdf.allocated : null,
    targetBasis: c.mdf ? `${c.mdf.period} allocation` : null,
    higherIsBetter: true,
    detail: c.mdf
      ? `${money(c.mdf.claimed, currency)} claimed of ${money(c.mdf.allocated, currency)}; ${money(c.mdf.approved, currency)} approved`
      : 'no MDF allocation this half',
  });
  rows.push({
    key: 'mdf_pipeline',
    group: 'mdf',
    label: 'MDF-attributed pipeline',
    unit: 'money',
    current: c.mdf ? c.mdf.attributed : null,
    previous: p.mdf ? p.mdf.attributed : null,
    target: null,
    targetBasis: null,
    higherIsBetter: true,
    detail: c.mdf && c.mdf.claimed > 0 ? `${(Math.round((c.mdf.attributed / c.mdf.claimed) * 10) / 10).toFixed(1)}× the MDF claimed` : null,
  });

  const absent = x.absent ?? new Set<BookFact>();
  for (const r of rows) {
    const fact = ROW_FACT[r.key];
    if (!fact || !absent.has(fact)) continue;
    Object.assign(r, { current: null, previous: null, target: null, targetBasis: null, detail: 'no data: this book’s files do not hold it' });
  }
  if (x.inProgram && !x.inProgram.previous) for (const r of rows) r.previous = null;
  if (x.inProgram && !x.inProgram.lastYear) for (const k of Object.keys(lastYearOf)) lastYearOf[k] = null;
  return rows.map((r) => {
    const ch = change(r.current, r.previous, r.unit, currency, r.higherIsBetter);
    // Our own approval time is not the partner's result: shown, never coloured as theirs.
    if (r.key === 'approval_days') ch.tone = 'neutral';
    const lyValue = r.current === null ? null : (lastYearOf[r.key] ?? null);
    // Flows (sums over the quarter) are pro-rated while the quarter runs; levels are not.
    const isFlow = r.key === 'sourced_arr' || r.key === 'pipeline_created';
    const due = r.target === null ? null : isFlow ? r.target * share : r.target;
    const met = r.current !== null && due !== null && (r.higherIsBetter ? r.current >= due : r.current <= due);
    // The target shown is what was due by now (pro-rated while the quarter runs), so "below" compares like with like.
    const shownTarget = due === null ? null : isFlow ? Math.round(due) : due;
    return {
      ...r,
      currentText: valueText(r.current, r.unit, currency),
      previousText: valueText(r.previous, r.unit, currency),
      lastYear: lyValue,
      lastYearText: valueText(lyValue, r.unit, currency),
      changeText: ch.text,
      changeTone: ch.tone,
      targetText: valueText(shownTarget, r.unit, currency),
      targetStatus: r.target === null || r.current === null ? 'none' : met ? 'met' : 'below',
    };
  });
}

/**
 * What became of the registrations submitted in the window: "2 approved, 1 rejected, 1 pending"
 * (parts that are 0 left out, so the parts add up to the count beside them), "none submitted"
 * when none were; then pending ones submitted before the window, apart.
 */
function regsDetail(c: Pick<Figures, 'regsSubmitted' | 'regsOutcome' | 'regsPending'>): string {
  const text = c.regsSubmitted > 0 ? regsOutcomeText(c.regsOutcome) : 'none submitted';
  const earlier = c.regsPending - c.regsOutcome.pending;
  return earlier > 0 ? `${text}; ${plural(earlier, 'earlier one', 'earlier ones')} still pending` : text;
}

/** The nonzero parts of an outcome, in the order a registration goes through them. */
export function regsOutcomeText(o: RegsOutcome, sep = ', '): string {
  const parts = [
    [o.approved, 'approved'],
    [o.rejected, 'rejected'],
    [o.pending, 'pending'],
    [o.expired, 'expired'],
  ] as const;
  return partsText(parts, String, sep);
}
