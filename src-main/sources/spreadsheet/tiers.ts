/**
 * Tiers for a book whose files carry none, from the rule the mapping picks:
 * `revenue_bands` ranks partners by won revenue in the 12 months up to the book's last
 * date (top 10% Gold, next 30% Silver, the rest Registered); `none` puts everyone in one
 * "Untiered" level, as does a book in which no partner won anything. Each tier's revenue target is the median of its partners' revenue, so
 * a target is a fact of this book, never an invented number; the tier's benefits text
 * says how it was made.
 */
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';
import { addDays } from '../../../src-shared/domain/time';
import type { BookRecords } from './book';

interface Band {
  id: string;
  name: string;
  rank: number;
  share: number;
}
const BANDS: Band[] = [
  { id: 'gold', name: 'Gold', rank: 3, share: 0.1 },
  { id: 'silver', name: 'Silver', rank: 2, share: 0.3 },
  { id: 'registered', name: 'Registered', rank: 1, share: 1 },
];

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
}

export function deriveTiers(
  records: BookRecords,
  rule: ImportMapping['tiers'],
  lastDate: string | null,
  currency: string,
): { tiers: Record<string, unknown>[]; byPartner: Map<string, string> } {
  const partners = [...(records.get('partner')?.keys() ?? [])];
  const revenue = new Map<string, number>(partners.map((p) => [p, 0]));
  if (lastDate) {
    const from = addDays(lastDate, -365);
    for (const o of records.get('opportunity')?.values() ?? []) {
      if (o.stage !== 'closed_won' || (o.close_date as string) <= from || (o.close_date as string) > lastDate) continue;
      revenue.set(o.partner_id as string, (revenue.get(o.partner_id as string) ?? 0) + (o.amount as number));
    }
  }
  const byPartner = new Map<string, string>();
  const tier = (b: Band, members: string[], how: string) => {
    const earning = members.map((p) => revenue.get(p)!).filter((x) => x > 0);
    const target = Math.max(100, median(earning));
    return {
      id: b.id,
      name: b.name,
      rank: b.rank,
      min_sourced_arr: b.rank === 1 ? 0 : Math.min(...earning, target),
      min_certified: 0,
      revenue_target: target,
      pipeline_target: Math.max(100, Math.round(target / 4)),
      currency,
      benefits: [how],
    };
  };
  // Bands are shares of the partners that earned anything; those that did not are Registered.
  const ranked = partners.filter((p) => revenue.get(p)! > 0).sort((a, b) => revenue.get(b)! - revenue.get(a)! || a.localeCompare(b));
  // One level for all when asked, and when no partner won anything (a partner list alone, without orders):
  // empty Gold and Silver tiers "$1" apart would tell every partner it is "+$1 sourced ARR" from the next one.
  if (rule === 'none' || ranked.length === 0) {
    const b = { id: 'untiered', name: 'Untiered', rank: 1, share: 1 };
    for (const p of partners) byPartner.set(p, b.id);
    const why =
      rule === 'none'
        ? 'The files carry no tiers; targets are the median partner’s won revenue over the last 12 months.'
        : records.get('opportunity')?.size
          ? `No partner won revenue in the 12 months to ${lastDate ?? 'the last order'}: one level for all, as there is nothing to rank partners by.`
          : 'The files hold no orders or opportunities: one level for all, as there is no revenue to rank partners by.';
    return { tiers: [tier(b, partners, why)], byPartner };
  }
  const idle = partners.filter((p) => revenue.get(p)! <= 0);
  const tiers: Record<string, unknown>[] = [];
  let at = 0;
  for (const b of BANDS) {
    const take = b.share >= 1 ? ranked.length - at : Math.ceil(ranked.length * b.share);
    const members = [...ranked.slice(at, at + take), ...(b.rank === 1 ? idle : [])];
    at += take;
    for (const p of members) byPartner.set(p, b.id);
    tiers.push(tier(b, members, `Derived from the files: ${b.rank === 3 ? 'the top 10%' : b.rank === 2 ? 'the next 30%' : 'the rest'} of partners by won revenue over the 12 months to ${lastDate ?? 'the last order'}${b.rank === 1 ? ', and those without any' : ''}.`));
  }
  return { tiers, byPartner };
}
