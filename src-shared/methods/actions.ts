/**
 * Next-best actions (ARCHITECTURE §8): a ranked, explainable to-do list across the book.
 * Each action has a stable key `rule:entity:period`, evidence with links, an impact
 * (ARR at stake, minor units), a due date and a priority = impact × urgency × confidence.
 */
import { z } from 'zod';
import { ACTION_STATES } from '../domain/entities';
import { method } from './define';
import { bookScopeSchema } from './identity';
import { isoDateSchema } from '../domain/date-schemas';
import { LIMITS, text } from '../domain/rules';

export const ACTION_RULE_IDS = [
  'reg_pending',
  'reg_expiring',
  'channel_conflict',
  'stalled_opportunity',
  'engagement_drop',
  'cert_expiring',
  'tier_at_risk',
  'tier_promotion',
  'mdf_unspent',
  'jbp_off_pace',
  'qbr_due',
  'psat_detractor',
  'onboarding_stuck',
  'partner_voice',
] as const;
export type ActionRuleId = (typeof ACTION_RULE_IDS)[number];

export const ACTION_RULE_LABELS: Record<ActionRuleId, string> = {
  reg_pending: 'Registration pending',
  reg_expiring: 'Registration expiring',
  channel_conflict: 'Channel conflict',
  stalled_opportunity: 'Stalled opportunity',
  engagement_drop: 'Engagement drop',
  cert_expiring: 'Certification expiring',
  tier_at_risk: 'Tier at risk',
  tier_promotion: 'Tier promotion in reach',
  mdf_unspent: 'MDF unspent',
  jbp_off_pace: 'Plan objective off pace',
  qbr_due: 'QBR due',
  psat_detractor: 'PSAT detractor',
  onboarding_stuck: 'Onboarding stuck',
  // Short enough for the Actions list's rule column and filter; the rule's description says which complaints.
  partner_voice: 'Partner complaint',
};

const share = z.number().min(0).max(1);
/** The most a Today list may hold: one person's day, not the book. */
export const TODAY_CAPACITY_MAX = 50;
const days = z.number().int().min(1).max(3650);

/** Rule thresholds, stored in settings under `actions`; every field has a default. */
export const actionSettingsSchema = z
  .object({
    /** A submitted registration undecided for this many days is "pending a decision". */
    regPendingDays: days,
    /** Decision SLA: the action is due this many days after submission. */
    regDecisionSlaDays: days,
    /** An approved, unconverted registration expiring within this many days. */
    regExpiringDays: days,
    /** A channel conflict should be resolved within this many days of submission. */
    conflictResolveDays: days,
    /** An open opportunity with no activity for this many days is stalled. */
    stalledDays: days,
    /** Engagement: the recent window, compared with the average of the 3 windows before. */
    engagementWindowDays: days,
    /** Fire when recent events fall by at least this share of the prior average … */
    engagementDropShare: share,
    /** … and the prior average was at least this many events per window. */
    engagementMinBaseline: z.number().min(1),
    /** Certifications expiring within this many days, when the tier needs them. */
    certExpiringDays: days,
    /** Promotion in reach: sourced-ARR gap to the next tier at most this share of its requirement … */
    promotionArrGapShare: share,
    /** … and at most this many certified people short. */
    promotionMaxCertGap: z.number().int().min(0).max(50),
    /** MDF: allocations ending within this many days … */
    mdfDaysBeforeEnd: days,
    /** … with at least this share not yet committed (approved or claimed). */
    mdfUnspentShare: share,
    /** Pipeline per MDF dollar when the partner has no claim history of its own. */
    mdfDefaultPipelineMultiple: z.number().min(0).max(100),
    /** JBP objective off track (the plans' pace rule) once at least this share of the time to its due quarter has passed. */
    jbpMinElapsed: share,
    /** QBR due: partners at this tier rank or above … */
    qbrMinTierRank: z.number().int().min(1).max(20),
    /** … within this many days of the quarter end, with no pack started this quarter. */
    qbrDaysBeforeQuarterEnd: days,
    /** PSAT detractor: latest score at or below this … */
    psatDetractorMax: z.number().int().min(0).max(10),
    /** … answered within this many days. */
    psatRecentDays: days,
    /** Partner voice: a detractor's comment on channel conflict or deal registration is taken up within this many days. */
    voiceFollowUpDays: days,
    /** Onboarding stuck: no won deal this many days after the agreement was signed. */
    onboardingStuckDays: days,
    /** Today holds at most this many actions (the rest wait in This week and the Backlog). */
    todayCapacity: z.number().int().min(1).max(TODAY_CAPACITY_MAX),
  })
  .strict();
