/**
 * Salesforce as a source (ARCHITECTURE §4), through jsforce — the client Salesforce's own
 * tools use. Pull:
 * - Initial load: one SOQL query per object (User, partner Account, partner Opportunity, then
 *   the Partnerbook objects),
 *   page by page through `nextRecordsUrl`; the cursor remembers the object and the next
 *   page's locator, so a killed sync resumes where it stopped. The load ends with the tier.
 * - Then incremental: `sobjects/X/updated` and `sobjects/X/deleted` since the last
 *   `latestDateCovered` (the cursor), the updated records re-read by id (those that left
 *   the book become tombstones). A cursor older than the replication windows (updated 30
 *   days, deleted 15) is `cursor_expired`: the client refetches, keeping pending edits.
 * - The Partnerbook package's objects (plans, objectives, initiatives, notes, action states)
 *   are pulled the same way after the standard ones (pull-custom.ts); an org without them
 *   skips them. What this client wrote itself is not pulled back as a change (`own`).
 * Writes (plans, objectives, initiatives, notes, action states to the Partnerbook package's
 * custom objects): writes.ts. Without the package every mutation is `read_only` and
 * `describe` says no entity is writable.
 */
import { Connection } from '@jsforce/jsforce-node';
import type { Change, ChangesPage } from '../../../src-shared/domain/protocol';
import { SourceError, type OpenOptions, type Source, type SourceConnector, type SourceDescription } from '../contract';
import { toSourceError } from './errors';
import { CUSTOM_OBJECTS, customChanges, customSoql, deletedChanges, isMissingObject, knownFromJson, knownToJson, type Known, type KnownEntry } from './pull-custom';
import { OBJECTS, opportunityChange, partnerChange, untieredChange, userChange, type SfObjectSpec, type SfRow } from './records';
import { salesforceWriter } from './writes';

export const API_VERSION = '61.0';
const DAY = 86_400_000;
const ID_CHUNK = 200;

export interface SalesforceTarget {
  instanceUrl: string;
  accessToken: string;
  /**
   * Gets a new access token when Salesforce says the session expired (INVALID_SESSION_ID);
   * the request is then repeated once. Without it an expired session is "sign in again".
   */
  refresh?: () => Promise<string>;
  /** Book currency for amounts (an org without multi-currency: its corporate currency). */
  currency?: string;
  /** "now" for windows and the tier's 12 months; the system clock by default (tests pin it). */
  now?: () => number;
}

/**
 * `i` counts OBJECTS then CUSTOM_OBJECTS (a cursor of the version without custom objects,
 * i ≤ 2, reads the same). `m`: the custom records pulled (pull-custom.ts `Known`); `own`:
 * records this client wrote (entity, id, version) that a later window may still list.
 */
type Cursor =
  | { v: 1; p: 'load'; i: number; next: string | null; t: string; m?: Record<string, KnownEntry> }
  | { v: 1; p: 'sync'; since: string; m?: Record<string, KnownEntry>; own?: OwnWrite[] };
type OwnWrite = [entity: string, id: string, version: number];
const ownKey = (entity: string, id: string, version: number) => `${entity}\u0000${id}\u0000${version}`;
const ALL_OBJECTS = OBJECTS.length + CUSTOM_OBJECTS.length;

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (c.v === 1 && (c.p === 'load' || c.p === 'sync')) return c;
  } catch {
    // fall through
  }
  throw new SourceError('cursor_expired', 'The saved Salesforce sync position is not readable; fetching the whole book again.');
}

