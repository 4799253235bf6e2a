/**
 * The demo PRM's deterministic partner book. `generateBook` emits every record in
 * dependency order per partner (users and tiers first, then each partner with its
 * children) through a callback, so the large book streams into the store without being
 * held in memory. Same seed + scale + asOf → the same book, byte for byte.
 */
import {
  PARTNER_TYPES,
  REGIONS,
  type EntityData,
  type EntityName,
  type Opportunity,
  type Partner,
  type Tier,
  type User,
} from '../../src-shared/domain/entities';
import { quarterEnd, quarterOf, quarterStart, shiftQuarter, toIsoDate } from '../../src-shared/domain/time';
import { createRng, hash32, type Rng } from './rng';
import {
  activity,
  certificationHistory,
  commitment,
  PSAT_RANGE,
  TRAJECTORIES,
  WIN_RATE,
  type Trajectory,
  type TrajectoryPlan,
} from './trajectory';
import * as W from './words';

/**
 * The generator's version: part of every cache key for generated books (test/bench), so a
 * cache never serves a book an older generator made. Bump it whenever any scale's output
 * changes (a new field, another distribution, a fixed bug), not for pure refactors.
 */
export const GENERATOR_VERSION = 1;

export const SCALES = {
  small: { partners: 150, managers: 2, cams: 6, directOpps: 120 },
  medium: { partners: 1000, managers: 4, cams: 32, directOpps: 800 },
  large: { partners: 5000, managers: 12, cams: 150, directOpps: 4000 },
  /** A channel chief's whole org (about 10 million engagement events): benchmarks only. */
  xlarge: { partners: 20_000, managers: 48, cams: 600, directOpps: 16_000 },
} as const;
export type Scale = keyof typeof SCALES;

/**
 * Partners the demo CAM owns — the first CAM, whom the demo PRM's default token signs in
 * as (auth.ts): a full but realistic book (a CAM owns 10–60 partners), the
 * biggest of the team, at every scale. The other CAMs share the rest round-robin.
 */
export const DEMO_CAM_PARTNERS = 44;
export const SCALE_NAMES = Object.keys(SCALES) as Scale[];

export { TRAJECTORIES, type Trajectory } from './trajectory';

export interface GenerateOptions {
  seed: number;
  scale: Scale;
  /** Last day of the book (`YYYY-MM-DD`, UTC). */
  asOf: string;
}

/** Receives each record once, parents before children. */
export type Emit = <E extends EntityName>(entity: E, data: EntityData<E>) => void;

export interface BookSummary {
  seed: number;
  scale: Scale;
  asOf: string;
  counts: Record<string, number>;
  /** Latent trajectory per partner id (not part of the wire data; for tests and demos). */
  trajectories: Record<string, Trajectory>;
}

const USD = 'USD';
const DAY_MS = 86_400_000;
const HISTORY_QUARTERS = 12;

interface TierSpec {
  data: Tier;
  /** Typical opportunity amount range in USD (major units). */
  dealRange: readonly [number, number];
  contacts: readonly [number, number];
  certs: readonly [number, number];
  /** Engagement events per week at full activity. */
  weekly: number;
  oppsPerQuarter: number;
  regsPerQuarter: number;
  mdf: number;
}

const TIERS: readonly TierSpec[] = [
  {
    data: {
      id: 'registered',
      name: 'Registered',
      rank: 1,
      min_sourced_arr: 0,
      min_certified: 0,
      revenue_target: 5_000_000,
      pipeline_target: 2_500_000,
      currency: USD,
      benefits: ['Partner portal access', 'Self-paced training', 'Deal registration'],
    },
    dealRange: [5_000, 40_000],
    contacts: [3, 6],
    certs: [0, 2],
    weekly: 2.3,
    oppsPerQuarter: 1,
    regsPerQuarter: 0.8,
    mdf: 0,
  },
  {
    data: {
      id: 'silver',
      name: 'Silver',
      rank: 2,
      min_sourced_arr: 10_000_000,
      min_certified: 2,
      revenue_target: 25_000_000,
      pipeline_target: 10_000_000,
      currency: USD,
      benefits: ['Partner portal access', 'Self-paced training', 'Deal registration', '10% deal-reg discount', 'MDF eligibility'],
    },
    dealRange: [15_000, 90_000],
    contacts: [4, 10],
    certs: [1, 4],
    weekly: 3.7,
    oppsPerQuarter: 2,
    regsPerQuarter: 1.5,
    mdf: 10_000,
  },
  {
    data: {
      id: 'gold',
      name: 'Gold',
      rank: 3,
      min_sourced_arr: 50_000_000,
      min_certified: 5,
      revenue_target: 120_000_000,
      pipeline_target: 45_000_000,
      currency: USD,
      benefits: [
        'Partner portal access',
        'Instructor-led training',
        'Deal registration',
        '15% deal-reg discount',
        'MDF eligibility',
        'Named channel account manager',
        'Co-selling support',
      ],
    },
    dealRange: [30_000, 250_000],
    contacts: [6, 16],
    certs: [3, 8],
    weekly: 5.8,
    oppsPerQuarter: 3.5,
    regsPerQuarter: 2.5,
    mdf: 25_000,
  },
  {
    data: {
      id: 'platinum',
      name: 'Platinum',
      rank: 4,
      min_sourced_arr: 200_000_000,
      min_certified: 10,
      revenue_target: 450_000_000,
      pipeline_target: 160_000_000,
      currency: USD,
      benefits: [
        'Partner portal access',
        'Instructor-led training',
        'Deal registration',
        '20% deal-reg discount',
        'MDF eligibility',
        'Named channel account manager',
        'Co-selling support',
        'Executive sponsor',
        'Early access to roadmap',
        'Joint business planning',
      ],
    },
    dealRange: [80_000, 900_000],
    contacts: [10, 25],
    certs: [6, 15],
    weekly: 8.8,
    oppsPerQuarter: 6,
    regsPerQuarter: 4,
    mdf: 60_000,
  },
];