export type ActionSettings = z.infer<typeof actionSettingsSchema>;

/**
 * How far the book's ranking computed in the background has got (the `actions.progress`
 * event): `done` of `total` steps (the book's reads, then each rule). Seconds on a
 * 20,000-partner book; the Actions page shows it while it waits.
 */
export interface ActionsProgress {
  done: number;
  total: number;
}

export const DEFAULT_ACTION_SETTINGS: ActionSettings = {
  regPendingDays: 5,
  regDecisionSlaDays: 10,
  regExpiringDays: 14,
  conflictResolveDays: 7,
  stalledDays: 45,
  engagementWindowDays: 30,
  engagementDropShare: 0.5,
  engagementMinBaseline: 6,
  certExpiringDays: 60,
  promotionArrGapShare: 0.2,
  promotionMaxCertGap: 2,
  mdfDaysBeforeEnd: 60,
  mdfUnspentShare: 0.3,
  mdfDefaultPipelineMultiple: 5,
  jbpMinElapsed: 0.25,
  qbrMinTierRank: 2,
  qbrDaysBeforeQuarterEnd: 45,
  psatDetractorMax: 6,
  psatRecentDays: 90,
  voiceFollowUpDays: 7,
  onboardingStuckDays: 90,
  todayCapacity: 12,
};

export const ACTION_LINK_KINDS = [
  'partner',
  'opportunity',
  'deal_registration',
  'contact',
  'certification',
  'jbp_objective',
  'mdf_allocation',
  'psat_response',
] as const;
export type ActionLinkKind = (typeof ACTION_LINK_KINDS)[number];

export interface ActionLink {
  kind: ActionLinkKind;
  id: string;
  label: string;
  /** The partner the record belongs to (links open its partner page); null for a vendor-direct deal. */
  partnerId: string | null;
  /** For plan objectives: the plan that holds it. */
  planId?: string;
}

export interface ActionFact {
  label: string;
  value: string;
}

/**
 * priority = impact × urgency × confidence: the factors and what they rest on. The
 * arithmetic in words comes from explainPriority (src-shared/domain/actions.ts).
 */
export interface ActionPriority {
  score: number;
  /** ARR at stake in major units (the first factor), and in minor units. */
  impact: number;
  impactMinor: number;
  /** What the impact is, e.g. "the registered deal amount". */
  impactBasis: string;
  /** 7 ÷ (7 + days to due), 1 when due or overdue; rounded to 2 decimals. */
  urgency: number;
  daysToDue: number;
  /** 0..1, rounded to 2 decimals, and why. */
  confidence: number;
  confidenceBasis: string;
}

export interface ActionStateView {
  state: (typeof ACTION_STATES)[number];
  snoozeUntil: string | null;
  reason: string | null;
  updatedAt: string;
  /** The state is a local edit not yet on the server. */
  pending: boolean;
}

/**
 * Where an open action waits: `today` = the `todayCapacity` highest-priority open actions
 * of the book in view (my book or all partners, before the rule/partner/tier/owner
 * filters); `week` = the others due within 7 days (overdue included); `later` = the
 * Backlog. Snoozed, done and dismissed ones never count for Today.
 */
export type ActionBucket = 'today' | 'week' | 'later';

export interface ActionItem {
  key: string;
  rule: ActionRuleId;
  ruleLabel: string;
  partnerId: string;
  partnerName: string;
  tierId: string;
  tierName: string;
  tierRank: number;
  ownerId: string;
  ownerName: string;
  suggestion: string;
  /** The same suggestion read where the partner is already named (its own page and deck): without the name. */
  suggestionHere: string;
  facts: ActionFact[];
  links: ActionLink[];
  /** ARR at stake, minor units. */
  impact: number;
  currency: string;
  dueDate: string;
  /** Today (within the capacity), This week or the Backlog (see ActionBucket). */
  bucket: ActionBucket;
  priority: ActionPriority;
  /** null when the action is open; snoozed ones whose date has passed are open again. */
  state: ActionStateView | null;
  /** Hidden from the default list (done, dismissed, or snoozed into the future). */
  hidden: boolean;
}

