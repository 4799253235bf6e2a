/**
 * Partner health (ARCHITECTURE §7): explainable scores, trends, peer benchmarks, tier
 * eligibility, churn risk, and the portfolio / team roll-ups built on them.
 */
import { z } from 'zod';
import { method } from './define';
import { bookScopeSchema } from './identity';
import { isoDateSchema } from '../domain/date-schemas';
import type { PartnerRow } from './partners';
import type { HealthBand, HealthComponent, RiskLevel } from './health-labels';

export { HEALTH_BAND_LABELS, HEALTH_BANDS, HEALTH_COMPONENT_LABELS, HEALTH_COMPONENTS, RISK_LEVELS } from './health-labels';
export type { HealthBand, HealthComponent, RiskLevel } from './health-labels';

/** Editable in settings; editing them recomputes every score. */
export const healthSettingsSchema = z
  .object({
    weights: z
      .object({
        revenue: z.number().int().min(0).max(100),
        pipeline: z.number().int().min(0).max(100),
        engagement: z.number().int().min(0).max(100),
        enablement: z.number().int().min(0).max(100),
        satisfaction: z.number().int().min(0).max(100),
      })
      .strict()
      .refine((w) => w.revenue + w.pipeline + w.engagement + w.enablement + w.satisfaction === 100, {
        message: 'The five health weights must add up to 100; change one so that they do.',
      }),
    bands: z
      .object({
        /** Score at or above this is Healthy. */
        healthy: z.number().int().min(1).max(100),
        /** Score at or above this (and below healthy) is Watch; below is At risk. */
        watch: z.number().int().min(0).max(99),
      })
      .strict()
      .refine((b) => b.watch < b.healthy, { message: 'The Watch threshold must be below the Healthy threshold.' }),
    risk: z
      .object({
        /** Churn probability at or above this is high risk. */
        high: z.number().min(0.01).max(1),
        /** At or above this (below high) is medium risk. */
        medium: z.number().min(0).max(0.99),
      })
      .strict()
      .refine((r) => r.medium < r.high, { message: 'The medium churn risk threshold must be below the high one.' }),
  })
  .strict();
export type HealthSettings = z.infer<typeof healthSettingsSchema>;

/** What health scores with until someone edits it (and what "Reset to defaults" restores). */
export const DEFAULT_HEALTH_SETTINGS: HealthSettings = {
  weights: { revenue: 30, pipeline: 20, engagement: 20, enablement: 15, satisfaction: 15 },
  bands: { healthy: 70, watch: 40 },
  risk: { high: 0.3, medium: 0.1 },
};

/** One measure's line in a score's explanation. */
export interface MeasureExplanation {
  /** Stable key, `component.measure`. */
  key: string;
  component: HealthComponent;
  label: string;
  /** The raw value (money in minor units, shares as 0..1, changes as fractions); null = no data. */
  raw: number | null;
  /** The raw value in words, e.g. "$182k won vs $250k target". */
  rawText: string;
  /** The stated rule that maps the raw value to 0..100. */
  rule: string;
  /** The measure's own score, 0..100. */
  measureScore: number;
  /** Its share of the overall score (component weight × its share of the component). */
  weight: number;
  /** Whole points contributed to the overall score; the points of all measures add up to the score. */
  points: number;
  noData: boolean;
}

export interface ComponentScore {
  component: HealthComponent;
  label: string;
  weight: number;
  /** The component on its own scale, 0..100. */
  score: number;
  /** Points contributed to the overall score (the sum of its measures' points). */
  points: number;
}

export interface HealthScore {
  partnerId: string;
  asOf: string;
  score: number;
  band: HealthBand;
  components: ComponentScore[];
  measures: MeasureExplanation[];
}

export interface HealthMover {
  key: string;
  label: string;
  component: HealthComponent;
  /** Points now minus points at the previous quarter's end. */
  delta: number;
  /** The raw value now and then, in words. */
  now: string;
  was: string | null;
  text: string;
}

export interface ChurnFactor {
  feature: string;
  label: string;
  /** The feature value in words. */
  value: string;
  /** How much it pushes risk up (positive) or down (negative), model-relative. */
  effect: number;
}

