/**
 * The writer's rounds for one chunk of mutations: plan each (write, read, delete, or an
 * answer without a call), send the round as one `/composite`, read each subrequest's
 * answer, and merge a 412 per field against the mutation's base for the next round.
 */
import type { EditableEntityName } from '../../../src-shared/domain/entities';
import type { Mutation } from '../../../src-shared/domain/protocol';
import { SourceError } from '../contract';
import { toSourceError } from './errors';
import { versionOf, type SfRow } from './records';
import { failureOf, MAX_SUBREQUESTS, type Api, type IdMap, type Sub, type SubResult } from './writes-composite';
import { EXTERNAL_ID, MissingParent, fromSalesforce, isWritten, readFields, sameValue, toSalesforce, type EntitySpec } from './writes-mapping';

const ROUNDS = 4;
const BUSY = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE']);
/** Whole-request failures even when Salesforce reports them on one subrequest. */
const FATAL = new Set(['REQUEST_LIMIT_EXCEEDED', 'INVALID_SESSION_ID', 'INVALID_AUTH_HEADER']);
/** Never reported as merged: the id, and the times Salesforce or creation set. */
const NOT_MERGED = new Set(['id', 'created_at', 'updated_at', 'author']);

export type Action =
  /** PATCH by external id: an upsert (`create`), or with updateOnly an edit, conditional when `since` is set. */
  | { kind: 'write'; fields: Record<string, unknown>; create: boolean; updateOnly: boolean; since: string | null }
  | { kind: 'read' }
  | { kind: 'delete' };

export type Outcome =
  | { status: 'applied'; row: SfRow | null; version: number; merged: string[] }
  | { status: 'conflict'; row: SfRow; fields: string[] }
  | { status: 'rejected'; code: 'validation' | 'read_only' | 'not_found'; message: string; field?: string };

export interface Item {
  m: Mutation;
  /** Position in the request (later mutations of the same record supersede earlier values). */
  index: number;
  entity: EditableEntityName;
  spec: EntitySpec;
  action: Action | null;
  outcome: Outcome | null;
  conflicts: string[];
  merged: string[];
  currency: string | null;
}

export interface WriteContext {
  sf: Api;
  ids: IdMap;
  own: Set<string>;
  all: Mutation[];
  editor: string | null;
  now: () => number;
}

/** Pre-read records: object → Partnerbook id → row, or null when it was looked for and is not there. */
export type PreRead = Map<string, Map<string, SfRow | null>>;

const ms = (v: unknown): number => (typeof v === 'string' ? Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN);
const httpDate = (t: number) => new Date(t).toUTCString();
export const ownKey = (object: string, id: string, version: number) => `${object}\u0000${id}\u0000${version}`;

function noteCurrency(it: Item, row: SfRow): void {
  const money = Object.values(it.spec.fields).find((fs) => fs.kind === 'money_minor');
  const code = money ? row[it.spec.fields[money.currency!]!.field] : undefined;
  if (typeof code === 'string') it.currency = code;
}

/** The first plan of a mutation, from the pre-read (undefined: not read first). */
function plan(ctx: WriteContext, it: Item, chunk: Item[], pre: PreRead): void {
  const { m, spec } = it;
  const row = pre.get(spec.object)?.get(m.id);
  if (row) noteCurrency(it, row);
  if (m.op === 'delete') {
    it.action = { kind: 'delete' };
  } else if (row === undefined) {
    it.action = { kind: 'write', fields: m.fields, create: false, updateOnly: true, since: httpDate(m.base_version) };
  } else if (row === null) {
    const earlier = chunk.some((o) => o.index < it.index && o.spec.object === spec.object && o.m.id === m.id && o.m.op === 'upsert');
    if (earlier) it.action = { kind: 'write', fields: m.fields, create: false, updateOnly: true, since: null };
    else if (m.base_version > 0) it.outcome = gone(it);
    else {
      // A create carries the whole record; without its parent it would be an orphan.
      const missing = Object.entries(spec.fields).find(([name, fs]) => (fs.kind === 'ref_id' || fs.kind === 'ref_ext') && !fs.nullable && m.fields[name] == null);
      if (missing) it.outcome = { status: 'rejected', code: 'validation', message: `This ${it.entity} was never created in Salesforce and the edit does not say its ${missing[0]}.`, field: missing[0] };
      else it.action = { kind: 'write', fields: m.fields, create: true, updateOnly: false, since: null };
    }
  } else merge(ctx, it, row, chunk);
}

const gone = (it: Item): Outcome => ({
  status: 'rejected',
  code: 'not_found',
  message: `This ${it.entity.replace('_', ' ')} no longer exists in Salesforce (it was deleted there); your edit is kept here.`,
});

/**
 * Three-way merge of the mutation against the record as Salesforce has it now. `chunk`:
 * the request's items — an earlier one still to write the same record (it goes first)
 * stands for Salesforce's value of the fields it writes; what is already written is in
 * `row`.
 */
