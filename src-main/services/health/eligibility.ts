/**
 * Tier eligibility from the tier requirements (won sourced ARR over the trailing 4
 * quarters and certified people): does the partner meet its tier and the next one, and
 * what is the gap, in plain numbers. The sentences come from `currentTierText` and
 * `nextTierText`, which the action rules use on their own (they need only one sentence of a
 * partner, over thousands of partners).
 */
import { formatMoneyShort, plural } from '../../../src-shared/format';
import type { TierEligibility } from '../../../src-shared/methods/health';
import type { RawInputs, TierTargets } from './measures';

type Requirements = Pick<TierTargets, 'name' | 'minSourcedArr' | 'minCertified' | 'currency'>;

/** What a partner lacks of a tier's requirements (0 when met). */
export function tierGap(sourced: number, certified: number, t: Requirements): { arr: number; certs: number } {
  return { arr: Math.max(0, t.minSourcedArr - sourced), certs: Math.max(0, t.minCertified - certified) };
}

/** "+$12k sourced ARR, +1 certified person"; empty when the requirements are met. */
function gapWords(sourced: number, certified: number, t: Requirements): string {
  const arr = Math.max(0, t.minSourcedArr - sourced);
  const certs = Math.max(0, t.minCertified - certified);
  const a = arr > 0 ? `+${formatMoneyShort(arr, t.currency)} sourced ARR` : '';
  const c = certs > 0 ? `+${plural(certs, 'certified person', 'certified people')}` : '';
  return a && c ? `${a}, ${c}` : a || c;
}

/** "Meets Silver requirements" or "At risk of losing Silver: +$12k sourced ARR, +1 certified person". */
export function currentTierText(sourced: number, certified: number, current: Requirements): { meets: boolean; text: string } {
  const gap = gapWords(sourced, certified, current);
  return gap ? { meets: false, text: `At risk of losing ${current.name}: ${gap}` } : { meets: true, text: `Meets ${current.name} requirements` };
}

/** "Meets Gold requirements" or "To reach Gold: +$42k sourced ARR, +2 certified people". */
export function nextTierText(sourced: number, certified: number, next: Requirements): { meets: boolean; text: string } {
  const gap = gapWords(sourced, certified, next);
  return gap ? { meets: false, text: `To reach ${next.name}: ${gap}` } : { meets: true, text: `Meets ${next.name} requirements` };
}

export function eligibility(inputs: RawInputs, current: TierTargets, tiers: readonly TierTargets[]): TierEligibility {
  const sourced = inputs.sourcedT4q;
  const certified = inputs.certifiedPeople;
  const upward = tiers.filter((t) => t.rank >= current.rank).sort((a, b) => a.rank - b.rank);
  const next = upward.find((t) => t.rank > current.rank) ?? null;
  const cur = currentTierText(sourced, certified, current);
  const gaps = upward.map((t) => {
    const g = tierGap(sourced, certified, t);
    return { tier: t.name, sourcedArr: g.arr, certified: g.certs };
  });
  const up = next ? nextTierText(sourced, certified, next) : null;
  return {
    current: { id: current.id, name: current.name },
    meetsCurrent: cur.meets,
    currentText: cur.text,
    next: next ? { id: next.id, name: next.name } : null,
    meetsNext: up?.meets ?? false,
    nextText: up?.text ?? null,
    sourcedArr: sourced,
    certified,
    gaps,
  };
}