export interface ChurnModelInfo {
  kind: 'logistic' | 'rules';
  /** Why this model is in use, in words. */
  reason: string;
  /** Area under the ROC curve on held-out partners (logistic only). */
  auc: number | null;
  trainedOn: { snapshots: number; churned: number; partners: number } | null;
  /** Feature weights on standardised features (logistic only). */
  coefficients: { feature: string; label: string; weight: number }[];
}

export interface ChurnRisk {
  probability: number;
  level: RiskLevel;
  factors: ChurnFactor[];
  model: 'logistic' | 'rules';
  /**
   * None of what churn risk is estimated from is in the book (a partner list alone): the
   * probability is the model's base alone, not an estimate about this partner, and is shown as "no data".
   */
  noData?: true;
}

export interface HealthPortfolioRow extends PartnerRow {
  score: number;
  band: HealthBand;
  /** Score now minus the score at the end of last quarter; null if no score then. */
  delta: number | null;
  components: Record<HealthComponent, number>;
  /** Open sourced pipeline closing in the next 2 quarters, minor units. */
  pipeline: number;
  sourced_t4q: number;
  churn_risk: number;
  risk_level: RiskLevel;
  /** Satisfaction has no survey behind it. */
  psat_no_data: boolean;
  /** As ChurnRisk.noData: `churn_risk` is no estimate about this partner. */
  churn_no_data: boolean;
  /** The book holds no open pipeline (its files hold closed deals only): `pipeline` is not known, not zero. */
  pipeline_no_data: boolean;
  /** The book holds no orders or opportunities at all (a partner list alone): `revenue_t4q` is not known, not zero. */
  revenue_no_data: boolean;
  /** Signed and not churned on the as-of date: counted by team and book totals (services/health/at-risk.ts). */
  live: boolean;
}

export interface HealthPortfolio {
  /** What the book's source does not hold (an import of order files: "contacts", "PSAT responses" …); health shows "no data" for it. Empty for a PRM's book. */
  bookGaps: string[];
  asOf: string;
  previousAsOf: string;
  rows: HealthPortfolioRow[];
  model: ChurnModelInfo;
  settings: HealthSettings;
  /**
   * Present when only the first rows were asked for (`first`): `rows` are then the first
   * rows of the live book in the Portfolio's opening order (src-shared/portfolio-order.ts),
   * and `total` is how many live partners the whole answer holds.
   */
  head?: { total: number };
  /** Present while the book's health is being recomputed in the background: these scores are the last ones, fresh ones follow (data.changed 'health'). */
  refreshing?: true;
  /**
   * Present while the workspace's first sync is still bringing the book in (and, with
   * `scoring`, while the whole book's scores are computed). Nothing is
   * scored on part of the book (a partner's score would move as the rest of its history
   * arrives): `rows` is empty and `model` fitted on nothing; `records` are the partners
   * arrived so far, their record only, in name order (with `first`: the first live ones,
   * and `head.total` the live ones arrived). Their revenue counts only the opportunities
   * arrived so far.
   */
  arriving?: { records: PartnerRow[] };
  /**
   * Present (with `arriving`) when the whole book is here but its scores are still being
   * computed in the background and the caller asked for an `early` answer: seconds on a
   * 20,000-partner book whose scores were never computed or kept (a first open, another
   * health model). `arriving.records` are then the whole book's partners, nothing scored;
   * this is how far the scoring had got when the answer left, the `health.progress` event
   * says how far it gets after, and data.changed 'health' follows once the scores are in.
   */
  scoring?: HealthProgress;
}

/**
 * How far the book's health, computed in the background, has got (the `health.progress`
 * event): `done` of `total` (reading every partner's inputs, then scoring them and fitting
 * the churn model). Seconds on a large book; the Portfolio and the partner's health page
 * show it while they wait.
 */
export interface HealthProgress {
  done: number;
  total: number;
}

export interface KpiBenchmark {
  key: string;
  label: string;
  value: number | null;
  valueText: string;
  /** Percentile among partners of the same tier, 0..100 (higher is better). */
  percentile: number | null;
  tierMedian: number | null;
  tierMedianText: string;
  peers: number;
}

export interface TierEligibility {
  current: { id: string; name: string };
  meetsCurrent: boolean;
  /** "At risk of losing Silver: +$12k sourced ARR, +1 certified person". */
  currentText: string;
  next: { id: string; name: string } | null;
  meetsNext: boolean;
  /** "To reach Gold: +$42k sourced ARR, +2 certified people", or "Meets Gold requirements". */
  nextText: string | null;
  sourcedArr: number;
  certified: number;
  gaps: { tier: string; sourcedArr: number; certified: number }[];
}

