/** Peer benchmarks: each KPI's percentile among partners of the same tier. */
import { formatMoneyShort, formatPercent, formatPercentChange } from '../../../src-shared/format';
import type { KpiBenchmark } from '../../../src-shared/methods/health';
import type { RawInputs } from './measures';

export interface KpiDef {
  key: string;
  label: string;
  value(i: RawInputs, score: number): number | null;
  text(v: number, currency: string): string;
  /** Lower is better (percentile is inverted so that higher always reads better). */
  lowerIsBetter?: boolean;
}

export const KPIS: readonly KpiDef[] = [
  { key: 'score', label: 'Health score', value: (_i, s) => s, text: (v) => String(Math.round(v)) },
  { key: 'won_t4q', label: 'Won ARR (trailing 4 quarters)', value: (i) => i.wonT4q, text: (v, c) => formatMoneyShort(v, c) },
  { key: 'sourced_t4q', label: 'Sourced ARR (trailing 4 quarters)', value: (i) => i.sourcedT4q, text: (v, c) => formatMoneyShort(v, c) },
  {
    key: 'revenue_growth',
    label: 'Revenue growth (2Q vs 2Q before)',
    value: (i) => (i.wonPrior > 0 ? (i.wonRecent - i.wonPrior) / i.wonPrior : null),
    text: formatPercentChange,
  },
  { key: 'pipeline', label: 'Open sourced pipeline (next 2Q)', value: (i) => i.pipeline, text: (v, c) => formatMoneyShort(v, c) },
  { key: 'deal_regs', label: 'Deal registrations (90 days)', value: (i) => i.regsRecent, text: (v) => String(Math.round(v)) },
  {
    key: 'active_share',
    label: 'Contacts active (30 days)',
    value: (i) => (i.contacts > 0 ? i.activeContacts / i.contacts : null),
    text: formatPercent,
  },
  { key: 'events', label: 'Portal activity (90 days)', value: (i) => i.eventsRecent, text: (v) => String(Math.round(v)) },
  { key: 'certified', label: 'Certified people', value: (i) => i.certifiedPeople, text: (v) => String(Math.round(v)) },
  { key: 'psat', label: 'Latest PSAT', value: (i) => i.psat, text: (v) => `${Math.round(v * 10) / 10}/10` },
];

/** Percentile of `v` in `sorted` (ascending): share below plus half the ties, 0..100. */
export function percentileOf(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  let eqEnd = lo;
  while (eqEnd < sorted.length && sorted[eqEnd] === v) eqEnd++;
  return Math.round((100 * (below + (eqEnd - below) / 2)) / sorted.length);
}

export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

export interface PeerEntry {
  inputs: RawInputs;
  score: number;
}

/** Sorted KPI values of a peer group, computed once per group. */
export function peerDistributions(peers: readonly PeerEntry[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const k of KPIS) {
    const vals = peers.map((p) => k.value(p.inputs, p.score)).filter((v): v is number => v !== null && Number.isFinite(v));
    out.set(k.key, vals.sort((a, b) => a - b));
  }
  return out;
}

export function benchmark(me: PeerEntry, dists: Map<string, number[]>, currency: string): KpiBenchmark[] {
  return KPIS.map((k) => {
    const sorted = dists.get(k.key) ?? [];
    const v = k.value(me.inputs, me.score);
    const med = median(sorted);
    let percentile = v === null || sorted.length === 0 ? null : percentileOf(sorted, v);
    if (percentile !== null && k.lowerIsBetter) percentile = 100 - percentile;
    return {
      key: k.key,
      label: k.label,
      value: v,
      valueText: v === null ? 'no data' : k.text(v, currency),
      percentile,
      tierMedian: med,
      tierMedianText: med === null ? '—' : k.text(med, currency),
      peers: sorted.length,
    };
  });
}
