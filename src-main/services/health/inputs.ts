/**
 * Gathers the raw health inputs for every partner as of several dates at once: one
 * grouped aggregate query per input table, with one set of conditional aggregates per
 * date, so eight quarters of history cost a single pass over each table (never a query
 * per partner).
 */
import { addDays } from '../../../src-shared/domain/time';
import type { Db } from '../../db/connection';
import { EMPTY_INPUTS, type RawInputs, type TierTargets } from './measures';

export interface PartnerBase {
  id: string;
  name: string;
  type: string;
  tier_id: string;
  region: string;
  owner_id: string;
  owner_name: string;
  manager_id: string | null;
  status: string;
  currency: string;
  agreement_signed_at: string;
  churned_at: string | null;
}

export type InputsByDate = Map<string, Map<string, RawInputs>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function lit(d: string): string {
  if (!DATE.test(d)) throw new RangeError(`not a date: ${d}`);
  return `'${d}'`;
}

/** True when the partner was in the book on `date`: signed on or before it and not yet churned. */
export function aliveOn(p: Pick<PartnerBase, 'agreement_signed_at' | 'churned_at'>, date: string): boolean {
  return p.agreement_signed_at <= date && (p.churned_at === null || p.churned_at > date);
}

export function loadPartners(db: Db): PartnerBase[] {
  return db.sqlite
    .prepare(
      `SELECT p.id, p.name, p.type, p.tier_id, p.region, p.owner_id, coalesce(u.name, p.owner_id) AS owner_name,
              u.manager_id AS manager_id, p.status, p.currency, p.agreement_signed_at, p.churned_at
         FROM partner p LEFT JOIN user u ON u.id = p.owner_id
        ORDER BY p.name`,
    )
    .all() as PartnerBase[];
}

export function loadTiers(db: Db): Map<string, TierTargets> {
  const rows = db.sqlite
    .prepare(
      `SELECT id, name, rank, revenue_target AS revenueTarget, pipeline_target AS pipelineTarget,
              min_sourced_arr AS minSourcedArr, min_certified AS minCertified, currency
         FROM tier ORDER BY rank`,
    )
    .all() as TierTargets[];
  return new Map(rows.map((t) => [t.id, t]));
}

type Row = Record<string, number | string | null> & { partner_id: string };

function num(v: number | string | null | undefined): number {
  return typeof v === 'number' ? v : v == null ? 0 : Number(v);
}

/** How many steps `gatherInputs` reports through its `progress` (one per kind of input read). */
export const GATHER_STEPS = 6;

/**
 * Raw inputs of every partner (missing partners get zeros) as of each of `dates`, in one
 * grouped read per kind of input; `progress` hears how many kinds are done (1 …
 * GATHER_STEPS), the last one (engagement, the longest) in fractions as it goes.
 */