function merge(ctx: WriteContext, it: Item, row: SfRow, chunk: readonly Item[]): void {
  const { m, entity, spec } = it;
  noteCurrency(it, row);
  const record = fromSalesforce(entity, row, (o, id) => ctx.ids.extId(o, id));
  // An earlier edit of the same record in this request that is still to be written goes
  // first: for this one, Salesforce's value of a field it writes is what it writes, not the
  // row read before (otherwise the second and third edits of one record look like
  // conflicts). One rejected or in conflict writes nothing and does not count.
  const earlier = (f: string): { found: boolean; value: unknown } => {
    let found: { found: boolean; value: unknown } = { found: false, value: undefined };
    for (const o of chunk) {
      if (o.index >= it.index || o.spec.object !== spec.object || o.m.id !== m.id || o.outcome !== null) continue;
      if (o.action?.kind === 'write' && Object.hasOwn(o.action.fields, f)) found = { found: true, value: o.action.fields[f] };
    }
    return found;
  };
  const theirs = (f: string): unknown => {
    const before = earlier(f);
    if (before.found) return before.value;
    const fs = spec.fields[f]!;
    const raw = row[fs.field];
    if (fs.kind !== 'ref_ext' || typeof raw !== 'string' || record[f] !== null) return record[f];
    // A parent this connection has not seen by Id: compare Salesforce Ids.
    for (const v of [m.fields[f], m.base[f]]) if (typeof v === 'string' && ctx.ids.sfId(fs.parent!, v) === raw) return v;
    return `sf:${raw}`;
  };
  const same = (f: string, a: unknown, b: unknown) => sameValue(entity, f, a, b);
  const touched = Object.keys(m.fields).filter((f) => isWritten(entity, f) && !spec.fields[f]!.createOnly);
  const superseded = (f: string, value: unknown) =>
    ctx.all.some((o, i) => i > it.index && o.entity === m.entity && o.id === m.id && o.op === 'upsert' && Object.hasOwn(o.fields, f) && same(f, o.fields[f], value));
  const apply: Record<string, unknown> = {};
  const conflicts: string[] = [];
  for (const f of touched) {
    const t = theirs(f);
    if (same(f, t, m.fields[f]) || superseded(f, t)) continue;
    if (Object.hasOwn(m.base, f) && same(f, t, m.base[f])) apply[f] = m.fields[f];
    else conflicts.push(f);
  }
  const version = versionOf(row);
  // Salesforce does not say which fields changed: when none the user touched did, the
  // change was in the others, and those are what the answer names as merged.
  const foreign = m.base_version > 0 && version > m.base_version && !ctx.own.has(ownKey(spec.object, m.id, version));
  const explained = touched.some((f) => !same(f, theirs(f), m.base[f]));
  it.merged = foreign && !explained ? Object.keys(spec.fields).filter((f) => !Object.hasOwn(m.fields, f) && !NOT_MERGED.has(f)) : [];
  it.conflicts = conflicts;
  if (Object.keys(apply).length > 0) {
    it.action = { kind: 'write', fields: apply, create: false, updateOnly: true, since: httpDate(ms(row.LastModifiedDate)) };
  } else {
    it.action = null;
    it.outcome = conflicts.length > 0 ? { status: 'conflict', row, fields: conflicts } : { status: 'applied', row, version, merged: it.merged };
  }
}

function succeeded(ctx: WriteContext, it: Item, row: SfRow): void {
  ctx.ids.learnRow(it.spec.object, row);
  noteCurrency(it, row);
  ctx.own.add(ownKey(it.spec.object, it.m.id, versionOf(row)));
  it.action = null;
  it.outcome = it.conflicts.length > 0 ? { status: 'conflict', row, fields: it.conflicts } : { status: 'applied', row, version: versionOf(row), merged: it.merged };
}

const deleted = (ctx: WriteContext, it: Item): Outcome => {
  ctx.ids.forget(it.spec.object, it.m.id);
  return { status: 'applied', row: null, version: Math.max(it.m.base_version, ctx.now()), merged: [] };
};

