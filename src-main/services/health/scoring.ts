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
  type HealthComponent,
  type HealthMover,
  type HealthScore,
  type HealthSettings,
  type MeasureExplanation,
} from '../../../src-shared/methods/health';
import { MEASURES, type RawInputs, type TierTargets } from './measures';

const UNIT = 10_000;

export function bandOf(score: number, settings: HealthSettings): HealthBand {
  if (score >= settings.bands.healthy) return 'healthy';
  if (score >= settings.bands.watch) return 'watch';
  return 'at_risk';
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
): HealthScore {
  const evaluated = MEASURES.map((m) => ({ def: m, res: m.evaluate(inputs, tier) }));
  const units = evaluated.map(({ def, res }) => settings.weights[def.component] * def.share * res.score);
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
    weight: (settings.weights[def.component] * def.share) / 100,
    points: points[i]!,
    noData: res.noData,
  }));
  const components: ComponentScore[] = HEALTH_COMPONENTS.map((c) => {
    const ms = evaluated.filter((e) => e.def.component === c);
    const own = ms.reduce((a, e) => a + e.def.share * e.res.score, 0);
    return {
      component: c,
      label: HEALTH_COMPONENT_LABELS[c],
      weight: settings.weights[c],
      score: Math.floor((own + 50) / 100),
      points: measures.filter((m) => m.component === c).reduce((a, m) => a + m.points, 0),
    };
  });
  return { partnerId, asOf, score, band: bandOf(score, settings), components, measures };
}

export function componentMap(s: HealthScore): Record<HealthComponent, number> {
  const out = {} as Record<HealthComponent, number>;
  for (const c of s.components) out[c.component] = c.score;
  return out;
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
