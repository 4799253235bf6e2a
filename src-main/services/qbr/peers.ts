/**
 * Peer benchmarks: where the partner's quarter stands among the partners of its tier
 * (those in the book on the as-of date), per KPI. Percentile = share of peers below plus
 * half the ties, so the median partner sits at 50; for "lower is better" KPIs it is flipped.
 */
import type { BenchmarksData, Tone } from '../../../src-shared/methods/qbr';
import type { Db } from '../../db/connection';
import { bookVersion } from '../../db/derived-writes';
import { figures, type Figures } from './figures';
import { count, dateText, days, money, pct, score10 } from './format';
import { daysBetween } from '../../../src-shared/domain/time';
import type { Window } from './period';
import type { BookFact } from '../health/measures';

interface KpiDef {
  key: string;
  label: string;
  value(f: Figures): number | null;
  text(v: number, currency: string): string;
  lowerIsBetter?: boolean;
  /** The book fact it is made of, when not every book holds it. */
  needs?: BookFact;
}

export const PEER_KPIS: readonly KpiDef[] = [
  { key: 'win_rate', label: 'win rate', value: (f) => f.winRate, text: pct },
  { key: 'sourced_arr', label: 'sourced ARR won', value: (f) => f.sourcedWon, text: money },
  { key: 'pipeline_created', label: 'pipeline created', value: (f) => f.pipelineCreated, text: money, needs: 'open_pipeline' },
  { key: 'deal_registrations', label: 'deal registrations', value: (f) => f.regsSubmitted, text: count, needs: 'deal_registration' },
  { key: 'approval_days', label: 'registration approval time', value: (f) => f.approvalDays, text: days, lowerIsBetter: true, needs: 'deal_registration' },
  { key: 'certified_people', label: 'certified people', value: (f) => f.certifiedPeople, text: count, needs: 'certification' },
  { key: 'active_share', label: 'share of contacts active', value: (f) => (f.contacts > 0 ? f.activeContacts / f.contacts : null), text: pct, needs: 'contact' },
  { key: 'psat', label: 'PSAT', value: (f) => f.psat, text: score10, needs: 'psat_response' },
];

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

