/**
 * Tier eligibility from the tier requirements (won sourced ARR over the trailing 4
 * quarters and certified people): does the partner meet its tier and the next one, and
 * what is the gap, in plain numbers.
 */
import { formatMoneyShort, plural } from '../../../src-shared/format';
import type { TierEligibility } from '../../../src-shared/methods/health';
import type { RawInputs, TierTargets } from './measures';

function gapParts(sourced: number, certified: number, t: TierTargets): { arr: number; certs: number; parts: string[] } {
  const arr = Math.max(0, t.minSourcedArr - sourced);
  const certs = Math.max(0, t.minCertified - certified);
  const parts: string[] = [];
  if (arr > 0) parts.push(`+${formatMoneyShort(arr, t.currency)} sourced ARR`);
  if (certs > 0) parts.push(`+${plural(certs, 'certified person', 'certified people')}`);
  return { arr, certs, parts };
}

export function eligibility(inputs: RawInputs, current: TierTargets, tiers: readonly TierTargets[]): TierEligibility {
  const sorted = [...tiers].sort((a, b) => a.rank - b.rank);
  const next = sorted.find((t) => t.rank > current.rank) ?? null;
  const cur = gapParts(inputs.sourcedT4q, inputs.certifiedPeople, current);
  const meetsCurrent = cur.parts.length === 0;
  const gaps = sorted
    .filter((t) => t.rank >= current.rank)
    .map((t) => {
      const g = gapParts(inputs.sourcedT4q, inputs.certifiedPeople, t);
      return { tier: t.name, sourcedArr: g.arr, certified: g.certs };
    });
  let nextText: string | null = null;
  let meetsNext = false;
  if (next) {
    const g = gapParts(inputs.sourcedT4q, inputs.certifiedPeople, next);
    meetsNext = g.parts.length === 0;
    nextText = meetsNext ? `Meets ${next.name} requirements` : `To reach ${next.name}: ${g.parts.join(', ')}`;
  }
  return {
    current: { id: current.id, name: current.name },
    meetsCurrent,
    currentText: meetsCurrent
      ? `Meets ${current.name} requirements`
      : `At risk of losing ${current.name}: ${cur.parts.join(', ')}`,
    next: next ? { id: next.id, name: next.name } : null,
    meetsNext,
    nextText,
    sourcedArr: inputs.sourcedT4q,
    certified: inputs.certifiedPeople,
    gaps,
  };
}
