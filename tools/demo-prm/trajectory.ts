/**
 * The latent life course of each demo partner: how active it is, how committed it is to
 * the programme, and what that does to its certifications, over the book's history.
 *
 * Activity drives engagement volume. Commitment is the partner's investment in the
 * programme (1 = business as usual): it falls over the one to three quarters before a
 * churn (and over the recent quarters of declining and at-risk partners), so new
 * pipeline thins out and shrinks, deals are lost more often and certifications lapse
 * without renewal before a partner leaves, while healthy partners keep renewing.
 */
import type { Rng } from './rng';

export const TRAJECTORIES = ['onboarding', 'thriving', 'steady', 'declining', 'at_risk', 'churned'] as const;
export type Trajectory = (typeof TRAJECTORIES)[number];

/** Certification validity, days. */
export const CERT_VALID_DAYS = 730;

export interface TrajectoryPlan {
  trajectory: Trajectory;
  /** Activity starts this many days ago (agreement signing or history start). */
  activeFrom: number;
  /** Churned partners: activity stopped this many days ago (0 otherwise). */
  stoppedAt: number;
  /** Churned partners: days before `stoppedAt` over which commitment fades (0 otherwise). */
  leadUp: number;
  size: number;
}

/** Relative activity (1 = normal for the tier) `daysAgo` days before asOf. */
export function activity(plan: TrajectoryPlan, daysAgo: number): number {
  if (daysAgo > plan.activeFrom || daysAgo < plan.stoppedAt) return 0;
  const sinceStart = plan.activeFrom - daysAgo;
  const ramp = Math.min(1, 0.35 + sinceStart / 120);
  let level: number;
  switch (plan.trajectory) {
    case 'onboarding':
      level = 0.5 + 0.5 * Math.min(1, sinceStart / 90);
      break;
    case 'thriving':
      level = 0.85 + 0.6 * (1 - daysAgo / 1100);
      break;
    case 'steady':
      level = 1;
      break;
    case 'declining':
      level = daysAgo > 240 ? 1.05 : 0.2 + 0.85 * (daysAgo / 240);
      break;
    case 'at_risk':
      level = daysAgo > 180 ? 0.7 : 0.3 + 0.4 * (daysAgo / 180);
      break;
    case 'churned':
      level = 0.8 * Math.min(1, (daysAgo - plan.stoppedAt) / 120 + 0.4);
      break;
  }
  return level * ramp * plan.size;
}

/**
 * Commitment to the programme in [0, 1] `daysAgo` days before asOf (0 once a churned
 * partner has stopped). Scales new pipeline (count and size), win rates and renewals.
 */
export function commitment(plan: TrajectoryPlan, daysAgo: number): number {
  switch (plan.trajectory) {
    case 'churned': {
      const before = daysAgo - plan.stoppedAt;
      if (before < 0) return 0;
      return before >= plan.leadUp ? 1 : 0.1 + 0.9 * (before / plan.leadUp);
    }
    case 'declining':
      return daysAgo > 270 ? 1 : 0.3 + 0.7 * (daysAgo / 270);
    case 'at_risk':
      return daysAgo > 200 ? 0.9 : 0.45 + 0.45 * (daysAgo / 200);
    default:
      return 1;
  }
}

export const WIN_RATE: Record<Trajectory, number> = {
  onboarding: 0.3,
  thriving: 0.5,
  steady: 0.38,
  declining: 0.27,
  at_risk: 0.22,
  churned: 0.25,
};

export const PSAT_RANGE: Record<Trajectory, readonly [number, number]> = {
  onboarding: [6, 10],
  thriving: [8, 10],
  steady: [6, 10],
  declining: [3, 8],
  at_risk: [1, 7],
  churned: [0, 6],
};

/** Chance a certification is renewed when it comes due, at full commitment. */
const RENEWAL: Record<Trajectory, number> = {
  onboarding: 0.9,
  thriving: 0.95,
  steady: 0.88,
  declining: 0.85,
  at_risk: 0.85,
  churned: 0.75,
};

/** New people certified per quarter, as a share of the tier's typical certified bench. */
const GROWTH: Record<Trajectory, number> = {
  onboarding: 0.05,
  thriving: 0.08,
  steady: 0.035,
  declining: 0.03,
  at_risk: 0.03,
  churned: 0.025,
};

export interface CertRecord {
  contactIndex: number;
  name: string;
  earnedAgo: number;
  expiresAgo: number;
}

/**
 * Certification history of one partner, oldest first. Each certified person holds a
 * track: earned, then renewed in the six weeks before it expires with a chance that
 * follows the partner's commitment at that time, or left to lapse. Partners signed
 * before the history window start with tracks at random phases (earned before the
 * window); new partners certify their people over their first five months; more people get
 * certified each quarter while the partner is committed.
 */
export function certificationHistory(
  rng: Rng,
  plan: TrajectoryPlan,
  o: {
    contacts: number;
    /** Typical number of certified tracks for the tier: [min, max]. */
    bench: readonly [number, number];
    /** Days since the agreement was signed (may be before the history window). */
    signedAgo: number;
    historyDays: number;
    names: readonly string[];
    /** Quarter boundaries of the history window, oldest first, as [startAgo, endAgo]. */
    quarters: readonly (readonly [number, number])[];
  },
): CertRecord[] {
  const out: CertRecord[] = [];
  if (o.contacts <= 0) return out;
  const earliest = Math.max(plan.stoppedAt, 1);
  const track = (startAgo: number) => {
    const contactIndex = rng.int(0, o.contacts - 1);
    const name = rng.pick(o.names);
    let earned = startAgo;
    for (;;) {
      out.push({ contactIndex, name, earnedAgo: earned, expiresAgo: earned - CERT_VALID_DAYS });
      const renewAgo = earned - CERT_VALID_DAYS + rng.int(0, 45);
      if (renewAgo < earliest || activity(plan, renewAgo) <= 0) return;
      if (!rng.chance(RENEWAL[plan.trajectory] * commitment(plan, renewAgo))) return;
      earned = renewAgo;
    }
  };
  const initial = rng.int(o.bench[0], o.bench[1]) + (plan.trajectory === 'thriving' ? 1 : 0);
  for (let i = 0; i < initial; i++) {
    const startAgo = Math.min(o.signedAgo - rng.int(20, 150), o.historyDays + rng.int(0, CERT_VALID_DAYS - 1));
    if (startAgo < earliest) continue; // not certified yet (or gone before that)
    track(startAgo);
  }
  const rate = GROWTH[plan.trajectory] * ((o.bench[0] + o.bench[1]) / 2 + 0.5);
  for (const [startAgo, endAgo] of o.quarters) {
    const mid = (startAgo + endAgo) / 2;
    if (activity(plan, mid) <= 0) continue;
    const n = rng.count(rate * commitment(plan, mid));
    for (let k = 0; k < n; k++) {
      const ago = rng.int(Math.max(endAgo, earliest), Math.max(earliest, startAgo));
      if (ago > plan.activeFrom || commitment(plan, ago) <= 0) continue;
      track(ago);
    }
  }
  return out.sort((a, b) => b.earnedAgo - a.earnedAgo);
}
