/**
 * The pipeline reviewed deal by deal: every open deal (closing first) with its next step, who
 * leads it and a stale flag, beside weighted pipeline, average deal size and cycle time; data
 * and talking points. The open deals are the pipeline slide's (the same query, the same total).
 */
import type { DealsData, QbrDealReview, QbrNoteView } from '../../../../src-shared/methods/qbr';
import { addDays, daysBetween } from '../../../../src-shared/domain/time';
import type { Db } from '../../../db/connection';
import { forPartner } from '../commentary';
import { dateText, money, plural } from '../format';
import { deal } from './pipeline';
import { section, type SectionBuilder } from './define';
import type { DealRow } from '../figures';

/** The share of an open deal's amount counted in weighted pipeline, by stage. */
export const STAGE_WEIGHTS: Record<string, number> = { prospecting: 0.1, qualification: 0.25, proposal: 0.5, negotiation: 0.75 };
/** What usually moves a deal on from its stage. */
const NEXT_BY_STAGE: Record<string, string> = {
  prospecting: 'Qualify need, budget and timing',
  qualification: 'Agree the solution; send a proposal',
  proposal: 'Review the proposal with the buyer',
  negotiation: 'Agree terms and sign',
};
/** No activity for this many days flags an open deal as stale. */
export const STALE_DAYS = 30;
/** Deals listed on the slide (closing first); the rest are counted. */
export const DEALS_SHOWN = 6;

export interface DealsInput {
  asOf: string;
  currency: string;
  partnerName: string;
  /** This quarter's CAM notes: one naming a deal's customer is its next step. */
  notes: readonly QbrNoteView[];
}

/** Null when the partner has no open deal (the slide is left out). */
export function dealsData(db: Db, partnerId: string, x: DealsInput): DealsData | null {
  const rows = db.sqlite
    .prepare(
      `SELECT id, customer, amount, stage, partner_role, close_date, last_activity_at FROM opportunity
        WHERE partner_id = ? AND partner_role != 'direct' AND created_at <= ? AND stage NOT IN ('closed_won','closed_lost')
        ORDER BY close_date, amount DESC, id`,
    )
    .all(partnerId, x.asOf) as (DealRow & { last_activity_at: string })[];
  if (!rows.length) return null;
  const $ = (v: number) => money(v, x.currency);
  // In the partner's words: "You" lead what you sourced.
  const ownerOf = (role: string) => (role === 'sourced' ? 'You' : role === 'co_sell' ? 'Both teams' : 'Us');
  const noteFor = (customer: string) => {
    const n = x.notes.find((nt) => nt.body.toLowerCase().includes(customer.toLowerCase()));
    return n ? forPartner(n.body, x.partnerName) : null;
  };
  const reviews: QbrDealReview[] = rows.map((r) => {
    const idle = daysBetween(r.last_activity_at.slice(0, 10), x.asOf);
    const staleText = r.close_date < x.asOf ? `Close date ${dateText(r.close_date)} passed` : idle >= STALE_DAYS ? `No activity in ${idle} days` : null;
    return {
      ...deal(r, x.currency),
      nextStep: noteFor(r.customer) ?? (r.close_date < x.asOf ? 'Agree a new close date' : NEXT_BY_STAGE[r.stage] ?? 'Agree the next step'),
      owner: ownerOf(r.partner_role),
      staleText,
    };
  });
  const amount = rows.reduce((a, r) => a + r.amount, 0);
  const weighted = Math.round(rows.reduce((a, r) => a + r.amount * (STAGE_WEIGHTS[r.stage] ?? 0), 0));
  const t12Start = addDays(x.asOf, -364);
  const won = db.sqlite
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount,
              avg(julianday(close_date) - julianday(substr(created_at, 1, 10))) AS cycle
         FROM opportunity
        WHERE partner_id = ? AND partner_role != 'direct' AND stage = 'closed_won' AND close_date BETWEEN ? AND ?`,
    )
    .get(partnerId, t12Start, x.asOf) as { n: number; amount: number; cycle: number | null };
  const t12 = `won in 12 months`;
  // Closing first, with the stale ones kept in view; the slide lists the first DEALS_SHOWN.
  const shown = reviews.slice(0, DEALS_SHOWN);
  return {
    deals: shown,
    moreCount: reviews.length - shown.length,
    openText: $(amount),
    openCount: rows.length,
    weightedText: $(weighted),
    weightsText: `Weighted by stage: ${Object.entries(STAGE_WEIGHTS)
      .map(([s, w]) => `${s} ${Math.round(w * 100)}%`)
      .join(', ')}.`,
    averageDealText: won.n > 0 ? $(Math.round(won.amount / won.n)) : '—',
    averageDealBasis: won.n > 0 ? `${plural(won.n, 'deal')} ${t12}` : `no deal ${t12}`,
    cycleText: won.cycle === null ? '—' : plural(Math.round(won.cycle), 'day'),
    cycleBasis: won.n > 0 ? 'from opportunity to close' : `no deal ${t12}`,
    staleCount: reviews.filter((r) => r.staleText !== null).length,
  };
}

export const buildDeals: SectionBuilder<'deals'> = (x) => {
  const d = x.deals;
  return section(x, 'deals', 'Replica: opportunity (open deals; stage, close date, last activity)', d, {
    say: d
      ? [
          `${plural(d.openCount, 'open deal')}, ${d.openText}; weighted by stage ${d.weightedText}.`,
          `Average won deal ${d.averageDealText} (${d.averageDealBasis}); cycle ${d.cycleText}.`,
          ...d.deals.filter((r) => r.staleText).map((r) => `${r.customer} (${r.amountText}): ${r.staleText!.toLowerCase()} — agree what happens next.`),
        ]
      : [],
    ask: ['Which of these will close by the date shown, and which need a new date?', 'Where do you need us on a call?'],
    internal: [
      'Next steps come from your notes naming the customer, else the stage’s usual next step; the replica holds no next step or owner per deal.',
      `Stale: close date passed, or no activity for ${STALE_DAYS}+ days.`,
    ],
  });
};
