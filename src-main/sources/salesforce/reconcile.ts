/**
 * The periodic id reconciliation of the Salesforce connector (issue 13: "a periodic id
 * reconciliation catches deletes the log dropped and records the user can no longer
 * see"). The incremental sync learns of deletes only from `sobjects/X/deleted`, and that
 * log misses records hard-deleted or emptied from the recycle bin before a sync read it,
 * and records whose sharing was taken away (neither feed lists them: their
 * SystemModstamp does not move). So, now and then, the Ids of each pulled standard object
 * that belong to the book are read (`SELECT Id FROM X WHERE <book filter>`, every page)
 * and compared with the ids the replica holds: the ones Salesforce no longer shows become
 * tombstones.
 *
 * How source.ts uses it (one call in `incremental`, after the feeds, before the page is
 * returned; its deps are the connector's own):
 *
 *   if (target.replicaRows && reconcileDue(c.r, now())) {
 *     const rec = await reconcileIds({ query: async (q) => (await call(() => conn.query<SfRow>(q, { autoFetch: true, maxFetch: 10_000_000 }))).records, replicaRows: target.replicaRows, now }, RECONCILED);
 *     changes.push(...rec.tombstones);   // then keep rec.state in the next cursor as `r`
 *   } else c.r = nextReconcileState(c.r, now());  // counts this incremental sync
 *
 * `RECONCILED` lists, per entity, every query whose rows make that entity's records
 * (`reconcileTargets` builds it from the pulled objects); `target.replicaRows` is a new
 * optional SalesforceTarget field the workspace fills from its replica
 * (`SELECT id, version FROM <entity>`); without it there is nothing to compare and no
 * reconciliation runs. Ids it finds are only ever removed from the book, never added: a
 * record that is back in view arrives through the next full refetch or its next change.
 */
import type { EntityName } from '../../../src-shared/domain/entities';
import type { Change } from '../../../src-shared/domain/protocol';
import type { SfRow } from './records';

const DAY = 86_400_000;

/** Incremental syncs between two reconciliations, and the longest time between them. */
export const RECONCILE_EVERY = 24;
export const RECONCILE_MAX_AGE_MS = DAY;

/** Kept in the cursor: incremental syncs since the last reconciliation, and when it ran (ms). */
export interface ReconcileState {
  n: number;
  at: number;
}

/** One entity and every Id-only query whose rows are its records (ids = Salesforce Ids unless `idOf` says otherwise). */
export interface ReconcileTarget {
  entity: EntityName;
  queries: { soql: string; idOf?: (row: SfRow) => string | null }[];
}

export interface ReconcileDeps {
  /** Every row of a SOQL query, all pages (nextRecordsUrl). */
  query(soql: string): Promise<SfRow[]>;
  /** The ids (and versions) of an entity's records in the replica. */
  replicaRows(entity: EntityName): Iterable<{ id: string; version: number }>;
  now: () => number;
}

/** Whether a reconciliation is due: never run, every RECONCILE_EVERY-th incremental sync, or the last is a day old. */
export function reconcileDue(state: ReconcileState | undefined, now: number): boolean {
  if (!state) return true;
  return state.n + 1 >= RECONCILE_EVERY || now - state.at >= RECONCILE_MAX_AGE_MS;
}

/** The state after an incremental sync that did not reconcile. */
export function nextReconcileState(state: ReconcileState | undefined, now: number): ReconcileState {
  return state ? { n: state.n + 1, at: state.at } : { n: 1, at: now };
}

/** Targets for objects read with one SOQL condition each (`where` null: every row): `SELECT Id FROM object [WHERE where]`. */
export function reconcileTargets(objects: readonly { object: string; entity: EntityName; where: string | null }[]): ReconcileTarget[] {
  const byEntity = new Map<EntityName, ReconcileTarget>();
  for (const o of objects) {
    const t = byEntity.get(o.entity) ?? { entity: o.entity, queries: [] };
    t.queries.push({ soql: `SELECT Id FROM ${o.object}${o.where ? ` WHERE ${o.where}` : ''}` });
    byEntity.set(o.entity, t);
  }
  return [...byEntity.values()];
}

/**
 * Reads the Ids Salesforce shows now for each target and returns a tombstone for every
 * replica record of that entity it no longer shows (version: the later of the record's
 * and now, so the applier's `version <=` check always lets it through).
 */
export async function reconcileIds(deps: ReconcileDeps, targets: readonly ReconcileTarget[]): Promise<{ tombstones: Change[]; checked: number; state: ReconcileState }> {
  const tombstones: Change[] = [];
  let checked = 0;
  const now = deps.now();
  for (const t of targets) {
    const live = new Set<string>();
    for (const q of t.queries) {
      for (const row of await deps.query(q.soql)) {
        const id = q.idOf ? q.idOf(row) : row.Id;
        if (id) live.add(id);
      }
    }
    checked += live.size;
    for (const r of deps.replicaRows(t.entity)) {
      if (!live.has(r.id)) tombstones.push({ entity: t.entity, id: r.id, version: Math.max(r.version, now, 1), op: 'delete' });
    }
  }
  // Children before parents: the applier takes a page in order.
  return { tombstones: tombstones.reverse(), checked, state: { n: 0, at: now } };
}
