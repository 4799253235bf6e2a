/**
 * Loads what the action rules need for the whole book in a handful of grouped queries
 * (never a query per partner): partners with their revenue, pipeline, engagement and
 * certification figures; stalled opportunities; open registrations with their
 * conflicting direct deals; expiring certification holders; MDF allocations near their
 * end; latest PSAT; live plan objectives with their actuals; QBR packs started.
 * Client-editable entities (plans, QBR notes) are read with pending local edits laid over.
 */
import type Database from 'better-sqlite3';
import { addDays, CALENDAR_YEAR, fiscalYearOf, fiscalYearStart, quarterEnd, quarterOf, quarterStart, type FiscalCalendar } from '../../../src-shared/domain/time';
import { isPeriod, periodRange } from '../../../src-shared/domain/plans';
import type { EntityData } from '../../../src-shared/domain/entities';
import type { ActionSettings } from '../../../src-shared/methods/actions';
import type { Db } from '../../db/connection';
import { readOverlaid } from '../../sync/overlay';
import { readCalendar } from '../calendar';
import { detractorComplaints } from '../voice/complaints';
import type {
  SnapExpiringHolder,
  SnapMdf,
  SnapObjective,
  SnapOpportunity,
  SnapPartner,
  SnapPsat,
  SnapRegistration,
  SnapTier,
  Snapshot,
} from './types';

/** Plan period bounds in the fiscal calendar (`FY2026` and its halves `2026-H1` / `2026-H2`), or null for what is not a period. */
export function planPeriodBounds(period: string, cal: FiscalCalendar = CALENDAR_YEAR): { start: string; end: string } | null {
  if (!isPeriod(period)) return null;
  const { start, end } = periodRange(period, cal);
  return { start, end };
}

/** Linked metrics whose live actual the snapshot computes (others are skipped). */
export const PACED_METRICS = ['sourced_arr', 'influenced_arr', 'pipeline_created', 'deal_registrations', 'certified_people', 'custom'] as const;

/** Prepared statements per connection: the snapshot runs the same dozen statements on every recompute. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function cachedPrepare(raw: Database.Database): Pick<Database.Database, 'prepare'> {
  let m = statements.get(raw);
  if (!m) statements.set(raw, (m = new Map()));
  const cache = m;
  return {
    prepare(sql: string) {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = raw.prepare(sql)));
      return st;
    },
  } as Pick<Database.Database, 'prepare'>;
}

/** How many times `loadSnapshot` says a step is done (its reads, in groups of about equal weight on a large book). */
export const SNAPSHOT_STEPS = 6;

