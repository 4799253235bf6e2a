/**
 * priority = impact × urgency × confidence. Impact is the ARR at stake in major units;
 * urgency falls with the days left until the due date (7 ÷ (7 + days), 1 when due or
 * overdue); confidence comes from the rule. The factors are rounded to two decimals
 * before multiplying, so the shown arithmetic is exactly the score.
 */
import { safeAmount, toMajor } from '../../../src-shared/domain/money';
import { URGENCY_DAYS } from '../../../src-shared/domain/actions';
import { daysBetween } from '../../../src-shared/domain/time';
import type { ActionBucket, ActionPriority } from '../../../src-shared/methods/actions';
import type { Candidate } from './types';

const r2 = (v: number) => Math.round(v * 100) / 100;

export function urgency(asOf: string, due: string): { value: number; days: number } {
  const d = daysBetween(asOf, due);
  return { value: urgencyOfDays(d), days: d };
}

/** The urgency of an action due in `days` days: 1 when due or overdue, else 7 ÷ (7 + days), rounded. */
export function urgencyOfDays(days: number): number {
  return days <= 0 ? 1 : r2(URGENCY_DAYS / (URGENCY_DAYS + days));
}

export function bucketOf(asOf: string, due: string): ActionBucket {
  return bucketOfDays(daysBetween(asOf, due));
}

/** The bucket of an action due in `days` days (0 or less: due or overdue). */
export function bucketOfDays(days: number): ActionBucket {
  return days <= 0 ? 'today' : days <= 7 ? 'week' : 'later';
}

/** What the priority reads of a candidate (generic, so a caller may pass a whole candidate, evidence included). */
type PriorityInputs = Pick<Candidate, 'impact' | 'impactText' | 'currency' | 'dueDate' | 'confidence' | 'confidenceText'>;

export function priorityOf<C extends PriorityInputs>(c: C, asOf: string): ActionPriority {
  // whole minor units within the money bound, whatever a stored record holds
  const impactMinor = safeAmount(c.impact);
  const impact = Math.round(toMajor(impactMinor, c.currency));
  const days = daysBetween(asOf, c.dueDate);
  const urgency = urgencyOfDays(days);
  const confidence = r2(Math.min(1, Math.max(0, c.confidence)));
  return {
    score: Math.round(impact * urgency * confidence),
    impact,
    impactMinor,
    impactBasis: c.impactText,
    urgency,
    daysToDue: days,
    confidence,
    confidenceBasis: c.confidenceText,
  };
}
