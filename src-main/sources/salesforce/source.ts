/**
 * Salesforce as a source (ARCHITECTURE §4), through jsforce — the client Salesforce's own
 * tools use. What is read from which object, in order (parents before children), is in
 * pull-steps.ts (users, channel program levels, partners, contacts, opportunities and their
 * partners, deal registrations, MDF, portal logins, mapped certifications and PSAT), then
 * the Partnerbook package's objects (pull-custom.ts). The mapping (partner filter, record
 * types, stages, roles, custom objects) is `SalesforceTarget.mapping`.
 * - Initial load: one SOQL query per object, page by page through `nextRecordsUrl`; an
 *   object of 50,000 rows or more (its COUNT()) through a Bulk API 2.0 query job instead
 *   (bulk.ts). The cursor remembers the step and the next page's locator (or the Bulk
 *   job and its Sforce-Locator), so a killed sync resumes where it stopped. The load ends with the untiered level's target.
 * - Then incremental: `sobjects/X/updated` and `sobjects/X/deleted` since the last
 *   `latestDateCovered` (the cursor), the updated records re-read by id (those that left
 *   the book become tombstones), then what changed through other objects (a step's
 *   `follow`). A cursor older than the replication windows (updated 30 days, deleted 15)
 *   is `cursor_expired`: the client refetches, keeping pending edits. An updated window
 *   with too many ids (EXCEEDED_ID_LIMIT) is split in halves first (updated-window.ts).
 * - An object the org does not have or the user may not read (INVALID_TYPE, INVALID_FIELD,
 *   insufficient access) is skipped, and `notes()` names the entity with a sentence; the
 *   sync goes on. `notes()` also gives the org's API usage from `Sforce-Limit-Info`.
 * - What this client wrote itself is not pulled back as a change (`own`).
 * Writes (plans, objectives, initiatives, notes, action states to the Partnerbook package's
 * custom objects): writes.ts. Without the package every mutation is `read_only` and
 * `describe` says no entity is writable.
 */
import { salesforceConnection } from './jsforce';
import type { EntityName } from '../../../src-shared/domain/entities';
import type { Change, ChangesPage } from '../../../src-shared/domain/protocol';
import { DEFAULT_SALESFORCE_MAPPING, mappingKey, type SalesforceMapping } from '../../../src-shared/domain/salesforce-mapping';
import { SourceError, type OpenOptions, type Source, type SourceConnector, type SourceDescription, type SourceKeyStore, type SourceNotes, type SourcePage } from '../contract';
import { bulkLoader, typedRow, type BulkOptions, type BulkPosition } from './bulk';
import { toSourceError } from './errors';
import { refusedReason, unavailableReason } from './notes';
import { CUSTOM_OBJECTS, customChanges, customSoql, deletedChanges, isMissingObject, knownDiff, knownFromJson, knownFromKeys, knownToJson, type CustomRows, type Known, type KnownEntry } from './pull-custom';
import { pullSteps, soqlIds, type Step } from './pull-steps';
import { untieredChange, type SfRow } from './records';
import { nextReconcileState, reconcileDue, reconcileIds, type ReconcileState } from './reconcile';
import { updatedSplitting } from './updated-window';
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
  /** What is read from which object (partner filter, record types, stages, custom objects); the default mapping when left out. */
  mapping?: SalesforceMapping;
  /**
   * The ids (and versions) of an entity's records in the replica, for the periodic id
   * reconciliation (reconcile.ts); without it no reconciliation runs.
   */
  replicaRows?: (entity: EntityName) => Iterable<{ id: string; version: number }>;
  /** When the first load of an object goes through Bulk API 2.0 (bulk.ts); tests lower the threshold. */
  bulk?: BulkOptions;
}