export function gatherInputs(db: Db, dates: readonly string[], progress?: (done: number) => void): InputsByDate {
  const out: InputsByDate = new Map();
  if (dates.length === 0) return out;
  const partnerIds = (db.sqlite.prepare('SELECT id FROM partner').pluck().all() as string[]);
  for (const d of dates) {
    const m = new Map<string, RawInputs>();
    for (const id of partnerIds) m.set(id, { ...EMPTY_INPUTS });
    out.set(d, m);
  }
  const get = (i: number, pid: string): RawInputs | undefined => out.get(dates[i]!)?.get(pid);
  const minDate = [...dates].sort()[0]!;
  const maxDate = [...dates].sort().at(-1)!;

  // ---- opportunities: won ARR windows, open pipeline, last win ----
  {
    const cols: string[] = [];
    dates.forEach((d, i) => {
      const y = lit(addDays(d, -364));
      const r = lit(addDays(d, -181));
      const p = lit(addDays(d, -182));
      const h = lit(addDays(d, 182));
      const D = lit(d);
      const wonRole = `stage = 'closed_won' AND partner_role IN ('sourced','influenced')`;
      cols.push(
        `sum(CASE WHEN ${wonRole} AND close_date >= ${y} AND close_date <= ${D} THEN amount END) AS won_${i}`,
        `sum(CASE WHEN stage = 'closed_won' AND partner_role = 'sourced' AND close_date >= ${y} AND close_date <= ${D} THEN amount END) AS src_${i}`,
        `sum(CASE WHEN ${wonRole} AND close_date >= ${r} AND close_date <= ${D} THEN amount END) AS rec_${i}`,
        `sum(CASE WHEN ${wonRole} AND close_date >= ${y} AND close_date <= ${p} THEN amount END) AS pri_${i}`,
        `sum(CASE WHEN partner_role = 'sourced' AND created_at <= ${D} AND close_date <= ${h}
                   AND (close_date > ${D} OR stage NOT IN ('closed_won','closed_lost')) THEN amount END) AS pipe_${i}`,
        `max(CASE WHEN stage = 'closed_won' AND close_date <= ${D} THEN close_date END) AS win_${i}`,
      );
    });
    const rows = db.sqlite
      .prepare(
        `SELECT partner_id, ${cols.join(',\n')} FROM opportunity
          WHERE partner_id IS NOT NULL AND created_at <= ${lit(maxDate)}
          GROUP BY partner_id`,
      )
      .all() as Row[];
    for (const row of rows) {
      dates.forEach((_d, i) => {
        const t = get(i, row.partner_id);
        if (!t) return;
        t.wonT4q = num(row[`won_${i}`]);
        t.sourcedT4q = num(row[`src_${i}`]);
        t.wonRecent = num(row[`rec_${i}`]);
        t.wonPrior = num(row[`pri_${i}`]);
        t.pipeline = num(row[`pipe_${i}`]);
        const w = row[`win_${i}`];
        t.lastWin = typeof w === 'string' ? w : null;
      });
    }
  }

  progress?.(1);

  // ---- deal registrations: last 90 days vs the 90 before ----
  {
    const cols = dates.flatMap((d, i) => [
      `sum(submitted_at > ${lit(addDays(d, -90))} AND submitted_at <= ${lit(d)}) AS rr_${i}`,
      `sum(submitted_at > ${lit(addDays(d, -180))} AND submitted_at <= ${lit(addDays(d, -90))}) AS rp_${i}`,
    ]);
    const rows = db.sqlite
      .prepare(
        `SELECT partner_id, ${cols.join(', ')} FROM deal_registration
          WHERE submitted_at > ${lit(addDays(minDate, -180))} AND submitted_at <= ${lit(maxDate)}
          GROUP BY partner_id`,
      )
      .all() as Row[];
    for (const row of rows) {
      dates.forEach((_d, i) => {
        const t = get(i, row.partner_id);
        if (!t) return;
        t.regsRecent = num(row[`rr_${i}`]);
        t.regsPrior = num(row[`rp_${i}`]);
      });
    }
  }

  progress?.(2);

  // ---- contacts (the book has no contact start dates: the current count) ----
  {
    const rows = db.sqlite.prepare('SELECT partner_id, count(*) AS n FROM contact GROUP BY partner_id').all() as Row[];
    for (const row of rows) dates.forEach((_d, i) => {
      const t = get(i, row.partner_id);
      if (t) t.contacts = num(row.n);
    });
  }

  progress?.(3);

  // ---- certifications valid on the date, and those expiring within 60 days ----
  {
    const cols = dates.flatMap((d, i) => {
      const valid = `earned_at <= ${lit(d)} AND expires_at > ${lit(d)}`;
      return [
        `count(DISTINCT CASE WHEN ${valid} THEN contact_id END) AS cp_${i}`,
        `sum(${valid}) AS cv_${i}`,
        `sum(${valid} AND expires_at <= ${lit(addDays(d, 60))}) AS ce_${i}`,
      ];
    });
    const rows = db.sqlite
      .prepare(`SELECT partner_id, ${cols.join(', ')} FROM certification GROUP BY partner_id`)
      .all() as Row[];
    for (const row of rows) {
      dates.forEach((_d, i) => {
        const t = get(i, row.partner_id);
        if (!t) return;
        t.certifiedPeople = num(row[`cp_${i}`]);
        t.validCerts = num(row[`cv_${i}`]);
        t.expiringCerts = num(row[`ce_${i}`]);
      });
    }
  }

  progress?.(4);

  // ---- latest PSAT on or before the date ----
  {
    const cols = dates.map(
      (d, i) => `max(CASE WHEN responded_at <= ${lit(d)} THEN responded_at || '|' || printf('%02d', score) END) AS ps_${i}`,
    );
    const rows = db.sqlite
      .prepare(`SELECT partner_id, ${cols.join(', ')} FROM psat_response GROUP BY partner_id`)
      .all() as Row[];
    for (const row of rows) {
      dates.forEach((_d, i) => {
        const t = get(i, row.partner_id);
        const v = row[`ps_${i}`];
        if (!t || typeof v !== 'string') return;
        const [at, score] = v.split('|');
        t.psat = Number(score);
        t.psatAt = at ?? null;
      });
    }
  }

  progress?.(5);

  // ---- engagement: events in 90-day windows, distinct contacts active in 30 days ----
  {
    // One pass over the big table. Instants compare as text against dates
    // (`occurred_at >= 'D'` is "on or after day D"); FILTER keeps the aggregate steps to
    // the rows inside each window, which is what makes eight quarters cheap.
    const cols = dates.flatMap((d, i) => {
      const end = lit(addDays(d, 1));
      return [
        `count(*) FILTER (WHERE occurred_at < ${end} AND occurred_at >= ${lit(addDays(d, -89))}) AS er_${i}`,
        `count(*) FILTER (WHERE occurred_at < ${lit(addDays(d, -89))} AND occurred_at >= ${lit(addDays(d, -179))}) AS ep_${i}`,
        `count(DISTINCT contact_id) FILTER (WHERE occurred_at < ${end} AND occurred_at >= ${lit(addDays(d, -29))}) AS ea_${i}`,
      ];
    });
    // Streamed partner by partner (the partner index), so its progress can be told as it goes:
    // most of a cold computation's time is this read.
    const rows = db.sqlite
      .prepare(
        `SELECT partner_id, ${cols.join(', ')} FROM engagement_event
          WHERE occurred_at >= ${lit(addDays(minDate, -179))} AND occurred_at < ${lit(addDays(maxDate, 1))}
          GROUP BY partner_id`,
      )
      .iterate() as IterableIterator<Row>;
    const every = Math.max(1, Math.ceil(partnerIds.length / 50));
    let n = 0;
    for (const row of rows) {
      if (++n % every === 0) progress?.(5 + Math.min(1, n / partnerIds.length));
      dates.forEach((_d, i) => {
        const t = get(i, row.partner_id);
        if (!t) return;
        t.eventsRecent = num(row[`er_${i}`]);
        t.eventsPrior = num(row[`ep_${i}`]);
        t.activeContacts = num(row[`ea_${i}`]);
      });
    }
  }
  progress?.(GATHER_STEPS);
  return out;
}
