/** Partner book reads: the portfolio rows and one partner's record with its related rows. */
import { PARTNER_PAGE_FACTS, type PartnerDetail, type PartnerPageFact, type PartnerRow } from '../../src-shared/methods/partners';
import type { Tier, User } from '../../src-shared/domain/entities';
import { addDays } from '../../src-shared/domain/time';
import type { Db } from '../db/connection';
import type { DB } from '../db/schema';
import { ServiceError } from '../base/errors';
import type { Clock } from '../base/clock';
import { absentFacts } from './import/service';
import { getActionSettings } from './actions/settings';

/** The window of "trailing 4 quarters" revenue: the 365 days ending today. */
export function trailingYear(today: string): { from: string; to: string } {
  return { from: addDays(today, -364), to: today };
}

const REVENUE_ROLES = ['sourced', 'influenced'] as const;

/** The portfolio rows; `owners` limits them to partners those users own (my book; null: everyone). */
export function listPartners(db: Db, clock: Clock, owners: ReadonlySet<string> | null = null): PartnerRow[] {
  if (owners?.size === 0) return [];
  const { from, to } = trailingYear(clock.today());
  const ownerList = owners ? [...owners] : [];
  const ownerFilter = owners ? `WHERE p.owner_id IN (${ownerList.map(() => '?').join(', ')})` : '';
  return db.sqlite
    .prepare(
      `SELECT p.id, p.name, p.type, p.tier_id, t.name AS tier_name, t.rank AS tier_rank, p.region, p.owner_id,
              coalesce(u.name, p.owner_id) AS owner_name, p.status, coalesce(rev.revenue, 0) AS revenue_t4q, p.currency
         FROM partner p
         JOIN tier t ON t.id = p.tier_id
         LEFT JOIN user u ON u.id = p.owner_id
         LEFT JOIN (
           SELECT partner_id, sum(amount) AS revenue FROM opportunity
            WHERE stage = 'closed_won' AND partner_role IN (${REVENUE_ROLES.map(() => '?').join(', ')})
              AND close_date >= ? AND close_date <= ?
            GROUP BY partner_id
         ) rev ON rev.partner_id = p.id
         ${ownerFilter}
        ORDER BY p.name`,
    )
    .all(...REVENUE_ROLES, from, to, ...ownerList) as PartnerRow[];
}

export function parseTier(row: Omit<Tier, 'benefits'> & { benefits: string; version?: number }): Tier {
  const { version: _version, ...rest } = row;
  return { ...rest, benefits: JSON.parse(row.benefits) as string[] };
}

export function listTiers(db: Db): Tier[] {
  const rows = db.sqlite.prepare('SELECT * FROM tier ORDER BY rank').all() as DB['tier'][];
  return rows.map(parseTier);
}

export function listUsers(db: Db): User[] {
  return db.sqlite.prepare('SELECT id, name, email, role, manager_id FROM user ORDER BY name').all() as User[];
}

function stripVersion<T extends { version: number }>(row: T): Omit<T, 'version'> {
  const { version: _v, ...rest } = row;
  return rest;
}

/** The partner page's facts this book's source does not hold (services/import `absentFacts`). */
function notInBook(db: Db): PartnerPageFact[] {
  const absent: ReadonlySet<string> = absentFacts(db);
  return PARTNER_PAGE_FACTS.filter((f) => absent.has(f));
}

