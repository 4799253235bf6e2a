/**
 * ROPI and influence attribution (issue 16 points 2 and 3): how each partner's won deals
 * are credited when several partners touched them, and what each partner returns on what
 * the vendor invests in it (MDF and CAM time). The rules are stated once, here.
 */
import { z } from 'zod';
import { method } from './define';
import { bookScopeSchema } from './identity';
import { isoDateSchema } from '../domain/date-schemas';

export const ATTRIBUTION_RULES = ['sourcing', 'even', 'position'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

/** Position-based split: first touch, sourcing partner, everyone else (percent). */
export const POSITION_SHARES = { first: 40, sourcing: 40, rest: 20 } as const;

/** CAM time default: working hours a month, the share of them spent on partners. */
export const CAM_MONTH_HOURS = 160;
export const CAM_PARTNER_SHARE = 0.5;

export const ATTRIBUTION_RULE_TEXT: Record<AttributionRule, string> = {
  sourcing: 'Sourcing partner first: the sourcing partner gets its share, the other partners on the deal split the rest evenly',
  even: 'Even: every partner on the deal gets the same share',
  position: `Position-based: ${POSITION_SHARES.first}% to the first partner to touch the deal, ${POSITION_SHARES.sourcing}% to the sourcing partner, ${POSITION_SHARES.rest}% split among the others; a position nobody holds is shared out in proportion`,
};

const SHARE_MESSAGE = "The sourcing partner's share must be a percentage from 0 to 100.";
const COST_MESSAGE = 'The CAM hourly cost must be a number from 0 to 1,000,000, written without separators (like 80 or 82.50).';
const HOURS_MESSAGE = 'CAM hours per partner per month must be a number from 0 to 744, or empty to derive them from the book size.';

export const ropiSettingsSchema = z
  .object({
    rule: z.enum(ATTRIBUTION_RULES, { message: 'The attribution rule must be sourcing, even or position.' }),
    sourcingShare: z.number({ message: SHARE_MESSAGE }).min(0, { message: SHARE_MESSAGE }).max(100, { message: SHARE_MESSAGE }),
    /** Cost of one CAM hour in the book's currency, major units (80 = $80). */
    camHourlyCost: z.number({ message: COST_MESSAGE }).min(0, { message: COST_MESSAGE }).max(1_000_000, { message: COST_MESSAGE }),
    /** Hours a CAM spends on one partner a month; null = derived from the owner's book size. */
    camHoursPerPartnerMonth: z.number({ message: HOURS_MESSAGE }).min(0, { message: HOURS_MESSAGE }).max(744, { message: HOURS_MESSAGE }).nullable(),
  })
  .strict();
export type RopiSettings = z.infer<typeof ropiSettingsSchema>;

export const DEFAULT_ROPI_SETTINGS: RopiSettings = { rule: 'sourcing', sourcingShare: 60, camHourlyCost: 80, camHoursPerPartnerMonth: null };

/** One quarter (or the trailing four) of a partner's return and investment, minor units. */
export interface RopiFigures {
  /** Won revenue on rows where the partner is the sourcing partner, and on its other rows (influenced, co-sell, marketplace). */
  sourced: number;
  influenced: number;
  /** Credit the attribution rule gives it on those rows' deals. */
  sourcedCredit: number;
  influencedCredit: number;
  /** = sourcedCredit + influencedCredit: the return. */
  attributed: number;
  mdf: number;
  camHours: number;
  camCost: number;
  /** = mdf + camCost. */
  investment: number;
  /** attributed ÷ investment; null when nothing was invested. */
  ropi: number | null;
}

export interface PartnerRopi {
  id: string;
  name: string;
  tier_id: string;
  tier_name: string;
  owner_id: string;
  currency: string;
  /** CAM hours a month spent on this partner. */
  camHoursPerMonth: number;
  trailing: RopiFigures;
  /**
   * The last four complete quarters, oldest first; `partnerThen` false for a quarter the
   * agreement was not signed yet in (or that began after it churned): no CAM time, no return.
   */
  quarters: ({ quarter: string; partnerThen: boolean } & RopiFigures)[];
}

export interface TierRopi {
  tier_id: string;
  tier_name: string;
  partners: number;
  /** Median of its partners' trailing-4-quarter ROPI (partners with investment only). */
  median: number | null;
  /** Pooled: the tier's return ÷ its investment. */
  pooled: number | null;
  attributed: number;
  investment: number;
}

export interface RopiBook {
  asOf: string;
  quarters: string[];
  settings: RopiSettings;
  ruleText: string;
  camFormula: string;
  /** False when the book's source holds no MDF (an import of order files): the investment is CAM time alone, and says so. */
  mdfKnown: boolean;
  /** False when the book's source holds no orders or opportunities (a partner list alone): there is no return to measure, and no ROPI. */
  returnKnown: boolean;
  rows: PartnerRopi[];
  tiers: TierRopi[];
}

/** One approved or claimed MDF request: spend, the pipeline the source attributes to it, and their ratio. */
export interface MdfRequestRoi {
  id: string;
  activity: string;
  status: string;
  submitted_at: string;
  spend: number;
  pipeline: number;
  /** pipeline ÷ spend; null without spend. */
  roi: number | null;
}

export interface RopiPartnerDetail {
  asOf: string;
  quarters: string[];
  settings: RopiSettings;
  ruleText: string;
  camFormula: string;
  /** As in RopiBook. */
  mdfKnown: boolean;
  /** As in RopiBook. */
  returnKnown: boolean;
  row: PartnerRopi;
  tier: TierRopi | null;
  /** Its MDF requests in the window, newest first, with their pipeline ROI. */
  mdf: MdfRequestRoi[];
}

const asOf = isoDateSchema.optional();
export const ropiMethods = {
  'ropi.book': method<RopiBook>()(z.object({ asOf, scope: bookScopeSchema.optional() }).strict()),
  'ropi.partner': method<RopiPartnerDetail>()(z.object({ id: z.string().min(1, 'partner id is required').max(64), asOf }).strict()),
  'ropi.settings.get': method<RopiSettings>()(z.object({}).strict()),
  'ropi.settings.set': method<RopiSettings>()(ropiSettingsSchema),
};
