/**
 * Joint business plan rules both processes share (ARCHITECTURE §9): plan periods,
 * metric metadata (what unit a metric is in), field validation of objectives and the
 * pace model. Pure functions; the main side is the authority, the renderer uses the same
 * rules to show a message under the field before anything is sent.
 */
import { JBP_METRICS } from './entities';
import { addDays, CALENDAR_YEAR, daysBetween, fiscalYearOf, parseQuarter, quarterEnd, quarterOf, quarterStart, type FiscalCalendar } from './time';
import { MAX_MONEY_MINOR, MAX_MONEY_TEXT } from './money';

export type JbpMetric = (typeof JBP_METRICS)[number];

// ---- periods ----------------------------------------------------------------------------

export interface PeriodRange {
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** The (fiscal) quarters of the period, in order: the same labels in every calendar. */
  quarters: string[];
}

export const PERIOD_RE = /^(FY(\d{4})|(\d{4})-H([12]))$/;

export function isPeriod(p: string): boolean {
  return PERIOD_RE.test(p);
}

/** The quarters of a period by label: `FY2026` → 2026-Q1…Q4, `2026-H2` → 2026-Q3, 2026-Q4 (no calendar needed). */
export function periodQuarters(period: string): string[] {
  const m = PERIOD_RE.exec(period);
  if (!m) throw new RangeError(`not a plan period: ${period} (expected FYyyyy or yyyy-Hn)`);
  if (m[2]) return [1, 2, 3, 4].map((q) => `${m[2]}-Q${q}`);
  return (m[4] === '1' ? [1, 2] : [3, 4]).map((q) => `${m[3]}-Q${q}`);
}

/**
 * `FY2026` is fiscal year 2026 and `2026-H1` / `2026-H2` its halves; their days follow the
 * fiscal calendar (a January start: calendar 2026, Jan–Jun, Jul–Dec; a July start: FY2026
 * runs 1 Jul 2025 – 30 Jun 2026 and 2026-H1 is Jul–Dec 2025).
 */
export function periodRange(period: string, cal: FiscalCalendar = CALENDAR_YEAR): PeriodRange {
  const quarters = periodQuarters(period);
  return { start: quarterStart(quarters[0]!, cal), end: quarterEnd(quarters[quarters.length - 1]!, cal), quarters };
}

/** The fiscal year of a period: 2026 for `FY2026` and `2026-H2`. */
export function periodYear(period: string): number {
  return parseQuarter(periodQuarters(period)[0]!).year;
}

/** The period of the same kind just before: FY2025 for FY2026, 2025-H2 for 2026-H1. */
export function previousPeriod(period: string): string {
  const m = PERIOD_RE.exec(period);
  if (!m) throw new RangeError(`not a plan period: ${period}`);
  if (m[2]) return `FY${Number(m[2]) - 1}`;
  const y = Number(m[3]);
  return m[4] === '1' ? `${y - 1}-H2` : `${y}-H1`;
}

export function nextPeriod(period: string): string {
  const m = PERIOD_RE.exec(period);
  if (!m) throw new RangeError(`not a plan period: ${period}`);
  if (m[2]) return `FY${Number(m[2]) + 1}`;
  const y = Number(m[3]);
  return m[4] === '1' ? `${y}-H2` : `${y + 1}-H1`;
}

/** Whether two periods share any day (the same in every calendar: they share a quarter). */
export function periodsOverlap(a: string, b: string): boolean {
  const qa = new Set(periodQuarters(a));
  return periodQuarters(b).some((q) => qa.has(q));
}

/** The periods a CAM would plan around `today`: this fiscal year and the next, and their halves. */
export function periodChoices(today: string, cal: FiscalCalendar = CALENDAR_YEAR): string[] {
  const y = fiscalYearOf(today, cal);
  return [`FY${y}`, `${y}-H1`, `${y}-H2`, `FY${y + 1}`, `${y + 1}-H1`, `${y + 1}-H2`, `FY${y - 1}`];
}

/** Moves a quarter into `period` keeping its position (Q3 stays Q3 a year later), clamped to the period. */
export function carryQuarter(q: string, period: string): string {
  const quarters = periodQuarters(period);
  const { q: n } = parseQuarter(q);
  const sameYear = `${periodYear(period)}-Q${n}`;
  if (quarters.includes(sameYear)) return sameYear;
  return quarters[quarters.length - 1]!;
}

// ---- metrics ----------------------------------------------------------------------------

/** How a metric's numbers are stored: money in minor units, a ratio 0..1, a count, or the custom unit. */
export type MetricKind = 'money' | 'ratio' | 'count' | 'custom';

export interface MetricInfo {
  label: string;
  kind: MetricKind;
  /**
   * `flow` metrics accumulate from zero over the period (won ARR, pipeline created,
   * registrations); `level` metrics are a state at a date (certified people, win rate).
   */
  shape: 'flow' | 'level';
  /** One line on how the actual is computed. */
  definition: string;
}

