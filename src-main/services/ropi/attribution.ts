/**
 * Influence attribution (issue 16 point 3). The replica stores one opportunity row per
 * partner and role, with no link between rows, so a deal touched by several partners is
 * recognised this way (the one place it is defined):
 *
 * - A **deal** is the won partner rows (roles sourced, influenced, co-sell, marketplace)
 *   with the same customer (case and outer spaces ignored) closing in the same fiscal quarter.
 * - The **sourcing partner** is the partner with a sourced row (the earliest created when
 *   several); the **first touch** is the partner whose row was created first (the sourcing
 *   partner on a tie). A partner with several rows in a deal is one touch.
 * - Its **value** is the sourcing partner's amount (the deal as booked; the sum of its
 *   sourced rows when it has several there, as a partner does not source one deal twice:
 *   two orders of one customer in a quarter are two deals' worth, not one), or the largest
 *   amount among its rows when nobody sourced it (the rows are each partner's view of one
 *   deal; adding them up would count it several times). So the sourcing partner never gets
 *   more than its own amount, while an influence partner can get more than its own row
 *   says: the credit a resale-only view misses.
 * - The rule splits the value (shares sum to 100%); a deal with one partner gives it all.
 */
import { POSITION_SHARES, type AttributionRule } from '../../../src-shared/methods/ropi';

export interface WonRow {
  id: string;
  partner_id: string;
  customer: string;
  role: 'sourced' | 'influenced' | 'co_sell' | 'marketplace';
  amount: number;
  created_at: string;
  /** The fiscal quarter it closed in. */
  quarter: string;
}

export interface Credit {
  row: WonRow;
  /** This row's credit (minor units): its partner's share of the deal, on the partner's first row in the deal. */
  credit: number;
}

export interface SplitRule {
  rule: AttributionRule;
  /** Percent, for rule 'sourcing'. */
  sourcingShare: number;
}

interface Touch {
  partner: string;
  sourced: boolean;
  created: string;
}

/** The sourcing partner of a deal: the one with a sourced row, the earliest when several. */
function sourcingOf<T extends Touch>(touches: readonly T[]): T | undefined {
  return touches.filter((t) => t.sourced).sort((a, b) => a.created.localeCompare(b.created) || a.partner.localeCompare(b.partner))[0];
}

/** Each partner's share (fractions summing to 1) of one deal, by the rule. */
export function splitShares(touches: readonly Touch[], rule: SplitRule): Map<string, number> {
  const shares = new Map<string, number>();
  const n = touches.length;
  if (n === 0) return shares;
  if (n === 1) return shares.set(touches[0]!.partner, 1);
  const sourcing = sourcingOf(touches);
  if (rule.rule === 'even' || (rule.rule === 'sourcing' && !sourcing)) {
    for (const t of touches) shares.set(t.partner, 1 / n);
    return shares;
  }
  if (rule.rule === 'sourcing') {
    const s = rule.sourcingShare / 100;
    for (const t of touches) shares.set(t.partner, t.partner === sourcing!.partner ? s : (1 - s) / (n - 1));
    return shares;
  }
  const first = [...touches].sort(
    (a, b) => a.created.localeCompare(b.created) || Number(b.partner === sourcing?.partner) - Number(a.partner === sourcing?.partner) || a.partner.localeCompare(b.partner),
  )[0]!;
  const rest = touches.filter((t) => t.partner !== first.partner && t.partner !== sourcing?.partner);
  const raw = new Map<string, number>(touches.map((t) => [t.partner, 0]));
  raw.set(first.partner, POSITION_SHARES.first);
  if (sourcing) raw.set(sourcing.partner, raw.get(sourcing.partner)! + POSITION_SHARES.sourcing);
  for (const t of rest) raw.set(t.partner, POSITION_SHARES.rest / rest.length);
  const total = [...raw.values()].reduce((a, b) => a + b, 0);
  for (const [p, v] of raw) shares.set(p, v / total);
  return shares;
}

export function dealKey(r: WonRow): string {
  return `${r.quarter}|${r.customer.trim().toLowerCase()}`;
}

/** Every row with its credit: a partner's share of its deal lands on its sourced row there (else its earliest); its other rows get 0. */
export function attribute(rows: readonly WonRow[], rule: SplitRule): Credit[] {
  const deals = new Map<string, WonRow[]>();
  for (const r of rows) {
    const k = dealKey(r);
    const list = deals.get(k);
    if (list) list.push(r);
    else deals.set(k, [r]);
  }
  const out: Credit[] = [];
  for (const list of deals.values()) {
    const byPartner = new Map<string, { partner: string; sourced: boolean; created: string; first: WonRow }>();
    for (const r of [...list].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))) {
      const t = byPartner.get(r.partner_id);
      if (!t) byPartner.set(r.partner_id, { partner: r.partner_id, sourced: r.role === 'sourced', created: r.created_at, first: r });
      else if (r.role === 'sourced' && !t.sourced) {
        t.sourced = true;
        t.first = r;
      }
    }
    const touches = [...byPartner.values()];
    const sourcing = sourcingOf(touches);
    const value = sourcing
      ? list.filter((r) => r.partner_id === sourcing.partner && r.role === 'sourced').reduce((sum, r) => sum + r.amount, 0)
      : Math.max(...list.map((r) => r.amount));
    const shares = splitShares(touches, rule);
    for (const r of list) {
      const t = byPartner.get(r.partner_id)!;
      out.push({ row: r, credit: t.first === r ? shares.get(r.partner_id)! * value : 0 });
    }
  }
  return out;
}
