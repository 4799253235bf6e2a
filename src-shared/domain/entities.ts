/**
 * The partner book's entities as the PRM protocol carries them (ARCHITECTURE §3).
 *
 * Each schema validates the `data` object of a pulled change and describes the row the
 * replica stores. Money is integer minor units plus an ISO currency code; dates are
 * ISO-8601 UTC strings (`YYYY-MM-DD` for calendar dates, full timestamps for instants).
 * The `version` of a row travels beside `data` in the change envelope, not inside it.
 */
import { z } from 'zod';
import { OPPORTUNITY_STAGES, PARTNER_STATUSES, PARTNER_TYPES, REGIONS } from './entity-lists';

const id = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'expected a UTC timestamp YYYY-MM-DDTHH:MM:SSZ');
const minor = z.number().int().safe();
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code');
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'expected a quarter YYYY-Qn');

export { OPPORTUNITY_STAGES, PARTNER_STATUSES, PARTNER_TYPES, REGIONS } from './entity-lists';
/** `direct` marks a vendor-direct opportunity (no partner), the other side of a channel conflict. */
export const PARTNER_ROLES = ['sourced', 'influenced', 'co_sell', 'marketplace', 'direct'] as const;
export const DEAL_REG_STATUSES = ['submitted', 'approved', 'rejected', 'expired', 'converted'] as const;
export const ENGAGEMENT_KINDS = [
  'portal_login',
  'content_download',
  'training_started',
  'training_completed',
  'webinar',
] as const;
export const MDF_REQUEST_STATUSES = ['submitted', 'approved', 'rejected', 'claimed'] as const;
export const USER_ROLES = ['cam', 'manager'] as const;
/** The owner an imported book gives partners its files name no owner for: a placeholder, never counted as a CAM. */
export const UNASSIGNED_OWNER = 'unassigned';

export const userSchema = z.strictObject({
  id,
  name: z.string().min(1),
  email: z.string().min(3),
  role: z.enum(USER_ROLES),
  manager_id: id.nullable(),
});

export const tierSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** 1 = entry level; higher is better. */
  rank: z.number().int().min(1),
  /** Requirement: won sourced ARR over the trailing 4 quarters, minor units. */
  min_sourced_arr: minor,
  /** Requirement: certified people at the partner. */
  min_certified: z.number().int().min(0),
  /** Target used by the health model: trailing-4-quarter sourced + influenced ARR. */
  revenue_target: minor,
  /** Target used by the health model: open sourced pipeline closing in the next 2 quarters. */
  pipeline_target: minor,
  currency,
  benefits: z.array(z.string()),
});

export const partnerSchema = z.strictObject({
  id,
  name: z.string().min(1),
  type: z.enum(PARTNER_TYPES),
  tier_id: id,
  region: z.enum(REGIONS),
  country: z.string().min(2),
  owner_id: id,
  status: z.enum(PARTNER_STATUSES),
  agreement_signed_at: isoDate,
  /** When the partner churned (status churned); null otherwise. */
  churned_at: isoDate.nullable(),
  website: z.string().nullable(),
  currency,
});

export const contactSchema = z.strictObject({
  id,
  partner_id: id,
  name: z.string().min(1),
  email: z.string().min(3),
  role: z.string().min(1),
  last_login_at: isoInstant.nullable(),
});

export const opportunitySchema = z.strictObject({
  id,
  /** Null for a vendor-direct opportunity. */
  partner_id: id.nullable(),
  customer: z.string().min(1),
  amount: minor,
  currency,
  stage: z.enum(OPPORTUNITY_STAGES),
  partner_role: z.enum(PARTNER_ROLES),
  created_at: isoDate,
  close_date: isoDate,
  /** Last time anything happened on the deal; old values on open deals mean "stalled". */
  last_activity_at: isoDate,
});

