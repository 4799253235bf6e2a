/**
 * The QBR's own numbers, straight from the replica for one window (a quarter, cut at the
 * as-of date while it runs). One grouped query per table for a set of partners — one
 * partner for its deck, or a whole tier for peer benchmarks — so the partner's figures
 * and its peers' come from the same SQL. Each query is written to be checked by hand.
 *
 * Conventions (stated on the slides too):
 * - won ARR: partner opportunities (every partner role: sourced, influenced, co-sell,
 *   marketplace) at stage closed_won whose close date falls in the window — the same deals
 *   as the win rate, the pipeline and the top-wins table; split by role where shown;
 * - win rate: won ÷ (won + lost) among partner opportunities (any partner role) closed in the window;
 * - pipeline created: partner opportunities created in the window (any stage, any partner role);
 * - deal registrations: those submitted in the window, with what became of them by its last
 *   day (approved, rejected, pending, expired: they add up); pending ones submitted earlier apart;
 * - approval time: mean days from submission to decision of registrations approved in the window
 *   (whenever submitted);
 * - certified people: contacts holding a certification valid on the window's last day;
 * - active contacts: contacts with any portal/training/webinar event in the window;
 * - PSAT: mean score of responses in the window;
 * - MDF: the allocation (fiscal half) running on the last day, and requests submitted by then.
 */
import type { Db } from '../../db/connection';
import { addDays } from '../../../src-shared/domain/time';
import type { Window } from './period';

export interface Figures {
  sourcedWon: number;
  influencedWon: number;
  coSellWon: number;
  marketplaceWon: number;
  wonCount: number;
  lostCount: number;
  /** won ÷ (won + lost); null when nothing closed. */
  winRate: number | null;
  pipelineCreated: number;
  createdCount: number;
  firstWin: string | null;
  /** Registrations submitted in the window. */
  regsSubmitted: number;
  /** What became of those submitted in the window, as they stood on its last day (the four add up to regsSubmitted). */
  regsOutcome: RegsOutcome;
  /** Approvals we gave in the window, whenever the registration was submitted. */
  regsApproved: number;
  /** Mean days from submission to approval, registrations approved in the window. */
  approvalDays: number | null;
  /** Registrations awaiting a decision on the window's last day, whenever submitted. */
  regsPending: number;
  certifiedPeople: number;
  certsExpiringSoon: number;
  contacts: number;
  activeContacts: number;
  events: number;
  psat: number | null;
  psatCount: number;
  psatDetractors: number;
  mdf: { period: string; allocated: number; approved: number; claimed: number; attributed: number } | null;
}

export const EMPTY_FIGURES: Figures = {
  sourcedWon: 0,
  influencedWon: 0,
  coSellWon: 0,
  marketplaceWon: 0,
  wonCount: 0,
  lostCount: 0,
  winRate: null,
  pipelineCreated: 0,
  createdCount: 0,
  firstWin: null,
  regsSubmitted: 0,
  regsOutcome: { approved: 0, rejected: 0, pending: 0, expired: 0 },
  regsApproved: 0,
  approvalDays: null,
  regsPending: 0,
  certifiedPeople: 0,
  certsExpiringSoon: 0,
  contacts: 0,
  activeContacts: 0,
  events: 0,
  psat: null,
  psatCount: 0,
  psatDetractors: 0,
  mdf: null,
};

export interface RegsOutcome {
  approved: number;
  rejected: number;
  pending: number;
  /** Lapsed before a decision (or no longer open for another reason the source gives). */
  expired: number;
}

/**
 * A registration decided and not rejected was approved: one approved and then left unused
 * until it lapsed reads `expired` in the PRM, with the date it was approved.
 */
const APPROVED = `(status IN ('approved','converted') OR (status = 'expired' AND decided_at IS NOT NULL))`;
/** Awaiting a decision on the day @end. */
const PENDING = `(submitted_at <= @end AND (decided_at IS NULL OR decided_at > @end) AND expires_at > @end AND status NOT IN ('expired'))`;
const SUBMITTED = `submitted_at BETWEEN @start AND @end`;