export interface FacetOption {
  id: string;
  label: string;
  /** Actions with this value (before the filters). */
  n: number;
}

/** Filter options over the list before the rule / partner / tier / owner filters. */
export interface ActionFacets {
  rules: FacetOption[];
  partners: FacetOption[];
  tiers: (FacetOption & { rank: number })[];
  owners: FacetOption[];
}

export interface ActionList {
  asOf: string;
  /** The Today capacity the list was planned with. */
  capacity: number;
  /** Today first (grouped by partner, partners by their highest priority), then This week and the Backlog by priority; with `perBucket`, at most that many of each bucket. */
  actions: ActionItem[];
  /** Every matching action by bucket (also those cut by `perBucket`). */
  buckets: Record<ActionBucket, { count: number; impact: number }>;
  facets: ActionFacets;
  /** Open actions matching the filters, and those hidden by a state (done, dismissed, snoozed). */
  openCount: number;
  hiddenCount: number;
  computeMs: number;
}

/** Open actions by bucket (for the navigation badge), without the actions themselves. */
export interface ActionSummary {
  asOf: string;
  /** The Today capacity (today ≤ capacity). */
  capacity: number;
  open: number;
  today: number;
  week: number;
  later: number;
  hidden: number;
}

export { ACTION_INPUT_ENTITIES } from './action-inputs';

/** One working day of "Plan my week": at most the capacity, highest priority first. */
export interface WeekDay {
  date: string;
  actions: ActionItem[];
  impact: number;
}

/**
 * "Plan my week": the first day is Today's list; the other open actions, by due date then
 * priority, fill the following working days (Monday to Friday), each at most the
 * capacity. What does not fit waits after the week.
 */
export interface WeekPlan {
  asOf: string;
  capacity: number;
  days: WeekDay[];
  after: { count: number; impact: number };
  currency: string;
}

export interface DigestEntry {
  key: string;
  rule: ActionRuleId;
  partnerId: string;
  partnerName: string;
  suggestion: string;
  impact: number;
  currency: string;
}

export interface ActionDigest {
  /** When the current set was recorded (the last sync); null before the first sync. */
  syncedAt: string | null;
  /** The sync it is compared with; null when there is no earlier one. */
  previousSyncedAt: string | null;
  added: DigestEntry[];
  resolved: DigestEntry[];
}

const isoDate = isoDateSchema;
const key = z.string().min(3, 'action key is required').max(200).regex(/^[a-z_]+:.+:.+$/, 'expected an action key rule:entity:period');
const partnerId = z.string().min(1, 'partner id is required').max(64);

export const actionMethods = {
  'actions.list': method<ActionList>()(
    z
      .object({
        asOf: isoDate.optional(),
        rule: z.enum(ACTION_RULE_IDS).optional(),
        partnerId: partnerId.optional(),
        tier: z.string().min(1).max(64).optional(),
        owner: z.string().min(1).max(64).optional(),
        /** My book or everyone (before the other filters and the facets); default the remembered choice. */
        scope: bookScopeSchema.optional(),
        includeHidden: z.boolean().optional(),
        /** Return at most this many actions per bucket (today / this week / later). */
        perBucket: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
  ),
  'actions.summary': method<ActionSummary>()(
    z.object({ owner: z.string().min(1).max(64).optional(), scope: bookScopeSchema.optional() }).strict(),
  ),
  'actions.week': method<WeekPlan>()(z.object({ asOf: isoDate.optional(), scope: bookScopeSchema.optional() }).strict()),
  'actions.setState': method<ActionStateView>()(
    z
      .object({
        key,
        partnerId,
        state: z.enum(ACTION_STATES),
        snoozeUntil: isoDate.optional(),
        reason: text('The reason', LIMITS.actionReason).optional(),
      })
      .strict(),
  ),
  'actions.clearState': method<{ cleared: boolean }>()(z.object({ key }).strict()),
  'actions.digest': method<ActionDigest>()(z.object({ scope: bookScopeSchema.optional() }).strict()),
  'actions.settings': method<ActionSettings>()(z.object({}).strict()),
  'actions.updateSettings': method<ActionSettings>()(actionSettingsSchema.partial()),
};