export const dealRegistrationSchema = z.strictObject({
  id,
  partner_id: id,
  customer: z.string().min(1),
  amount: minor,
  currency,
  status: z.enum(DEAL_REG_STATUSES),
  submitted_at: isoDate,
  decided_at: isoDate.nullable(),
  expires_at: isoDate,
  /** A vendor-direct opportunity for the same customer: a channel conflict. */
  matched_opportunity_id: id.nullable(),
  opportunity_id: id.nullable(),
});

export const engagementEventSchema = z.strictObject({
  id,
  partner_id: id,
  contact_id: id.nullable(),
  kind: z.enum(ENGAGEMENT_KINDS),
  occurred_at: isoInstant,
  detail: z.string().nullable(),
});

export const certificationSchema = z.strictObject({
  id,
  partner_id: id,
  contact_id: id,
  name: z.string().min(1),
  earned_at: isoDate,
  expires_at: isoDate,
});

export const mdfAllocationSchema = z.strictObject({
  id,
  partner_id: id,
  /** Fiscal half, `YYYY-H1` / `YYYY-H2`. */
  period: z.string().regex(/^\d{4}-H[12]$/, 'expected a half YYYY-Hn'),
  period_start: isoDate,
  period_end: isoDate,
  amount: minor,
  currency,
});

export const mdfRequestSchema = z.strictObject({
  id,
  partner_id: id,
  allocation_id: id,
  activity: z.string().min(1),
  amount: minor,
  currency,
  status: z.enum(MDF_REQUEST_STATUSES),
  submitted_at: isoDate,
  claimed_amount: minor,
  attributed_pipeline: minor,
});

export const psatResponseSchema = z.strictObject({
  id,
  partner_id: id,
  contact_id: id.nullable(),
  score: z.number().int().min(0).max(10),
  comment: z.string().nullable(),
  responded_at: isoDate,
});

// ---- client-editable entities (synced back through the outbox) ----