/** Which partners: one, or every partner of a tier. */
export type Scope = { partnerId: string } | { tierId: string };

function scopeSql(scope: Scope, col = 'partner_id'): { sql: string; param: string } {
  return 'partnerId' in scope
    ? { sql: `${col} = ?`, param: scope.partnerId }
    : { sql: `${col} IN (SELECT id FROM partner WHERE tier_id = ?)`, param: scope.tierId };
}

type Row = Record<string, number | string | null> & { partner_id: string };
const n = (v: number | string | null | undefined): number => (typeof v === 'number' ? v : v == null ? 0 : Number(v));
const nn = (v: number | string | null | undefined): number | null => (v == null ? null : Number(v));

/** Figures of every partner in `scope` for `w` (partners with no rows get zeros). */
export function figures(db: Db, scope: Scope, w: Window): Map<string, Figures> {
  const s = db.sqlite;
  const { sql: where, param } = scopeSql(scope);
  const out = new Map<string, Figures>();
  const ids = s.prepare(`SELECT id FROM partner WHERE ${scopeSql(scope, 'id').sql}`).pluck().all(param) as string[];
  for (const id of ids) out.set(id, { ...EMPTY_FIGURES });
  const at = (id: string) => out.get(id);
  const { start, end } = w;
  const next = addDays(end, 1);

  for (const r of s
    .prepare(
      `SELECT partner_id,
              sum(CASE WHEN stage = 'closed_won' AND partner_role = 'sourced' AND close_date BETWEEN @start AND @end THEN amount ELSE 0 END) AS sourced_won,
              sum(CASE WHEN stage = 'closed_won' AND partner_role = 'influenced' AND close_date BETWEEN @start AND @end THEN amount ELSE 0 END) AS influenced_won,
              sum(CASE WHEN stage = 'closed_won' AND partner_role = 'co_sell' AND close_date BETWEEN @start AND @end THEN amount ELSE 0 END) AS co_sell_won,
              sum(CASE WHEN stage = 'closed_won' AND partner_role = 'marketplace' AND close_date BETWEEN @start AND @end THEN amount ELSE 0 END) AS marketplace_won,
              sum(CASE WHEN stage = 'closed_won' AND close_date BETWEEN @start AND @end THEN 1 ELSE 0 END) AS won_count,
              sum(CASE WHEN stage = 'closed_lost' AND close_date BETWEEN @start AND @end THEN 1 ELSE 0 END) AS lost_count,
              sum(CASE WHEN created_at BETWEEN @start AND @end THEN amount ELSE 0 END) AS pipeline_created,
              sum(CASE WHEN created_at BETWEEN @start AND @end THEN 1 ELSE 0 END) AS created_count,
              min(CASE WHEN stage = 'closed_won' AND close_date <= @end THEN close_date END) AS first_win
         FROM opportunity
        WHERE ${where.replace('?', '@scope')} AND partner_role != 'direct'
        GROUP BY partner_id`,
    )
    .all({ start, end, scope: param }) as Row[]) {
    const f = at(r.partner_id);
    if (!f) continue;
    f.sourcedWon = n(r.sourced_won);
    f.influencedWon = n(r.influenced_won);
    f.coSellWon = n(r.co_sell_won);
    f.marketplaceWon = n(r.marketplace_won);
    f.wonCount = n(r.won_count);
    f.lostCount = n(r.lost_count);
    f.winRate = f.wonCount + f.lostCount > 0 ? f.wonCount / (f.wonCount + f.lostCount) : null;
    f.pipelineCreated = n(r.pipeline_created);
    f.createdCount = n(r.created_count);
    f.firstWin = (r.first_win as string | null) ?? null;
  }

  for (const r of s
    .prepare(
      `SELECT partner_id,
              sum(CASE WHEN ${SUBMITTED} THEN 1 ELSE 0 END) AS submitted,
              sum(CASE WHEN ${SUBMITTED} AND decided_at <= @end AND ${APPROVED} THEN 1 ELSE 0 END) AS sub_approved,
              sum(CASE WHEN ${SUBMITTED} AND decided_at <= @end AND status = 'rejected' THEN 1 ELSE 0 END) AS sub_rejected,
              sum(CASE WHEN ${SUBMITTED} AND ${PENDING} THEN 1 ELSE 0 END) AS sub_pending,
              sum(CASE WHEN decided_at BETWEEN @start AND @end AND ${APPROVED} THEN 1 ELSE 0 END) AS approved,
              avg(CASE WHEN decided_at BETWEEN @start AND @end AND ${APPROVED}
                       THEN julianday(decided_at) - julianday(submitted_at) END) AS approval_days,
              sum(CASE WHEN ${PENDING} THEN 1 ELSE 0 END) AS pending
         FROM deal_registration
        WHERE ${where.replace('?', '@scope')}
        GROUP BY partner_id`,
    )
    .all({ start, end, scope: param }) as Row[]) {
    const f = at(r.partner_id);
    if (!f) continue;
    f.regsSubmitted = n(r.submitted);
    const approved = n(r.sub_approved);
    const rejected = n(r.sub_rejected);
    const pending = n(r.sub_pending);
    // The three are disjoint: what is left of those submitted lapsed undecided.
    f.regsOutcome = { approved, rejected, pending, expired: f.regsSubmitted - approved - rejected - pending };
    f.regsApproved = n(r.approved);
    f.approvalDays = nn(r.approval_days);
    f.regsPending = n(r.pending);
  }

  for (const r of s
    .prepare(
      `SELECT partner_id,
              count(DISTINCT CASE WHEN earned_at <= @end AND expires_at > @end THEN contact_id END) AS certified,
              sum(CASE WHEN expires_at > @end AND expires_at <= @soon THEN 1 ELSE 0 END) AS expiring
         FROM certification
        WHERE ${where.replace('?', '@scope')}
        GROUP BY partner_id`,
    )
    .all({ end, soon: addDays(end, 60), scope: param }) as Row[]) {
    const f = at(r.partner_id);
    if (!f) continue;
    f.certifiedPeople = n(r.certified);
    f.certsExpiringSoon = n(r.expiring);
  }

  for (const r of s.prepare(`SELECT partner_id, count(*) AS contacts FROM contact WHERE ${where} GROUP BY partner_id`).all(param) as Row[]) {
    const f = at(r.partner_id);
    if (f) f.contacts = n(r.contacts);
  }

  for (const r of s
    .prepare(
      `SELECT partner_id, count(DISTINCT contact_id) AS active, count(*) AS events
         FROM engagement_event
        WHERE ${where.replace('?', '@scope')} AND occurred_at >= @start AND occurred_at < @next
        GROUP BY partner_id`,
    )
    .all({ start, next, scope: param }) as Row[]) {
    const f = at(r.partner_id);
    if (!f) continue;
    f.activeContacts = n(r.active);
    f.events = n(r.events);
  }

  for (const r of s
    .prepare(
      `SELECT partner_id, avg(score) AS psat, count(*) AS responses, sum(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors
         FROM psat_response
        WHERE ${where.replace('?', '@scope')} AND responded_at BETWEEN @start AND @end
        GROUP BY partner_id`,
    )
    .all({ start, end, scope: param }) as Row[]) {
    const f = at(r.partner_id);
    if (!f) continue;
    f.psat = nn(r.psat);
    f.psatCount = n(r.responses);
    f.psatDetractors = n(r.detractors);
  }

  for (const r of s
    .prepare(
      `SELECT a.partner_id, min(a.period) AS period, sum(a.amount) AS allocated,
              sum((SELECT coalesce(sum(CASE WHEN q.status IN ('approved','claimed') THEN q.amount ELSE 0 END), 0)
                     FROM mdf_request q WHERE q.allocation_id = a.id AND q.submitted_at <= @end)) AS approved,
              sum((SELECT coalesce(sum(q.claimed_amount), 0) FROM mdf_request q WHERE q.allocation_id = a.id AND q.submitted_at <= @end)) AS claimed,
              sum((SELECT coalesce(sum(q.attributed_pipeline), 0) FROM mdf_request q WHERE q.allocation_id = a.id AND q.submitted_at <= @end)) AS attributed
         FROM mdf_allocation a
        WHERE ${scopeSql(scope, 'a.partner_id').sql.replace('?', '@scope')} AND a.period_start <= @end AND a.period_end >= @end
        GROUP BY a.partner_id`,
    )
    .all({ end, scope: param }) as Row[]) {
    const f = at(r.partner_id);
    if (!f) continue;
    f.mdf = {
      period: String(r.period),
      allocated: n(r.allocated),
      approved: n(r.approved),
      claimed: n(r.claimed),
      attributed: n(r.attributed),
    };
  }
  return out;
}

