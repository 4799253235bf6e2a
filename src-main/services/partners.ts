/** Partner book reads: the portfolio rows and one partner's record with its related rows. */
import { sql } from 'kysely';
import type { PartnerDetail, PartnerRow } from '../../src-shared/methods/partners';
import type { Tier, User } from '../../src-shared/domain/entities';
import { addDays } from '../../src-shared/domain/time';
import type { Db } from '../db/connection';
import { ServiceError } from '../base/errors';
import type { Clock } from '../base/clock';

/** The window of "trailing 4 quarters" revenue: the 365 days ending today. */
export function trailingYear(today: string): { from: string; to: string } {
  return { from: addDays(today, -364), to: today };
}

const REVENUE_ROLES = ['sourced', 'influenced'] as const;

/** The portfolio rows; `owners` limits them to partners those users own (my book; null: everyone). */
export async function listPartners(db: Db, clock: Clock, owners: ReadonlySet<string> | null = null): Promise<PartnerRow[]> {
  if (owners?.size === 0) return [];
  const { from, to } = trailingYear(clock.today());
  const revenue = db.k
    .selectFrom('opportunity')
    .select(['partner_id', sql<number>`sum(amount)`.as('revenue')])
    .where('stage', '=', 'closed_won')
    .where('partner_role', 'in', REVENUE_ROLES)
    .where('close_date', '>=', from)
    .where('close_date', '<=', to)
    .groupBy('partner_id')
    .as('rev');
  return db.k
    .selectFrom('partner as p')
    .innerJoin('tier as t', 't.id', 'p.tier_id')
    .leftJoin('user as u', 'u.id', 'p.owner_id')
    .leftJoin(revenue, 'rev.partner_id', 'p.id')
    .select([
      'p.id',
      'p.name',
      'p.type',
      'p.tier_id',
      't.name as tier_name',
      't.rank as tier_rank',
      'p.region',
      'p.owner_id',
      sql<string>`coalesce(u.name, p.owner_id)`.as('owner_name'),
      'p.status',
      sql<number>`coalesce(rev.revenue, 0)`.as('revenue_t4q'),
      'p.currency',
    ])
    .$if(owners !== null, (q) => q.where('p.owner_id', 'in', [...(owners ?? [])]))
    .orderBy('p.name')
    .execute();
}

export function parseTier(row: Omit<Tier, 'benefits'> & { benefits: string; version?: number }): Tier {
  const { version: _version, ...rest } = row;
  return { ...rest, benefits: JSON.parse(row.benefits) as string[] };
}

export async function listTiers(db: Db): Promise<Tier[]> {
  const rows = await db.k.selectFrom('tier').selectAll().orderBy('rank').execute();
  return rows.map(parseTier);
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.k
    .selectFrom('user')
    .select(['id', 'name', 'email', 'role', 'manager_id'])
    .orderBy('name')
    .execute();
}

function stripVersion<T extends { version: number }>(row: T): Omit<T, 'version'> {
  const { version: _v, ...rest } = row;
  return rest;
}

export async function getPartner(db: Db, clock: Clock, id: string): Promise<PartnerDetail> {
  const partnerRow = await db.k.selectFrom('partner').selectAll().where('id', '=', id).executeTakeFirst();
  if (!partnerRow) throw new ServiceError('not_found', `No partner with id '${id}' in this book.`);
  const today = clock.today();
  const { from, to } = trailingYear(today);
  const [tierRow, owner, contacts, opportunities, dealRegs, certifications, recent, byMonth, revenue] =
    await Promise.all([
      db.k.selectFrom('tier').selectAll().where('id', '=', partnerRow.tier_id).executeTakeFirstOrThrow(),
      db.k
        .selectFrom('user')
        .select(['id', 'name', 'email', 'role', 'manager_id'])
        .where('id', '=', partnerRow.owner_id)
        .executeTakeFirst(),
      db.k.selectFrom('contact').selectAll().where('partner_id', '=', id).orderBy('name').execute(),
      db.k
        .selectFrom('opportunity')
        .selectAll()
        .where('partner_id', '=', id)
        .orderBy('close_date', 'desc')
        .execute(),
      db.k
        .selectFrom('deal_registration')
        .selectAll()
        .where('partner_id', '=', id)
        .orderBy('submitted_at', 'desc')
        .execute(),
      db.k
        .selectFrom('certification')
        .selectAll()
        .where('partner_id', '=', id)
        .orderBy('expires_at')
        .execute(),
      db.k
        .selectFrom('engagement_event as e')
        .leftJoin('contact as c', 'c.id', 'e.contact_id')
        .select([
          'e.id',
          'e.partner_id',
          'e.contact_id',
          'e.kind',
          'e.occurred_at',
          'e.detail',
          'c.name as contact_name',
        ])
        .where('e.partner_id', '=', id)
        .orderBy('e.occurred_at', 'desc')
        .limit(50)
        .execute(),
      db.k
        .selectFrom('engagement_event')
        .select([sql<string>`substr(occurred_at, 1, 7)`.as('month'), sql<number>`count(*)`.as('count')])
        .where('partner_id', '=', id)
        .where('occurred_at', '>=', `${addDays(today, -365).slice(0, 7)}-01`)
        .groupBy(sql`substr(occurred_at, 1, 7)`)
        .orderBy('month')
        .execute(),
      db.k
        .selectFrom('opportunity')
        .select(sql<number>`coalesce(sum(amount), 0)`.as('revenue'))
        .where('partner_id', '=', id)
        .where('stage', '=', 'closed_won')
        .where('partner_role', 'in', REVENUE_ROLES)
        .where('close_date', '>=', from)
        .where('close_date', '<=', to)
        .executeTakeFirstOrThrow(),
    ]);
  return {
    partner: stripVersion(partnerRow),
    tier: parseTier(tierRow),
    owner: owner ?? null,
    revenue_t4q: revenue.revenue,
    contacts: contacts.map(stripVersion),
    opportunities: opportunities.map(stripVersion),
    deal_registrations: dealRegs.map(stripVersion),
    certifications: certifications.map(stripVersion),
    recent_activity: recent,
    activity_by_month: byMonth,
  };
}
