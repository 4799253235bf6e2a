/**
 * What the pull steps share (pull-steps.ts, pull-steps-funds.ts): the Step shape, SOQL
 * helpers, and per-connection lookups — the book's partner Accounts, reads by id in
 * chunks, and reads of objects the org may not have.
 */
import type { EntityName } from '../../../src-shared/domain/entities';
import type { Change } from '../../../src-shared/domain/protocol';
import { partnerWhere, type SalesforceMapping } from '../../../src-shared/domain/salesforce-mapping';
import { isMissingObject } from './pull-custom';
import type { SfRow } from './records';

const ID_CHUNK = 200;
export const soqlIds = (ids: Iterable<string>) => [...ids].map((id) => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ');
/** A SOQL dateTime literal (no milliseconds). */
export const soqlTime = (t: Date) => t.toISOString().replace(/\.\d{3}Z$/, 'Z');
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / ID_CHUNK) }, (_, i) => xs.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK));

/**
 * Why a record was left out of the book, or a link of it set to none (SourceNotes.leftOut):
 * a record it needs is not in the book. The replica checks every link as a page is applied,
 * so one such record would otherwise stop every sync at the same page.
 */
export const LEFT_OUT = {
  partnerOwner: 'Partner accounts owned by someone who is not a Salesforce user of your book (a partner user, or a user hidden from you) are left out, with their contacts and opportunities.',
  certificationContact: 'Certifications whose contact is not in your book (a contact of another account, or one you cannot see) are left out.',
  psatContact: 'PSAT answers whose contact is not in your book are kept without a contact.',
  loginContact: 'Portal logins of a partner user whose contact is not in your book are kept without a contact.',
  requestAllocation: 'MDF requests whose allocation is not in your book (an allocation of another partner, or one you cannot read) are left out.',
} as const;

export const select = (fields: readonly string[], object: string, ...conds: (string | null | undefined)[]) => {
  const where = conds.filter(Boolean);
  return `SELECT ${fields.join(', ')} FROM ${object}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
};

export interface StepDeps {
  mapping: SalesforceMapping;
  currency: string;
  now: () => number;
  /** Every row of a query (all pages). */
  query(soql: string): Promise<SfRow[]>;
  /** Ids of `object` updated in [start, until), for follow-ups of objects without their own step. */
  updatedIds(object: string, start: Date, until: Date): Promise<string[]>;
}

export interface Step {
  object: string;
  entity: EntityName;
  /** The SOQL of this step's rows, narrowed by `where` (`Id IN (…)`). */
  soql(where?: string): string;
  /** Rows of this step as records; rows outside the book are left out. */
  convert(rows: SfRow[]): Promise<Change[]>;
  /** Unreadable is not worth a note (another step brings the entity). */
  quiet?: boolean;
  /** Has a getUpdated / getDeleted feed the incremental sync reads (re-reading updated rows by Id). */
  replicated: boolean;
  /** Reads all its records at once instead of paging `soql()` (rows picked by the ids of other records). */
  read?(): Promise<Change[]>;
  /** Incremental: records that changed through other objects in [start, until), after the feed. */
  follow?(start: Date, until: Date, changedIds: readonly string[]): Promise<Change[]>;
}

/** A lookup computed once per connection (again after a failure). */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= fn().catch((err: unknown) => ((p = null), Promise.reject(err))));
}

export type StepContext = ReturnType<typeof stepContext>;

export function stepContext(d: StepDeps) {
  /** Lookups of an object the org may not have: null when it does not. */
  const optional = async (soql: string): Promise<SfRow[] | null> => {
    try {
      return await d.query(soql);
    } catch (err) {
      if (isMissingObject(err)) return null;
      throw err;
    }
  };
  const byIds = async (fields: readonly string[], object: string, field: string, ids: readonly string[], ...conds: string[]) => {
    const out: SfRow[] = [];
    for (const c of chunks([...new Set(ids)])) if (c.length) out.push(...(await d.query(select(fields, object, `${field} IN (${soqlIds(c)})`, ...conds))));
    return out;
  };
  /** Ids of `object` updated in the window; none when the org has no such object. */
  const updatedIds = async (object: string, start: Date, until: Date) => {
    try {
      return await d.updatedIds(object, start, until);
    } catch (err) {
      if (isMissingObject(err)) return [];
      throw err;
    }
  };
  const partners = once(async () => {
    const rows = await optional(select(['Id', 'OwnerId'], 'Account', partnerWhere(d.mapping)));
    const us = await standardUsers();
    // A partner owned by someone who is not one of the book's users (a partner user, a user
    // hidden from this one) cannot be in the book: its owner is required (partner.owner_id).
    return new Set((rows ?? []).filter((r) => us.has(String(r.OwnerId))).map((r) => r.Id));
  });
  /** The internal users the user step reads (every Standard user): the only users a record can point at. */
  const standardUsers = once(async () => new Set((await d.query(select(['Id'], 'User', "UserType = 'Standard'"))).map((r) => r.Id)));
  /** Of `ids`, the rows of `object` that belong to a partner of the book (`partnerField`). */
  const inBook = async (object: string, partnerField: string, ids: Iterable<string | null>): Promise<Set<string>> => {
    const ps = await partners();
    const want = [...new Set([...ids].filter((x): x is string => typeof x === 'string' && x !== ''))];
    if (!want.length) return new Set();
    const rows = (await optionalByIds(['Id', partnerField], object, want)) ?? [];
    return new Set(rows.filter((r) => ps.has(String(r[partnerField]))).map((r) => r.Id));
  };
  const optionalByIds = async (fields: readonly string[], object: string, ids: readonly string[]) => {
    try {
      return await byIds(fields, object, 'Id', ids);
    } catch (err) {
      if (isMissingObject(err)) return null;
      throw err;
    }
  };
  /**
   * Records left out of the book because a record they need is not in it (a certification
   * whose contact is of another account …), or links set to none; counted per entity and
   * reason for the notes (SourceNotes.leftOut).
   */
  const leftOut = new Map<string, { entity: EntityName; count: number; reason: string }>();
  const leave = (entity: EntityName, count: number, reason: string) => {
    if (count <= 0) return;
    const k = `${entity}\u0000${reason}`;
    const cur = leftOut.get(k);
    if (cur) cur.count += count;
    else leftOut.set(k, { entity, count, reason });
  };
  return {
    d,
    m: d.mapping,
    standardUsers,
    /** Of these contact ids, those of the book (a contact of one of its partners). */
    contactsInBook: (ids: Iterable<string | null>) => inBook('Contact', 'AccountId', ids),
    /** Of these allocation ids, those of the book (an allocation of one of its partners, readable). */
    allocationsInBook: (ids: Iterable<string | null>) => inBook('PartnerFundAllocation', 'ChannelPartnerId', ids),
    leave,
    leftOut: () => [...leftOut.values()].map((x) => ({ ...x })),
    today: () => new Date(d.now()).toISOString().slice(0, 10),
    optional,
    byIds,
    updatedIds,
    /** The partner Accounts of the book (the mapping's partner filter, owned by one of its users). */
    partners,
  };
}