export function getPartner(db: Db, clock: Clock, id: string): PartnerDetail {
  const one = <T>(query: string, ...params: unknown[]) => db.sqlite.prepare(query).get(...params) as T | undefined;
  const all = <T>(query: string, ...params: unknown[]) => db.sqlite.prepare(query).all(...params) as T[];
  const partnerRow = one<DB['partner']>('SELECT * FROM partner WHERE id = ?', id);
  if (!partnerRow) throw new ServiceError('not_found', `No partner with id '${id}' in this book.`);
  const today = clock.today();
  const { from, to } = trailingYear(today);
  const tierRow = one<DB['tier']>('SELECT * FROM tier WHERE id = ?', partnerRow.tier_id);
  if (!tierRow) throw new ServiceError('not_found', `Partner '${id}' is in tier '${partnerRow.tier_id}', which this book does not have.`);
  const owner = one<User>('SELECT id, name, email, role, manager_id FROM user WHERE id = ?', partnerRow.owner_id);
  const revenue = one<{ revenue: number }>(
    `SELECT coalesce(sum(amount), 0) AS revenue FROM opportunity
      WHERE partner_id = ? AND stage = 'closed_won' AND partner_role IN (${REVENUE_ROLES.map(() => '?').join(', ')})
        AND close_date >= ? AND close_date <= ?`,
    id,
    ...REVENUE_ROLES,
    from,
    to,
  )!;
  return {
    partner: stripVersion(partnerRow),
    notInBook: notInBook(db),
    tier: parseTier(tierRow),
    owner: owner ?? null,
    revenue_t4q: revenue.revenue,
    contacts: all<DB['contact']>('SELECT * FROM contact WHERE partner_id = ? ORDER BY name', id).map(stripVersion),
    opportunities: all<DB['opportunity']>('SELECT * FROM opportunity WHERE partner_id = ? ORDER BY close_date DESC', id).map(stripVersion),
    deal_registrations: all<DB['deal_registration']>('SELECT * FROM deal_registration WHERE partner_id = ? ORDER BY submitted_at DESC', id).map(
      stripVersion,
    ),
    certifications: all<DB['certification']>('SELECT * FROM certification WHERE partner_id = ? ORDER BY expires_at', id).map(stripVersion),
    recent_activity: all<PartnerDetail['recent_activity'][number]>(
      `SELECT e.id, e.partner_id, e.contact_id, e.kind, e.occurred_at, e.detail, c.name AS contact_name
         FROM engagement_event e LEFT JOIN contact c ON c.id = e.contact_id
        WHERE e.partner_id = ? ORDER BY e.occurred_at DESC LIMIT 50`,
      id,
    ),
    active_contacts: one<{ n: number }>(
      `SELECT count(DISTINCT contact_id) AS n FROM engagement_event WHERE partner_id = ? AND contact_id IS NOT NULL AND occurred_at >= ? AND occurred_at < ?`,
      id,
      addDays(today, -29),
      addDays(today, 1),
    )!.n,
    thresholds: (({ stalledDays, regExpiringDays, certExpiringDays }) => ({ stalledDays, regExpiringDays, certExpiringDays }))(getActionSettings(db)),
    activity_by_month: monthlyActivity(
      all<{ month: string; count: number }>(
        `SELECT substr(occurred_at, 1, 7) AS month, count(*) AS count FROM engagement_event
          WHERE partner_id = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY substr(occurred_at, 1, 7) ORDER BY month`,
        id,
        `${addDays(today, -365).slice(0, 7)}-01`,
        addDays(today, 1),
      ),
      today,
    ),
  };
}

/**
 * Events per month for the last 12 months and the current one, oldest first: every month,
 * those without activity as 0 (a gap is news, not a missing bar), the current month
 * marked `partial` unless `today` is its last day.
 */
export function monthlyActivity(rows: readonly { month: string; count: number }[], today: string): PartnerDetail['activity_by_month'] {
  const counts = new Map(rows.map((r) => [r.month, r.count]));
  const out: PartnerDetail['activity_by_month'] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7)) - 12;
  if (m < 1) {
    m += 12;
    y -= 1;
  }
  for (let i = 0; i < 13; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month, count: counts.get(month) ?? 0, partial: false });
    if (++m > 12) {
      m = 1;
      y += 1;
    }
  }
  const current = out[out.length - 1]!;
  current.partial = addDays(today, 1).slice(0, 7) === current.month;
  return out;
}
