/**
 * The model's inputs for one partner at one origin quarter, all known on the origin's last
 * day. Money enters as log-ratios to the partner's own trailing quarterly average (plus a
 * small book-wide constant `k`, so a partner with no revenue yet is not divided by zero);
 * the target is the same log-ratio of the quarter being forecast. A fitted coefficient
 * therefore reads as "how much of this signal carries into next quarter's revenue".
 */
import { median } from 'simple-statistics';
import { quarterEnd } from '../../../src-shared/domain/time';
import { aliveAt, type History, type PartnerHistory } from './history';

export const FEATURES = ['momentum', 'pipeline', 'created', 'engagement', 'certs', 'peers', 'size'] as const;
export type Feature = (typeof FEATURES)[number];

export const FEATURE_LABELS: Record<Feature, string> = {
  momentum: 'last quarter vs its 4-quarter average',
  pipeline: 'open pipeline vs its quarterly revenue',
  created: 'pipeline created last quarter vs its quarterly revenue',
  engagement: 'portal and training activity, last quarter vs the one before',
  certs: 'certifications earned last quarter',
  peers: "its tier's typical momentum",
  size: 'its size (large partners swing less)',
};

/** Quarters of the partner's own history needed before its forecast is more than a guess. */
export const MIN_HISTORY = 4;

export interface Point {
  partner: PartnerHistory;
  /** Origin quarter index. */
  t: number;
  /** Trailing 4-quarter average won (or over the quarters it has, when newer). */
  avg4: number;
  last: number;
  /** avg4 + k: what the log-ratios are taken against. */
  base: number;
  /** Quarters of history the partner has at the origin (since it signed, or since the book starts). */
  age: number;
  x: number[];
}

/** The smoothing constant: a quarter of the median non-zero quarterly revenue up to the origin (or 1). */
export function smoothing(h: History, t: number): number {
  const vals: number[] = [];
  for (const p of h.partners) for (let i = 0; i <= t; i++) if (p.won[i]! > 0) vals.push(p.won[i]!);
  return vals.length ? Math.max(1, 0.25 * median(vals)) : 1;
}

/** Per history and partner: the index of the quarter it signed in (worked out once; every origin of every fit asks). */
const signedIndex = new WeakMap<History, Map<PartnerHistory, number>>();

/** Quarters of history on the origin's last day: since the partner signed (or the book starts), counting the origin. */
export function ageAt(h: History, p: PartnerHistory, t: number): number {
  let known = signedIndex.get(h);
  if (!known) signedIndex.set(h, (known = new Map()));
  let from = known.get(p);
  if (from === undefined) {
    const signedQ = h.quarters.findIndex((q) => quarterEnd(q, h.calendar) >= p.signed.slice(0, 10));
    known.set(p, (from = signedQ < 0 ? h.quarters.length : signedQ));
  }
  return t - from + 1;
}

const avg = (xs: number[], from: number, to: number): number => {
  let s = 0;
  let c = 0;
  for (let i = Math.max(0, from); i <= to; i++) {
    s += xs[i]!;
    c++;
  }
  return c ? s / c : 0;
};

const PEERS = FEATURES.indexOf('peers');

/** Every live partner's point at origin `t` (partners not yet signed or already churned left out). */
export function pointsAt(h: History, t: number, k: number): Point[] {
  const end = quarterEnd(h.quarters[t]!, h.calendar);
  const pts: Point[] = [];
  for (const p of h.partners) {
    if (!aliveAt(p, end)) continue;
    const age = ageAt(h, p, t);
    if (age < 1) continue;
    const from = Math.max(t - 3, t - age + 1);
    const avg4 = avg(p.won, from, t);
    const last = p.won[t]!;
    const base = avg4 + k;
    const evPrev = t > 0 ? p.events[t - 1]! : 0;
    pts.push({
      partner: p,
      t,
      avg4,
      last,
      base,
      age,
      x: [
        Math.log((last + k) / base),
        // A book of closed deals only holds no pipeline: its open pipeline is unknown, and what
        // was "created" is only the quarter's won orders again. The same value for every point
        // carries no weight, so neither is ever a driver.
        h.openPipelineKnown ? Math.log((p.open[t]! + k) / base) : 0,
        h.openPipelineKnown ? Math.log((p.created[t]! + k) / base) : 0,
        Math.log((p.events[t]! + 1) / (evPrev + 1)),
        Math.log1p(p.certs[t]!),
        0, // peers: filled below
        Math.log(base / k),
      ],
    });
  }
  // Peers: the median momentum of the partner's tier at the origin.
  const byTier = new Map<string, number[]>();
  for (const pt of pts) {
    const arr = byTier.get(pt.partner.tier_id) ?? [];
    arr.push(pt.x[0]!);
    byTier.set(pt.partner.tier_id, arr);
  }
  const tierMedian = new Map([...byTier].map(([tier, xs]) => [tier, median(xs)]));
  for (const pt of pts) pt.x[PEERS] = tierMedian.get(pt.partner.tier_id) ?? 0;
  return pts;
}

/** The log-ratio target of `pt` `h` quarters ahead. */
export function target(pt: Point, h: number, k: number): number {
  return Math.log((pt.partner.won[pt.t + h]! + k) / pt.base);
}
