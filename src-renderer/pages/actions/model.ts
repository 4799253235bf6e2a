/** Small pure helpers for the action views: links, due wording, grouping. */
import type { ActionBucket, ActionLink } from '../../../src-shared/methods/actions';
import { ACTION_INPUT_ENTITIES } from '../../../src-shared/methods/action-inputs';
import { addDays, daysBetween, monthStart, parseDate } from '../../../src-shared/domain/time';

export const REFRESH_ON = ACTION_INPUT_ENTITIES;

export const BUCKETS: { id: ActionBucket; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'week', label: 'This week' },
  { id: 'later', label: 'Backlog' },
];

/** Where an evidence link opens: the partner page, the plan, the partner's health; null for records without a page. */
export function linkPath(l: ActionLink): string | null {
  if (l.kind === 'jbp_objective' && l.planId) return `/plans/${encodeURIComponent(l.planId)}`;
  if (!l.partnerId) return null;
  const partner = `/partners/${encodeURIComponent(l.partnerId)}`;
  return l.kind === 'psat_response' ? `${partner}/health` : partner;
}

export function dueText(asOf: string, due: string): { text: string; overdue: boolean } {
  const d = daysBetween(asOf, due);
  if (d < 0) return { text: `${-d}d overdue`, overdue: true };
  if (d === 0) return { text: 'today', overdue: false };
  if (d === 1) return { text: 'tomorrow', overdue: false };
  return { text: `in ${d}d`, overdue: false };
}

export interface Filters {
  rule: string;
  partner: string;
  tier: string;
  owner: string;
}
export const NO_FILTERS: Filters = { rule: '', partner: '', tier: '', owner: '' };

export function presets(asOf: string): { label: string; date: string }[] {
  const dow = parseDate(asOf).getUTCDay(); // next Monday
  const toMonday = ((8 - dow) % 7) || 7;
  return [
    { label: 'Tomorrow', date: addDays(asOf, 1) },
    { label: 'Next week', date: addDays(asOf, toMonday) },
    { label: 'Next month', date: monthStart(asOf, 1) },
  ];
}
