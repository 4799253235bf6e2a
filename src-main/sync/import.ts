/**
 * Applying an imported book (spreadsheet files) to a replica: the records are compared
 * with the replica's base rows and only the differences become changes — upserts with a
 * version one above the stored one, tombstones for rows the files no longer hold — which
 * the normal applier writes in ONE transaction: an import lands entirely or not at all.
 * Removals are applied only when confirmed; until then the plan says what would go.
 * Client-editable entities (plans, notes, QBR notes, action states) are never compared:
 * they live in the replica and survive every re-import (a removed partner's go with it).
 */
import type Database from 'better-sqlite3';
import { ENTITY_NAMES, type EntityName } from '../../src-shared/domain/entities';
import { ServiceError } from '../base/errors';
import { writeSetting } from '../settings';
import type { Db } from '../db/connection';
import { finishRepair, IMPORTED_BOOK, pendingRepair } from '../db/integrity';
import { COLUMNS, createApplier, PageError, validateChanges } from './apply';

/** The entities an import owns: everything the files (or the tier rule) produce. */
export const IMPORTED_ENTITIES: readonly EntityName[] = [
  'user',
  'tier',
  'partner',
  'contact',
  'opportunity',
  'deal_registration',
  'engagement_event',
  'certification',
  'mdf_allocation',
  'mdf_request',
  'psat_response',
];

export type ImportRecords = Map<EntityName, Map<string, Record<string, unknown>>>;

export interface ImportCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface ImportPlan {
  totals: ImportCounts;
  byEntity: Partial<Record<EntityName, ImportCounts>>;
  /** The first rows that would be removed (entity, id, name when it has one). */
  removals: { entity: EntityName; id: string; name: string | null }[];
  /**
   * What was made in this replica for the partners the import removes, and goes with them
   * (their plans with objectives and initiatives, notes, QBR notes, action statuses), in
   * words ("2 plans and 5 notes"); null when nothing.
   */
  alsoRemoved: string | null;
}

/** Client-editable records that belong to a partner (a plan's objectives and initiatives go with the plan). */
const MADE_HERE: readonly { table: EntityName; one: string; many: string }[] = [
  { table: 'jbp', one: 'plan', many: 'plans' },
  { table: 'note', one: 'note', many: 'notes' },
  { table: 'qbr_note', one: 'QBR note', many: 'QBR notes' },
  { table: 'action_state', one: 'action status', many: 'action statuses' },
];

/**
 * "2 plans, 1 note and 3 action statuses" made here for the partners `ids` (null: for every
 * partner), or null when none. In a spreadsheet workspace these exist only in its replica.
 */
