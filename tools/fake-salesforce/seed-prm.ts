/**
 * The PRM records of the fake org. AdventureWorks has no contacts, leads, channel program
 * or MDF, so these are SYNTHETIC, derived deterministically from the reseller rows
 * (DimReseller.csv) and the orders (see ENDPOINTS.md, "Synthetic PRM data"):
 *
 * - One ChannelProgram; three ChannelProgramLevels by DimReseller.AnnualSales: Gold
 *   (≥ 3,000,000), Silver (≥ 1,000,000), Registered (the rest); one ChannelProgramMember
 *   per reseller.
 * - Contacts: one per reseller ("Purchasing", purchasing@<reseller>.example, its Phone),
 *   and a second ("Owner") where NumberEmployees ≥ 50.
 * - A partner User (UserType PowerPartner) for the first contact of each reseller with
 *   orders, LastLoginDate 09:00 UTC on its last order day; one LoginHistory row per
 *   distinct order day of the reseller (09:00 UTC).
 * - OpportunityPartner: orders whose number is a multiple of 20 are influenced
 *   ("Influencer") and those ≡ 5 (mod 50) co-sold ("Co-Sell") by the reseller with the
 *   next ResellerKey (wrapping round).
 * - Leads: one "Deal Registration" lead per reseller with orders, converted into its
 *   last order 30 days before it; one "Standard" lead per 50 resellers (not a deal registration).
 * - MDF: a PartnerMarketingBudget per half of the data's last 12 months (2019-H2,
 *   2020-H1 with the files as shipped); a PartnerFundAllocation per Gold / Silver partner
 *   and half (1 % of AnnualSales); a PartnerFundRequest (Approved, half the allocation)
 *   where the partner ordered in that half; a PartnerFundClaim (Approved, the full
 *   request) for the requests of the earlier half.
 */
import { sfId } from './ids';
import type { Row } from './store';

export interface ResellerFacts {
  key: number;
  name: string;
  annualSales: number;
  employees: number;
  phone: string | null;
}

export interface OrderFacts {
  number: number;
  date: string;
  reseller: number;
  cents: number;
}

export const LEVELS = [
  { name: 'Gold', rank: 3, min: 3_000_000 },
  { name: 'Silver', rank: 2, min: 1_000_000 },
  { name: 'Registered', rank: 1, min: 0 },
] as const;