/**
 * `s: 2`: `i` counts the pull steps (pull-steps.ts) then CUSTOM_OBJECTS; a cursor without it
 * (written before tiers, contacts, deal registrations and MDF were read) refetches once.
 * `b`: the Bulk API 2.0 job of step `i` and its next results page (bulk.ts).
 * `k`: the mapping's fingerprint (a changed mapping refetches). `m`: the custom records
 * pulled (pull-custom.ts `Known`), only when the caller keeps no source keys (the pull keeps
 * them in `source_key`; a cursor that has one hands it over, `page`); `own`: records this client wrote (entity, id, version)
 * that a later window may still list; `r`: when the id reconciliation last ran (reconcile.ts);
 * `u`: the objects of steps that could not be read (not licensed, a field hidden, no such
 * record type) — the next incremental run reads them whole (`stepWhole`); `x`: the package's
 * records left out for a value Partnerbook refuses (pull-custom.ts `Refused`), as object and
 * Salesforce Id — every incremental run reads them again, so they stay named in the notes
 * until fixed (then they arrive) or deleted.
 */
type Cursor =
  | { v: 1; s?: 2; k?: string; p: 'load'; i: number; next: string | null; b?: BulkPosition; t: string; m?: Record<string, KnownEntry>; u?: string[]; x?: RefusedRef[] }
  | { v: 1; s?: 2; k?: string; p: 'sync'; since: string; m?: Record<string, KnownEntry>; own?: OwnWrite[]; r?: ReconcileState; u?: string[]; x?: RefusedRef[] };
type RefusedRef = [object: string, sfId: string];
type OwnWrite = [entity: string, id: string, version: number];
const ownKey = (entity: string, id: string, version: number) => `${entity}\u0000${id}\u0000${version}`;

/** `xs` added to `changes` (a spread of 100,000+ records would overflow the call stack). */
function append(changes: Change[], xs: readonly Change[]): void {
  for (const x of xs) changes.push(x);
}

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

export function salesforceConnector(target: SalesforceTarget): SourceConnector {
  const label = target.instanceUrl;
  return { kind: 'salesforce', label, open: (opts?: OpenOptions) => openSalesforce(target, opts) };
}