/** The subrequests of one item (`n`: its place in the round), or none when it is answered without a call. */
function build(ctx: WriteContext, it: Item, n: number, created: Map<string, string>): Sub[] {
  const { m, spec, action } = it;
  const url = `${ctx.sf.prefix}/sobjects/${spec.object}/${EXTERNAL_ID}/${encodeURIComponent(m.id)}`;
  const read: Sub = { method: 'GET', url: `${url}?fields=${readFields(spec.object).join(',')}`, referenceId: `r${n}` };
  const key = `${spec.object}\u0000${m.id}`;
  if (action?.kind === 'read') return [read];
  if (action?.kind === 'delete') {
    const target = ctx.ids.sfId(spec.object, m.id) ?? created.get(key);
    if (!target) {
      it.action = null;
      it.outcome = deleted(ctx, it);
      return [];
    }
    return [{ method: 'DELETE', url: `${ctx.sf.prefix}/sobjects/${spec.object}/${target}`, referenceId: `w${n}` }];
  }
  if (action?.kind !== 'write') return [];
  let body: Record<string, unknown>;
  try {
    const parent = (object: string, ext: string) => ctx.ids.sfId(object, ext) ?? created.get(`${object}\u0000${ext}`) ?? null;
    body = toSalesforce(it.entity, action.fields, { create: action.create, parent, currency: it.currency, editor: ctx.editor });
  } catch (err) {
    if (!(err instanceof MissingParent)) throw err;
    it.action = null;
    it.outcome = { status: 'rejected', code: 'not_found', message: `There is no ${err.field.replace(/_id$/, '')} '${String(action.fields[err.field])}' in Salesforce.`, field: err.field };
    return [];
  }
  if (action.create) created.set(key, `@{w${n}.id}`);
  const write: Sub = { method: 'PATCH', url: action.updateOnly ? `${url}?updateOnly=true` : url, referenceId: `w${n}`, body };
  if (action.since) write.httpHeaders = { 'If-Unmodified-Since': action.since };
  return [write, read];
}

/** The entity field a Salesforce field name belongs to. */
function entityField(spec: EntitySpec, sfField: string | undefined): string | undefined {
  if (!sfField) return undefined;
  return Object.entries(spec.fields).find(([, fs]) => fs.field.toLowerCase() === sfField.toLowerCase())?.[0];
}

function handle(ctx: WriteContext, it: Item, w: SubResult | undefined, r: SubResult | undefined, chunk: readonly Item[]): void {
  const action = it.action!;
  if (action.kind === 'read') {
    if (r?.status === 200) succeeded(ctx, it, r.body as SfRow);
    else if (r?.status === 404) it.outcome = deleted(ctx, it);
    return;
  }
  if (!w) return; // not run: tried again next round
  if (w.status < 300 || (action.kind === 'delete' && w.status === 404)) {
    if (action.kind === 'delete') {
      it.action = null;
      it.outcome = deleted(ctx, it);
      return;
    }
    const saved = w.body as { id?: unknown } | null;
    ctx.ids.learn(it.spec.object, saved?.id, it.m.id);
    if (r?.status === 200) succeeded(ctx, it, r.body as SfRow);
    else it.action = { kind: 'read' };
    return;
  }
  const fail = failureOf(w);
  if (w.status === 412 && r?.status === 200) return merge(ctx, it, r.body as SfRow, chunk);
  if (FATAL.has(fail.code)) throw toSourceError({ errorCode: fail.code, message: fail.message, statusCode: w.status }, ctx.sf.prefix);
  if (w.status >= 500 || BUSY.has(fail.code) || (w.status === 412 && r?.status !== 404)) {
    throw new SourceError('server', 'Salesforce is busy right now; trying again shortly.', w.status, undefined, fail.code);
  }
  it.action = null;
  if (w.status === 404 || (w.status === 412 && r?.status === 404)) it.outcome = gone(it);
  else if (fail.code === 'PROCESSING_HALTED') {
    const ref = Object.keys(action.kind === 'write' ? action.fields : {}).find((f) => it.spec.fields[f]?.kind === 'ref_ext');
    it.outcome = { status: 'rejected', code: 'not_found', message: 'What this belongs to could not be written to Salesforce first.', ...(ref ? { field: ref } : {}) };
  } else {
    const field = entityField(it.spec, fail.fields[0]);
    it.outcome = { status: 'rejected', code: fail.code.startsWith('INSUFFICIENT_ACCESS') ? 'read_only' : 'validation', message: fail.message, ...(field ? { field } : {}) };
  }
}

/** Plans and runs one chunk (at most 12 mutations: two subrequests each) until every mutation has its outcome. */
export async function runRounds(ctx: WriteContext, chunk: Item[], pre: PreRead): Promise<void> {
  for (const it of chunk) plan(ctx, it, chunk, pre);
  for (let round = 0; round < ROUNDS; round++) {
    const pending = chunk.filter((it) => it.outcome === null && it.action !== null);
    if (pending.length === 0) return;
    const subs: Sub[] = [];
    const created = new Map<string, string>();
    const sent: Item[] = [];
    pending.forEach((it, n) => {
      const more = build(ctx, it, n, created);
      if (more.length === 0) return;
      if (subs.length + more.length > MAX_SUBREQUESTS) throw new Error('composite over its subrequest limit');
      subs.push(...more);
      sent.push(it);
    });
    const res = await ctx.sf.composite(subs);
    for (const it of sent) {
      const n = pending.indexOf(it);
      handle(ctx, it, res.get(`w${n}`), res.get(`r${n}`), chunk);
    }
  }
  if (chunk.some((it) => it.outcome === null)) {
    throw new SourceError('server', 'Salesforce kept changing these records while Partnerbook wrote them; trying again shortly.');
  }
}