export function madeHereFor(sqlite: Database.Database, ids: readonly string[] | null): string | null {
  if (ids?.length === 0) return null;
  const parts: string[] = [];
  for (const { table, one, many } of MADE_HERE) {
    const n = (
      ids === null
        ? sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get()
        : sqlite.prepare(`SELECT count(*) FROM "${table}" WHERE partner_id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(ids))
    ) as number;
    if (n > 0) parts.push(`${n.toLocaleString('en-US')} ${n === 1 ? one : many}`);
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

export interface ImportOutcome extends ImportPlan {
  applied: boolean;
  /** Why nothing was written (removals not confirmed). */
  reason: string | null;
}

type Raw = { op: 'upsert'; entity: EntityName; id: string; version: number; data: Record<string, unknown> } | { op: 'delete'; entity: EntityName; id: string; version: number };

function rowKey(entity: EntityName, data: Record<string, unknown>): string {
  return JSON.stringify(COLUMNS[entity].map((c) => (entity === 'tier' && c === 'benefits' ? JSON.stringify(data[c]) : data[c])));
}

/** The differences between the records and the replica, as protocol changes (parents first, removals last, children first). */
export function diffImport(sqlite: Database.Database, records: ImportRecords): { plan: ImportPlan; changes: Raw[] } {
  const upserts: Raw[] = [];
  const deletes: Raw[] = [];
  const byEntity: ImportPlan['byEntity'] = {};
  const totals: ImportCounts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  const removals: ImportPlan['removals'] = [];
  const removedPartners: string[] = [];
  for (const entity of ENTITY_NAMES) {
    if (!IMPORTED_ENTITIES.includes(entity)) continue;
    const cols = COLUMNS[entity];
    const stored = new Map<string, { version: number; key: string; name: string | null }>();
    for (const row of sqlite.prepare(`SELECT * FROM "${entity}"`).iterate() as Iterable<Record<string, unknown>>) {
      const data: Record<string, unknown> = {};
      for (const c of cols) data[c] = entity === 'tier' && c === 'benefits' ? JSON.parse(row[c] as string) : row[c];
      stored.set(row.id as string, { version: row.version as number, key: rowKey(entity, data), name: typeof row.name === 'string' ? row.name : null });
    }
    const counts: ImportCounts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
    const incoming = records.get(entity) ?? new Map<string, Record<string, unknown>>();
    for (const [id, data] of incoming) {
      const old = stored.get(id);
      if (!old) {
        counts.added++;
        upserts.push({ op: 'upsert', entity, id, version: 1, data });
      } else if (old.key !== rowKey(entity, data)) {
        counts.changed++;
        upserts.push({ op: 'upsert', entity, id, version: old.version + 1, data });
      } else counts.unchanged++;
    }
    for (const [id, old] of stored) {
      if (incoming.has(id)) continue;
      counts.removed++;
      deletes.push({ op: 'delete', entity, id, version: old.version });
      if (entity === 'partner') removedPartners.push(id);
      if (removals.length < 100) removals.push({ entity, id, name: old.name });
    }
    if (counts.added + counts.changed + counts.removed + counts.unchanged > 0) byEntity[entity] = counts;
    for (const k of ['added', 'changed', 'removed', 'unchanged'] as const) totals[k] += counts[k];
  }
  return { plan: { totals, byEntity, removals, alsoRemoved: madeHereFor(sqlite, removedPartners) }, changes: [...upserts, ...deletes.reverse()] };
}

export interface ApplyImportOptions {
  /** Apply removals; without it an import that would remove rows writes nothing. */
  confirmRemovals: boolean;
  /** Only report what would change. */
  dryRun?: boolean;
  /** Kept in the replica: what the book holds (for "no data"), its last date, the files. */
  meta: Record<string, unknown>;
  now: string;
  /**
   * Called when the import starts waiting for the replica's write lock (null), and again
   * with the number of changes, once compared, just before they are written.
   */
  beforeWrite?: (changes: number | null) => void;
}

type Violation = { table: string; rowid: number | null; parent: string };
const violationKey = (v: Violation) => `${v.table}\u0000${v.rowid}\u0000${v.parent}`;

/**
 * Plans and, unless told not to, applies an import in one transaction. The comparison is
 * made inside it, holding the write lock from its start (IMMEDIATE): nothing another
 * connection commits can come between what was compared and what is written.
 */
export function applyImport(db: Db, records: ImportRecords, opts: ApplyImportOptions): ImportOutcome {
  const sqlite = db.sqlite;
  if (opts.dryRun) return { ...diffImport(sqlite, records).plan, applied: false, reason: 'dry run: nothing was written' };
  const applier = createApplier(sqlite);
  const check = () => sqlite.prepare('PRAGMA foreign_key_check').all() as Violation[];
  opts.beforeWrite?.(null);
  return sqlite.transaction((): ImportOutcome => {
    const { plan, changes } = diffImport(sqlite, records);
    if (plan.totals.removed > 0 && !opts.confirmRemovals) {
      const n = plan.totals.removed;
      const also = plan.alsoRemoved ? `, and with their partners ${plan.alsoRemoved} made here` : '';
      return { ...plan, applied: false, reason: `This import would remove ${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'} the files no longer hold${also}; confirm the removals to apply it.` };
    }
    let valid;
    try {
      valid = validateChanges(changes);
    } catch (err) {
      if (err instanceof PageError) {
        throw new ServiceError('invalid_input', `The files make a record Partnerbook cannot store: ${err.message.replace(/^Bad record from the PRM, /, '')}`);
      }
      throw err;
    }
    // A replica waiting for a repair (records pointing at records it lacks, left by an older
    // build) already fails the check below: only what this import would add counts against
    // it, and the import is the repair (db/integrity.ts), checked again at its end.
    const repairing = pendingRepair(sqlite) !== null;
    const before = repairing ? new Set(check().map(violationKey)) : null;
    opts.beforeWrite?.(valid.length);
    // Keys between rows of one import (a manager listed after the people who report to
    // them) are checked once, at the end, not row by row.
    sqlite.pragma('defer_foreign_keys = ON');
    applier.apply(valid, false);
    writeSetting(db, IMPORTED_BOOK, { ...opts.meta, importedAt: opts.now, totals: plan.totals });
    const added = check().filter((v) => !before?.has(violationKey(v)));
    if (added.length > 0) throw new ServiceError('invalid_input', 'The files name records that are not in them (a key with no row behind it); nothing was imported.');
    if (repairing) finishRepair(sqlite, 'import');
    return { ...plan, applied: true, reason: null };
  }).immediate();
}
