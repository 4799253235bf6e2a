/**
 * The health model v1 (ARCHITECTURE §7): the measures, the stated rule that maps each
 * raw value to 0..100, and the defaults for the editable weights and thresholds.
 * Pure functions; no database.
 */
import { formatMoneyShort, formatPercent, formatPercentChange, plural } from '../../../src-shared/format';
import type { HealthComponent } from '../../../src-shared/methods/health';

/** The raw inputs of one partner as of one date (gathered in bulk by inputs.ts). */
export interface RawInputs {
  /** Won sourced + influenced ARR closed in the trailing 365 days, minor units. */
  wonT4q: number;
  /** Won sourced ARR only, trailing 365 days (tier requirement). */
  sourcedT4q: number;
  /** Won sourced + influenced, last 182 days / the 183 days before. */
  wonRecent: number;
  wonPrior: number;
  /** Open sourced pipeline closing within 182 days. */
  pipeline: number;
  /** Deal registrations submitted in the last 90 days / the 90 before. */
  regsRecent: number;
  regsPrior: number;
  contacts: number;
  /** Contacts with any engagement event in the last 30 days. */
  activeContacts: number;
  /** Engagement events in the last 90 days / the 90 before. */
  eventsRecent: number;
  eventsPrior: number;
  /** People holding at least one certification valid on the date. */
  certifiedPeople: number;
  validCerts: number;
  /** Valid certifications expiring within 60 days. */
  expiringCerts: number;
  /** Latest PSAT on or before the date (0..10), null when none. */
  psat: number | null;
  psatAt: string | null;
  /** Date of the latest won deal (any role) on or before the date. */
  lastWin: string | null;
}

/** The numeric fields of RawInputs, in the order the stored and packed inputs hold them. */
export const RAW_INPUT_NUMBERS = [
  'wonT4q',
  'sourcedT4q',
  'wonRecent',
  'wonPrior',
  'pipeline',
  'regsRecent',
  'regsPrior',
  'contacts',
  'activeContacts',
  'eventsRecent',
  'eventsPrior',
  'certifiedPeople',
  'validCerts',
  'expiringCerts',
  'psat',
] as const satisfies readonly (keyof RawInputs)[];

/** Every field of RawInputs: the numbers, then the two dates (the column order of `health_snapshot`'s stored inputs). */
export const RAW_INPUT_KEYS: readonly (keyof RawInputs)[] = [...RAW_INPUT_NUMBERS, 'psatAt', 'lastWin'];

export interface TierTargets {
  id: string;
  name: string;
  rank: number;
  revenueTarget: number;
  pipelineTarget: number;
  minSourcedArr: number;
  minCertified: number;
  currency: string;
}

/** The defaults live with the schema (the Settings page resets to them). */
export { DEFAULT_HEALTH_SETTINGS } from '../../../src-shared/methods/health';

export interface MeasureResult {
  raw: number | null;
  /** The raw value in words; a thunk, so bulk scoring (5,000 partners × 8 quarters) skips the formatting. */
  text: () => string;
  score: number;
  noData: boolean;
}

export interface MeasureDef {
  key: string;
  component: HealthComponent;
  label: string;
  /** Share of its component, in percent; the shares of a component add up to 100. */
  share: number;
  rule: string;
  /** What the book must hold for the measure to mean anything (an imported book may hold neither). */
  needs: BookFact;
  evaluate(inp: RawInputs, tier: TierTargets): MeasureResult;
}

/** Facts about what a book holds: an entity with rows, or open (not yet closed) opportunities. */
export type BookFact = 'opportunity' | 'open_pipeline' | 'deal_registration' | 'contact' | 'engagement_event' | 'certification' | 'psat_response' | 'agreement_date';

const clamp = (v: number, lo = 0, hi = 100) => Math.min(hi, Math.max(lo, v));

/** Ratio to a target: 100 × value ÷ target, capped at 100; a zero target counts any value as met. */
export function ratioScore(value: number, target: number): number {
  if (target <= 0) return value > 0 ? 100 : 0;
  return clamp(Math.round((100 * value) / target));
}
const RATIO_RULE = (what: string) => `100 × ${what}, capped at 100`;

/**
 * Change of the recent period against the one before: flat = 70 points, each 1% up adds
 * 0.7 (+43% or more = 100), each 1% down takes 0.7 (−100% = 0). Something where there
 * was nothing before = 100; nothing in either period = 0.
 */
export function changeScore(recent: number, prior: number): { change: number | null; score: number } {
  if (prior <= 0) return { change: null, score: recent > 0 ? 100 : 0 };
  const change = (recent - prior) / prior;
  return { change, score: clamp(Math.round(70 + 70 * change)) };
}
const CHANGE_RULE =
  'flat = 70; +0.7 per 1% up (+43% or more = 100), −0.7 per 1% down (−100% = 0); new where there was none = 100; none in either period = 0';

function changeText(recent: number, prior: number, fmt: (n: number) => string, period: string): string {
  const { change } = changeScore(recent, prior);
  if (change === null) return recent > 0 ? `${fmt(recent)} vs none in the prior ${period}` : `none in the last ${period} or the ${period} before`;
  return `${formatPercentChange(change)}: ${fmt(recent)} vs ${fmt(prior)} in the prior ${period}`;
}