function openSalesforce(target: SalesforceTarget, opts: OpenOptions = {}): Source {
  const conn = salesforceConnection({ instanceUrl: target.instanceUrl, accessToken: target.accessToken, version: API_VERSION });
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

  const mapping = target.mapping ?? DEFAULT_SALESFORCE_MAPPING;
  const key = mappingKey(mapping);
  const all = async (q: string) => (await call(() => conn.query<SfRow>(q, { autoFetch: true, maxFetch: 10_000_000 }))).records;
  /** `sobjects/X/updated` over [start, until), its window split in halves on EXCEEDED_ID_LIMIT (updated-window.ts). */
  const updatedIn = (object: string, start: Date, until: Date) => updatedSplitting((s, e) => call(() => conn.sobject(object).updated(s, e)), start, until);
  const steps = pullSteps({
    mapping,
    currency,
    now,
    query: all,
    updatedIds: async (object, start, until) => (await updatedIn(object, start, until)).ids ?? [],
  });
  const ALL_OBJECTS = steps.length + CUSTOM_OBJECTS.length;
  const bulk = bulkLoader(conn, call, API_VERSION, target.bulk ?? {}, opts.signal);
  /** Fields the mapping reads as numbers (Bulk CSV gives text). */
  const numeric = new Set([mapping.psat?.scoreField, mapping.dealRegistrations.amountField].filter((f): f is string => typeof f === 'string'));

  /** Entities this run could not read, with the sentence that says why (SourceNotes). */
  const unavailable = new Map<EntityName, string>();
  /** The objects of the steps this run could not read (the cursor's `u`: read whole once they can be). */
  const unread = new Set<string>();
  const note = (step: Step, reason: string) => {
    unread.add(step.object);
    if (!step.quiet && !unavailable.has(step.entity)) unavailable.set(step.entity, reason);
  };
  const skip = (step: Step, err: unknown) => note(step, unavailableReason(step.object, step.entity, err));

  /** The package's records this run left out for a value Partnerbook refuses (cursor `x`). */
  const refusedNow = new Map<string, RefusedRef>();
  /** Partner Account names, for the notes. */
  const partnerNames = new Map<string, string | null>();
  /** Names the refused records of `got` in the notes (SourceNotes.leftOut) and keeps them for the cursor. */
  async function noteRefused(object: string, got: CustomRows): Promise<void> {
    const fresh = got.refused.filter((r) => !refusedNow.has(r.sfId));
    const unnamed = [...new Set(fresh.map((r) => r.partner).filter((p) => !partnerNames.has(p)))];
    for (let at = 0; at < unnamed.length; at += ID_CHUNK) {
      const chunk = unnamed.slice(at, at + ID_CHUNK);
      for (const id of chunk) partnerNames.set(id, null);
      for (const a of await all(`SELECT Id, Name FROM Account WHERE Id IN (${soqlIds(chunk)})`)) partnerNames.set(a.Id, typeof a.Name === 'string' ? a.Name : null);
    }
    for (const r of fresh) {
      refusedNow.set(r.sfId, [object, r.sfId]);
      steps.leave(r.entity, 1, refusedReason(r, partnerNames.get(r.partner) ?? null));
    }
  }
  const refusedList = (before: readonly RefusedRef[] = []): RefusedRef[] | undefined => {
    const all = new Map<string, RefusedRef>([...before.map((x) => [x[1], x] as const), ...refusedNow]);
    return all.size ? [...all.values()] : undefined;
  };

  const customDeps = (known: Known) => ({
    known,
    // The partner Accounts of the book (custom records of other accounts are left out).
    partners: steps.partners,
    query: async (q: string) => (await call(() => conn.query<SfRow>(q, { autoFetch: true, maxFetch: 100_000 }))).records,
  });

  async function load(c: Extract<Cursor, { p: 'load' }>, known: Known, carry: boolean): Promise<ChangesPage> {
    const changes: Change[] = [];
    let next: string | null = null;
    let nextBulk: BulkPosition | null = null;
    // The level partners without a channel program level point at, before the first partner arrives (its target follows at the end).
    if (c.i === 0 && c.next === null) changes.push(untieredChange(0, currency, 1));
    if (c.i < steps.length) {
      const step = steps[c.i]!;
      try {
        const why = await steps.prepare(step);
        if (why) note(step, why);
        else if (step.read) append(changes, await step.read());
        else {
          // A very large object (its count at or above the threshold) through Bulk API 2.0.
          const pos = c.b ?? (c.next === null ? await bulk.start(step.soql()) : null);
          if (pos) {
            const got = await bulk.read(step.object, pos, step.soql());
            append(changes, await step.convert(got.rows.map((r) => typedRow(r, numeric))));
            nextBulk = got.next;
          } else {
            const page = await call(() => (c.next ? conn.queryMore<SfRow>(c.next) : conn.query<SfRow>(step.soql(), { autoFetch: false })));
            append(changes, await step.convert(page.records));
            if (!page.done && page.nextRecordsUrl) next = page.nextRecordsUrl;
          }
        }
      } catch (err) {
        // Not licensed, not shared or a field hidden: that entity is "not available in your org".
        if (!isMissingObject(err)) throw err;
        if (steps.isEngagement(step)) append(changes, await steps.loginFallback());
        else skip(step, err);
      }
    } else if (c.i < ALL_OBJECTS) {
      const object = CUSTOM_OBJECTS[c.i - steps.length]!;
      try {
        const page = await call(() => (c.next ? conn.queryMore<SfRow>(c.next) : conn.query<SfRow>(customSoql(object), { autoFetch: false })));
        const got = await customChanges(customDeps(known), object, page.records, now());
        append(changes, got.upserts);
        await noteRefused(object, got);
        if (!page.done && page.nextRecordsUrl) next = page.nextRecordsUrl;
      } catch (err) {
        // An org without the Partnerbook package (or this object of it): nothing to read.
        if (!isMissingObject(err)) throw err;
      }
    }
    const m = carry ? knownToJson(known) : undefined;
    const u = unreadList(c.u);
    const x = refusedList(c.x);
    if (next || nextBulk) return { cursor: encode({ ...c, next, b: nextBulk ?? undefined, m, u, x }), has_more: true, changes };
    if (c.i + 1 < ALL_OBJECTS) return { cursor: encode({ ...c, i: c.i + 1, next: null, b: undefined, m, u, x }), has_more: true, changes };
    changes.push(untieredChange(await steps.wonMedian(), currency, now()));
    return { cursor: encode({ v: 1, s: 2, k: key, p: 'sync', since: c.t, m, u, x }), has_more: false, changes };
  }

  /** The unread objects of a load so far (earlier pages' `u` and this run's), for the cursor; none: left out. */
  const unreadList = (before: readonly string[] = []): string[] | undefined => {
    const all = [...new Set([...before, ...unread])];
    return all.length ? all : undefined;
  };

  /**
   * A step this run reads whole: one the last run could not read (the cursor's `u`). Its
   * feed alone would bring only what changed since, never the records it missed while
   * unreadable; still unreadable, it is noted again.
   */
  async function stepWhole(step: Step, changes: Change[]): Promise<void> {
    const why = await steps.prepare(step);
    if (why) return note(step, why);
    append(changes, step.read ? await step.read() : await step.convert(await all(step.soql())));
  }

  /** One step's changes in [start, until): its feed (updated rows re-read by Id, deletes) and what follows. */
  async function stepChanges(step: Step, start: Date, until: Date, end: number, changes: Change[]): Promise<number> {
    let covered = Number.POSITIVE_INFINITY;
    let changed: string[] = [];
    const why = await steps.prepare(step);
    if (why) {
      note(step, why);
      return covered;
    }
    if (step.replicated) {
      const updated = await updatedIn(step.object, start, until);
      const deleted = await call(() => conn.sobject(step.object).deleted(start, until));
      covered = Math.min(Date.parse(updated.latestDateCovered), Date.parse(deleted.latestDateCovered));
      changed = updated.ids ?? [];
      for (let at = 0; at < changed.length; at += ID_CHUNK) {
        const chunk = changed.slice(at, at + ID_CHUNK);
        const got = await step.convert(await all(step.soql(`Id IN (${soqlIds(chunk)})`)));
        changes.push(...got);
        // Updated, but no longer in the book (no longer a partner account …): gone from it.
        const kept = new Set(got.filter((g) => g.entity === step.entity).map((g) => g.id));
        for (const id of chunk) if (!kept.has(id)) changes.push({ entity: step.entity, id, version: end, op: 'delete' });
      }
      for (const d of deleted.deletedRecords ?? []) {
        changes.push({ entity: step.entity, id: d.id, version: Date.parse(d.deletedDate) || end, op: 'delete' });
      }
    }
    if (step.follow) append(changes, await step.follow(start, until, changed));
    return covered;
  }

  async function incremental(c: Extract<Cursor, { p: 'sync' }>, known: Known, carry: boolean): Promise<ChangesPage> {
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
    for (const step of steps) {
      const mark = changes.length;
      try {
        if (c.u?.includes(step.object)) await stepWhole(step, changes);
        else covered = Math.min(covered, await stepChanges(step, start, until, end, changes));
      } catch (err) {
        if (!isMissingObject(err)) throw err;
        changes.length = mark;
        skip(step, err);
      }
    }
    // The Partnerbook package's objects; an org without one skips it.
    const deps = customDeps(known);
    const own = new Set([...(c.own ?? []).map((o) => ownKey(...o)), ...wrote.keys()]);
    for (const object of CUSTOM_OBJECTS) {
      let updated: { ids?: string[]; latestDateCovered: string };
      let deleted: { deletedRecords?: { id: string; deletedDate: string }[]; latestDateCovered: string };
      try {
        updated = await updatedIn(object, start, until);
        deleted = await call(() => conn.sobject(object).deleted(start, until));
      } catch (err) {
        if (isMissingObject(err)) continue;
        throw err;
      }
      covered = Math.min(covered, Date.parse(updated.latestDateCovered), Date.parse(deleted.latestDateCovered));
      // What changed, and what the last run left out for a refused value (fixed since, or still to name).
      const ids = [...new Set([...(updated.ids ?? []), ...(c.x ?? []).filter((x) => x[0] === object).map((x) => x[1])])];
      for (let at = 0; at < ids.length; at += ID_CHUNK) {
        const chunk = ids.slice(at, at + ID_CHUNK);
        const rows = await call(() => conn.query<SfRow>(customSoql(object, `Id IN (${soqlIds(chunk)})`), { autoFetch: true, maxFetch: ID_CHUNK }));
        const got = await customChanges(deps, object, rows.records, end);
        await noteRefused(object, got);
        // What this client wrote itself is in the replica already, at this version.
        changes.push(...got.upserts.filter((u) => !own.has(ownKey(u.entity, u.id, u.version))), ...got.gone);
      }
      changes.push(...deletedChanges(known, (deleted.deletedRecords ?? []).map((d) => ({ id: d.id, version: Date.parse(d.deletedDate) || end }))));
    }
    // Now and then: what Salesforce no longer shows (a delete the log dropped, sharing taken
    // away) leaves the book (reconcile.ts). Entities not readable in this run are not checked.
    let r: ReconcileState | undefined;
    let reconciled: Change[] = [];
    if (target.replicaRows && reconcileDue(c.r, now())) {
      try {
        const rec = await reconcileIds({ query: all, replicaRows: target.replicaRows, now }, await steps.reconcileTargets(new Set(unavailable.keys())));
        reconciled = rec.tombstones;
        r = rec.state;
      } catch (err) {
        // An object this user cannot list (e.g. OpportunityPartner): no reconciliation rather than a wrong one.
        if (!isMissingObject(err)) throw err;
        r = nextReconcileState(c.r, now());
      }
    } else r = nextReconcileState(c.r, now());
    // Deletes of parents after their children's: the applier takes a page in order.
    const ups = changes.filter((c) => c.op === 'upsert');
    const dels = [...changes.filter((c) => c.op === 'delete').reverse(), ...reconciled];
    const next = Number.isFinite(covered) ? covered : Date.parse(since);
    // Own writes a later window may still list (at or after what is covered now).
    const ownLeft = [...(c.own ?? []), ...wrote.values()].filter((o) => o[2] >= next);
    const cursor: Cursor = { v: 1, s: 2, k: key, p: 'sync', since: new Date(next).toISOString(), ...(carry ? { m: knownToJson(known) } : {}), ...(ownLeft.length ? { own: ownLeft } : {}), r, u: unreadList(), x: refusedList() };
    return { cursor: encode(cursor), has_more: false, changes: [...ups, ...dels] };
  }

  /** The custom records pulled so far (pull-custom.ts `Known`) as the pull keeps them (`source_key`), read at this connection's first page. */
  let kept: Known | null = null;

  /**
   * One page. With the pull's kept source keys, `Known` lives there: the page says what it
   * changes in them (a load from the start forgets them all) and its cursor carries none; a
   * cursor written before (with `m`) hands its map over once. Without them (a caller that
   * keeps no keys) the map travels in the cursor.
   */
  async function page(c: Cursor, keys: SourceKeyStore | undefined, fresh: boolean): Promise<SourcePage> {
    const inCursor: Known = fresh ? new Map() : knownFromJson(c.m);
    if (!keys) return c.p === 'load' ? load(c, inCursor, true) : incremental(c, inCursor, true);
    if (fresh) kept = new Map();
    kept ??= knownFromKeys(keys.all());
    const before = kept;
    const known: Known = new Map([...before, ...inCursor]);
    const got = c.p === 'load' ? await load(c, known, false) : await incremental(c, known, false);
    kept = known;
    return { ...got, keys: { ...(fresh ? { reset: true } : {}), ...knownDiff(before, known) } };
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
    async changes(cursor, _limit, keys) {
      if (cursor === null) return page({ v: 1, s: 2, k: key, p: 'load', i: 0, next: null, t: new Date(now()).toISOString() }, keys, true);
      const c = decode(cursor);
      // A position saved before tiers, contacts, deal registrations and MDF were pulled: fetch the book once more to bring them.
      if (c.s !== 2) throw new SourceError('cursor_expired', 'Partnerbook now also reads tiers, contacts, deal registrations and MDF from Salesforce; fetching the whole book once.');
      if (c.k !== key) throw new SourceError('cursor_expired', 'The Salesforce mapping changed; fetching the whole book again.');
      return page(c, keys, false);
    },
    notes(): SourceNotes {
      const usage = conn.limitInfo?.apiUsage;
      return {
        apiUsage: usage ? { used: usage.used, limit: usage.limit } : null,
        unavailable: [...unavailable].map(([entity, reason]) => ({ entity, reason })),
        ...(steps.leftOut().length ? { leftOut: steps.leftOut() } : {}),
      };
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
