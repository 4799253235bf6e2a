/**
 * The contract between the snapshot loader, the rules and the service. A rule is a pure
 * function of (snapshot, asOf, thresholds) → candidate actions; the service turns
 * candidates into ranked actions (key, priority, bucket, state).
 */
import type { ActionFact, ActionLink, ActionRuleId, ActionSettings } from '../../../src-shared/methods/actions';
import type { FiscalCalendar } from '../../../src-shared/domain/time';
import type { DetractorComplaint } from '../voice/complaints';

export interface SnapTier {
  id: string;
  name: string;
  rank: number;
  minSourcedArr: number;
  minCertified: number;
  revenueTarget: number;
  pipelineTarget: number;
  currency: string;
}

export interface SnapPartner {
  id: string;
  name: string;
  tierId: string;
  ownerId: string;
  ownerName: string;
  status: 'onboarding' | 'active' | 'at_risk' | 'churned';
  currency: string;
  agreementSignedAt: string;
  /** Won sourced + influenced ARR closed in the trailing 365 days (minor units). */
  wonT4q: number;
  /** Won sourced ARR only, trailing 365 days (the tier requirement). */
  sourcedT4q: number;
  /** Open sourced + influenced pipeline. */
  openPipeline: number;
  /** First won deal (any role) on or before the as-of date; null when none. */
  firstWinAt: string | null;
  /** Engagement events in the recent window and in the 3 windows before it. */
  eventsRecent: number;
  eventsPrior: number;
  /** People holding at least one certification valid on the as-of date. */
  certifiedPeople: number;
}

export interface SnapOpportunity {
  id: string;
  partnerId: string;
  customer: string;
  amount: number;
  currency: string;
  stage: string;
  closeDate: string;
  lastActivityAt: string;
}

/** Live registrations the rules may act on (pending long enough, expiring soon, or in conflict). */
export interface SnapRegistration {
  id: string;
  partnerId: string;
  customer: string;
  amount: number;
  currency: string;
  status: 'submitted' | 'approved';
  submittedAt: string;
  expiresAt: string;
  opportunityId: string | null;
  /** The vendor-direct opportunity it collides with, when there is one. */
  matched: { id: string; customer: string; amount: number; stage: string; closeDate: string } | null;
}

/** A certified person whose every valid certification expires inside the window. */
export interface SnapExpiringHolder {
  partnerId: string;
  contactId: string;
  contactName: string;
  certificationId: string;
  certificationName: string;
  /** The latest expiry among the person's valid certifications. */
  validUntil: string;
}

export interface SnapMdf {
  allocationId: string;
  partnerId: string;
  period: string;
  periodEnd: string;
  amount: number;
  currency: string;
  /** Approved request amounts plus claimed amounts. */
  committed: number;
  /** Requests still awaiting a decision. */
  pending: number;
  /** The partner's claim history: claimed MDF and the pipeline it attributed. */
  historyClaimed: number;
  historyPipeline: number;
}

export interface SnapPsat {
  id: string;
  partnerId: string;
  score: number;
  comment: string | null;
  respondedAt: string;
  contactId: string | null;
  contactName: string | null;
}

export interface SnapObjective {
  id: string;
  title: string;
  metric: string;
  baseline: number;
  target: number;
  dueQuarter: string;
  jbpId: string;
  jbpTitle: string;
  partnerId: string;
  /** Plan period bounds (inclusive). */
  periodStart: string;
  periodEnd: string;
  /** The live actual over the plan period up to the as-of date. */
  actual: number;
}

export interface Snapshot {
  asOf: string;
  /** The book's fiscal calendar: where the as-of quarter and every plan period fall. */
  calendar: FiscalCalendar;
  partners: Map<string, SnapPartner>;
  tiers: Map<string, SnapTier>;
  stalled: SnapOpportunity[];
  registrations: SnapRegistration[];
  expiringHolders: SnapExpiringHolder[];
  mdf: SnapMdf[];
  psat: Map<string, SnapPsat>;
  /** Recent detractor comments about channel conflict or deal registration (services/voice/complaints.ts). */
  complaints: DetractorComplaint[];
  objectives: SnapObjective[];
  /** Partners with a QBR pack started (a qbr_note) for the as-of quarter. */
  qbrStarted: Set<string>;
}

export interface Candidate {
  rule: ActionRuleId;
  /** The record behind the action (registration, opportunity, partner, objective …). */
  entityId: string;
  /** Keeps the key stable while the situation lasts: a quarter, a date, a month. */
  period: string;
  partnerId: string;
  suggestion: string;
  /** The same suggestion read where the partner is already named (its own page and deck): without the name. */
  suggestionHere: string;
  /**
   * The facts and links shown with the action, built when first read (item.ts): a book
   * has tens of thousands of actions and a page shows a few hundred. Reads only what the
   * rule saw (the snapshot's records, the settings, the as-of date).
   */
  evidence: () => ActionEvidence;
  /** ARR at stake, minor units, and what it is. */
  impact: number;
  impactText: string;
  currency: string;
  dueDate: string;
  /** 0..1, and why. */
  confidence: number;
  confidenceText: string;
}

/** What an action shows as its evidence. */
export interface ActionEvidence {
  facts: ActionFact[];
  links: ActionLink[];
}

export interface RuleDef {
  id: ActionRuleId;
  /** One line: when it fires (shown with the evidence). */
  describe(t: ActionSettings): string;
  run(snap: Snapshot, asOf: string, t: ActionSettings): Candidate[];
}