const DAY = 86_400_000;
const at = (day: string, hour = 0) => Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000;
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'reseller';
const halfOf = (day: string) => `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;
const halfRange = (half: string): [string, string] => {
  const y = half.slice(0, 4);
  return half.endsWith('H1') ? [`${y}-01-01`, `${y}-06-30`] : [`${y}-07-01`, `${y}-12-31`];
};

function audit(id: string, time: number, by: string): Row {
  return { Id: id, IsDeleted: false, CreatedDate: time, CreatedById: by, LastModifiedDate: time, LastModifiedById: by, SystemModstamp: time };
}

export function levelOf(annualSales: number): (typeof LEVELS)[number] {
  return LEVELS.find((l) => annualSales >= l.min)!;
}

/** The synthetic PRM rows per object; `admin`: the user who "created" them. */
export function prmRows(resellers: readonly ResellerFacts[], orders: readonly OrderFacts[], admin: string, created: number): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  const add = (object: string, row: Row) => (out[object] ??= []).push(row);
  const program = sfId('0ch', 1);
  add('ChannelProgram', { ...audit(program, created, admin), Name: 'AdventureWorks Reseller Program', Description: null, IsActive: true });
  LEVELS.forEach((l, i) => add('ChannelProgramLevel', { ...audit(sfId('0cl', i + 1), created, admin), Name: l.name, ProgramId: program, Rank: l.rank, Description: `AnnualSales ≥ ${l.min}` }));
  const levelId = (sales: number) => sfId('0cl', LEVELS.indexOf(levelOf(sales)) + 1);

  const byReseller = new Map<number, OrderFacts[]>();
  for (const o of orders) (byReseller.get(o.reseller) ?? byReseller.set(o.reseller, []).get(o.reseller)!).push(o);
  const keys = resellers.map((r) => r.key).sort((a, b) => a - b);
  const nextKey = new Map(keys.map((k, i) => [k, keys[(i + 1) % keys.length]!]));
  const last = orders.reduce((m, o) => (o.date > m ? o.date : m), '');
  const halves = last ? [halfOf(new Date(at(last) - 183 * DAY).toISOString().slice(0, 10)), halfOf(last)] : [];

  const dealType = sfId('012', 1);
  add('RecordType', { ...audit(dealType, created, admin), Name: 'Deal Registration', DeveloperName: 'Deal_Registration', SobjectType: 'Lead', IsActive: true });
  add('RecordType', { ...audit(sfId('012', 2), created, admin), Name: 'Standard', DeveloperName: 'Standard', SobjectType: 'Lead', IsActive: true });
  halves.forEach((h, i) => {
    const [start, end] = halfRange(h);
    add('PartnerMarketingBudget', { ...audit(sfId('0pb', i + 1), created, admin), Title: `Partner MDF ${h}`, Type: 'Marketing Funds', Amount: 0, StartDate: start, EndDate: end });
  });

  let contactN = 0;
  let userN = 0;
  let loginN = 0;
  let allocN = 0;
  let requestN = 0;
  let claimN = 0;
  for (const r of resellers) {
    const account = sfId('001', r.key);
    add('ChannelProgramMember', { ...audit(sfId('0cm', r.key), created, admin), PartnerId: account, ProgramId: program, LevelId: levelId(r.annualSales) });
    const mine = (byReseller.get(r.key) ?? []).slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number - b.number));
    const people = [{ first: 'Purchasing', title: 'Purchasing' }, ...(r.employees >= 50 ? [{ first: 'Owner', title: 'Owner' }] : [])];
    const contactIds: string[] = [];
    for (const p of people) {
      const id = sfId('003', ++contactN);
      contactIds.push(id);
      add('Contact', {
        ...audit(id, created, admin),
        AccountId: account,
        FirstName: p.first,
        LastName: r.name,
        Name: `${p.first} ${r.name}`,
        Email: `${p.first.toLowerCase()}@${slug(r.name)}.example`,
        Title: p.title,
        Phone: r.phone,
      });
    }
    const lastOrder = mine[mine.length - 1];
    if (lastOrder) {
      const user = sfId('005', 100_000 + ++userN);
      add('User', {
        ...audit(user, created, admin),
        Username: `purchasing@${slug(r.name)}.example.partner`,
        Name: `Purchasing ${r.name}`,
        FirstName: 'Purchasing',
        LastName: r.name,
        Email: `purchasing@${slug(r.name)}.example`,
        Title: 'Purchasing',
        ManagerId: null,
        IsActive: true,
        UserType: 'PowerPartner',
        LastLoginDate: at(lastOrder.date, 9),
        ContactId: contactIds[0]!,
        AccountId: account,
      });
      for (const day of new Set(mine.map((o) => o.date))) {
        add('LoginHistory', { ...audit(sfId('0Ya', ++loginN), at(day, 9), user), UserId: user, LoginTime: at(day, 9), LoginType: 'Partner Portal', Status: 'Success', Application: 'Browser' });
      }
      const submitted = at(lastOrder.date) - 30 * DAY;
      add('Lead', {
        ...audit(sfId('00Q', r.key), submitted, admin),
        FirstName: 'Purchasing',
        LastName: r.name,
        Name: `Purchasing ${r.name}`,
        Company: `${r.name} customer SO${lastOrder.number}`,
        Status: 'Closed - Converted',
        RecordTypeId: dealType,
        PartnerAccountId: account,
        AnnualRevenue: lastOrder.cents / 100,
        IsConverted: true,
        ConvertedDate: lastOrder.date,
        ConvertedOpportunityId: sfId('006', lastOrder.number),
        OwnerId: admin,
        SystemModstamp: at(lastOrder.date),
        LastModifiedDate: at(lastOrder.date),
      });
    }
    if (r.key % 50 === 0) {
      add('Lead', {
        ...audit(sfId('00Q', 100_000 + r.key), created, admin),
        FirstName: null,
        LastName: r.name,
        Name: r.name,
        Company: r.name,
        Status: 'Open - Not Contacted',
        RecordTypeId: sfId('012', 2),
        PartnerAccountId: account,
        AnnualRevenue: null,
        IsConverted: false,
        ConvertedDate: null,
        ConvertedOpportunityId: null,
        OwnerId: admin,
      });
    }
    const level = levelOf(r.annualSales);
    if (level.name === 'Registered') continue;
    halves.forEach((h, i) => {
      const allocation = sfId('0pa', ++allocN);
      const amount = Math.round(r.annualSales / 100);
      const budget = sfId('0pb', i + 1);
      add('PartnerFundAllocation', { ...audit(allocation, created, admin), Title: `${r.name} ${h}`, BudgetId: budget, ChannelPartnerId: account, Amount: amount, Description: null });
      const [start, end] = halfRange(h);
      const ordered = mine.filter((o) => o.date >= start && o.date <= end);
      if (ordered.length === 0) return;
      const request = sfId('0pr', ++requestN);
      const first = at(ordered[0]!.date);
      add('PartnerFundRequest', {
        ...audit(request, first, admin),
        Title: `${r.name} campaign ${h}`,
        AllocationId: allocation,
        BudgetId: budget,
        ChannelPartnerId: account,
        Activity: 'Event',
        RequestedAmount: amount / 2,
        Amount: amount / 2,
        Status: 'Approved',
      });
      if (i === 0) add('PartnerFundClaim', { ...audit(sfId('0pc', ++claimN), first, admin), Title: `${r.name} claim ${h}`, RequestId: request, ChannelPartnerId: account, Amount: amount / 2, Status: 'Approved' });
    });
  }
  for (const b of out.PartnerMarketingBudget ?? []) {
    b.Amount = (out.PartnerFundAllocation ?? []).filter((a) => a.BudgetId === b.Id).reduce((s, a) => s + Number(a.Amount), 0);
  }
  let partnerN = 0;
  for (const o of orders) {
    const role = o.number % 20 === 0 ? 'Influencer' : o.number % 50 === 5 ? 'Co-Sell' : null;
    if (!role) continue;
    const stamp = at(o.date, 12);
    add('OpportunityPartner', {
      ...audit(sfId('00J', ++partnerN), stamp, admin),
      OpportunityId: sfId('006', o.number),
      AccountToId: sfId('001', nextKey.get(o.reseller) ?? o.reseller),
      Role: role,
      IsPrimary: false,
    });
  }
  return out;
}
