/**
 * Plan reads: the list across the book and one plan with its objectives (actuals and pace
 * computed as of the book's today), initiatives, sync state and open conflicts. Every
 * read goes through the overlay, so local edits show at once, online or not.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../db/connection';
import { listOutbox } from '../../sync/conflicts';
import { readOverlaid, type Overlaid } from '../../sync/overlay';
import type { Clock } from '../../base/clock';
import { computePace, periodRange, weightSum, type Pace } from '../../../src-shared/domain/plans';
import type {
  HistoryEntry,
  ObjectiveView,
  PlanConflict,
  PlanDetail,
  PlanListRow,
} from '../../../src-shared/methods/plans';
import { createMetricReader, periodWindow, type MetricValue } from './actuals';
import { actorName, loadPlan } from './store';
import { readCalendar } from '../calendar';
import type { FiscalCalendar } from '../../../src-shared/domain/time';

const PLAN_ENTITIES = new Set(['jbp', 'jbp_objective', 'jbp_initiative']);

function byOrder(a: Overlaid<'jbp_objective'>, b: Overlaid<'jbp_objective'>): number {
  return a.sort_order - b.sort_order || a.title.localeCompare(b.title);
}

/** Objectives of a plan with their actual and pace. */
export function objectiveViews(
  read: MetricValue,
  plan: { partner_id: string; period: string },
  objectives: Overlaid<'jbp_objective'>[],
  today: string,
  cal: FiscalCalendar,
): ObjectiveView[] {
  const range = periodRange(plan.period, cal);
  const w = periodWindow(plan.period, today, cal);
  const asOf = w?.asOf ?? range.start;
  return [...objectives].sort(byOrder).map((o) => {
    const actual = o.metric === 'custom' ? o.custom_actual : w ? read(plan.partner_id, o.metric, w) : null;
    const pace = computePace({
      metric: o.metric,
      baseline: o.baseline,
      target: o.target,
      actual: w ? actual : null,
      periodStart: range.start,
      dueQuarter: o.due_quarter,
      asOf: w ? asOf : today,
      calendar: cal,
    });
    return { ...o, actual: w ? actual : null, pace };
  });
}

function partnerInfo(sqlite: Database.Database, partnerId: string): PlanDetail['partner'] {
  const row = sqlite
    .prepare(
      `SELECT p.id, p.name, p.currency, coalesce(u.name, p.owner_id) AS owner_name, coalesce(t.name, p.tier_id) AS tier_name
         FROM partner p LEFT JOIN user u ON u.id = p.owner_id LEFT JOIN tier t ON t.id = p.tier_id
        WHERE p.id = ?`,
    )
    .get(partnerId) as PlanDetail['partner'] | undefined;
  return row ?? { id: partnerId, name: partnerId, currency: 'USD', owner_name: '—', tier_name: '—' };
}

export function getPlan(db: Db, clock: Clock, planId: string): PlanDetail {
  const sqlite = db.sqlite;
  const plan = loadPlan(sqlite, planId);
  const today = clock.today();
  const read = createMetricReader(sqlite);
  const cal = readCalendar(db);
  const objectives = objectiveViews(read, plan, readOverlaid(sqlite, 'jbp_objective', { column: 'jbp_id', value: planId }), today, cal);
  const initiatives = readOverlaid(sqlite, 'jbp_initiative', { column: 'jbp_id', value: planId }).sort(
    (a, b) => a.due_date.localeCompare(b.due_date) || a.title.localeCompare(b.title),
  );
  const ids = new Set([planId, ...objectives.map((o) => o.id), ...initiatives.map((i) => i.id)]);
  const outbox = listOutbox(sqlite).filter((e) => PLAN_ENTITIES.has(e.entity) && ids.has(e.record_id));
  const conflicts: PlanConflict[] = [];
  for (const e of outbox) {
    if (e.status !== 'conflict') continue;
    for (const c of e.conflicts) {
      conflicts.push({
        mutation_id: e.mutation_id,
        entity: e.entity as PlanConflict['entity'],
        record_id: e.record_id,
        field: c.field,
        base: c.base,
        theirs: c.theirs,
        mine: c.mine,
        siblings: e.conflicts.map((x) => x.field).filter((f) => f !== c.field),
      });
    }
  }
  const range = periodRange(plan.period, cal);
  const w = periodWindow(plan.period, today, cal);
  return {
    plan,
    partner: partnerInfo(sqlite, plan.partner_id),
    period: range,
    calendar: cal,
    as_of: w?.asOf ?? range.start,
    today,
    objectives,
    initiatives,
    weights: weightSum(objectives.map((o) => o.weight)),
    locked: plan.status === 'signed',
    pending: outbox.filter((e) => e.status === 'pending').length,
    conflicts,
    actor: actorName(db, plan.partner_id).name,
  };
}

export interface PlanFilter {
  partnerId?: string | undefined;
  status?: 'draft' | 'signed' | undefined;
  period?: string | undefined;
  ownerId?: string | undefined;
  /** My book: plans of partners these users own (null / absent: everyone). */
  owners?: ReadonlySet<string> | null | undefined;
}

const EMPTY_PACE = (): Record<Pace['status'], number> => ({
  done: 0,
  on_track: 0,
  at_risk: 0,
  off_track: 0,
  not_started: 0,
  no_data: 0,
});

/** The rows of a whole-book list (`listPlans` without a filter) that `filter` keeps, in order: the same rows `listPlans(db, clock, filter)` gives. */
export function planRowsMatching(rows: readonly PlanListRow[], filter: PlanFilter): PlanListRow[] {
  const { partnerId, status, period, ownerId, owners } = filter;
  return rows.filter(
    (r) =>
      (!partnerId || r.partner_id === partnerId) &&
      (!status || r.status === status) &&
      (!period || r.period === period) &&
      (!ownerId || r.owner_id === ownerId) &&
      (!owners || owners.has(r.owner_id)),
  );
}