export interface TrendPoint {
  quarter: string;
  asOf: string;
  score: number | null;
  band: HealthBand | null;
  components: Record<HealthComponent, number> | null;
}

export interface HealthPartnerDetail {
  /** As in HealthPortfolio: what the book does not hold. */
  bookGaps: string[];
  partner: {
    id: string;
    name: string;
    tier_id: string;
    tier_name: string;
    tier_rank: number;
    owner_name: string;
    status: string;
    currency: string;
    churned_at: string | null;
  };
  asOf: string;
  previousAsOf: string;
  current: HealthScore;
  previous: HealthScore | null;
  movers: HealthMover[];
  trend: TrendPoint[];
  componentsVsTier: { component: HealthComponent; label: string; score: number; tierMedian: number }[];
  kpis: KpiBenchmark[];
  eligibility: TierEligibility;
  churn: ChurnRisk;
  model: ChurnModelInfo;
  /** Engagement events per week and kind, the last 26 weeks, oldest first. */
  timeline: { week: string; counts: Record<string, number>; total: number }[];
  settings: HealthSettings;
  /** As in HealthPortfolio: present while the book's health is recomputed in the background (these figures are the last ones). */
  refreshing?: true;
}

export interface CamRollup {
  owner_id: string;
  owner_name: string;
  /** The placeholder owner of an imported book's partners without one: listed, not counted as a CAM. */
  unassigned: boolean;
  partners: number;
  bands: Record<HealthBand, number>;
  previousBands: Record<HealthBand, number>;
  /** Over the CAM's scored partners; null when none has a score (a book with nothing health counts). */
  averageScore: number | null;
  improved: number;
  declined: number;
  /** Partners whose band got worse since last quarter. */
  downgraded: number;
  upgraded: number;
  highRisk: number;
}

export interface HealthRollup {
  asOf: string;
  previousAsOf: string;
  cams: CamRollup[];
  totals: { partners: number; bands: Record<HealthBand, number>; previousBands: Record<HealthBand, number> };
  /** A score below this is in the At risk band (the Watch threshold). */
  atRiskBelow: number;
  /** The live partners in the At risk band (services/health/at-risk.ts): as many as totals.bands.at_risk. */
  atRisk: {
    id: string;
    name: string;
    owner_name: string;
    tier_name: string;
    score: number;
    delta: number | null;
    band: HealthBand;
    churn_risk: number;
    risk_level: RiskLevel;
    topMover: string | null;
  }[];
  /** Band transitions since last quarter, e.g. healthy → watch: 12. */
  movement: { from: HealthBand; to: HealthBand; count: number }[];
  /** The team's partners the movement cannot place: new since last quarter's end, or with no score then or now. */
  movementLeftOut: { joined: number; noScore: number };
  managers: { id: string; name: string }[];
  /** As in HealthPortfolio: present while the book's health is recomputed in the background (these figures are the last ones). */
  refreshing?: true;
}

const partnerId = z.string().min(1, 'partner id is required').max(64);
const asOf = isoDateSchema.optional();

export const healthMethods = {
  'health.portfolio': method<HealthPortfolio>()(
    // `first`: only that many rows, the first of the opening order (sent ahead of the whole book when the window opens on the Portfolio).
    // `early`: answer within about a second; a book whose scores take longer is answered with its partners, unscored (`scoring`).
    z.object({ asOf, scope: bookScopeSchema.optional(), first: z.number().int().min(1).max(1000).optional(), early: z.boolean().optional() }).strict(),
  ),
  'health.partner': method<HealthPartnerDetail>()(z.object({ id: partnerId, asOf }).strict()),
  'health.rollup': method<HealthRollup>()(
    z.object({ asOf, managerId: z.string().min(1).max(64).optional(), scope: bookScopeSchema.optional() }).strict(),
  ),
  'health.model': method<ChurnModelInfo>()(z.object({ asOf }).strict()),
  // How far the book's scoring in the background has got now (null: none running); the `health.progress` events say how far it gets after.
  'health.scoring': method<HealthProgress | null>()(z.object({}).strict()),
  'health.settings.get': method<HealthSettings>()(z.object({}).strict()),
  'health.settings.set': method<HealthSettings>()(z.object({ settings: healthSettingsSchema }).strict()),
};
