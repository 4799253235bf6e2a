/**
 * The Actions rules' thresholds as the Settings page shows them: a label in the user's
 * words, the unit, and shares shown as percentages (stored as 0..1).
 */
import type { ActionSettings } from '../../../src-shared/methods/actions';
import { fieldLabel } from '../../../src-shared/input-messages';

export type ActionFieldKey = Exclude<keyof ActionSettings, 'todayCapacity'>;

export interface ActionField {
  key: ActionFieldKey;
  label: string;
  unit: 'days' | '%' | 'events' | 'people' | '× MDF' | 'tier rank' | 'score';
}

export const ACTION_FIELD_GROUPS: { title: string; fields: ActionField[] }[] = [
  {
    title: 'Deal registrations and conflicts',
    fields: [
      { key: 'regPendingDays', label: 'A submitted registration is pending a decision after', unit: 'days' },
      { key: 'regDecisionSlaDays', label: 'Decide a registration within', unit: 'days' },
      { key: 'regExpiringDays', label: 'Warn of an approved registration expiring within', unit: 'days' },
      { key: 'conflictResolveDays', label: 'Resolve a channel conflict within', unit: 'days' },
      { key: 'stalledDays', label: 'An opportunity is stalled after no activity for', unit: 'days' },
    ],
  },
  {
    title: 'Engagement, enablement and tiers',
    fields: [
      { key: 'engagementWindowDays', label: 'Engagement window', unit: 'days' },
      { key: 'engagementDropShare', label: 'Engagement drop that raises an action', unit: '%' },
      { key: 'engagementMinBaseline', label: 'Only when the prior window averaged at least', unit: 'events' },
      { key: 'certExpiringDays', label: 'Warn of certifications expiring within', unit: 'days' },
      { key: 'promotionArrGapShare', label: 'Promotion in reach: sourced-ARR gap at most', unit: '%' },
      { key: 'promotionMaxCertGap', label: 'Promotion in reach: certified people short at most', unit: 'people' },
      { key: 'onboardingStuckDays', label: 'Onboarding is stuck with no won deal after', unit: 'days' },
    ],
  },
  {
    title: 'MDF, plans, QBRs and satisfaction',
    fields: [
      { key: 'mdfDaysBeforeEnd', label: 'Warn of MDF allocations ending within', unit: 'days' },
      { key: 'mdfUnspentShare', label: 'When at least this much is not yet committed', unit: '%' },
      { key: 'mdfDefaultPipelineMultiple', label: 'Pipeline per MDF dollar without a claim history', unit: '× MDF' },
      { key: 'jbpMinElapsed', label: 'Judge a plan objective off track once this much time has passed', unit: '%' },
      { key: 'qbrMinTierRank', label: 'QBR due for partners at this tier rank or above', unit: 'tier rank' },
      { key: 'qbrDaysBeforeQuarterEnd', label: 'QBR due within this many days of the quarter end', unit: 'days' },
      { key: 'psatDetractorMax', label: 'A PSAT score at or below this is a detractor', unit: 'score' },
      { key: 'psatRecentDays', label: 'Only PSAT answers from the last', unit: 'days' },
      { key: 'voiceFollowUpDays', label: 'Answer a detractor’s conflict or registration complaint within', unit: 'days' },
    ],
  },
];

export const ACTION_FIELDS: ActionField[] = ACTION_FIELD_GROUPS.flatMap((g) => g.fields);

/** The number the input shows: shares as whole-ish percentages. */
export function toInput(field: ActionField, stored: number): number {
  return field.unit === '%' ? Math.round(stored * 10000) / 100 : stored;
}

/** The number stored from what the input holds (NaN stays NaN: the check words it). */
export function fromInput(field: ActionField, shown: number): number {
  return field.unit === '%' ? shown / 100 : shown;
}

/** A percentage outside 0–100 in the user's words (the schema would speak of 0–1), naming the field as refusals do. */
export function percentProblem(field: ActionField, shown: number): string | null {
  if (field.unit !== '%') return null;
  const name = fieldLabel([field.key], 'actions.updateSettings');
  if (Number.isNaN(shown)) return `${name} must be a number; fill it in.`;
  if (shown < 0 || shown > 100) return `${name} must be between 0% and 100%.`;
  return null;
}
