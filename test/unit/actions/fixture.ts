/**
 * A small crafted book for the action rules: server-owned rows inserted directly (as a
 * pull would), client-editable ones either as server base rows or through queueEdits.
 * Every helper fills sensible defaults, so a test states only what matters to its rule.
 */
import { openDb, type Db } from '../../../src-main/db/connection';
import { addDays } from '../../../src-shared/domain/time';

export const AS_OF = '2026-11-20';

type Row = Record<string, string | number | null>;

export interface Book {
  db: Db;
  insert(table: string, row: Row): void;
  partner(id: string, over?: Row): void;
  contact(id: string, partnerId: string, over?: Row): void;
  opp(id: string, partnerId: string | null, over?: Row): void;
  reg(id: string, partnerId: string, over?: Row): void;
  events(partnerId: string, count: number, fromDaysAgo: number, toDaysAgo: number): void;
  cert(id: string, partnerId: string, contactId: string, over?: Row): void;
}

let eventSeq = 0;

export function book(): Book {
  const db = openDb(':memory:');
  const insert = (table: string, row: Row) => {
    const cols = Object.keys(row);
    db.sqlite
      .prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => row[c]));
  };
  insert('user', { id: 'U-1', name: 'Ada Cam', email: 'ada@x.io', role: 'cam', manager_id: null, version: 1 });
  insert('user', { id: 'U-2', name: 'Bo Cam', email: 'bo@x.io', role: 'cam', manager_id: null, version: 1 });
  const tier = (id: string, name: string, rank: number, minArr: number, minCert: number, target: number) =>
    insert('tier', {
      id,
      name,
      rank,
      min_sourced_arr: minArr,
      min_certified: minCert,
      revenue_target: target,
      pipeline_target: target / 2,
      currency: 'USD',
      benefits: '[]',
      version: 1,
    });
  tier('registered', 'Registered', 1, 0, 0, 10_000_000);
  tier('silver', 'Silver', 2, 20_000_000, 2, 40_000_000);
  tier('gold', 'Gold', 3, 50_000_000, 4, 100_000_000);
  tier('platinum', 'Platinum', 4, 100_000_000, 8, 250_000_000);

  const b: Book = {
    db,
    insert,
    partner(id, over = {}) {
      insert('partner', {
        id,
        name: `Partner ${id}`,
        type: 'reseller',
        tier_id: 'silver',
        region: 'EMEA',
        country: 'DE',
        owner_id: 'U-1',
        status: 'active',
        agreement_signed_at: '2023-01-10',
        churned_at: null,
        website: null,
        currency: 'USD',
        version: 1,
        ...over,
      });
    },
    contact(id, partnerId, over = {}) {
      insert('contact', { id, partner_id: partnerId, name: `Contact ${id}`, email: `${id}@p.io`, role: 'Sales', last_login_at: null, version: 1, ...over });
    },
    opp(id, partnerId, over = {}) {
      insert('opportunity', {
        id,
        partner_id: partnerId,
        customer: `Customer ${id}`,
        amount: 10_000_000,
        currency: 'USD',
        stage: 'proposal',
        partner_role: partnerId ? 'sourced' : 'direct',
        created_at: addDays(AS_OF, -100),
        close_date: addDays(AS_OF, 30),
        last_activity_at: addDays(AS_OF, -3),
        version: 1,
        ...over,
      });
    },
    reg(id, partnerId, over = {}) {
      insert('deal_registration', {
        id,
        partner_id: partnerId,
        customer: `Customer ${id}`,
        amount: 5_000_000,
        currency: 'USD',
        status: 'submitted',
        submitted_at: addDays(AS_OF, -3),
        decided_at: null,
        expires_at: addDays(AS_OF, 87),
        matched_opportunity_id: null,
        opportunity_id: null,
        version: 1,
        ...over,
      });
    },
    events(partnerId, count, fromDaysAgo, toDaysAgo) {
      for (let i = 0; i < count; i++) {
        const ago = fromDaysAgo - Math.floor(((fromDaysAgo - toDaysAgo) * i) / Math.max(1, count));
        insert('engagement_event', {
          id: `E-${++eventSeq}`,
          partner_id: partnerId,
          contact_id: null,
          kind: 'portal_login',
          occurred_at: `${addDays(AS_OF, -ago)}T10:00:00Z`,
          detail: null,
          version: 1,
        });
      }
    },
    cert(id, partnerId, contactId, over = {}) {
      insert('certification', {
        id,
        partner_id: partnerId,
        contact_id: contactId,
        name: 'Cloud Architect',
        earned_at: '2025-06-01',
        expires_at: '2027-06-01',
        version: 1,
        ...over,
      });
    },
  };
  return b;
}

/** Gives a partner `n` certified people (contacts `${pid}-C1..n`), expiring on `expires`. */
export function certifiedPeople(b: Book, pid: string, n: number, expires = '2027-06-01', from = 1): void {
  for (let i = from; i < from + n; i++) {
    b.contact(`${pid}-C${i}`, pid);
    b.cert(`${pid}-CERT${i}`, pid, `${pid}-C${i}`, { expires_at: expires });
  }
}

/** Two registered partners with stalled deals (one 60 days quiet on P-1, one 47 on P-2) and a pending registration on P-2. */
export function stalledBook(b: Book = book()): Book {
  const ago = (d: number) => addDays(AS_OF, -d);
  b.partner('P-1', { tier_id: 'registered' });
  b.partner('P-2', { tier_id: 'registered', owner_id: 'U-2' });
  b.opp('O-BIG', 'P-1', { amount: 90_000_000, stage: 'proposal', last_activity_at: ago(60) });
  b.opp('O-SMALL', 'P-1', { amount: 2_000_000, stage: 'proposal', last_activity_at: ago(60) });
  b.opp('O-OTHER', 'P-2', { amount: 10_000_000, stage: 'negotiation', last_activity_at: ago(47) });
  b.reg('R-1', 'P-2', { submitted_at: ago(9), amount: 40_000_000 });
  return b;
}