export const JBP_STATUSES = ['draft', 'signed'] as const;
export const JBP_METRICS = [
  'sourced_arr',
  'influenced_arr',
  'pipeline_created',
  'deal_registrations',
  'certified_people',
  'win_rate',
  'active_contacts',
  'custom',
] as const;
export const INITIATIVE_STATUSES = ['not_started', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export const OWNER_SIDES = ['vendor', 'partner'] as const;
export const ACTION_STATES = ['snoozed', 'done', 'dismissed'] as const;
export const QBR_NOTE_KINDS = ['commentary', 'commitment'] as const;

export const jbpSchema = z.strictObject({
  id,
  partner_id: id,
  /** `FY2026` for a fiscal year or `2026-H1` / `2026-H2` for a half. */
  period: z.string().regex(/^(FY\d{4}|\d{4}-H[12])$/, 'expected FYyyyy or yyyy-Hn'),
  title: z.string().min(1),
  status: z.enum(JBP_STATUSES),
  revision: z.number().int().min(1),
  summary: z.string(),
  vendor_signoff_name: z.string().nullable(),
  vendor_signoff_at: isoDate.nullable(),
  partner_signoff_name: z.string().nullable(),
  partner_signoff_at: isoDate.nullable(),
  created_at: isoInstant,
  updated_at: isoInstant,
});

export const jbpObjectiveSchema = z.strictObject({
  id,
  jbp_id: id,
  title: z.string().min(1),
  metric: z.enum(JBP_METRICS),
  /** Unit of a custom metric ("workshops", "%"); null for linked metrics. */
  unit: z.string().nullable(),
  baseline: z.number(),
  target: z.number(),
  due_quarter: quarter,
  weight: z.number().int().min(0).max(100),
  /** Actual of a custom metric (typed by the CAM); ignored for linked metrics. */
  custom_actual: z.number().nullable(),
  sort_order: z.number().int(),
});

export const jbpInitiativeSchema = z.strictObject({
  id,
  jbp_id: id,
  objective_id: id.nullable(),
  title: z.string().min(1),
  owner_side: z.enum(OWNER_SIDES),
  owner_name: z.string(),
  due_date: isoDate,
  status: z.enum(INITIATIVE_STATUSES),
  mdf_investment: minor,
  currency,
  notes: z.string(),
  /** Where it came from: `action:<key>` or `qbr:<note id>`, else null. */
  source: z.string().nullable(),
});

export const qbrNoteSchema = z.strictObject({
  id,
  partner_id: id,
  quarter,
  section: z.string().min(1),
  kind: z.enum(QBR_NOTE_KINDS),
  body: z.string(),
  /** For commitments: open, done, missed; null for commentary. */
  commitment_status: z.enum(['open', 'done', 'missed']).nullable(),
  updated_at: isoInstant,
  /** Who last wrote it: the person signed in to the source; null when not known (older records). */
  author: z.string().max(200).nullable().default(null),
});

export const actionStateSchema = z.strictObject({
  /** The id is the action key `rule:entity:period`. */
  id,
  partner_id: id,
  state: z.enum(ACTION_STATES),
  snooze_until: isoDate.nullable(),
  reason: z.string().nullable(),
  updated_at: isoInstant,
});

export const noteSchema = z.strictObject({
  id,
  partner_id: id,
  body: z.string(),
  created_at: isoInstant,
  updated_at: isoInstant,
});

/**
 * Every entity the protocol knows, in dependency order (a parent before its children),
 * with its data schema and whether the client may edit it.
 */
export const ENTITIES = {
  user: { schema: userSchema, editable: false },
  tier: { schema: tierSchema, editable: false },
  partner: { schema: partnerSchema, editable: false },
  contact: { schema: contactSchema, editable: false },
  opportunity: { schema: opportunitySchema, editable: false },
  deal_registration: { schema: dealRegistrationSchema, editable: false },
  engagement_event: { schema: engagementEventSchema, editable: false },
  certification: { schema: certificationSchema, editable: false },
  mdf_allocation: { schema: mdfAllocationSchema, editable: false },
  mdf_request: { schema: mdfRequestSchema, editable: false },
  psat_response: { schema: psatResponseSchema, editable: false },
  jbp: { schema: jbpSchema, editable: true },
  jbp_objective: { schema: jbpObjectiveSchema, editable: true },
  jbp_initiative: { schema: jbpInitiativeSchema, editable: true },
  qbr_note: { schema: qbrNoteSchema, editable: true },
  action_state: { schema: actionStateSchema, editable: true },
  note: { schema: noteSchema, editable: true },
} as const;

export type EntityName = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];
export const EDITABLE_ENTITIES = ENTITY_NAMES.filter((e) => ENTITIES[e].editable);
export type EditableEntityName =
  | 'jbp'
  | 'jbp_objective'
  | 'jbp_initiative'
  | 'qbr_note'
  | 'action_state'
  | 'note';

export type EntityData<E extends EntityName> = z.infer<(typeof ENTITIES)[E]['schema']>;

export type User = EntityData<'user'>;
export type Tier = EntityData<'tier'>;
export type Partner = EntityData<'partner'>;
export type Contact = EntityData<'contact'>;
export type Opportunity = EntityData<'opportunity'>;
export type DealRegistration = EntityData<'deal_registration'>;
export type EngagementEvent = EntityData<'engagement_event'>;
export type Certification = EntityData<'certification'>;
export type MdfAllocation = EntityData<'mdf_allocation'>;
export type MdfRequest = EntityData<'mdf_request'>;
export type PsatResponse = EntityData<'psat_response'>;
export type Jbp = EntityData<'jbp'>;
export type JbpObjective = EntityData<'jbp_objective'>;
export type JbpInitiative = EntityData<'jbp_initiative'>;
export type QbrNote = EntityData<'qbr_note'>;
export type ActionState = EntityData<'action_state'>;
export type Note = EntityData<'note'>;

export function isEntityName(name: string): name is EntityName {
  return Object.prototype.hasOwnProperty.call(ENTITIES, name);
}