export function listPlans(db: Db, clock: Clock, filter: PlanFilter = {}): PlanListRow[] {
  const sqlite = db.sqlite;
  const today = clock.today();
  let plans = filter.partnerId
    ? readOverlaid(sqlite, 'jbp', { column: 'partner_id', value: filter.partnerId })
    : readOverlaid(sqlite, 'jbp');
  if (filter.status) plans = plans.filter((p) => p.status === filter.status);
  if (filter.period) plans = plans.filter((p) => p.period === filter.period);
  const partners = new Map(
    (
      sqlite
        .prepare(
          'SELECT p.id, p.name, p.owner_id, coalesce(u.name, p.owner_id) AS owner_name FROM partner p LEFT JOIN user u ON u.id = p.owner_id',
        )
        .all() as { id: string; name: string; owner_id: string; owner_name: string }[]
    ).map((p) => [p.id, p]),
  );
  if (filter.ownerId) plans = plans.filter((p) => partners.get(p.partner_id)?.owner_id === filter.ownerId);
  const owners = filter.owners;
  if (owners) plans = plans.filter((p) => owners.has(partners.get(p.partner_id)?.owner_id ?? ''));
  const wanted = new Set(plans.map((p) => p.id));
  const objectivesByPlan = group(readOverlaid(sqlite, 'jbp_objective').filter((o) => wanted.has(o.jbp_id)), (o) => o.jbp_id);
  const initiativesByPlan = group(readOverlaid(sqlite, 'jbp_initiative').filter((i) => wanted.has(i.jbp_id)), (i) => i.jbp_id);
  const recordPlan = new Map<string, string>();
  for (const p of plans) recordPlan.set(p.id, p.id);
  for (const [pid, list] of objectivesByPlan) for (const o of list) recordPlan.set(o.id, pid);
  for (const [pid, list] of initiativesByPlan) for (const i of list) recordPlan.set(i.id, pid);
  const pending = new Map<string, number>();
  const conflicts = new Map<string, number>();
  const outbox = sqlite
    .prepare("SELECT record_id, status FROM outbox WHERE entity IN ('jbp','jbp_objective','jbp_initiative') AND status != 'rejected'")
    .all() as { record_id: string; status: string }[];
  for (const e of outbox) {
    const pid = recordPlan.get(e.record_id);
    if (!pid) continue;
    const m = e.status === 'conflict' ? conflicts : pending;
    m.set(pid, (m.get(pid) ?? 0) + 1);
  }
  const read = createMetricReader(sqlite);
  const cal = readCalendar(db);
  const rows = plans.map((p): PlanListRow => {
    const partner = partners.get(p.partner_id);
    const objectives = objectiveViews(read, p, objectivesByPlan.get(p.id) ?? [], today, cal);
    const initiatives = initiativesByPlan.get(p.id) ?? [];
    const pace = EMPTY_PACE();
    for (const o of objectives) pace[o.pace.status]++;
    const weighted = objectives.filter((o) => o.pace.pctToTarget != null);
    const totalWeight = weighted.reduce((s, o) => s + o.weight, 0);
    const progress =
      weighted.length === 0
        ? null
        : totalWeight > 0
          ? weighted.reduce((s, o) => s + Math.min(100, o.pace.pctToTarget!) * o.weight, 0) / totalWeight
          : weighted.reduce((s, o) => s + Math.min(100, o.pace.pctToTarget!), 0) / weighted.length;
    return {
      id: p.id,
      partner_id: p.partner_id,
      partner_name: partner?.name ?? p.partner_id,
      owner_id: partner?.owner_id ?? '',
      owner_name: partner?.owner_name ?? '—',
      period: p.period,
      title: p.title,
      status: p.status,
      revision: p.revision,
      objectives: objectives.length,
      initiatives: initiatives.length,
      open_initiatives: initiatives.filter((i) => i.status !== 'done' && i.status !== 'cancelled').length,
      progress,
      pace,
      weight_sum: objectives.reduce((s, o) => s + o.weight, 0),
      vendor_signoff_at: p.vendor_signoff_at,
      partner_signoff_at: p.partner_signoff_at,
      updated_at: p.updated_at,
      pending: pending.get(p.id) ?? 0,
      conflicts: conflicts.get(p.id) ?? 0,
    };
  });
  return rows.sort(
    (a, b) => b.period.localeCompare(a.period) || a.partner_name.localeCompare(b.partner_name) || a.id.localeCompare(b.id),
  );
}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(it);
  }
  return m;
}

interface HistoryRow {
  id: number;
  at: string;
  actor: string;
  action: HistoryEntry['action'];
  entity: HistoryEntry['entity'];
  record_id: string;
  label: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  revision: number;
}

/** The plan's change history, newest first. */
export function listHistory(db: Db, planId: string): HistoryEntry[] {
  const rows = db.sqlite
    .prepare(
      'SELECT id, at, actor, action, entity, record_id, label, field, old_value, new_value, revision FROM jbp_history WHERE jbp_id = ? ORDER BY id DESC',
    )
    .all(planId) as HistoryRow[];
  if (rows.length === 0 && !db.sqlite.prepare('SELECT 1 FROM jbp WHERE id = ?').get(planId)) {
    loadPlan(db.sqlite, planId);
  }
  return rows.map((r) => ({
    ...r,
    old_value: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    new_value: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
  }));
}