/** The measures, in display order. */
export const MEASURES: readonly MeasureDef[] = [
  {
    key: 'revenue.vs_target',
    needs: 'opportunity',
    component: 'revenue',
    label: 'Won ARR vs tier target',
    share: 70,
    rule: RATIO_RULE('won sourced + influenced ARR (trailing 4 quarters) ÷ tier revenue target'),
    evaluate: (i, t) => ({
      raw: i.wonT4q,
      text: () => `${formatMoneyShort(i.wonT4q, t.currency)} won vs ${formatMoneyShort(t.revenueTarget, t.currency)} target`,
      score: ratioScore(i.wonT4q, t.revenueTarget),
      noData: false,
    }),
  },
  {
    key: 'revenue.growth',
    needs: 'opportunity',
    component: 'revenue',
    label: 'Revenue growth (last 2 quarters vs 2 before)',
    share: 30,
    rule: CHANGE_RULE,
    evaluate: (i, t) => {
      const { change, score } = changeScore(i.wonRecent, i.wonPrior);
      return {
        raw: change,
        text: () => changeText(i.wonRecent, i.wonPrior, (n) => formatMoneyShort(n, t.currency), '2 quarters'),
        score,
        noData: false,
      };
    },
  },
  {
    key: 'pipeline.vs_target',
    needs: 'open_pipeline',
    component: 'pipeline',
    label: 'Open sourced pipeline vs target',
    share: 60,
    rule: RATIO_RULE('open sourced pipeline closing in the next 2 quarters ÷ tier pipeline target'),
    evaluate: (i, t) => ({
      raw: i.pipeline,
      text: () => `${formatMoneyShort(i.pipeline, t.currency)} open vs ${formatMoneyShort(t.pipelineTarget, t.currency)} target`,
      score: ratioScore(i.pipeline, t.pipelineTarget),
      noData: false,
    }),
  },
  {
    key: 'pipeline.deal_regs',
    needs: 'deal_registration',
    component: 'pipeline',
    label: 'Deal registrations (last 90 days vs prior 90)',
    share: 40,
    rule: CHANGE_RULE,
    evaluate: (i) => {
      const { change, score } = changeScore(i.regsRecent, i.regsPrior);
      return {
        raw: change,
        text: () => changeText(i.regsRecent, i.regsPrior, (n) => plural(n, 'registration'), '90 days'),
        score,
        noData: false,
      };
    },
  },
  {
    key: 'engagement.active_contacts',
    needs: 'contact',
    component: 'engagement',
    label: 'Contacts active in the last 30 days',
    share: 50,
    rule: '60% or more of contacts active = 100; proportional below (100 × share ÷ 60%); no contacts = 0',
    evaluate: (i) => {
      const share = i.contacts > 0 ? i.activeContacts / i.contacts : 0;
      return {
        raw: i.contacts > 0 ? share : null,
        text: () => i.contacts > 0 ? `${i.activeContacts} of ${plural(i.contacts, 'contact')} (${formatPercent(share)})` : 'no contacts',
        score: i.contacts > 0 ? clamp(Math.round((100 * share) / 0.6)) : 0,
        noData: i.contacts === 0,
      };
    },
  },
  {
    key: 'engagement.portal_activity',
    needs: 'engagement_event',
    component: 'engagement',
    label: 'Portal activity (last 90 days vs prior 90)',
    share: 50,
    rule: CHANGE_RULE,
    evaluate: (i) => {
      const { change, score } = changeScore(i.eventsRecent, i.eventsPrior);
      return {
        raw: change,
        text: () => changeText(i.eventsRecent, i.eventsPrior, (n) => plural(n, 'event'), '90 days'),
        score,
        noData: false,
      };
    },
  },
  {
    key: 'enablement.certified',
    needs: 'certification',
    component: 'enablement',
    label: 'Certified people vs tier requirement',
    share: 70,
    rule: '100 × certified people ÷ tier requirement (at least 1), capped at 100',
    evaluate: (i, t) => {
      const req = Math.max(1, t.minCertified);
      return {
        raw: i.certifiedPeople,
        text: () => `${plural(i.certifiedPeople, 'certified person', 'certified people')} vs ${req} required`,
        score: ratioScore(i.certifiedPeople, req),
        noData: false,
      };
    },
  },
  {
    key: 'enablement.expiring',
    needs: 'certification',
    component: 'enablement',
    label: 'Certifications expiring within 60 days',
    share: 30,
    rule: '100 − 100 × expiring ÷ valid certifications; no valid certifications = 0',
    evaluate: (i) => ({
      raw: i.validCerts > 0 ? i.expiringCerts : null,
      text: () => i.validCerts > 0 ? `${i.expiringCerts} of ${plural(i.validCerts, 'valid certification')}` : 'no valid certifications',
      score: i.validCerts > 0 ? clamp(Math.round(100 - (100 * i.expiringCerts) / i.validCerts)) : 0,
      noData: false,
    }),
  },
  {
    key: 'satisfaction.psat',
    needs: 'psat_response',
    component: 'satisfaction',
    label: 'Latest PSAT',
    share: 100,
    rule: '10 points per PSAT point (0–10); no survey = neutral 50, flagged "no data"',
    evaluate: (i) =>
      i.psat === null
        ? { raw: null, text: () => 'no data: no survey yet', score: 50, noData: true }
        : { raw: i.psat, text: () => `${i.psat}/10${i.psatAt ? ` on ${i.psatAt}` : ''}`, score: i.psat * 10, noData: false },
  },
];

export const EMPTY_INPUTS: RawInputs = {
  wonT4q: 0,
  sourcedT4q: 0,
  wonRecent: 0,
  wonPrior: 0,
  pipeline: 0,
  regsRecent: 0,
  regsPrior: 0,
  contacts: 0,
  activeContacts: 0,
  eventsRecent: 0,
  eventsPrior: 0,
  certifiedPeople: 0,
  validCerts: 0,
  expiringCerts: 0,
  psat: null,
  psatAt: null,
  lastWin: null,
};