export function percentile(sorted: readonly number[], v: number): number {
  let below = 0;
  let ties = 0;
  for (const x of sorted) {
    if (x < v) below++;
    else if (x === v) ties++;
  }
  return Math.round((100 * (below + ties / 2)) / sorted.length);
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** How many tiers' and windows' peer figures a connection keeps between packs. */
const KEPT_PEERS = 8;
const keptPeers = new WeakMap<Db['sqlite'], { version: string; byKey: Map<string, readonly Figures[]> }>();

/**
 * `tierFigures`, kept between packs while the book is unchanged (db/derived-writes.ts
 * `bookVersion`; the last `KEPT_PEERS` tiers and windows): every pack of a tier's partner
 * compares it with the same peers, and reading them is most of a pack's time on a large book
 * (0.4 s, 1.2 s cold, for the 7,000 partners of a tier of the 20,000-partner book). On a
 * read-only connection (a worker's), computed each time.
 */
export function keptTierFigures(db: Db, tierId: string, w: Window): readonly Figures[] {
  if (db.readonly) return tierFigures(db, tierId, w);
  const version = bookVersion(db);
  let kept = keptPeers.get(db.sqlite);
  if (kept?.version !== version) keptPeers.set(db.sqlite, (kept = { version, byKey: new Map() }));
  const key = `${tierId}|${w.start}|${w.end}`;
  let v = kept.byKey.get(key);
  if (!v) {
    v = tierFigures(db, tierId, w);
    // Reading them changes nothing: the book is the one they were read from.
    if (kept.byKey.size >= KEPT_PEERS) kept.byKey.delete(kept.byKey.keys().next().value!);
    kept.byKey.set(key, v);
  }
  return v;
}

/** Figures of a tier's partners alive on `w.end`. */
export function tierFigures(db: Db, tierId: string, w: Window): Figures[] {
  const alive = new Set(
    db.sqlite
      .prepare('SELECT id FROM partner WHERE tier_id = ? AND agreement_signed_at <= ? AND (churned_at IS NULL OR churned_at > ?)')
      .pluck()
      .all(tierId, w.end, w.end) as string[],
  );
  return [...figures(db, { tierId }, w).entries()].filter(([id]) => alive.has(id)).map(([, f]) => f);
}

/** Days in the program under which a partner is not ranked against its tier (about two quarters). */
export const TOO_NEW_DAYS = 180;
/** KPIs that measure our side (the vendor's), shown for reference and never scored against the partner. */
const VENDOR_SIDE = new Set(['approval_days']);

export function benchmarks(
  me: Figures,
  peers: readonly Figures[],
  tierName: string,
  currency: string,
  absent: ReadonlySet<BookFact> = new Set(),
  who?: { agreementSignedAt: string; asOf: string; partnerName: string },
): BenchmarksData {
  const tooNew = !!who && daysBetween(who.agreementSignedAt, who.asOf) < TOO_NEW_DAYS;
  if (tooNew && who) {
    return {
      tierName,
      peers: peers.length,
      tooNew,
      tooNewText: `${who.partnerName} joined the program on ${dateText(who.agreementSignedAt)}: too new to rank against ${tierName} partners who have been selling for years. We will compare from the third quarter on.`,
      items: [],
    };
  }
  // A KPI the book holds no facts for is left out, not ranked on zeros.
  const items = PEER_KPIS.filter((k) => !k.needs || !absent.has(k.needs)).map((k) => {
    const v = k.value(me);
    const sorted = peers.map((p) => k.value(p)).filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
    const med = median(sorted);
    let pctl = v === null || sorted.length < 3 ? null : percentile(sorted, v);
    if (pctl !== null && k.lowerIsBetter) pctl = 100 - pctl;
    let statement: string;
    let tone: Tone = 'neutral';
    // Equal to the median as the slide shows them (the same text) is "at the median", never above or below it.
    const atMedian = v !== null && med !== null && (Math.abs(v - med) < 1e-9 || k.text(v, currency) === k.text(med, currency));
    if (v === null) statement = `No ${k.label} this quarter`;
    else if (VENDOR_SIDE.has(k.key)) statement = `Our ${k.label} for you, against our ${tierName} median`;
    else if (pctl === null) statement = `Too few ${tierName} peers to compare ${k.label}`;
    else if (atMedian) statement = `At the ${tierName} median for ${k.label}`;
    else if (pctl >= 75) {
      statement = `Top quartile among ${tierName} partners for ${k.label}`;
      tone = 'good';
    } else if (pctl <= 25) {
      statement = `Bottom quartile among ${tierName} partners for ${k.label}`;
      tone = 'bad';
    } else statement = `${pctl >= 50 ? 'Above' : 'Below'} the ${tierName} median for ${k.label}`;
    const position = VENDOR_SIDE.has(k.key)
      ? 'Our side (for reference)'
      : pctl === null
        ? v === null
          ? 'no data'
          : 'too few peers'
        : atMedian
          ? 'At the median'
          : `${pctl >= 75 ? 'Top quartile' : pctl <= 25 ? 'Bottom quartile' : pctl >= 50 ? 'Above median' : 'Below median'} (${ordinal(pctl)} percentile)`;
    if (VENDOR_SIDE.has(k.key)) {
      tone = 'neutral';
      pctl = null;
    }
    return {
      key: k.key,
      label: k.label[0]!.toUpperCase() + k.label.slice(1),
      position,
      valueText: v === null ? '—' : k.text(v, currency),
      medianText: med === null ? '—' : k.text(med, currency),
      percentile: pctl,
      statement,
      tone,
    };
  });
  return { tierName, peers: peers.length, tooNew: false, tooNewText: null, items };
}