/** Stable readable ids. */
export const idOf = {
  user: (n: number) => `U-${String(n).padStart(3, '0')}`,
  partner: (n: number) => `P-${String(n).padStart(5, '0')}`,
  contact: (n: number) => `C-${String(n).padStart(6, '0')}`,
  opportunity: (n: number) => `O-${String(n).padStart(6, '0')}`,
  deal_registration: (n: number) => `DR-${String(n).padStart(6, '0')}`,
  engagement_event: (n: number) => `E-${String(n).padStart(7, '0')}`,
  certification: (n: number) => `CERT-${String(n).padStart(6, '0')}`,
  mdf_allocation: (n: number) => `MDFA-${String(n).padStart(5, '0')}`,
  mdf_request: (n: number) => `MDFR-${String(n).padStart(6, '0')}`,
  psat_response: (n: number) => `PSAT-${String(n).padStart(6, '0')}`,
  jbp: (n: number) => `JBP-${String(n).padStart(5, '0')}`,
  jbp_objective: (n: number) => `OBJ-${String(n).padStart(6, '0')}`,
  jbp_initiative: (n: number) => `INI-${String(n).padStart(6, '0')}`,
  qbr_note: (n: number) => `QN-${String(n).padStart(6, '0')}`,
  note: (n: number) => `N-${String(n).padStart(5, '0')}`,
} as const;

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

function personName(rng: Rng): string {
  return `${rng.pick(W.FIRST_NAMES)} ${rng.pick(W.LAST_NAMES)}`;
}

function emailFor(name: string, domain: string): string {
  return `${slug(name).replace(/-/g, '.')}@${domain}`;
}