/** `step`: called after each group of reads (SNAPSHOT_STEPS in all), for a progress line. */
export function loadSnapshot(db: Db, asOf: string, t: ActionSettings, step: () => void = () => undefined): Snapshot {
  const sqlite = cachedPrepare(db.sqlite);
  const calendar = readCalendar(db);
  const w = t.engagementWindowDays;
  const next = addDays(asOf, 1);

  const tiers = new Map<string, SnapTier>(
    (
      sqlite
        .prepare(
          `SELECT id, name, rank, min_sourced_arr AS minSourcedArr, min_certified AS minCertified,
                  revenue_target AS revenueTarget, pipeline_target AS pipelineTarget, currency
             FROM tier`,
        )
        .all() as SnapTier[]
    ).map((r) => [r.id, r]),
  );

  // Partners alive on the as-of date, with engagement and certified people per partner
  // (correlated counts that each seek the partner's index range: one statement).
  const partnerRows = sqlite
    .prepare(
      `SELECT p.id, p.name, p.tier_id AS tierId, p.owner_id AS ownerId, coalesce(u.name, p.owner_id) AS ownerName,
              p.status, p.currency, p.agreement_signed_at AS agreementSignedAt,
              (SELECT count(*) FROM engagement_event e
                WHERE e.partner_id = p.id AND e.occurred_at >= @recentFrom AND e.occurred_at < @next) AS eventsRecent,
              (SELECT count(*) FROM engagement_event e
                WHERE e.partner_id = p.id AND e.occurred_at >= @priorFrom AND e.occurred_at < @recentFrom) AS eventsPrior,
              0 AS wonT4q, 0 AS sourcedT4q, 0 AS openPipeline, NULL AS firstWinAt, 0 AS certifiedPeople
         FROM partner p LEFT JOIN user u ON u.id = p.owner_id
        WHERE p.agreement_signed_at <= @asOf
          AND (p.churned_at IS NULL OR p.churned_at > @asOf)
          AND NOT (p.status = 'churned' AND p.churned_at IS NULL)`,
    )
    // (The figures filled in below start as zeros in the rows themselves: no copy per partner.)
    .all({ asOf, next, recentFrom: addDays(asOf, 1 - w), priorFrom: addDays(asOf, 1 - 4 * w) }) as SnapPartner[];
  step();
  const partners = new Map<string, SnapPartner>();
  for (const r of partnerRows) partners.set(r.id, r);
  const certified = sqlite
    .prepare(
      `SELECT partner_id AS id, count(DISTINCT contact_id) AS n FROM certification
        WHERE expires_at > @asOf AND earned_at <= @asOf GROUP BY partner_id`,
    )
    .all({ asOf }) as { id: string; n: number }[];
  for (const r of certified) {
    const p = partners.get(r.id);
    if (p) p.certifiedPeople = r.n;
  }

  // Revenue, pipeline, first win, and plan-metric sums per partner.
  // The live fiscal year and half start on these days (1 Jan and 1 Jul with calendar quarters).
  const ys = fiscalYearStart(fiscalYearOf(asOf, calendar), calendar);
  const q2End = quarterEnd(`${fiscalYearOf(asOf, calendar)}-Q2`, calendar);
  const hs = asOf > q2End ? addDays(q2End, 1) : ys;
  // Won deals (stage-first covering index: only won rows are visited) and open pipeline:
  // two narrow passes beat one wide one.
  type Sums = Partial<Record<'won' | 'src' | 'pipe' | 'srcY' | 'srcH' | 'infY' | 'infH', number | null>> & {
    id: string;
    firstWin?: string | null;
  };
  const oppAgg = new Map<string, Sums>();
  const merge = (rows: Sums[]) => {
    for (const r of rows) {
      const e = oppAgg.get(r.id);
      if (e) Object.assign(e, r);
      else oppAgg.set(r.id, r);
    }
  };
  const params = { asOf, yearAgo: addDays(asOf, -365), ys, hs };
  merge(
    sqlite
      .prepare(
        `SELECT partner_id AS id, min(close_date) AS firstWin,
                sum(CASE WHEN partner_role IN ('sourced','influenced') AND close_date > @yearAgo THEN amount END) AS won,
                sum(CASE WHEN partner_role = 'sourced' AND close_date > @yearAgo THEN amount END) AS src,
                sum(CASE WHEN partner_role = 'sourced' AND close_date >= @ys THEN amount END) AS srcY,
                sum(CASE WHEN partner_role = 'sourced' AND close_date >= @hs THEN amount END) AS srcH,
                sum(CASE WHEN partner_role = 'influenced' AND close_date >= @ys THEN amount END) AS infY,
                sum(CASE WHEN partner_role = 'influenced' AND close_date >= @hs THEN amount END) AS infH
           FROM opportunity
          WHERE stage = 'closed_won' AND partner_id IS NOT NULL AND close_date <= @asOf AND created_at <= @asOf
          GROUP BY partner_id`,
      )
      .all(params) as Sums[],
  );
  merge(
    sqlite
      .prepare(
        // (The unary + keeps the planner on the stage-first index for the open stages.)
        `SELECT partner_id AS id, sum(amount) AS pipe FROM opportunity
          WHERE stage IN ('prospecting','qualification','proposal','negotiation') AND partner_id IS NOT NULL
            AND +partner_role IN ('sourced','influenced') AND +created_at <= @asOf
          GROUP BY partner_id`,
      )
      .all(params) as Sums[],
  );
  // Plan metrics that need their own pass, run only when a live objective asks for them.
  let created: Map<string, { y: number; h: number }> | null = null;
  let registered: Map<string, { y: number; h: number }> | null = null;
  const createdSums = () =>
    (created ??= new Map(
      (
        sqlite
          .prepare(
            `SELECT partner_id AS id, sum(amount) AS y, sum(CASE WHEN created_at >= @hs THEN amount END) AS h FROM opportunity
              WHERE partner_role = 'sourced' AND created_at >= @ys AND created_at <= @asOf AND partner_id IS NOT NULL
              GROUP BY partner_id`,
          )
          .all(params) as { id: string; y: number; h: number | null }[]
      ).map((r) => [r.id, { y: r.y, h: r.h ?? 0 }]),
    ));
  const registeredSums = () =>
    (registered ??= new Map(
      (
        sqlite
          .prepare(
            `SELECT partner_id AS id, count(*) AS y, sum(submitted_at >= @hs) AS h FROM deal_registration
              WHERE submitted_at >= @ys AND submitted_at <= @asOf GROUP BY partner_id`,
          )
          .all({ asOf, ys, hs }) as { id: string; y: number; h: number }[]
      ).map((r) => [r.id, r]),
    ));
  step();
  for (const r of oppAgg.values()) {
    const p = partners.get(r.id);
    if (!p) continue;
    p.wonT4q = r.won ?? 0;
    p.sourcedT4q = r.src ?? 0;
    p.openPipeline = r.pipe ?? 0;
    p.firstWinAt = r.firstWin ?? null;
  }

  const stalled = sqlite
    .prepare(
      `SELECT id, partner_id AS partnerId, customer, amount, currency, stage, close_date AS closeDate,
              last_activity_at AS lastActivityAt
         FROM opportunity
        WHERE partner_id IS NOT NULL AND stage NOT IN ('closed_won','closed_lost')
          AND last_activity_at <= @cut AND created_at <= @asOf`,
    )
    .all({ asOf, cut: addDays(asOf, -t.stalledDays) }) as SnapOpportunity[];

  const regRows = sqlite
    .prepare(
      `SELECT r.id, r.partner_id AS partnerId, r.customer, r.amount, r.currency, r.status,
              r.submitted_at AS submittedAt, r.expires_at AS expiresAt, r.opportunity_id AS opportunityId,
              m.id AS mId, m.customer AS mCustomer, m.amount AS mAmount, m.stage AS mStage, m.close_date AS mClose
         FROM deal_registration r LEFT JOIN opportunity m ON m.id = r.matched_opportunity_id
        WHERE r.status IN ('submitted','approved') AND r.submitted_at <= @asOf
          AND (r.matched_opportunity_id IS NOT NULL
               OR (r.status = 'submitted' AND r.submitted_at <= @pendingCut)
               OR (r.status = 'approved' AND r.opportunity_id IS NULL AND r.expires_at >= @asOf AND r.expires_at <= @expiringCut))`,
    )
    .all({ asOf, pendingCut: addDays(asOf, -t.regPendingDays), expiringCut: addDays(asOf, t.regExpiringDays) }) as (Omit<SnapRegistration, 'matched'> & {
    mId: string | null;
    mCustomer: string | null;
    mAmount: number | null;
    mStage: string | null;
    mClose: string | null;
  })[];
  step();
  // Written out field by field (a rest-and-spread copy per registration cost more than the rest of this map).
  const registrations: SnapRegistration[] = regRows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId,
    customer: r.customer,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    submittedAt: r.submittedAt,
    expiresAt: r.expiresAt,
    opportunityId: r.opportunityId,
    matched: r.mId ? { id: r.mId, customer: r.mCustomer ?? '', amount: r.mAmount ?? 0, stage: r.mStage ?? '', closeDate: r.mClose ?? '' } : null,
  }));

  const expiringHolders = sqlite
    .prepare(
      `SELECT h.partnerId, h.contactId, coalesce(ct.name, h.contactId) AS contactName, h.certificationId,
              h.certificationName, h.validUntil
         FROM (SELECT c.partner_id AS partnerId, c.contact_id AS contactId, c.id AS certificationId, c.name AS certificationName,
                      max(c.expires_at) AS validUntil
                 FROM certification c
                WHERE c.earned_at <= @asOf AND c.expires_at > @asOf AND c.expires_at <= @cut
                  -- (only people with no valid certification past the window: a seek per candidate,
                  -- rather than grouping every valid certification of the book)
                  AND NOT EXISTS (SELECT 1 FROM certification d
                                   WHERE d.partner_id = c.partner_id AND d.expires_at > @cut
                                     AND d.contact_id = c.contact_id AND d.earned_at <= @asOf)
                GROUP BY c.partner_id, c.contact_id) h
         LEFT JOIN contact ct ON ct.id = h.contactId`,
    )
    .all({ asOf, cut: addDays(asOf, t.certExpiringDays) }) as SnapExpiringHolder[];

  const mdf = sqlite
    .prepare(
      `WITH hist AS (
         SELECT partner_id, sum(claimed_amount) AS claimed, sum(attributed_pipeline) AS pipeline
           FROM mdf_request WHERE status = 'claimed' AND submitted_at <= @asOf GROUP BY partner_id)
       SELECT a.id AS allocationId, a.partner_id AS partnerId, a.period, a.period_end AS periodEnd, a.amount, a.currency,
              coalesce(sum(CASE WHEN r.status = 'approved' THEN r.amount WHEN r.status = 'claimed' THEN r.claimed_amount END), 0) AS committed,
              coalesce(sum(CASE WHEN r.status = 'submitted' THEN r.amount END), 0) AS pending,
              coalesce(h.claimed, 0) AS historyClaimed, coalesce(h.pipeline, 0) AS historyPipeline
         FROM mdf_allocation a
         LEFT JOIN mdf_request r ON r.allocation_id = a.id AND r.submitted_at <= @asOf
         LEFT JOIN hist h ON h.partner_id = a.partner_id
        WHERE a.period_start <= @asOf AND a.period_end >= @asOf AND a.period_end <= @cut
        GROUP BY a.id`,
    )
    .all({ asOf, cut: addDays(asOf, t.mdfDaysBeforeEnd) }) as SnapMdf[];

  step();
  const psatRows = sqlite
    .prepare(
      `SELECT l.id, l.partnerId, l.score, l.comment, l.respondedAt, l.contactId, ct.name AS contactName
         FROM (SELECT id, partner_id AS partnerId, score, comment, max(responded_at) AS respondedAt, contact_id AS contactId
                 FROM psat_response WHERE responded_at <= @asOf AND responded_at >= @since GROUP BY partner_id) l
         LEFT JOIN contact ct ON ct.id = l.contactId`,
    )
    // Only answers recent enough to act on: a partner's latest answer inside the window is its latest overall.
    .all({ asOf, since: addDays(asOf, -t.psatRecentDays) }) as SnapPsat[];
  const psat = new Map(psatRows.map((r) => [r.partnerId, r]));

  const quarter = quarterOf(asOf, calendar);
  const qbrStarted = new Set(readOverlaid(db.sqlite, 'qbr_note', { column: 'quarter', value: quarter }).map((n) => n.partner_id));
  const complaints = detractorComplaints(db, asOf, t);
  step();

  const snap: Snapshot = {
    asOf,
    calendar,
    partners,
    tiers,
    stalled,
    registrations,
    expiringHolders,
    mdf,
    psat,
    complaints,
    objectives: loadObjectives(db, asOf, calendar, ys, (id, metric, half) => {
      const r = oppAgg.get(id);
      switch (metric) {
        case 'sourced_arr':
          return (half ? r?.srcH : r?.srcY) ?? 0;
        case 'influenced_arr':
          return (half ? r?.infH : r?.infY) ?? 0;
        case 'pipeline_created': {
          const g = createdSums().get(id);
          return (half ? g?.h : g?.y) ?? 0;
        }
        case 'deal_registrations': {
          const g = registeredSums().get(id);
          return (half ? g?.h : g?.y) ?? 0;
        }
        case 'certified_people':
          return partners.get(id)?.certifiedPeople ?? 0;
      }
    }),
    qbrStarted,
  };
  step();
  return snap;
}