export const METRICS: Record<JbpMetric, MetricInfo> = {
  sourced_arr: {
    label: 'Sourced ARR',
    kind: 'money',
    shape: 'flow',
    definition: 'Won amount of partner-sourced opportunities closed in the period up to today.',
  },
  influenced_arr: {
    label: 'Influenced ARR',
    kind: 'money',
    shape: 'flow',
    definition: 'Won amount of partner-influenced opportunities closed in the period up to today.',
  },
  pipeline_created: {
    label: 'Pipeline created',
    kind: 'money',
    shape: 'flow',
    definition: 'Amount of partner-sourced opportunities created in the period up to today, any stage.',
  },
  deal_registrations: {
    label: 'Deal registrations',
    kind: 'count',
    shape: 'flow',
    definition: 'Deal registrations submitted in the period up to today, any outcome.',
  },
  certified_people: {
    label: 'Certified people',
    kind: 'count',
    shape: 'level',
    definition: 'Distinct contacts holding a certification valid on the as-of date.',
  },
  win_rate: {
    label: 'Win rate',
    kind: 'ratio',
    shape: 'level',
    definition: 'Won ÷ (won + lost) of the partner’s opportunities closed in the period up to today.',
  },
  active_contacts: {
    label: 'Active contacts',
    kind: 'count',
    shape: 'level',
    definition: 'Contacts who logged in to the portal in the 30 days up to the as-of date.',
  },
  custom: {
    label: 'Custom',
    kind: 'custom',
    shape: 'level',
    definition: 'Typed by the CAM in the objective’s own unit.',
  },
};

export const LINKED_METRICS = JBP_METRICS.filter((m) => m !== 'custom');

// ---- validation -------------------------------------------------------------------------

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ObjectiveDraft {
  title: string;
  metric: JbpMetric;
  unit: string | null;
  baseline: number;
  target: number;
  due_quarter: string;
  weight: number;
  custom_actual: number | null;
}

/** Field-level problems of an objective in a plan of `period`; empty when valid. */
export function validateObjective(o: ObjectiveDraft, period: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const info = METRICS[o.metric];
  if (!info) return [{ path: 'metric', message: `Unknown metric '${String(o.metric)}'.` }];
  if (!o.title.trim()) issues.push({ path: 'title', message: 'Give the objective a title.' });
  if (o.metric === 'custom' && !(o.unit ?? '').trim()) {
    issues.push({ path: 'unit', message: 'A custom objective needs a unit, e.g. “workshops”.' });
  }
  const t = o.target;
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0) {
    issues.push({ path: 'target', message: `The target must be a positive ${unitPhrase(o)}.` });
  } else if (info.kind === 'money' && !Number.isInteger(t)) {
    issues.push({ path: 'target', message: 'The target must be a whole amount of money (in cents).' });
  } else if (info.kind === 'count' && !Number.isInteger(t)) {
    issues.push({ path: 'target', message: `The target must be a whole number of ${unitPhrase(o)}.` });
  } else if (info.kind === 'ratio' && t > 1) {
    issues.push({ path: 'target', message: 'The target win rate must be between 0% and 100% (as a share, 0.6 is 60%).' });
  } else if (t > objectiveMax(info.kind)) {
    issues.push({ path: 'target', message: tooLarge('The target', info.kind) });
  }
  if (typeof o.baseline !== 'number' || !Number.isFinite(o.baseline) || o.baseline < 0) {
    issues.push({ path: 'baseline', message: `The baseline must be zero or a positive ${unitPhrase(o)}.` });
  } else if (info.kind === 'ratio' && o.baseline > 1) {
    issues.push({ path: 'baseline', message: 'The baseline win rate must be between 0% and 100% (as a share, 0.6 is 60%).' });
  } else if (o.baseline > objectiveMax(info.kind)) {
    issues.push({ path: 'baseline', message: tooLarge('The baseline', info.kind) });
  }
  if (!/^\d{4}-Q[1-4]$/.test(o.due_quarter)) {
    issues.push({ path: 'due_quarter', message: 'The due quarter must look like 2026-Q3.' });
  } else if (isPeriod(period) && !periodQuarters(period).includes(o.due_quarter)) {
    const qs = periodQuarters(period);
    issues.push({
      path: 'due_quarter',
      message: `The due quarter must fall inside the plan period ${period} (${qs[0]} to ${qs[qs.length - 1]}).`,
    });
  }
  if (!Number.isInteger(o.weight) || o.weight < 0 || o.weight > 100) {
    issues.push({ path: 'weight', message: 'The weight must be a whole number from 0 to 100.' });
  }
  if (o.custom_actual != null && o.metric !== 'custom') {
    issues.push({ path: 'custom_actual', message: 'The actual of a linked metric is computed, not typed.' });
  } else if (o.custom_actual != null && (!Number.isFinite(o.custom_actual) || o.custom_actual < 0)) {
    issues.push({ path: 'custom_actual', message: `The actual must be zero or a positive number of ${unitPhrase(o)}.` });
  } else if (o.custom_actual != null && o.custom_actual > objectiveMax(info.kind)) {
    issues.push({ path: 'custom_actual', message: tooLarge('The actual', info.kind) });
  }
  return issues;
}

