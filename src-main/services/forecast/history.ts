/**
 * Every partner's quarterly history, read from the replica in one grouped query per table:
 * won revenue (the scorecard's definition: closed_won opportunities in the partner roles
 * "sourced" and "influenced", by the quarter of their close date), pipeline created, the
 * open pipeline on each quarter's last day, engagement events and certifications earned.
 *
 * The replica keeps each opportunity's current stage only, not its stage on a past date,
 * so the open pipeline at a past quarter end is every partner opportunity created by then
 * and not closed by then (still open, or closed later) — the same reading on every date,
 * past or present, so the model is fitted on what it is later applied to.
 */
import { CALENDAR_YEAR, quarterEnd, quarterOf, quarterStart, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import type { Db } from '../../db/connection';
import { absentFacts } from '../import/service';

/** The roles whose won deals count as the partner's revenue (as on the QBR scorecard and in health). */
export const REVENUE_ROLES = ['sourced', 'influenced'] as const;
const ROLES_SQL = `partner_role IN ('sourced','influenced')`;

export interface PartnerHistory {
  id: string;
  name: string;
  tier_id: string;
  tier_name: string;
  owner_id: string;
  owner_name: string;
  status: string;
  currency: string;
  signed: string;
  churned: string | null;
  /** Per quarter of `History.quarters` (minor units / counts). */
  won: number[];
  created: number[];
  /** Open pipeline on the quarter's last day (created by then, not closed by then). */
  open: number[];
  /** Of it, what has a close date in the next quarter (the live view shows this; not a model input). */
  openNext: number[];
  events: number[];
  certs: number[];
}

export interface History {
  /** Oldest first: from the quarter the book's history starts in to the as-of date's quarter. */
  quarters: string[];
  /** Index in `quarters` of the first quarter with any partner deal. */
  start: number;
  partners: PartnerHistory[];
  /** The book's fiscal calendar: which days each quarter holds. */
  calendar: FiscalCalendar;
  /**
   * False when the book's source holds no open deals (an import of order files, services/import
   * `absentFacts`): every `open` is then 0 because it is unknown, and `created` is only the won
   * orders again; the model leaves both out.
   */
  openPipelineKnown: boolean;
}

/** At most this many quarters are read (the model looks back 4; the backtest needs a few years). */
export const MAX_QUARTERS = 20;

type Row = { partner_id: string; q: string; v: number };
/**
 * SQL for the fiscal quarter label ("YYYY-Qn") of an ISO date or instant column: the
 * fiscal year is named by the year it ends in, as in src-shared/domain/time.ts.
 */
export function quarterSql(col: string, cal: FiscalCalendar): string {
  const s = cal.fiscalYearStartMonth;
  const m = `CAST(substr(${col},6,2) AS INTEGER)`;
  const y = `CAST(substr(${col},1,4) AS INTEGER)`;
  return `(${y} + CASE WHEN ${s} > 1 AND ${m} >= ${s} THEN 1 ELSE 0 END) || '-Q' || (((${m} - ${s} + 12) % 12) / 3 + 1)`;
}

export function readHistory(db: Db, asOf: string, cal: FiscalCalendar = CALENDAR_YEAR): History {
  const s = db.sqlite;
  const first = s.prepare('SELECT min(created_at) FROM opportunity WHERE partner_id IS NOT NULL').pluck().get() as string | null;
  const last = quarterOf(asOf, cal);
  let startQ = first ? quarterOf(first.slice(0, 10), cal) : last;
  if (startQ > last) startQ = last;
  if (shiftQuarter(startQ, MAX_QUARTERS - 1) < last) startQ = shiftQuarter(last, -(MAX_QUARTERS - 1));
  const quarters: string[] = [];
  for (let q = startQ; q <= last; q = shiftQuarter(q, 1)) quarters.push(q);
  const index = new Map(quarters.map((q, i) => [q, i]));
  const n = quarters.length;
  const zeros = () => new Array<number>(n).fill(0);
  const partners = s
    .prepare(
      `SELECT p.id, p.name, p.tier_id, coalesce(t.name, p.tier_id) AS tier_name, p.owner_id, coalesce(u.name, p.owner_id) AS owner_name,
              p.status, p.currency, p.agreement_signed_at AS signed, p.churned_at AS churned
         FROM partner p LEFT JOIN tier t ON t.id = p.tier_id LEFT JOIN user u ON u.id = p.owner_id ORDER BY p.name, p.id`,
    )
    .all() as Omit<PartnerHistory, 'won' | 'created' | 'open' | 'openNext' | 'events' | 'certs'>[];
  const byId = new Map<string, PartnerHistory>();
  const out: PartnerHistory[] = partners.map((p) => {
    const h = { ...p, won: zeros(), created: zeros(), open: zeros(), openNext: zeros(), events: zeros(), certs: zeros() };
    byId.set(p.id, h);
    return h;
  });
  const from = quarterStart(quarters[0]!, cal);
  const to = quarterEnd(last, cal);
  const add = (rows: Row[], key: 'won' | 'created' | 'certs') => {
    for (const r of rows) {
      const i = index.get(r.q);
      const p = byId.get(r.partner_id);
      if (i !== undefined && p) p[key][i] = (p[key][i] ?? 0) + r.v;
    }
  };
  const grouped = (table: string, col: string, value: string, where: string) =>
    s
      .prepare(
        `SELECT partner_id, ${quarterSql(col, cal)} AS q, ${value} AS v FROM ${table}
          WHERE partner_id IS NOT NULL AND ${col} >= @from AND ${col} <= @to || 'T99' AND ${where} GROUP BY 1, 2`,
      )
      .all({ from, to }) as Row[];
  add(grouped('opportunity', 'close_date', 'sum(amount)', `stage = 'closed_won' AND ${ROLES_SQL} AND close_date <= @to`), 'won');
  add(grouped('opportunity', 'created_at', 'sum(amount)', ROLES_SQL), 'created');
  // Events, by far the largest table: counted per partner and quarter as ranges of its
  // (partner_id, occurred_at) index. Grouping by a quarter computed from each row would sort
  // every event of the book to group them (4× slower on a large book).
  const bounds = quarters.map((q, i) => `(${i}, '${quarterStart(q, cal)}', '${quarterStart(shiftQuarter(q, 1), cal)}')`).join(', ');
  const events = s
    .prepare(
      `WITH b(i, lo, hi) AS (VALUES ${bounds})
       SELECT p.id AS partner_id, b.i AS i,
              (SELECT count(*) FROM engagement_event e WHERE e.partner_id = p.id AND e.occurred_at >= b.lo AND e.occurred_at < b.hi) AS v
         FROM partner p, b WHERE v > 0`,
    )
    .all() as { partner_id: string; i: number; v: number }[];
  for (const r of events) byId.get(r.partner_id)!.events[r.i] = r.v;
  add(grouped('certification', 'earned_at', 'count(*)', '1'), 'certs');

  // Open pipeline on each quarter end: one pass, one pair of conditional sums per quarter.
  const cols = quarters.flatMap((q, i) => {
    const e = quarterEnd(q, cal);
    const ne = quarterEnd(shiftQuarter(q, 1), cal);
    const open = `created_at <= '${e}' AND (stage NOT IN ('closed_won','closed_lost') OR close_date > '${e}')`;
    return [`sum(CASE WHEN ${open} THEN amount END) AS o${i}`, `sum(CASE WHEN ${open} AND close_date <= '${ne}' THEN amount END) AS n${i}`];
  });
  const rows = s
    .prepare(
      `SELECT partner_id, ${cols.join(', ')} FROM opportunity
        WHERE partner_id IS NOT NULL AND ${ROLES_SQL} AND (stage NOT IN ('closed_won','closed_lost') OR close_date >= @from)
        GROUP BY partner_id`,
    )
    .all({ from }) as Record<string, number | string | null>[];
  for (const r of rows) {
    const p = byId.get(String(r.partner_id));
    if (!p) continue;
    for (let i = 0; i < n; i++) {
      p.open[i] = Number(r[`o${i}`] ?? 0);
      p.openNext[i] = Number(r[`n${i}`] ?? 0);
    }
  }
  return { quarters, start: 0, partners: out, calendar: cal, openPipelineKnown: !absentFacts(db).has('open_pipeline') };
}

/** True when the partner was in the book on `date`: signed on or before it and not churned by then. */
export function aliveAt(p: Pick<PartnerHistory, 'signed' | 'churned'>, date: string): boolean {
  return p.signed.slice(0, 10) <= date && (p.churned === null || p.churned.slice(0, 10) > date);
}
