/**
 * ROPI, return on partner investment (issue 16 point 2), per partner and per tier, for
 * each of the last four complete fiscal quarters and the four together:
 *
 *   return     = credit the attribution rule gives the partner on its won deals
 *                (attribution.ts): its sourced rows' credit + its influenced / co-sell /
 *                marketplace rows' credit
 *   investment = MDF (approved requests at their amount, claimed ones at the claimed
 *                amount, in the quarter they were submitted) + CAM time
 *   CAM time   = hours a month × 3 × the hourly cost, for each quarter the partner was
 *                signed and not yet churned; hours a month are the setting, or
 *                160 working hours × 50% spent on partners ÷ the partners its owner has
 *                (not churned) when the setting is empty
 *   ROPI       = return ÷ investment (none when nothing was invested)
 *
 * The replica holds no incentive payments, so investment has no incentive term.
 * Amounts are summed in minor units as stored (the book's own currency).
 */
import {
  ATTRIBUTION_RULE_TEXT,
  CAM_MONTH_HOURS,
  CAM_PARTNER_SHARE,
  type PartnerRopi,
  type RopiBook,
  type RopiFigures,
  type RopiSettings,
  type TierRopi,
} from '../../../src-shared/methods/ropi';
import { quarterEnd, quarterOf, quarterStart, quartersEnding, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import { fromMajor } from '../../../src-shared/domain/money';
import type { Db } from '../../db/connection';
import { readCalendar } from '../calendar';
import { absentFacts, importedBook } from '../import/service';
import { attribute, type WonRow } from './attribution';
import { readRopiSettings } from './settings';

interface PartnerRow {
  id: string;
  name: string;
  tier_id: string;
  tier_name: string;
  owner_id: string;
  status: string;
  currency: string;
  agreement_signed_at: string;
  churned_at: string | null;
}

/** The last `count` complete fiscal quarters on `asOf` (its own quarter when `asOf` is its last day), oldest first. */
export function completeQuarters(asOf: string, cal: FiscalCalendar, count = 4): string[] {
  const q = quarterOf(asOf, cal);
  return quartersEnding(quarterEnd(q, cal) === asOf ? q : shiftQuarter(q, -1), count);
}

export function camFormula(s: RopiSettings): string {
  const hours =
    s.camHoursPerPartnerMonth === null
      ? `${CAM_MONTH_HOURS} working hours a month × ${CAM_PARTNER_SHARE * 100}% spent on partners ÷ the partners its owner has`
      : `${s.camHoursPerPartnerMonth} h a month (set in Settings)`;
  return `CAM time = ${hours}, × 3 months a quarter × the hourly cost`;
}

function empty(): RopiFigures {
  return { sourced: 0, influenced: 0, sourcedCredit: 0, influencedCredit: 0, attributed: 0, mdf: 0, camHours: 0, camCost: 0, investment: 0, ropi: null };
}

function finish(f: RopiFigures): RopiFigures {
  f.attributed = Math.round(f.sourcedCredit + f.influencedCredit);
  f.sourcedCredit = Math.round(f.sourcedCredit);
  f.influencedCredit = f.attributed - f.sourcedCredit;
  f.camCost = Math.round(f.camCost);
  f.investment = f.mdf + f.camCost;
  f.ropi = f.investment > 0 ? f.attributed / f.investment : null;
  return f;
}

function add(into: RopiFigures, f: RopiFigures): void {
  for (const k of ['sourced', 'influenced', 'sourcedCredit', 'influencedCredit', 'mdf', 'camHours', 'camCost'] as const) into[k] += f[k];
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The whole book's ROPI on `asOf` with the stored settings (or `settings` when given). */
export function computeRopi(db: Db, asOf: string, settings: RopiSettings = readRopiSettings(db)): RopiBook {
  const cal = readCalendar(db);
  const quarters = completeQuarters(asOf, cal);
  const from = quarterStart(quarters[0]!, cal);
  const to = quarterEnd(quarters[quarters.length - 1]!, cal);
  const partners = db.sqlite
    .prepare(
      `SELECT p.id, p.name, p.tier_id, coalesce(t.name, p.tier_id) AS tier_name, p.owner_id, p.status, p.currency,
              p.agreement_signed_at, p.churned_at
         FROM partner p LEFT JOIN tier t ON t.id = p.tier_id ORDER BY p.name, p.id`,
    )
    .all() as PartnerRow[];
  const won = (
    db.sqlite
      .prepare(
        `SELECT id, partner_id, customer, partner_role AS role, amount, created_at, close_date FROM opportunity
          WHERE stage = 'closed_won' AND partner_id IS NOT NULL AND partner_role IN ('sourced','influenced','co_sell','marketplace')
            AND close_date >= ? AND close_date <= ?`,
      )
      .all(from, to) as (Omit<WonRow, 'quarter'> & { close_date: string })[]
  ).map((r): WonRow => ({ id: r.id, partner_id: r.partner_id, customer: r.customer, role: r.role, amount: r.amount, created_at: r.created_at, quarter: quarterOf(r.close_date, cal) }));
  const mdf = db.sqlite
    .prepare(
      `SELECT partner_id, submitted_at, CASE status WHEN 'claimed' THEN claimed_amount ELSE amount END AS amount FROM mdf_request
        WHERE status IN ('approved','claimed') AND submitted_at >= ? AND submitted_at <= ?`,
    )
    .all(from, to) as { partner_id: string; submitted_at: string; amount: number }[];

  const qi = new Map(quarters.map((q, i) => [q, i]));
  const figures = new Map(partners.map((p) => [p.id, quarters.map(empty)]));
  for (const { row, credit } of attribute(won, settings)) {
    const f = figures.get(row.partner_id)?.[qi.get(row.quarter)!];
    if (!f) continue;
    if (row.role === 'sourced') {
      f.sourced += row.amount;
      f.sourcedCredit += credit;
    } else {
      f.influenced += row.amount;
      f.influencedCredit += credit;
    }
  }
  for (const m of mdf) {
    const f = figures.get(m.partner_id)?.[qi.get(quarterOf(m.submitted_at, cal))!];
    if (f) f.mdf += m.amount;
  }
  const owned = new Map<string, number>();
  for (const p of partners) if (p.status !== 'churned') owned.set(p.owner_id, (owned.get(p.owner_id) ?? 0) + 1);

  const bounds = quarters.map((q) => ({ start: quarterStart(q, cal), end: quarterEnd(q, cal) }));
  const rows: PartnerRopi[] = partners.map((p) => {
    const hours = settings.camHoursPerPartnerMonth ?? (CAM_MONTH_HOURS * CAM_PARTNER_SHARE) / Math.max(1, owned.get(p.owner_id) ?? 1);
    const qs = figures.get(p.id)!;
    const trailing = empty();
    const partnerThen = quarters.map((_q, i) => p.agreement_signed_at <= bounds[i]!.end && (p.churned_at === null || p.churned_at >= bounds[i]!.start));
    quarters.forEach((_q, i) => {
      const f = qs[i]!;
      if (partnerThen[i]) {
        f.camHours = hours * 3;
        f.camCost = f.camHours * fromMajor(settings.camHourlyCost, p.currency);
      }
      add(trailing, f);
      finish(f);
    });
    return {
      id: p.id, name: p.name, tier_id: p.tier_id, tier_name: p.tier_name, owner_id: p.owner_id, currency: p.currency,
      camHoursPerMonth: hours, trailing: finish(trailing), quarters: quarters.map((q, i) => ({ quarter: q, partnerThen: partnerThen[i]!, ...qs[i]! })),
    };
  });
  const imported = importedBook(db);
  const mdfKnown = !imported || imported.coverage.entities.includes('mdf_request');
  // The same facts as health, the partner page and the QBR builder read (a connected source may lack them too).
  const returnKnown = !absentFacts(db).has('opportunity');
  return { asOf, quarters, settings, ruleText: ruleText(settings), camFormula: camFormula(settings), mdfKnown, returnKnown, rows, tiers: tierRopi(rows) };
}

export function ruleText(s: RopiSettings): string {
  return s.rule === 'sourcing' ? `${ATTRIBUTION_RULE_TEXT.sourcing} (${s.sourcingShare}% / ${100 - s.sourcingShare}%)` : ATTRIBUTION_RULE_TEXT[s.rule];
}

export function tierRopi(rows: readonly PartnerRopi[]): TierRopi[] {
  const tiers = new Map<string, TierRopi & { ropis: number[] }>();
  for (const r of rows) {
    const t = tiers.get(r.tier_id) ?? { tier_id: r.tier_id, tier_name: r.tier_name, partners: 0, median: null, pooled: null, attributed: 0, investment: 0, ropis: [] };
    t.partners += 1;
    t.attributed += r.trailing.attributed;
    t.investment += r.trailing.investment;
    if (r.trailing.ropi !== null) t.ropis.push(r.trailing.ropi);
    tiers.set(r.tier_id, t);
  }
  return [...tiers.values()].map(({ ropis, ...t }) => ({ ...t, median: median(ropis), pooled: t.investment > 0 ? t.attributed / t.investment : null }));
}