/** The largest count or custom figure an objective takes (a money one: MAX_MONEY_MINOR). */
export const MAX_OBJECTIVE_COUNT = 1_000_000_000;

function objectiveMax(kind: MetricKind): number {
  return kind === 'money' ? MAX_MONEY_MINOR : kind === 'ratio' ? 1 : MAX_OBJECTIVE_COUNT;
}

function tooLarge(what: string, kind: MetricKind): string {
  return kind === 'money'
    ? `${what} can be at most ${MAX_MONEY_TEXT}; check the number of digits.`
    : `${what} can be at most ${MAX_OBJECTIVE_COUNT.toLocaleString('en-US')}; check the number of digits.`;
}

function unitPhrase(o: Pick<ObjectiveDraft, 'metric' | 'unit'>): string {
  switch (METRICS[o.metric].kind) {
    case 'money':
      return 'amount of money';
    case 'ratio':
      return 'percentage';
    case 'count':
      return o.metric === 'certified_people' || o.metric === 'active_contacts' ? 'number of people' : 'count';
    default:
      return `number of ${(o.unit ?? '').trim() || 'units'}`;
  }
}

/** Sum of weights and whether it is the expected 100. */
export function weightSum(weights: number[]): { sum: number; ok: boolean } {
  const sum = weights.reduce((s, w) => s + w, 0);
  return { sum, ok: sum === 100 };
}

// ---- pace -------------------------------------------------------------------------------

export type PaceStatus = 'done' | 'on_track' | 'at_risk' | 'off_track' | 'not_started' | 'no_data';

export interface Pace {
  /** Where the linear path says the metric should be on the as-of date. */
  expected: number;
  /** Share of the way from the path start to the target that the actual covers (0..1+), null without an actual. */
  progress: number | null;
  /** Share of the time from period start to the due quarter's end elapsed on the as-of date (0..1). */
  elapsed: number;
  /** Actual as a percentage of the target. */
  pctToTarget: number | null;
  status: PaceStatus;
}

/** On track at ≥ 90% of the progress the linear path expects by now; at risk at ≥ 70%. */
export const PACE_ON_TRACK = 0.9;
export const PACE_AT_RISK = 0.7;

/**
 * Pace against a linear path between the period start and the due quarter's end.
 * Level metrics go from the baseline to the target; flow metrics accumulate from zero
 * within the period, so their path goes from zero to the target (the baseline, last
 * period's total, is the comparison, not the starting point).
 */
export function computePace(args: {
  metric: JbpMetric;
  baseline: number;
  target: number;
  actual: number | null;
  periodStart: string;
  dueQuarter: string;
  asOf: string;
  /** Where the due quarter's days fall (default: calendar quarters). */
  calendar?: FiscalCalendar;
}): Pace {
  const { metric, baseline, target, actual, periodStart, dueQuarter, asOf } = args;
  const from = METRICS[metric].shape === 'flow' ? 0 : baseline;
  const dueEnd = quarterEnd(dueQuarter, args.calendar);
  const span = Math.max(1, daysBetween(periodStart, addDays(dueEnd, 1)));
  const elapsed = Math.min(1, Math.max(0, daysBetween(periodStart, addDays(asOf, 1)) / span));
  const expected = from + (target - from) * elapsed;
  const pctToTarget = actual == null || target === 0 ? null : (actual / target) * 100;
  if (actual == null) return { expected, progress: null, elapsed, pctToTarget, status: asOf < periodStart ? 'not_started' : 'no_data' };
  const progress = target === from ? (actual >= target ? 1 : 0) : (actual - from) / (target - from);
  let status: PaceStatus;
  if (target > 0 && actual >= target) status = 'done';
  else if (asOf < periodStart) status = 'not_started';
  else if (elapsed >= 1) status = 'off_track';
  else if (progress >= elapsed * PACE_ON_TRACK) status = 'on_track';
  else if (progress >= elapsed * PACE_AT_RISK) status = 'at_risk';
  else status = 'off_track';
  return { expected, progress, elapsed, pctToTarget, status };
}

/** The quarter a date falls in, and whether that quarter is inside `period`. */
export function quarterInPeriod(date: string, period: string, cal: FiscalCalendar = CALENDAR_YEAR): boolean {
  return periodQuarters(period).includes(quarterOf(date, cal));
}