type Linked = 'sourced_arr' | 'influenced_arr' | 'pipeline_created' | 'deal_registrations' | 'certified_people';
/** A partner's live metric: flows summed from the start of the year, or of the half (`half`), to the as-of date. */
type MetricOf = (partnerId: string, metric: Linked, half: boolean) => number;

/**
 * Live plan objectives (plan period containing the as-of date) with their actuals so far,
 * measured as the plans service measures them (src-main/services/plans/actuals.ts). A live
 * period starts on the first day of the fiscal year or of its second half, so the bulk queries sum
 * from both starts and each objective picks its own.
 */
function loadObjectives(db: Db, asOf: string, cal: FiscalCalendar, yearStart: string, metricOf: MetricOf): SnapObjective[] {
  const plans = new Map<string, { id: string; title: string; partnerId: string; start: string; end: string }>();
  // A book has thousands of plans over a handful of periods: bound each period once.
  const bounds = new Map<string, { start: string; end: string } | null>();
  for (const j of readEditable(db, 'jbp')) {
    let b = bounds.get(j.period);
    if (b === undefined) bounds.set(j.period, (b = planPeriodBounds(j.period, cal)));
    if (b && b.start <= asOf && asOf <= b.end) plans.set(j.id, { id: j.id, title: j.title, partnerId: j.partner_id, start: b.start, end: b.end });
  }
  if (plans.size === 0) return [];
  const paced = new Set<string>(PACED_METRICS);
  const out: SnapObjective[] = [];
  for (const o of readEditable(db, 'jbp_objective')) {
    const p = plans.get(o.jbp_id);
    if (!p || !paced.has(o.metric)) continue;
    let actual: number | null;
    if (o.metric === 'custom') actual = o.custom_actual;
    else actual = metricOf(p.partnerId, o.metric as Linked, p.start !== yearStart); // a live plan starts with the year, or it is the second half
    if (actual === null) continue;
    out.push({
      id: o.id,
      title: o.title,
      metric: o.metric,
      baseline: o.baseline,
      target: o.target,
      dueQuarter: o.due_quarter,
      jbpId: p.id,
      jbpTitle: p.title,
      partnerId: p.partnerId,
      periodStart: p.start,
      periodEnd: p.end,
      actual,
    });
  }
  return out;
}