/** Time frame of the book. */
class Clock {
  readonly asOfMs: number;
  readonly historyStart: string;
  readonly historyDays: number;
  readonly currentQuarter: string;
  constructor(readonly asOf: string) {
    this.asOfMs = Date.parse(`${asOf}T00:00:00Z`);
    this.currentQuarter = quarterOf(asOf);
    this.historyStart = quarterStart(shiftQuarter(this.currentQuarter, -(HISTORY_QUARTERS - 1)));
    this.historyDays = Math.round((this.asOfMs - Date.parse(`${this.historyStart}T00:00:00Z`)) / DAY_MS);
  }
  /** Calendar date `daysAgo` days before asOf (negative = future). */
  date(daysAgo: number): string {
    return toIsoDate(new Date(this.asOfMs - Math.round(daysAgo) * DAY_MS));
  }
  /** Instant at fractional `daysAgo` (>= 0 means not after the end of asOf). */
  instant(daysAgo: number): string {
    const ms = this.asOfMs + DAY_MS - 1000 - Math.floor(daysAgo * DAY_MS);
    return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  }
  daysAgo(iso: string): number {
    return Math.round((this.asOfMs - Date.parse(`${iso.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
  }
}

interface PartnerPlan extends TrajectoryPlan {
  partner: Partner;
  tier: TierSpec;
  ownerName: string;
}

const TYPE_ROLES: Record<(typeof PARTNER_TYPES)[number], readonly (readonly [Opportunity['partner_role'], number])[]> = {
  reseller: [['sourced', 7], ['influenced', 2], ['co_sell', 1]],
  var: [['sourced', 6], ['influenced', 2], ['co_sell', 2]],
  msp: [['sourced', 6], ['co_sell', 2], ['marketplace', 2]],
  si: [['influenced', 4], ['co_sell', 4], ['sourced', 2]],
  gsi: [['influenced', 5], ['co_sell', 4], ['sourced', 1]],
  isv: [['co_sell', 4], ['marketplace', 4], ['sourced', 2]],
  referral: [['influenced', 7], ['sourced', 3]],
  influencer: [['influenced', 9], ['sourced', 1]],
  marketplace: [['marketplace', 8], ['sourced', 2]],
};

const OPEN_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;

function customerPool(rng: Rng, n: number): string[] {
  const out = new Set<string>();
  let guard = 0;
  while (out.size < n && guard++ < n * 20) {
    out.add(`${rng.pick(W.CUSTOMER_PREFIX)} ${rng.pick(W.CUSTOMER_INDUSTRY)} ${rng.pick(W.CUSTOMER_FORM)}`);
  }
  return [...out];
}

function companyName(rng: Rng, legal: string, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const style = rng.int(0, 9);
    const prefix = rng.pick(W.COMPANY_PREFIX);
    let base: string;
    if (style <= 2) base = `${prefix} ${rng.pick(W.COMPANY_DOMAIN)}`;
    else if (style <= 5) base = `${prefix} ${rng.pick(W.COMPANY_SUFFIX)}`;
    else if (style <= 8) base = `${prefix} ${rng.pick(W.COMPANY_DOMAIN)} ${rng.pick(W.COMPANY_SUFFIX)}`;
    else base = `${prefix}${rng.pick(W.COMPANY_PREFIX).toLowerCase()} ${rng.pick(W.COMPANY_DOMAIN)} ${rng.pick(W.COMPANY_SUFFIX)}`;
    if (attempt > 8) base = `${base} ${rng.pick(REGIONS_WORD)} ${attempt}`;
    const name = `${base} ${legal}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}
const REGIONS_WORD = ['North', 'South', 'East', 'West', 'Central', 'Global'] as const;

/**
 * Generates the whole book through `emit`. Returns the per-entity counts and each
 * partner's latent trajectory.
 */
export function generateBook(opts: GenerateOptions, emit: Emit): BookSummary {
  const spec = SCALES[opts.scale];
  if (!spec) throw new RangeError(`unknown scale ${String(opts.scale)}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${opts.asOf}`);
  const clock = new Clock(opts.asOf);
  const root = createRng(hash32('partnerbook-demo', opts.seed, opts.scale, opts.asOf));
  const counts: Record<string, number> = {};
  const trajectories: Record<string, Trajectory> = {};
  const next: Record<string, number> = {};
  const seq = (entity: keyof typeof idOf): string => {
    const n = (next[entity] ?? 0) + 1;
    next[entity] = n;
    return idOf[entity](n);
  };
  const out: Emit = (entity, data) => {
    counts[entity] = (counts[entity] ?? 0) + 1;
    emit(entity, data);
  };

  // ---- users ----
  const urng = root.fork('users');
  const managers: User[] = [];
  const cams: User[] = [];
  for (let i = 0; i < spec.managers; i++) {
    const name = personName(urng);
    const u: User = { id: seq('user'), name, email: emailFor(name, 'vendor.example'), role: 'manager', manager_id: null };
    managers.push(u);
    out('user', u);
  }
  for (let i = 0; i < spec.cams; i++) {
    const name = personName(urng);
    const manager = managers[i % managers.length];
    const u: User = {
      id: seq('user'),
      name,
      email: emailFor(name, 'vendor.example'),
      role: 'cam',
      manager_id: manager ? manager.id : null,
    };
    cams.push(u);
    out('user', u);
  }

  // ---- tiers ----
  for (const t of TIERS) out('tier', t.data);

  const customers = customerPool(root.fork('customers'), Math.max(300, spec.partners * 3));

  // ---- vendor-direct opportunities (some are conflict targets later) ----
  const drng = root.fork('direct');
  for (let i = 0; i < spec.directOpps; i++) {
    out('opportunity', directOpportunity(drng, clock, drng.pick(customers), seq('opportunity')));
  }

  // ---- partners ----
  const usedNames = new Set<string>();
  // The demo CAM's partners are spread evenly over the book (every kind of partner, not the first 44).
  const demoShare = Math.min(1, DEMO_CAM_PARTNERS / spec.partners);
  let othersAssigned = 0;
  const ownerOf = (pi: number): User => {
    const demoCam = cams[0];
    if (!demoCam) return managers[0] as User;
    if (cams.length === 1 || Math.floor((pi + 1) * demoShare) > Math.floor(pi * demoShare)) return demoCam;
    return cams[1 + (othersAssigned++ % (cams.length - 1))] as User;
  };
  const prevQuarter = shiftQuarter(clock.currentQuarter, -1);
  for (let pi = 0; pi < spec.partners; pi++) {
    const rng = root.fork(`partner-${pi}`);
    const trajectory: Trajectory =
      pi < TRAJECTORIES.length
        ? (TRAJECTORIES[pi] as Trajectory)
        : rng.weighted<Trajectory>([
            ['onboarding', 9],
            ['thriving', 15],
            ['steady', 36],
            ['declining', 15],
            ['at_risk', 12],
            ['churned', 13],
          ]);
    const tierIdx =
      pi < 4
        ? pi
        : trajectory === 'onboarding'
          ? rng.weighted([[0, 7], [1, 3]] as const)
          : rng.weighted([[0, 38], [1, 32], [2, 20], [3, 10]] as const);
    const tier = TIERS[tierIdx] as TierSpec;
    const type = pi < PARTNER_TYPES.length ? (PARTNER_TYPES[pi] as Partner['type']) : rng.pick(PARTNER_TYPES);
    const region = pi < REGIONS.length ? (REGIONS[pi] as Partner['region']) : rng.weighted([['NA', 40], ['EMEA', 30], ['APAC', 18], ['LATAM', 12]] as const);
    const [country, legal] = rng.pick<readonly [string, string]>(W.COUNTRIES[region]);
    const name = companyName(rng, legal, usedNames);
    const owner = ownerOf(pi);
    let signedDaysAgo: number;
    if (trajectory === 'onboarding') signedDaysAgo = rng.int(15, 170);
    else if (rng.chance(0.2)) signedDaysAgo = rng.int(260, clock.historyDays - 30);
    else signedDaysAgo = rng.int(clock.historyDays + 30, clock.historyDays + 2500);
    const stoppedAt = trajectory === 'churned' ? rng.int(190, Math.min(620, Math.max(200, signedDaysAgo - 150))) : 0;
    if (trajectory === 'churned' && signedDaysAgo < stoppedAt + 150) signedDaysAgo = stoppedAt + 300;
    const status: Partner['status'] =
      trajectory === 'onboarding'
        ? 'onboarding'
        : trajectory === 'churned'
          ? 'churned'
          : trajectory === 'at_risk' || (trajectory === 'declining' && rng.chance(0.4))
            ? 'at_risk'
            : 'active';
    const partner: Partner = {
      id: seq('partner'),
      name,
      type,
      tier_id: tier.data.id,
      region,
      country,
      owner_id: owner.id,
      status,
      agreement_signed_at: clock.date(signedDaysAgo),
      churned_at: trajectory === 'churned' ? clock.date(Math.max(1, stoppedAt - rng.int(0, 60))) : null,
      website: rng.chance(0.92) ? `https://www.${slug(name.split(' ').slice(0, 2).join(' '))}.example` : null,
      currency: USD,
    };
    trajectories[partner.id] = trajectory;
    out('partner', partner);
    const plan: PartnerPlan = {
      partner,
      trajectory,
      tier,
      activeFrom: Math.min(signedDaysAgo, clock.historyDays),
      stoppedAt,
      // Churners wind down over one to three quarters before they stop.
      leadUp: trajectory === 'churned' ? rng.int(90, 270) : 0,
      size: Math.max(0.35, Math.min(2.2, rng.logUniform(0.5, 1.9))),
      ownerName: owner.name,
    };
    generatePartner(plan, rng, clock, customers, seq, out, prevQuarter);
  }

  return { seed: opts.seed, scale: opts.scale, asOf: opts.asOf, counts, trajectories };
}

function directOpportunity(rng: Rng, clock: Clock, customer: string, id: string): Opportunity {
  const createdAgo = rng.int(-10, clock.historyDays - 20);
  return oppFor(rng, clock, {
    id,
    partnerId: null,
    role: 'direct',
    customer,
    createdAgo: Math.max(0, createdAgo),
    amountMajor: rng.logUniform(20_000, 600_000),
    winRate: 0.35,
    stallRate: 0.15,
  });
}

function oppFor(
  rng: Rng,
  clock: Clock,
  o: {
    id: string;
    partnerId: string | null;
    role: Opportunity['partner_role'];
    customer: string;
    createdAgo: number;
    amountMajor: number;
    winRate: number;
    stallRate: number;
    forceOpen?: boolean;
    /** The partner's life course: its deals are won less as commitment fades, and lost when it leaves. */
    plan?: TrajectoryPlan;
  },
): Opportunity {
  const cycle = rng.int(30, 200);
  let closeAgo = o.createdAgo - cycle;
  // Open deals close within the next two quarters.
  const horizon = -clock.daysAgo(quarterEnd(shiftQuarter(clock.currentQuarter, 2))) ;
  if (closeAgo < -horizon) closeAgo = -rng.int(5, horizon);
  let stage: Opportunity['stage'];
  let lastActivityAgo: number;
  const slipped = closeAgo > 0 && rng.chance(0.06);
  const plan = o.plan;
  if (plan && plan.stoppedAt > 0 && (closeAgo < plan.stoppedAt || slipped)) {
    // The partner walked away before the deal closed: it is closed out as lost during
    // the wind-down or shortly after the partner stopped.
    stage = 'closed_lost';
    closeAgo = Math.min(o.createdAgo, rng.int(plan.stoppedAt - 30, plan.stoppedAt + Math.round(plan.leadUp / 2)));
    lastActivityAgo = closeAgo;
  } else if ((closeAgo > 0 && !slipped) && !o.forceOpen) {
    const fade = plan ? commitment(plan, closeAgo) : 1;
    stage = rng.chance(o.winRate * fade) ? 'closed_won' : 'closed_lost';
    // As commitment fades, lost deals are abandoned early rather than worked to the end.
    if (stage === 'closed_lost' && fade < 1) closeAgo += rng.int(0, Math.round((1 - fade) * (o.createdAgo - closeAgo)));
    lastActivityAgo = closeAgo;
  } else {
    if (closeAgo > 0) closeAgo = -rng.int(5, 60); // slipped: pushed into the future
    const progress = Math.min(0.999, Math.max(0, (o.createdAgo) / Math.max(1, o.createdAgo - closeAgo)));
    stage = OPEN_STAGES[Math.min(3, Math.floor(progress * 4))] as Opportunity['stage'];
    if (o.createdAgo > 60 && rng.chance(o.stallRate)) lastActivityAgo = rng.int(46, Math.min(150, o.createdAgo));
    else lastActivityAgo = rng.int(0, Math.min(30, o.createdAgo));
  }
  const amount = Math.round(o.amountMajor / 100) * 100 * 100;
  return {
    id: o.id,
    partner_id: o.partnerId,
    customer: o.customer,
    amount: Math.max(100_000, amount),
    currency: USD,
    stage,
    partner_role: o.role,
    created_at: clock.date(o.createdAgo),
    close_date: clock.date(closeAgo),
    last_activity_at: clock.date(lastActivityAgo),
  };
}

type Seq = (entity: keyof typeof idOf) => string;

function generatePartner(
  plan: PartnerPlan,
  rng: Rng,
  clock: Clock,
  customers: readonly string[],
  seq: Seq,
  out: Emit,
  prevQuarter: string,
): void {
  const { partner, tier, trajectory } = plan;
  const pid = partner.id;
  const domain = (partner.website ?? `https://www.${slug(partner.name.split(' ')[0] ?? 'partner')}.example`).replace(/^https:\/\/www\./, '');
  const active = (daysAgo: number) => activity(plan, daysAgo);

  // ---- contacts ----
  const nContacts = rng.int(tier.contacts[0], tier.contacts[1]);
  const contacts: { id: string; name: string; role: string; weight: number; lastLoginAgo: number | null }[] = [];
  for (let i = 0; i < nContacts; i++) {
    const name = personName(rng);
    const role = i === 0 ? 'Partner Principal' : i === 1 ? 'Alliance Manager' : rng.pick(W.CONTACT_ROLES);
    contacts.push({ id: seq('contact'), name, role, weight: rng.chance(0.15) ? 0 : rng.logUniform(0.2, 3), lastLoginAgo: null });
  }
  const engaged = contacts.filter((c) => c.weight > 0);
  const pickContact = (): (typeof contacts)[number] | undefined => {
    if (engaged.length === 0) return undefined;
    let total = 0;
    for (const c of engaged) total += c.weight;
    let r = rng.next() * total;
    for (const c of engaged) {
      r -= c.weight;
      if (r < 0) return c;
    }
    return engaged[engaged.length - 1];
  };

  // ---- engagement events (buffered per partner: contacts need their last login first) ----
  const events: EntityData<'engagement_event'>[] = [];
  for (let weekAgo = Math.floor(plan.activeFrom / 7); weekAgo >= 0; weekAgo--) {
    const mid = weekAgo * 7 + 3;
    const level = active(mid);
    if (level <= 0) continue;
    const n = rng.count(tier.weekly * level * rng.float(0.6, 1.4));
    const evs: { ago: number; kind: EntityData<'engagement_event'>['kind'] }[] = [];
    for (let k = 0; k < n; k++) {
      const ago = weekAgo * 7 + rng.next() * 7;
      if (ago > plan.activeFrom || ago < plan.stoppedAt) continue;
      evs.push({
        ago,
        kind: rng.weighted([
          ['portal_login', 52],
          ['content_download', 21],
          ['training_started', 9],
          ['training_completed', 5],
          ['webinar', 13],
        ] as const),
      });
    }
    evs.sort((a, b) => b.ago - a.ago);
    for (const ev of evs) {
      const c = rng.chance(0.92) ? pickContact() : undefined;
      let detail: string | null = null;
      if (ev.kind === 'content_download') detail = rng.pick(W.CONTENT);
      else if (ev.kind === 'training_started' || ev.kind === 'training_completed') detail = rng.pick(W.TRAININGS);
      else if (ev.kind === 'webinar') detail = rng.pick(W.WEBINARS);
      if (c && ev.kind === 'portal_login' && (c.lastLoginAgo === null || ev.ago < c.lastLoginAgo)) c.lastLoginAgo = ev.ago;
      events.push({
        id: '',
        partner_id: pid,
        contact_id: c ? c.id : null,
        kind: ev.kind,
        occurred_at: clock.instant(ev.ago),
        detail,
      });
    }
  }
  for (const c of contacts) {
    out('contact', {
      id: c.id,
      partner_id: pid,
      name: c.name,
      email: emailFor(c.name, domain),
      role: c.role,
      last_login_at: c.lastLoginAgo === null ? null : clock.instant(c.lastLoginAgo),
    });
  }

  // ---- opportunities (+ deal registrations that converted into them) ----
  const roles = TYPE_ROLES[partner.type];
  const winRate = WIN_RATE[trajectory];
  const stallRate = trajectory === 'declining' || trajectory === 'at_risk' ? 0.45 : 0.2;
  const amountMajor = () => rng.logUniform(tier.dealRange[0], tier.dealRange[1]);
  for (let q = HISTORY_QUARTERS - 1; q >= 0; q--) {
    const qStartAgo = clock.daysAgo(quarterStart(shiftQuarter(clock.currentQuarter, -q)));
    const qEndAgo = Math.max(0, qStartAgo - 91);
    const level = active((qStartAgo + qEndAgo) / 2);
    const n = rng.count(tier.oppsPerQuarter * level * rng.float(0.6, 1.4));
    for (let k = 0; k < n; k++) {
      const createdAgo = rng.int(qEndAgo, qStartAgo);
      if (createdAgo > plan.activeFrom || active(createdAgo) <= 0) continue;
      // Fading commitment: fewer and smaller new deals.
      const c = commitment(plan, createdAgo);
      if (c < 1 && !rng.chance(c)) continue;
      out(
        'opportunity',
        oppFor(rng, clock, {
          id: seq('opportunity'),
          partnerId: pid,
          role: rng.weighted(roles),
          customer: rng.pick(customers),
          createdAgo,
          amountMajor: amountMajor() * (0.4 + 0.6 * c),
          winRate,
          stallRate,
          plan,
        }),
      );
    }
  }

  // ---- deal registrations ----
  const pendingConflictP = trajectory === 'declining' || trajectory === 'at_risk' ? 0.3 : 0.15;
  for (let q = HISTORY_QUARTERS - 1; q >= 0; q--) {
    const qStartAgo = clock.daysAgo(quarterStart(shiftQuarter(clock.currentQuarter, -q)));
    const qEndAgo = Math.max(0, qStartAgo - 91);
    const level = active((qStartAgo + qEndAgo) / 2);
    const n = rng.count(tier.regsPerQuarter * level * rng.float(0.6, 1.4) + (q === 0 && trajectory !== 'churned' ? 0.4 : 0));
    for (let k = 0; k < n; k++) {
      const submittedAgo = rng.int(qEndAgo, qStartAgo);
      if (submittedAgo > plan.activeFrom || (plan.stoppedAt > 0 && submittedAgo < plan.stoppedAt)) continue;
      const c = commitment(plan, submittedAgo);
      if (c < 1 && !rng.chance(c)) continue;
      const customer = rng.pick(customers);
      const amount = Math.max(100_000, Math.round((amountMajor() * (0.4 + 0.6 * c)) / 100) * 10_000);
      const expiresAgo = submittedAgo - 90;
      let status: EntityData<'deal_registration'>['status'];
      let decidedAgo: number | null = null;
      let opportunityId: string | null = null;
      let matched: string | null = null;
      const conflictP = submittedAgo < 90 ? pendingConflictP : 0.06;
      if (rng.chance(conflictP)) {
        const direct = oppFor(rng, clock, {
          id: seq('opportunity'),
          partnerId: null,
          role: 'direct',
          customer,
          createdAgo: Math.min(clock.historyDays, submittedAgo + rng.int(3, 60)),
          amountMajor: amountMajor(),
          winRate: 0.35,
          stallRate: 0.1,
          forceOpen: submittedAgo < 90,
        });
        out('opportunity', direct);
        matched = direct.id;
      }
      if (submittedAgo < 90 && (submittedAgo < 6 || rng.chance(matched ? 0.7 : 0.35))) {
        status = 'submitted';
      } else {
        decidedAgo = Math.max(0, submittedAgo - rng.int(1, 12));
        const approved = rng.chance(matched ? 0.35 : 0.78);
        if (!approved) status = 'rejected';
        else if (expiresAgo < 0) status = rng.chance(0.45) ? 'converted' : 'approved';
        else status = rng.chance(0.68) ? 'converted' : rng.chance(0.8) ? 'expired' : 'approved';
        if (status === 'approved' && expiresAgo >= 0) status = 'expired';
        if (status === 'expired' && rng.chance(0.25)) decidedAgo = null; // never decided, lapsed
      }
      if (status === 'converted') {
        const createdAgo = Math.max(0, (decidedAgo ?? submittedAgo) - rng.int(0, 10));
        const opp = oppFor(rng, clock, {
          id: seq('opportunity'),
          partnerId: pid,
          role: 'sourced',
          customer,
          createdAgo,
          amountMajor: amount / 100,
          winRate: winRate + 0.1,
          stallRate,
          plan,
        });
        out('opportunity', opp);
        opportunityId = opp.id;
      }
      out('deal_registration', {
        id: seq('deal_registration'),
        partner_id: pid,
        customer,
        amount,
        currency: USD,
        status,
        submitted_at: clock.date(submittedAgo),
        decided_at: decidedAgo === null ? null : clock.date(decidedAgo),
        expires_at: clock.date(expiresAgo),
        matched_opportunity_id: matched,
        opportunity_id: opportunityId,
      });
    }
  }

  // ---- engagement events (emitted after their contacts) ----
  for (const ev of events) {
    ev.id = seq('engagement_event');
    out('engagement_event', ev);
  }

  // ---- certifications: renewed while committed, left to lapse as commitment fades ----
  const quarters: [number, number][] = [];
  for (let q = HISTORY_QUARTERS - 1; q >= 0; q--) {
    const qStartAgo = clock.daysAgo(quarterStart(shiftQuarter(clock.currentQuarter, -q)));
    quarters.push([qStartAgo, Math.max(0, qStartAgo - 91)]);
  }
  // Own stream: certification tweaks leave the partner's later records (MDF, PSAT, plans) as they were.
  const certs = certificationHistory(rng.fork('certifications'), plan, {
    contacts: contacts.length,
    bench: tier.certs,
    signedAgo: clock.daysAgo(partner.agreement_signed_at),
    historyDays: clock.historyDays,
    names: W.CERTIFICATIONS,
    quarters,
  });
  for (const cert of certs) {
    out('certification', {
      id: seq('certification'),
      partner_id: pid,
      contact_id: (contacts[cert.contactIndex] as (typeof contacts)[number]).id,
      name: cert.name,
      earned_at: clock.date(cert.earnedAgo),
      expires_at: clock.date(cert.expiresAgo),
    });
  }

  // ---- MDF (per half-year, silver and above) ----
  if (tier.mdf > 0) {
    const firstHalf = halfOf(clock.date(Math.min(plan.activeFrom, clock.historyDays)));
    const lastHalf = halfOf(clock.asOf);
    for (let h = firstHalf; h <= lastHalf; h++) {
      const { period, start, end } = halfBounds(h);
      const startAgo = clock.daysAgo(start);
      const endAgo = Math.max(0, clock.daysAgo(end));
      if (plan.stoppedAt > 0 && startAgo < plan.stoppedAt) continue;
      if (!rng.chance(0.85)) continue;
      const allocation = Math.round(tier.mdf * rng.float(0.7, 1.5) * plan.size / 1000) * 1000 * 100;
      const allocId = seq('mdf_allocation');
      out('mdf_allocation', {
        id: allocId,
        partner_id: pid,
        period,
        period_start: start,
        period_end: end,
        amount: allocation,
        currency: USD,
      });
      const current = endAgo === 0;
      const spendy = trajectory === 'thriving' || trajectory === 'steady' ? 1 : 0.5;
      const nReq = rng.count((current ? 1.2 : 2.6) * spendy * rng.float(0.4, 1.5));
      let remaining = allocation;
      for (let r = 0; r < nReq && remaining > 100_000; r++) {
        const amount = Math.min(remaining, Math.round((allocation * rng.float(0.15, 0.45)) / 10_000) * 10_000);
        remaining -= amount;
        const submittedAgo = rng.int(endAgo, Math.max(endAgo, startAgo - 5));
        let status: EntityData<'mdf_request'>['status'];
        if (submittedAgo < 20) status = rng.weighted([['submitted', 5], ['approved', 3], ['rejected', 1]] as const);
        else if (submittedAgo < 75) status = rng.weighted([['submitted', 1], ['approved', 4], ['rejected', 1], ['claimed', 3]] as const);
        else status = rng.weighted([['approved', 1], ['rejected', 2], ['claimed', 7]] as const);
        const claimed = status === 'claimed' ? Math.round((amount * rng.float(0.7, 1)) / 100) * 100 : 0;
        out('mdf_request', {
          id: seq('mdf_request'),
          partner_id: pid,
          allocation_id: allocId,
          activity: rng.pick(W.MDF_ACTIVITIES),
          amount,
          currency: USD,
          status,
          submitted_at: clock.date(submittedAgo),
          claimed_amount: claimed,
          attributed_pipeline: status === 'claimed' ? Math.round((claimed * rng.float(0, 14)) / 10_000) * 10_000 : 0,
        });
      }
    }
  }

  // ---- PSAT ----
  const surveyed = trajectory === 'onboarding' ? rng.chance(0.3) : rng.chance(0.84);
  if (surveyed) {
    const [lo, hi] = PSAT_RANGE[trajectory];
    for (let q = HISTORY_QUARTERS - 1; q >= 0; q--) {
      const qStartAgo = clock.daysAgo(quarterStart(shiftQuarter(clock.currentQuarter, -q)));
      const qEndAgo = Math.max(0, qStartAgo - 90);
      const ago = rng.int(qEndAgo, qStartAgo);
      if (ago > plan.activeFrom || (plan.stoppedAt > 0 && ago < plan.stoppedAt - 30)) continue;
      if (!rng.chance(0.55)) continue;
      // Declining partners' scores sag recently.
      const drift = trajectory === 'declining' && ago < 240 ? -2 : 0;
      const score = Math.max(0, Math.min(10, rng.int(lo, hi) + drift));
      const band = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
      const c = contacts.length > 0 && rng.chance(0.85) ? rng.pick(contacts) : undefined;
      out('psat_response', {
        id: seq('psat_response'),
        partner_id: pid,
        contact_id: c ? c.id : null,
        score,
        comment: rng.chance(0.7) ? rng.pick(W.PSAT_COMMENTS[band]) : null,
        responded_at: clock.date(ago),
      });
    }
  }

  // ---- JBP (client-editable) ----
  const planning = trajectory !== 'churned' && trajectory !== 'onboarding' && rng.chance(tier.data.rank >= 3 ? 0.8 : 0.4);
  if (planning) {
    const year = Number(clock.asOf.slice(0, 4));
    const signed = rng.chance(0.6);
    const createdAgo = Math.min(clock.daysAgo(`${year}-01-01`) + rng.int(-40, 20), clock.historyDays);
    const createdAt = clock.instant(Math.max(2, createdAgo));
    const updatedAgo = rng.float(0, Math.max(1, createdAgo - 1));
    const vendorName = plan.ownerName;
    const principal = contacts[0];
    const signAgo = Math.max(1, Math.round(createdAgo - rng.int(5, 30)));
    const jbpId = seq('jbp');
    out('jbp', {
      id: jbpId,
      partner_id: pid,
      period: `FY${year}`,
      title: `${partner.name.split(' ').slice(0, 2).join(' ')} FY${year} joint business plan`,
      status: signed ? 'signed' : 'draft',
      revision: rng.int(1, 3),
      summary: rng.pick([
        'Grow sourced pipeline in the mid-market and certify the technical bench.',
        'Expand co-selling into two new verticals and lift win rate.',
        'Rebuild engagement after a slow year; focus on enablement and deal registration.',
        'Scale marketplace transactions and joint marketing.',
      ]),
      vendor_signoff_name: signed ? vendorName : null,
      vendor_signoff_at: signed ? clock.date(signAgo) : null,
      partner_signoff_name: signed && principal ? principal.name : signed ? 'Partner Principal' : null,
      partner_signoff_at: signed ? clock.date(signAgo) : null,
      created_at: createdAt,
      updated_at: clock.instant(Math.min(updatedAgo, createdAgo)),
    });
    const nObj = rng.int(3, 5);
    const objIds: string[] = [];
    const picks = [...W.JBP_OBJECTIVES];
    for (let i = 0; i < nObj; i++) {
      const idx = rng.int(0, picks.length - 1);
      const [title, metric] = picks.splice(idx, 1)[0] as (typeof W.JBP_OBJECTIVES)[number];
      const money = metric === 'sourced_arr' || metric === 'influenced_arr' || metric === 'pipeline_created';
      const baseline = money
        ? Math.round(rng.float(0.5, 1.5) * tier.data.revenue_target / 100_000) * 100_000
        : metric === 'win_rate'
          ? Math.round(rng.float(0.2, 0.4) * 100) / 100
          : rng.int(2, 20);
      const target = metric === 'win_rate' ? Math.min(0.9, Math.round((baseline + 0.08) * 100) / 100) : Math.round(baseline * rng.float(1.15, 1.6));
      const objId = seq('jbp_objective');
      objIds.push(objId);
      out('jbp_objective', {
        id: objId,
        jbp_id: jbpId,
        title,
        metric,
        unit: metric === 'custom' ? 'workshops' : null,
        baseline,
        target,
        due_quarter: `${year}-Q${rng.int(2, 4)}`,
        weight: [40, 25, 15, 10, 10][i] ?? 10,
        custom_actual: metric === 'custom' ? rng.int(0, target) : null,
        sort_order: i,
      });
    }
    const nIni = rng.int(2, 6);
    for (let i = 0; i < nIni; i++) {
      const vendorSide = rng.chance(0.5);
      out('jbp_initiative', {
        id: seq('jbp_initiative'),
        jbp_id: jbpId,
        objective_id: rng.chance(0.8) ? rng.pick(objIds) : null,
        title: rng.pick(W.JBP_INITIATIVES),
        owner_side: vendorSide ? 'vendor' : 'partner',
        owner_name: vendorSide ? vendorName : (rng.pick(contacts)?.name ?? 'Partner team'),
        due_date: clock.date(rng.int(-150, 120)),
        status: rng.weighted([['not_started', 2], ['in_progress', 4], ['done', 3], ['blocked', 1], ['cancelled', 0.5]] as const),
        mdf_investment: rng.chance(0.4) ? rng.int(2, 30) * 100_000 : 0,
        currency: USD,
        notes: rng.chance(0.5) ? 'Agreed in the last QBR.' : '',
        source: null,
      });
    }
  }

  // ---- QBR notes for the previous quarter ----
  if (trajectory !== 'churned' && trajectory !== 'onboarding' && rng.chance(0.35)) {
    const n = rng.int(2, 4);
    const qStartAgo = clock.daysAgo(quarterStart(clock.currentQuarter));
    for (let i = 0; i < n; i++) {
      const commitment = i > 0 && rng.chance(0.5);
      out('qbr_note', {
        id: seq('qbr_note'),
        partner_id: pid,
        quarter: prevQuarter,
        section: commitment ? 'Commitments' : rng.pick(W.QBR_SECTIONS),
        kind: commitment ? 'commitment' : 'commentary',
        body: commitment ? rng.pick(W.QBR_COMMITMENTS) : rng.pick(W.QBR_COMMENTARY),
        commitment_status: commitment ? rng.weighted([['open', 5], ['done', 3], ['missed', 2]] as const) : null,
        updated_at: clock.instant(rng.float(0, Math.max(0.5, qStartAgo))),
        author: plan.ownerName,
      });
    }
  }

  // ---- notes ----
  if (rng.chance(0.1)) {
    const ago = rng.float(1, 200);
    out('note', {
      id: seq('note'),
      partner_id: pid,
      body: rng.pick(W.NOTES),
      created_at: clock.instant(ago),
      updated_at: clock.instant(ago * rng.float(0, 1)),
    });
  }
}

/** Half-year index: year*2 + (0|1). */
function halfOf(iso: string): number {
  return Number(iso.slice(0, 4)) * 2 + (Number(iso.slice(5, 7)) > 6 ? 1 : 0);
}
function halfBounds(h: number): { period: string; start: string; end: string } {
  const year = Math.floor(h / 2);
  const second = h % 2 === 1;
  return {
    period: `${year}-H${second ? 2 : 1}`,
    start: second ? `${year}-07-01` : `${year}-01-01`,
    end: second ? `${year}-12-31` : `${year}-06-30`,
  };
}

/** Today's date in UTC (the default asOf; callers pass it in so the generator stays pure). */
export function todayUtc(now: Date = new Date()): string {
  return toIsoDate(now);
}