/** ARR won in every partner role: the one "ARR won" of the deck. */
export const totalWon = (f: Figures): number => f.sourcedWon + f.influencedWon + f.coSellWon + f.marketplaceWon;

/** One partner's figures for `w`. */
export function partnerFigures(db: Db, partnerId: string, w: Window): Figures {
  return figures(db, { partnerId }, w).get(partnerId) ?? { ...EMPTY_FIGURES };
}

export interface OpenPipeline {
  byStage: { stage: string; count: number; amount: number }[];
  count: number;
  amount: number;
  closingNextQuarter: number;
}

/**
 * Open partner pipeline on `asOf`: partner opportunities created by then and still open, by
 * stage. A deal that closed after `asOf` is not listed as open (it was decided before the
 * meeting; the review shows what is still to win).
 */
export function openPipeline(db: Db, partnerId: string, asOf: string, nextQuarterEnd: string): OpenPipeline {
  const rows = db.sqlite
    .prepare(
      `SELECT stage, count(*) AS count, sum(amount) AS amount,
              sum(CASE WHEN close_date <= @nq THEN amount ELSE 0 END) AS soon
         FROM opportunity
        WHERE partner_id = @p AND partner_role != 'direct' AND created_at <= @d
          AND stage NOT IN ('closed_won','closed_lost')
        GROUP BY 1`,
    )
    .all({ p: partnerId, d: asOf, nq: nextQuarterEnd }) as { stage: string; count: number; amount: number; soon: number }[];
  return {
    byStage: rows.map((r) => ({ stage: r.stage, count: r.count, amount: r.amount })),
    count: rows.reduce((a, r) => a + r.count, 0),
    amount: rows.reduce((a, r) => a + r.amount, 0),
    closingNextQuarter: rows.reduce((a, r) => a + r.soon, 0),
  };
}

