/** Showing and typing metric values: money in the partner's currency, win rate as %, counts as numbers. */
import type { MoneyFormat } from '../../../src-shared/format';
import { fromMajor, toMajor } from '../../../src-shared/domain/money';
import { METRICS, type JbpMetric, type PaceStatus } from '../../../src-shared/domain/plans';
import type { Tone } from '../../components/ui';

const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `money`: the page's money formatters (useMoney). */
export function formatMetric(money: MoneyFormat, metric: JbpMetric, value: number | null | undefined, currency: string, unit?: string | null, short = true): string {
  if (value == null) return '—';
  switch (METRICS[metric].kind) {
    case 'money':
      return short ? money.short(value, currency) : money.full(value, currency);
    case 'ratio':
      return `${nf.format(Math.round(value * 1000) / 10)}%`;
    case 'count':
      return nf.format(value);
    default:
      return unit ? `${nf.format(value)} ${unit}` : nf.format(value);
  }
}

/** The text an input starts with when editing a stored value. */
export function metricInputText(metric: JbpMetric, value: number | null, currency: string): string {
  if (value == null) return '';
  switch (METRICS[metric].kind) {
    case 'money':
      return String(toMajor(value, currency));
    case 'ratio':
      return String(Math.round(value * 10000) / 100);
    default:
      return String(value);
  }
}

/**
 * Parses what the CAM typed into the stored unit: `250k`, `1.2M`, `$40,000` for money;
 * `35` or `35%` for a win rate. Returns an error message naming the problem.
 */
export function parseMetricInput(metric: JbpMetric, text: string, currency: string): { value: number } | { error: string } {
  const raw = text.trim().replace(/[,\s$€£]/g, '');
  if (!raw) return { error: 'Enter a number.' };
  const kind = METRICS[metric].kind;
  const m = /^(-?\d*\.?\d+)([kKmM%]?)$/.exec(raw);
  if (!m) return { error: kind === 'money' ? 'Enter an amount like 250000, 250k or 1.2M.' : 'Enter a number.' };
  let n = Number(m[1]);
  const suffix = m[2]!.toLowerCase();
  if (suffix === 'k') n *= 1e3;
  if (suffix === 'm') n *= 1e6;
  if (suffix === '%' && kind !== 'ratio') return { error: 'A percentage only fits a win rate.' };
  if (kind === 'money') return { value: fromMajor(n, currency) };
  if (kind === 'ratio') return { value: Math.round(n * 100) / 10000 };
  return { value: n };
}

export const PACE_LABELS: Record<PaceStatus, string> = {
  done: 'Done',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  not_started: 'Not started',
  no_data: 'No data',
};

export const PACE_TONES: Record<PaceStatus, Tone> = {
  done: 'blue',
  on_track: 'green',
  at_risk: 'amber',
  off_track: 'red',
  not_started: 'neutral',
  no_data: 'neutral',
};

export const INITIATIVE_TONES: Record<string, Tone> = {
  not_started: 'neutral',
  in_progress: 'blue',
  done: 'green',
  blocked: 'red',
  cancelled: 'neutral',
};

export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  metric: 'Metric',
  unit: 'Unit',
  baseline: 'Baseline',
  target: 'Target',
  due_quarter: 'Due quarter',
  weight: 'Weight',
  custom_actual: 'Actual',
  sort_order: 'Order',
  summary: 'Summary',
  status: 'Status',
  revision: 'Revision',
  owner_side: 'Owner side',
  owner_name: 'Owner',
  due_date: 'Due date',
  mdf_investment: 'MDF investment',
  objective_id: 'Objective',
  notes: 'Notes',
  vendor_signoff_name: 'Vendor sign-off',
  vendor_signoff_at: 'Vendor sign-off date',
  partner_signoff_name: 'Partner sign-off',
  partner_signoff_at: 'Partner sign-off date',
  updated_at: 'Updated',
};
