/**
 * The priority arithmetic of a next-best action, in words, on demand: the service
 * returns the factors (numbers and their bases); views and the CLI spell them out.
 */
import type { ActionPriority } from '../methods/actions';
import { formatCount, formatMoney, plural } from '../format';

export const URGENCY_DAYS = 7;

export interface PriorityExplanation {
  /** "$120,000 × 0.50 × 0.80 = 48,000" */
  formula: string;
  impactText: string;
  urgencyText: string;
  confidenceText: string;
}

/** `money` writes the amount at stake (a page passes its display's full form). */
export function explainPriority(p: ActionPriority, currency: string, money: (amountMinor: number, currency: string) => string = formatMoney): PriorityExplanation {
  const d = p.daysToDue;
  const urgencyText =
    d < 0
      ? `overdue by ${plural(-d, 'day')} → 1.00`
      : d === 0
        ? 'due today → 1.00'
        : `due in ${plural(d, 'day')} → ${URGENCY_DAYS} ÷ (${URGENCY_DAYS} + ${d}) = ${p.urgency.toFixed(2)}`;
  const impact = money(p.impactMinor, currency);
  return {
    formula: `${impact} × ${p.urgency.toFixed(2)} × ${p.confidence.toFixed(2)} = ${formatCount(Math.round(p.score))}`,
    impactText: `${impact}: ${p.impactBasis}`,
    urgencyText,
    confidenceText: p.confidenceBasis,
  };
}