/**
 * All records of a client-editable entity as the user sees them: overlaid with pending
 * local edits when there are any, else straight from the base table (the same rows,
 * without copying every record through the overlay).
 */
type JbpRow = Pick<EntityData<'jbp'>, 'id' | 'partner_id' | 'period' | 'title'>;
type ObjectiveRow = Pick<
  EntityData<'jbp_objective'>,
  'id' | 'jbp_id' | 'title' | 'metric' | 'baseline' | 'target' | 'due_quarter' | 'custom_actual'
>;
interface EditableRows {
  jbp: JbpRow;
  jbp_objective: ObjectiveRow;
}
/** The columns the rules read (the base path selects only these). */
const COLUMNS_READ: Record<keyof EditableRows, string> = {
  jbp: 'id, partner_id, period, title',
  jbp_objective: 'id, jbp_id, title, metric, baseline, target, due_quarter, custom_actual',
};

function readEditable<E extends keyof EditableRows>(db: Db, entity: E): EditableRows[E][] {
  const pending = db.sqlite.prepare("SELECT 1 FROM outbox WHERE entity = ? AND status != 'rejected' LIMIT 1").get(entity);
  if (pending) return readOverlaid(db.sqlite, entity) as EditableRows[E][];
  return db.sqlite.prepare(`SELECT ${COLUMNS_READ[entity]} FROM "${entity}"`).all() as EditableRows[E][];
}

/** First and last day of the as-of quarter. */
export function quarterBounds(asOf: string, cal: FiscalCalendar = CALENDAR_YEAR): { quarter: string; start: string; end: string } {
  const q = quarterOf(asOf, cal);
  return { quarter: q, start: quarterStart(q, cal), end: quarterEnd(q, cal) };
}
