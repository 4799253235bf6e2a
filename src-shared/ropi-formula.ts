/**
 * The ROPI formula in words with a partner's own numbers ("Return $110k = 73% of sourced
 * $150k + 42% of influenced $120k · Investment …"). The partner page shows exactly these
 * lines, made from the figures `ropi.partner` returns, so text and figures cannot differ.
 */
import { FILES_HOLD_NO_DEALS } from './domain/no-deals';
import type { RopiFigures } from './methods/ropi';

/** Said instead of a ROPI for a book without orders or opportunities (RopiBook.returnKnown false). */
export const NO_RETURN_FOR_ROPI = `No ROPI: ${FILES_HOLD_NO_DEALS}, so there is no return to measure.`;

export function formatRopi(ropi: number | null): string {
  if (ropi === null) return 'no investment';
  return `${ropi >= 10 ? ropi.toFixed(0) : ropi.toFixed(1)}×`;
}

/** A quarter of a partner's ROPI trend: "not a partner then" for a quarter before it signed (or after it churned), not "no investment". */
export const NOT_A_PARTNER_THEN = 'not a partner then';
export function formatQuarterRopi(q: { ropi: number | null; partnerThen: boolean }): string {
  return q.partnerThen ? formatRopi(q.ropi) : NOT_A_PARTNER_THEN;
}

function share(credit: number, raw: number): string {
  return `${Math.round((credit / raw) * 100)}%`;
}

function hours(h: number): string {
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}

export interface RopiFormulaLines {
  return: string;
  investment: string;
  ropi: string;
  /** Why the influence credit is more than 100% of the partner's own rows, when it is; else null. */
  note: string | null;
}

/** Said under a return whose influence credit is over 100% of the partner's own rows ("196% of influenced …"). */
export const OVER_CREDIT_NOTE =
  'The influence credit is more than this partner’s own rows: each deal is credited at its full value (as the sourcing partner booked it), and this partner’s share of that is larger than what its own row records.';

/**
 * `money` formats minor units (the page's `useMoney().short` bound to the partner's currency);
 * `mdfKnown` false for a book without MDF (RopiBook.mdfKnown): its investment is CAM time alone.
 */
export function ropiFormula(f: RopiFigures, money: (minor: number) => string, tierMedian: number | null, mdfKnown = true): RopiFormulaLines {
  const parts: string[] = [];
  if (f.sourced > 0) parts.push(`${share(f.sourcedCredit, f.sourced)} of sourced ${money(f.sourced)}`);
  if (f.influenced > 0) parts.push(`${share(f.influencedCredit, f.influenced)} of influenced, co-sell and marketplace ${money(f.influenced)}`);
  const ret = `Return ${money(f.attributed)} = ${parts.length ? parts.join(' + ') : 'no won deals'}`;
  const cam = f.camHours > 0 ? `CAM time ${hours(f.camHours)} h × ${money(Math.round(f.camCost / f.camHours))}` : 'no CAM time';
  const inv = mdfKnown ? `Investment ${money(f.investment)} = MDF ${money(f.mdf)} + ${cam}` : `Investment ${money(f.investment)} = ${cam} (MDF: not in this book)`;
  const median = tierMedian === null ? '' : ` (tier median ${formatRopi(tierMedian)})`;
  const note = f.influenced > 0 && f.influencedCredit > f.influenced ? OVER_CREDIT_NOTE : null;
  return { return: ret, investment: inv, ropi: `ROPI ${formatRopi(f.ropi)}${median}`, note };
}
