/**
 * Scores and their explanations. Every measure's contribution is computed in exact
 * integer units (component weight × share × measure score, i.e. 1/10,000 of a point);
 * the overall score is that sum rounded half up, and whole points are handed to the
 * measures by largest remainder, so the displayed points always add up exactly to the
 * displayed score.
 */
import {
  HEALTH_COMPONENTS,
  HEALTH_COMPONENT_LABELS,
  type ComponentScore,
  type HealthBand,
  type HealthMover,
  type HealthScore,
  type HealthSettings,
  type MeasureExplanation,
} from '../../../src-shared/methods/health';
import { MEASURES, type BookFact, type MeasureResult, type RawInputs, type TierTargets } from './measures';

const UNIT = 10_000;
/** The sum of all measures' weight × share when every measure counts. */
const FULL = 10_000;
const NO_ABSENT: ReadonlySet<BookFact> = new Set();
const NOT_IN_BOOK: MeasureResult = { raw: null, text: () => 'no data: this book’s files do not hold it', score: 0, noData: true };

/**
 * The band of a score; `no_data` when the book holds none of what health counts (`scorable`
 * false: a partner list alone), where a score of 0 means nothing was measured, not poor health.
 */
export function bandOf(score: number, settings: HealthSettings, scorable = true): HealthBand {
  if (!scorable) return 'no_data';
  if (score >= settings.bands.healthy) return 'healthy';
  if (score >= settings.bands.watch) return 'watch';
  return 'at_risk';
}

/** Whether a book missing `absent` has anything health counts (a measure it holds, with a weight). */
export function bookScorable(settings: HealthSettings, absent: ReadonlySet<BookFact>): boolean {
  return MEASURES.some((m) => !absent.has(m.needs) && settings.weights[m.component] * m.share > 0);
}

/** Hands `total` whole points to items in proportion to exact `units` (largest remainder). */
export function apportion(units: readonly number[], total: number): number[] {
  const floors = units.map((u) => Math.floor(u / UNIT));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = units
    .map((u, i) => ({ i, rem: u - Math.floor(u / UNIT) * UNIT }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  const out = [...floors];
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

export function scorePartner(
  partnerId: string,
  asOf: string,
  inputs: RawInputs,
  tier: TierTargets,
  settings: HealthSettings,
  /** Without it the measures carry no `rawText` (bulk scoring for grids); points and scores are identical. */
  explain = true,
  /**
   * What the book does not hold at all (an import without PSAT, say): those measures are
   * "no data" and the others are re-weighted to fill the 100 points, instead of scoring a
   * missing fact as zero.
   */
  absent: ReadonlySet<BookFact> = NO_ABSENT,
): HealthScore {
  const evaluated = MEASURES.map((m) =>
    absent.has(m.needs) ? { def: m, res: NOT_IN_BOOK, absent: true } : { def: m, res: m.evaluate(inputs, tier), absent: false },
  );
  const rawWeight = evaluated.map(({ def, absent: a }) => (a ? 0 : settings.weights[def.component] * def.share));
  const present = rawWeight.reduce((a, b) => a + b, 0);
  // Weights in units of 1/10,000 summing to 10,000 (= all of the measures that count).
  const scale = present > 0 ? FULL / present : 0;
  const units = evaluated.map(({ res }, i) => rawWeight[i]! * scale * res.score);
  const totalUnits = units.reduce((a, b) => a + b, 0);
  const score = Math.floor((totalUnits + UNIT / 2) / UNIT);
  const points = apportion(units, score);
  const measures: MeasureExplanation[] = evaluated.map(({ def, res }, i) => ({
    key: def.key,
    component: def.component,
    label: def.label,
    raw: res.raw,
    rawText: explain ? res.text() : '',
    rule: def.rule,
    measureScore: res.score,
    weight: Math.round(rawWeight[i]! * scale) / 100,
    points: points[i]!,
    noData: res.noData,
  }));
  const components: ComponentScore[] = HEALTH_COMPONENTS.map((c) => {
    const ms = evaluated.filter((e) => e.def.component === c && !e.absent);
    const shares = ms.reduce((a, e) => a + e.def.share, 0);
    const own = ms.reduce((a, e) => a + e.def.share * e.res.score, 0);
    const weight = evaluated.reduce((a, e, i) => (e.def.component === c ? a + rawWeight[i]! * scale : a), 0) / 100;
    return {
      component: c,
      label: HEALTH_COMPONENT_LABELS[c],
      weight: Math.round(weight),
      score: shares > 0 ? Math.floor((own * 100) / shares / 100 + 0.5) : 0,
      points: measures.filter((m) => m.component === c).reduce((a, m) => a + m.points, 0),
    };
  });
  return { partnerId, asOf, score, band: bandOf(score, settings, present > 0), components, measures };
}

/** The measures that moved the most points since `previous`, biggest first (at most `limit`). */
export function biggestMovers(current: HealthScore, previous: HealthScore | null, limit = 3): HealthMover[] {
  if (!previous) return [];
  const before = new Map(previous.measures.map((m) => [m.key, m]));
  return current.measures
    .map((m) => {
      const p = before.get(m.key);
      const delta = m.points - (p?.points ?? 0);
      return {
        key: m.key,
        label: m.label,
        component: m.component,
        delta,
        now: m.rawText,
        was: p ? p.rawText : null,
        text: `${m.label}: ${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)} pts (now ${m.rawText}${p ? `; was ${p.rawText}` : ''})`,
      };
    })
    .filter((m) => m.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.key.localeCompare(b.key))
    .slice(0, limit);
}
