/**
 * The input-read floors of `bench:health`: the time of SQL that only reads what a health
 * computation reads, in the same run, so a figure can be read as a ratio that moves less
 * with the machine's load than milliseconds do.
 *
 * - recompute: every input row the cold recompute reads (services/health/inputs.ts), over
 *   the same tables and date windows, each column it uses touched once inside SQLite
 *   (`sum(length(col))`), nothing grouped, nothing fetched but one row per table.
 * - portfolio: the partner records with their owners' names and the tiers fetched as
 *   rows, and the two dates' stored inputs (`health_snapshot` for the date and the
 *   previous quarter end) fetched as their stored text, nothing decoded or computed.
 */
import type { Db } from '../../src-main/db/connection';
import { addDays } from '../../src-shared/domain/time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const lit = (d: string) => {
  if (!DATE.test(d)) throw new RangeError(`not a date: ${d}`);
  return `'${d}'`;
};

/** Reads the recompute's inputs for `dates`; returns the milliseconds and the rows read. */
export function recomputeInputRead(db: Db, dates: readonly string[]): { ms: number; rows: number } {
  const sorted = [...dates].sort();
  const min = sorted[0]!;
  const max = sorted.at(-1)!;
  const len = (cols: string[]) => cols.map((c) => `sum(length(${c}))`).join(' + ');
  const scans = [
    `SELECT count(*), ${len(['id'])} FROM partner`,
    `SELECT count(*), ${len(['partner_id', 'stage', 'partner_role', 'amount', 'close_date', 'created_at'])} FROM opportunity
      WHERE partner_id IS NOT NULL AND created_at <= ${lit(max)}`,
    `SELECT count(*), ${len(['partner_id', 'submitted_at'])} FROM deal_registration
      WHERE submitted_at > ${lit(addDays(min, -180))} AND submitted_at <= ${lit(max)}`,
    `SELECT count(*), ${len(['partner_id'])} FROM contact`,
    `SELECT count(*), ${len(['partner_id', 'contact_id', 'earned_at', 'expires_at'])} FROM certification`,
    `SELECT count(*), ${len(['partner_id', 'responded_at', 'score'])} FROM psat_response`,
    `SELECT count(*), ${len(['partner_id', 'contact_id', 'occurred_at'])} FROM engagement_event
      WHERE occurred_at >= ${lit(addDays(min, -179))} AND occurred_at < ${lit(addDays(max, 1))}`,
  ];
  const started = performance.now();
  let rows = 0;
  for (const sql of scans) rows += (db.sqlite.prepare(sql).raw().get() as [number, number])[0];
  return { ms: performance.now() - started, rows };
}

/** Reads the warm portfolio's inputs on `asOf` (and `previous`, the quarter end before); milliseconds. */
export function portfolioInputRead(db: Db, asOf: string, previous: string): number {
  const started = performance.now();
  db.sqlite
    .prepare(
      `SELECT p.id, p.name, p.type, p.tier_id, p.region, p.owner_id, coalesce(u.name, p.owner_id), u.manager_id,
              p.status, p.currency, p.agreement_signed_at, p.churned_at
         FROM partner p LEFT JOIN user u ON u.id = p.owner_id`,
    )
    .raw()
    .all();
  db.sqlite.prepare('SELECT id, name, rank, revenue_target, pipeline_target, min_sourced_arr, min_certified, currency FROM tier').raw().all();
  const stored = db.sqlite.prepare('SELECT inputs FROM health_snapshot WHERE as_of IN (?, ?)').pluck().all(asOf, previous);
  if (stored.length !== 2) throw new Error(`the stored inputs of ${asOf} and ${previous} are not both there (found ${stored.length})`);
  return performance.now() - started;
}
