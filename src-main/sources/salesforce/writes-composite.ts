/**
 * The calls the writer makes, through jsforce: `/composite` with allOrNone false ("Send
 * Multiple Requests Using Composite": subrequests run in order, one failing does not stop
 * the others, a later one may refer to an earlier result as `@{ref.id}`), and SOQL by
 * external id or by Id. Also the small caches the writer keeps for one open connection:
 * Partnerbook id ↔ Salesforce Id per object.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { EXTERNAL_ID } from './writes-mapping';
import type { SfRow } from './records';

/** At most 25 subrequests per composite call. */
export const MAX_SUBREQUESTS = 25;

export interface Sub {
  method: 'GET' | 'PATCH' | 'DELETE';
  url: string;
  referenceId: string;
  body?: Record<string, unknown>;
  httpHeaders?: Record<string, string>;
}

export interface SubResult {
  status: number;
  body: unknown;
}

/** The first error of a failed subrequest: `[{ errorCode, message, fields }]`. */
export interface SfFailure {
  code: string;
  message: string;
  fields: string[];
}

export function failureOf(r: SubResult): SfFailure {
  const first = Array.isArray(r.body) ? (r.body[0] as Record<string, unknown> | undefined) : undefined;
  return {
    code: typeof first?.errorCode === 'string' ? first.errorCode : `HTTP_${r.status}`,
    message: typeof first?.message === 'string' ? first.message : `Salesforce answered ${r.status}.`,
    fields: Array.isArray(first?.fields) ? first.fields.filter((x): x is string => typeof x === 'string') : [],
  };
}

export type Call = <T>(fn: () => PromiseLike<T>) => Promise<T>;

export interface Api {
  readonly prefix: string;
  composite(subs: Sub[]): Promise<Map<string, SubResult>>;
  query(soql: string): Promise<SfRow[]>;
}

export function api(conn: Connection, call: Call, version: string): Api {
  const prefix = `/services/data/v${version}`;
  return {
    prefix,
    async composite(subs) {
      const out = new Map<string, SubResult>();
      if (subs.length === 0) return out;
      const res = await call(() =>
        conn.requestPost<{ compositeResponse?: { referenceId: string; httpStatusCode: number; body: unknown }[] }>(`${prefix}/composite`, {
          allOrNone: false,
          compositeRequest: subs,
        }),
      );
      for (const r of res.compositeResponse ?? []) out.set(r.referenceId, { status: r.httpStatusCode, body: r.body });
      return out;
    },
    async query(soql) {
      const r = await call(() => conn.query<SfRow>(soql, { autoFetch: true, maxFetch: 100_000 }));
      return r.records;
    },
  };
}

/** A SOQL string literal. */
export const soqlString = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Partnerbook id ↔ Salesforce Id, per object, as learnt from reads and writes. */
export class IdMap {
  private readonly sf = new Map<string, string>();
  private readonly ext = new Map<string, string>();

  learn(object: string, sfId: unknown, extId: unknown): void {
    if (typeof sfId !== 'string' || typeof extId !== 'string' || extId === '') return;
    this.sf.set(`${object}\u0000${extId}`, sfId);
    this.ext.set(`${object}\u0000${sfId}`, extId);
  }

  learnRow(object: string, row: SfRow): void {
    this.learn(object, row.Id, row[EXTERNAL_ID]);
  }

  forget(object: string, extId: string): void {
    const key = `${object}\u0000${extId}`;
    const sfId = this.sf.get(key);
    this.sf.delete(key);
    if (sfId) this.ext.delete(`${object}\u0000${sfId}`);
  }

  sfId(object: string, extId: string): string | null {
    return this.sf.get(`${object}\u0000${extId}`) ?? null;
  }

  extId(object: string, sfId: string): string | null {
    return this.ext.get(`${object}\u0000${sfId}`) ?? null;
  }
}