const soqlList = (ids: readonly string[]) => ids.map((id) => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ');

export function salesforceConnector(target: SalesforceTarget): SourceConnector {
  const label = target.instanceUrl;
  return { kind: 'salesforce', label, open: (opts?: OpenOptions) => openSalesforce(target, opts) };
}

function openSalesforce(target: SalesforceTarget, opts: OpenOptions = {}): Source {
  const conn = new Connection({ instanceUrl: target.instanceUrl, accessToken: target.accessToken, version: API_VERSION });
  /** Shared by the calls that find the session expired at the same time: one refresh. */
  let refreshing: Promise<void> | null = null;
  const renew = (): Promise<void> =>
    (refreshing ??= target.refresh!().then((t) => {
      conn.accessToken = t;
    }).finally(() => {
      refreshing = null;
    }));
  const currency = target.currency ?? 'USD';
  const now = target.now ?? Date.now;

  /**
   * One call, bounded by the abort signal and the per-request time limit, its failure as a
   * SourceError. An expired session is renewed once (when the workspace can) and the call repeated.
   */
  async function call<T>(fn: () => PromiseLike<T>): Promise<T> {
    try {
      return await once(fn);
    } catch (err) {
      if (!(err instanceof SourceError) || err.kind !== 'unauthorized' || !target.refresh) throw err;
      await renew();
      return once(fn);
    }
  }

  async function once<T>(fn: () => PromiseLike<T>): Promise<T> {
    if (opts.signal?.aborted) throw new SourceError('network', 'Sync was cancelled.');
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      if (opts.timeoutMs) timer = setTimeout(() => reject(new SourceError('timeout', `Salesforce did not answer within ${Math.round(opts.timeoutMs! / 1000)} s.`)), opts.timeoutMs);
      onAbort = () => reject(new SourceError('network', 'Sync was cancelled.'));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([Promise.resolve(fn()), stop]);
    } catch (err) {
      throw toSourceError(err, target.instanceUrl);
    } finally {
      clearTimeout(timer);
      if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  const managers = async (): Promise<Set<string>> => {
    const r = await call(() => conn.query<SfRow>('SELECT ManagerId FROM User WHERE ManagerId != null', { autoFetch: true, maxFetch: 100_000 }));
    return new Set(r.records.map((x) => String(x.ManagerId)));
  };

  function toChanges(spec: SfObjectSpec, rows: SfRow[], mgrs: ReadonlySet<string>) {
    return rows.map((row) =>
      spec.entity === 'user' ? userChange(row, mgrs) : spec.entity === 'partner' ? partnerChange(row, currency) : opportunityChange(row, currency),
    );
  }

  const soql = (spec: SfObjectSpec, extra?: string) =>
    `SELECT ${spec.fields.join(', ')} FROM ${spec.object}${[spec.where, extra].filter(Boolean).length ? ` WHERE ${[spec.where, extra].filter(Boolean).join(' AND ')}` : ''}`;

  /** The median partner's won amount over the 12 months to the book's last won deal (or today). */
  async function tierTarget(): Promise<number> {
    const won = await call(() =>
      conn.query<SfRow>('SELECT PartnerAccountId, Amount, CloseDate FROM Opportunity WHERE IsWon = true AND PartnerAccountId != null', { autoFetch: true, maxFetch: 10_000_000 }),
    );
    const today = new Date(now()).toISOString().slice(0, 10);
    const last = won.records.reduce((m, r) => (typeof r.CloseDate === 'string' && r.CloseDate > m && r.CloseDate <= today ? r.CloseDate : m), '');
    if (!last) return 0;
    const from = new Date(Date.parse(last) - 365 * DAY).toISOString().slice(0, 10);
    const per = new Map<string, number>();
    for (const r of won.records) {
      if (typeof r.CloseDate !== 'string' || r.CloseDate <= from || r.CloseDate > last) continue;
      per.set(String(r.PartnerAccountId), (per.get(String(r.PartnerAccountId)) ?? 0) + Math.round(Number(r.Amount ?? 0) * 100));
    }
    const xs = [...per.values()].sort((a, b) => a - b);
    return xs.length ? xs[Math.floor(xs.length / 2)]! : 0;
  }

  /** The partner Accounts of the book (custom records of other accounts are left out). */
  const partnerIds = () => {
    let ids: Promise<ReadonlySet<string>> | null = null;
    return () =>
      (ids ??= call(() => conn.query<SfRow>('SELECT Id FROM Account WHERE IsPartner = true', { autoFetch: true, maxFetch: 10_000_000 })).then(
        (r) => new Set(r.records.map((x) => x.Id)),
      ));
  };
  const customDeps = (known: Known) => ({
    known,
    partners: partnerIds(),
    query: async (q: string) => (await call(() => conn.query<SfRow>(q, { autoFetch: true, maxFetch: 100_000 }))).records,
  });

  async function load(c: Extract<Cursor, { p: 'load' }>): Promise<ChangesPage> {
    const changes: Change[] = [];
    const known = knownFromJson(c.m);
    let next: string | null = null;
    if (c.i < OBJECTS.length) {
      const spec = OBJECTS[c.i]!;
      const page = await call(() => (c.next ? conn.queryMore<SfRow>(c.next) : conn.query<SfRow>(soql(spec), { autoFetch: false })));
      // The placeholder level partners point at, before the first partner arrives (its target follows at the end).
      if (c.i === 0 && c.next === null) changes.push(untieredChange(0, currency, 1));
      changes.push(...toChanges(spec, page.records, spec.entity === 'user' ? await managers() : new Set()));
      if (!page.done && page.nextRecordsUrl) next = page.nextRecordsUrl;
    } else if (c.i < ALL_OBJECTS) {
      const object = CUSTOM_OBJECTS[c.i - OBJECTS.length]!;
      try {
        const page = await call(() => (c.next ? conn.queryMore<SfRow>(c.next) : conn.query<SfRow>(customSoql(object), { autoFetch: false })));
        changes.push(...(await customChanges(customDeps(known), object, page.records, now())).upserts);
        if (!page.done && page.nextRecordsUrl) next = page.nextRecordsUrl;
      } catch (err) {
        // An org without the Partnerbook package (or this object of it): nothing to read.
        if (!isMissingObject(err)) throw err;
      }
    }
    const m = knownToJson(known);
    if (next) return { cursor: encode({ ...c, next, m }), has_more: true, changes };
    if (c.i + 1 < ALL_OBJECTS) return { cursor: encode({ ...c, i: c.i + 1, next: null, m }), has_more: true, changes };
    changes.push(untieredChange(await tierTarget(), currency, now()));
    return { cursor: encode({ v: 1, p: 'sync', since: c.t, m }), has_more: false, changes };
  }

  async function incremental(c: Extract<Cursor, { p: 'sync' }>): Promise<ChangesPage> {
    const since = c.since;
    // The window ends a day ahead: Salesforce covers up to its own current minute and says
    // so in latestDateCovered, so this computer's clock never decides what was covered. A
    // start older than Salesforce keeps (30 days updated, 15 deleted, or a purged delete
    // log) is INVALID_REPLICATION_DATE: cursor_expired, a full refetch (errors.ts).
    const start = new Date(Date.parse(since));
    const until = new Date(Date.parse(since) + DAY);
    const end = now();
    const changes: Change[] = [];
    let covered = Number.POSITIVE_INFINITY;
    let mgrs: Set<string> | null = null;
    for (const spec of OBJECTS) {
      const updated = await call(() => conn.sobject(spec.object).updated(start, until));
      const deleted = await call(() => conn.sobject(spec.object).deleted(start, until));
      covered = Math.min(covered, Date.parse(updated.latestDateCovered), Date.parse(deleted.latestDateCovered));
      const ids = updated.ids ?? [];
      if (spec.entity === 'user' && ids.length > 0) mgrs = await managers();
      for (let at = 0; at < ids.length; at += ID_CHUNK) {
        const chunk = ids.slice(at, at + ID_CHUNK);
        const rows = await call(() => conn.query<SfRow>(soql(spec, `Id IN (${soqlList(chunk)})`), { autoFetch: true, maxFetch: ID_CHUNK }));
        changes.push(...toChanges(spec, rows.records, mgrs ?? new Set()));
        // Updated, but no longer in the book (no longer a partner account …): gone from it.
        const kept = new Set(rows.records.map((r) => r.Id));
        for (const id of chunk) if (!kept.has(id)) changes.push({ entity: spec.entity, id, version: end, op: 'delete' });
      }
      for (const d of deleted.deletedRecords ?? []) {
        changes.push({ entity: spec.entity, id: d.id, version: Date.parse(d.deletedDate) || end, op: 'delete' });
      }
    }
    // The Partnerbook package's objects; an org without one skips it.
    const known = knownFromJson(c.m);
    const deps = customDeps(known);
    const own = new Set([...(c.own ?? []).map((o) => ownKey(...o)), ...wrote.keys()]);
    for (const object of CUSTOM_OBJECTS) {
      let updated: { ids?: string[]; latestDateCovered: string };
      let deleted: { deletedRecords?: { id: string; deletedDate: string }[]; latestDateCovered: string };
      try {
        updated = await call(() => conn.sobject(object).updated(start, until));
        deleted = await call(() => conn.sobject(object).deleted(start, until));
      } catch (err) {
        if (isMissingObject(err)) continue;
        throw err;
      }
      covered = Math.min(covered, Date.parse(updated.latestDateCovered), Date.parse(deleted.latestDateCovered));
      const ids = updated.ids ?? [];
      for (let at = 0; at < ids.length; at += ID_CHUNK) {
        const chunk = ids.slice(at, at + ID_CHUNK);
        const rows = await call(() => conn.query<SfRow>(customSoql(object, `Id IN (${soqlList(chunk)})`), { autoFetch: true, maxFetch: ID_CHUNK }));
        const got = await customChanges(deps, object, rows.records, end);
        // What this client wrote itself is in the replica already, at this version.
        changes.push(...got.upserts.filter((u) => !own.has(ownKey(u.entity, u.id, u.version))), ...got.gone);
      }
      changes.push(...deletedChanges(known, (deleted.deletedRecords ?? []).map((d) => ({ id: d.id, version: Date.parse(d.deletedDate) || end }))));
    }
    // Deletes of parents after their children's: the applier takes a page in order.
    const ups = changes.filter((c) => c.op === 'upsert');
    const dels = changes.filter((c) => c.op === 'delete').reverse();
    const next = Number.isFinite(covered) ? covered : Date.parse(since);
    // Own writes a later window may still list (at or after what is covered now).
    const ownLeft = [...(c.own ?? []), ...wrote.values()].filter((o) => o[2] >= next);
    const cursor: Cursor = { v: 1, p: 'sync', since: new Date(next).toISOString(), m: knownToJson(known), ...(ownLeft.length ? { own: ownLeft } : {}) };
    return { cursor: encode(cursor), has_more: false, changes: [...ups, ...dels] };
  }

  /** Records this connection wrote (as applied, with their new version): not pulled back as changes. */
  const wrote = new Map<string, OwnWrite>();
  const writer = salesforceWriter({
    conn,
    call,
    apiVersion: API_VERSION,
    now,
    editor: async () => (await call(() => conn.request<{ name?: string }>('/services/oauth2/userinfo'))).name ?? null,
  });

  let who: Promise<SourceDescription> | null = null;
  return {
    label: target.instanceUrl,
    describe() {
      who ??= (async () => {
        // "OpenID Connect UserInfo Endpoint": who the access token belongs to (no Identity URL needed).
        const id = await call(() => conn.request<{ user_id?: string; name?: string; email?: string }>('/services/oauth2/userinfo'));
        if (!id.user_id) throw new SourceError('bad_response', 'Salesforce did not say who is signed in.');
        const me = id.user_id;
        const reports = await call(() => conn.query<SfRow>(`SELECT Id FROM User WHERE ManagerId = '${me.replace(/[^A-Za-z0-9]/g, '')}'`, { autoFetch: false }));
        return {
          name: `Salesforce (${new URL(target.instanceUrl).host})`,
          user: { id: me, name: id.name ?? me, email: id.email ?? null, role: reports.totalSize > 0 ? 'manager' : 'cam' },
          writable: await writer.writable(),
        } satisfies SourceDescription;
      })();
      who.catch(() => (who = null));
      return who;
    },
    async changes(cursor) {
      if (cursor === null) return load({ v: 1, p: 'load', i: 0, next: null, t: new Date(now()).toISOString() });
      const c = decode(cursor);
      if (c.p === 'load') return load(c);
      // A position saved before plans and notes were pulled: fetch the book once more to bring them.
      if (c.m === undefined) throw new SourceError('cursor_expired', 'Partnerbook now also reads plans and notes from Salesforce; fetching the whole book once.');
      return incremental(c);
    },
    async mutations(request) {
      const res = await writer.mutations(request);
      for (const r of res.results) {
        const m = request.mutations.find((x) => x.mutation_id === r.mutation_id);
        if (m && r.status === 'applied' && r.record) wrote.set(ownKey(m.entity, m.id, r.version), [m.entity, m.id, r.version]);
      }
      return res;
    },
  };
}
