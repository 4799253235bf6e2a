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
  return {
    d,
    m: d.mapping,
    today: () => new Date(d.now()).toISOString().slice(0, 10),
    optional,
    byIds,
    updatedIds,
    /** The partner Accounts of the book (the mapping's partner filter). */
    partners: once(async () => new Set((await optional(`SELECT Id FROM Account WHERE ${partnerWhere(d.mapping)}`))?.map((r) => r.Id) ?? [])),
  };
}