export interface DealRow {
  id: string;
  customer: string;
  amount: number;
  stage: string;
  partner_role: string;
  close_date: string;
}

export function topWins(db: Db, partnerId: string, w: Window, limit = 5): { rows: DealRow[]; count: number; amount: number } {
  const rows = db.sqlite
    .prepare(
      `SELECT id, customer, amount, stage, partner_role, close_date FROM opportunity
        WHERE partner_id = ? AND partner_role != 'direct' AND stage = 'closed_won' AND close_date BETWEEN ? AND ?
        ORDER BY amount DESC, id LIMIT ?`,
    )
    .all(partnerId, w.start, w.end, limit) as DealRow[];
  const agg = db.sqlite
    .prepare(
      `SELECT count(*) AS c, coalesce(sum(amount), 0) AS a FROM opportunity
        WHERE partner_id = ? AND partner_role != 'direct' AND stage = 'closed_won' AND close_date BETWEEN ? AND ?`,
    )
    .get(partnerId, w.start, w.end) as { c: number; a: number };
  return { rows, count: agg.c, amount: agg.a };
}

export function topOpen(db: Db, partnerId: string, asOf: string, limit = 5): DealRow[] {
  return db.sqlite
    .prepare(
      `SELECT id, customer, amount, stage, partner_role, close_date FROM opportunity
        WHERE partner_id = ? AND partner_role != 'direct' AND created_at <= ?
          AND stage NOT IN ('closed_won','closed_lost')
        ORDER BY amount DESC, id LIMIT ?`,
    )
    .all(partnerId, asOf, limit) as DealRow[];
}
