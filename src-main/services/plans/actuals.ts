/**
 * Actuals of linked JBP metrics, computed from the replica — never typed (ARCHITECTURE §9).
 *
 * A metric is measured over a window [from, to] of calendar dates (the plan period up to
 * the as-of date) and, for level metrics, at the as-of date itself:
 * - sourced_arr / influenced_arr: won amount (stage closed_won) of the partner's
 *   opportunities with that partner role, close date in the window;
 * - pipeline_created: amount of partner-sourced opportunities created in the window, any stage;
 * - deal_registrations: registrations submitted in the window, any status;
 * - certified_people: distinct contacts holding a certification valid on the as-of date
 *   (earned on or before, expiring on or after);
 * - win_rate: won ÷ (won + lost) of the partner's opportunities closed in the window,
 *   null when none closed;
 * - active_contacts: distinct contacts who logged in to the portal in the 30 days up to
 *   the as-of date — the contact's last login, or a portal_login event (so a past as-of
 *   date counts the people active then, not only those whose latest login falls there).
 */
import type Database from 'better-sqlite3';
import type { JbpMetric } from '../../../src-shared/domain/plans';
import { periodRange } from '../../../src-shared/domain/plans';
import { CALENDAR_YEAR, type FiscalCalendar } from '../../../src-shared/domain/time';
import { addDays } from '../../../src-shared/domain/time';

export const ACTIVE_CONTACT_DAYS = 30;

export interface MetricWindow {
  from: string;
  to: string;
  /** The date level metrics are measured at (normally `to`). */
  asOf: string;
}

/** The window of a plan period (its days in `cal`) measured as of `today`: up to today, or the whole period once it has ended. */
export function periodWindow(period: string, today: string, cal: FiscalCalendar = CALENDAR_YEAR): MetricWindow | null {
  const r = periodRange(period, cal);
  if (today < r.start) return null;
  const to = today < r.end ? today : r.end;
  return { from: r.start, to, asOf: to };
}

type Stmt = Database.Statement<unknown[], Record<string, number | null>>;

/** Prepared metric queries over one connection (statements are reused across calls). */
export function createMetricReader(sqlite: Database.Database) {
  const prep = (sql: string) => sqlite.prepare(sql) as Stmt;
  const wonByRole = prep(
    `SELECT coalesce(sum(amount), 0) AS v FROM opportunity
      WHERE partner_id = ? AND stage = 'closed_won' AND partner_role = ? AND close_date >= ? AND close_date <= ?`,
  );
  // (The unary + keeps the planner on the partner's own rows: left to itself it picked the
  // role-first index and read every sourced deal created in the window, 1.2 ms a query on the
  // large book, which made the plans list 1.2 s; 26 µs this way.)
  const pipelineCreated = prep(
    `SELECT coalesce(sum(amount), 0) AS v FROM opportunity
      WHERE partner_id = ? AND +partner_role = 'sourced' AND created_at >= ? AND created_at <= ?`,
  );
  const dealRegs = prep(
    `SELECT count(*) AS v FROM deal_registration WHERE partner_id = ? AND submitted_at >= ? AND submitted_at <= ?`,
  );
  const certified = prep(
    `SELECT count(DISTINCT contact_id) AS v FROM certification
      WHERE partner_id = ? AND earned_at <= ? AND expires_at >= ?`,
  );
  const winLoss = prep(
    `SELECT coalesce(sum(stage = 'closed_won'), 0) AS won, coalesce(sum(stage = 'closed_lost'), 0) AS lost
       FROM opportunity
      WHERE partner_id = ? AND stage IN ('closed_won', 'closed_lost') AND close_date >= ? AND close_date <= ?`,
  );
  const active = prep(
    `SELECT count(*) AS v FROM (
        SELECT id FROM contact
         WHERE partner_id = ? AND last_login_at IS NOT NULL
           AND substr(last_login_at, 1, 10) >= ? AND substr(last_login_at, 1, 10) <= ?
        UNION
        SELECT contact_id FROM engagement_event
         WHERE partner_id = ? AND kind = 'portal_login' AND contact_id IS NOT NULL
           AND occurred_at >= ? AND occurred_at < ?
      )`,
  );

  return function metricValue(partnerId: string, metric: JbpMetric, w: MetricWindow): number | null {
    switch (metric) {
      case 'sourced_arr':
        return wonByRole.get(partnerId, 'sourced', w.from, w.to)!.v!;
      case 'influenced_arr':
        return wonByRole.get(partnerId, 'influenced', w.from, w.to)!.v!;
      case 'pipeline_created':
        return pipelineCreated.get(partnerId, w.from, w.to)!.v!;
      case 'deal_registrations':
        return dealRegs.get(partnerId, w.from, w.to)!.v!;
      case 'certified_people':
        return certified.get(partnerId, w.asOf, w.asOf)!.v!;
      case 'win_rate': {
        const r = winLoss.get(partnerId, w.from, w.to)!;
        const won = r.won ?? 0;
        const lost = r.lost ?? 0;
        return won + lost === 0 ? null : won / (won + lost);
      }
      case 'active_contacts': {
        const since = addDays(w.asOf, -ACTIVE_CONTACT_DAYS);
        return active.get(partnerId, since, w.asOf, partnerId, since, addDays(w.asOf, 1))!.v!;
      }
      case 'custom':
        return null;
    }
  };
}

export type MetricValue = ReturnType<typeof createMetricReader>;

/** The metric over a whole plan period as of `today` (null before the period starts). */
export function metricForPeriod(
  read: MetricValue,
  partnerId: string,
  metric: JbpMetric,
  period: string,
  today: string,
  cal: FiscalCalendar = CALENDAR_YEAR,
): number | null {
  const w = periodWindow(period, today, cal);
  return w ? read(partnerId, metric, w) : null;
}
