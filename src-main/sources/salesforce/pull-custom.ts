/**
 * Pulling the Partnerbook package's custom objects (plans, objectives, initiatives, QBR
 * notes and free notes, action states) back as protocol records, with the write side's
 * mapping (writes-mapping.ts): a plan edited in Salesforce reaches the replica.
 * - Parents first (plans before objectives and initiatives); a child's `Plan__c` /
 *   `Objective__c` (Salesforce Ids) become the parent's Partnerbook_Id__c, read by Id when
 *   not known yet and kept in `Known`.
 * - A record's version is its SystemModstamp in ms (`versionOf`), the same number the write
 *   side answers for an applied write.
 * - Records outside the book (their partner, or their plan's partner, is not a partner
 *   Account) or without a Partnerbook_Id__c are left out (incremental: a tombstone, in case
 *   they were in the book before).
 * - A record of the book with a value the entity schema refuses (a status picklist value
 *   the package restricts but the org took) is `refused`: no upsert and no tombstone (the
 *   replica keeps its last good copy), its `Known` entry kept, and named with the field and
 *   value for the notes (source.ts) — never dropped silently.
 * - `Known` (Salesforce Id → entity, Partnerbook id, partner) is kept by the pull as source
 *   keys (`source_key`, beside the cursor; in the cursor only for a caller that keeps
 *   none): the `deleted` resource names deleted records only by Salesforce Id.
 */
import type { Change } from '../../../src-shared/domain/protocol';
import { ENTITIES, type EditableEntityName } from '../../../src-shared/domain/entities';
import { SourceError, type SourceKey } from '../contract';
import { NOT_AVAILABLE_CODES } from './errors';
import { versionOf, type SfRow } from './records';
import { EXTERNAL_ID, PLAN_OBJECT, WRITE_MAP, fromSalesforce, readFields } from './writes-mapping';

export const OBJECTIVE_OBJECT = 'Partnerbook_Objective__c';
export const NOTE_OBJECT = 'Partnerbook_Note__c';

/** Parents before children: plans, then what points at them. */
export const CUSTOM_OBJECTS: readonly string[] = [PLAN_OBJECT, OBJECTIVE_OBJECT, 'Partnerbook_Initiative__c', NOTE_OBJECT, 'Partnerbook_Action_State__c'];

/** What is known of a pulled record: entity, Partnerbook id, partner Account Id (null: none / unknown). */
export type KnownEntry = [entity: EditableEntityName, ext: string, partner: string | null];
export type Known = Map<string, KnownEntry>;

const ID_CHUNK = 200;
const isEditable = (entity: string): entity is EditableEntityName => entity in WRITE_MAP;
const soqlIds = (ids: readonly string[]) => ids.map((id) => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ');

/** The entity of a row of `object` (a note with Kind__c 'note' is a free note, any other a QBR note). */
export function entityOf(object: string, row: SfRow): EditableEntityName | null {
  if (object === NOTE_OBJECT) return row.Kind__c === 'note' ? 'note' : 'qbr_note';
  const e = (Object.keys(WRITE_MAP) as EditableEntityName[]).find((k) => WRITE_MAP[k].object === object);
  return e ?? null;
}

export const customSoql = (object: string, where?: string) => `SELECT ${readFields(object).join(', ')} FROM ${object}${where ? ` WHERE ${where}` : ''}`;

/** Whether a failure means the org has no such object (or this user can't read it): skip it. */
export function isMissingObject(err: unknown): boolean {
  return err instanceof SourceError && err.code !== undefined && (NOT_AVAILABLE_CODES.has(err.code) || err.code === 'NOT_FOUND');
}

export interface CustomRows {
  /** The records of the book, in the order of the rows. */
  upserts: Change[];
  /** Records that are not (or no longer) in the book, known to have been pulled: their tombstones. */
  gone: Change[];
  /** Records of the book with a value Partnerbook refuses: left out, named in the notes. */
  refused: Refused[];
}

/** A record of the book left out for a value the entity schema refuses. */
export interface Refused {
  entity: EditableEntityName;
  /** Salesforce Id (read again by later incremental runs until it is fixed or deleted). */
  sfId: string;
  partner: string;
  /** The record as people name it: its title, name, or Partnerbook id. */
  label: string;
  field: string;
  value: unknown;
  /** Whether a value was not one of a fixed list (a picklist) rather than of the wrong form. */
  notAChoice: boolean;
  /** Whether an earlier read brought it (the replica keeps that copy). */
  kept: boolean;
}

export interface CustomReaderDeps {
  query(soql: string): Promise<SfRow[]>;
  /** Ids of the partner Accounts in the book. */
  partners(): Promise<ReadonlySet<string>>;
  known: Known;
}

/** Turns rows of one custom object into changes, resolving parents (queried by Id when not known). */
export async function customChanges(deps: CustomReaderDeps, object: string, rows: readonly SfRow[], goneVersion: number): Promise<CustomRows> {
  const partners = await deps.partners();
  await resolveParents(deps, rows);
  const out: CustomRows = { upserts: [], gone: [], refused: [] };
  for (const row of rows) {
    const entity = entityOf(object, row);
    const ext = typeof row[EXTERNAL_ID] === 'string' ? row[EXTERNAL_ID] : '';
    if (!entity || ext === '') continue;
    const partner = partnerOf(deps.known, entity, row);
    const data = fromSalesforce(entity, row, (_obj, sfId) => deps.known.get(sfId)?.[1] ?? null);
    const parsed = ENTITIES[entity].schema.safeParse(data);
    const before = deps.known.get(row.Id);
    if (partner !== null && partners.has(partner) && !parsed.success) {
      // In the book, but a value Partnerbook can't keep: left out and named; the replica's copy stays.
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      const label = [data.title, data.name].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? ext;
      out.refused.push({ entity, sfId: row.Id, partner, label, field, value: data[field], notAChoice: issue?.code === 'invalid_value', kept: before !== undefined });
      continue;
    }
    if (partner === null || !partners.has(partner)) {
      if (before) out.gone.push({ entity: before[0], id: before[1], version: goneVersion, op: 'delete' });
      deps.known.delete(row.Id);
      continue;
    }
    // A note whose kind changed, or a Partnerbook id changed in Salesforce: the old record is gone.
    if (before && (before[0] !== entity || before[1] !== ext)) out.gone.push({ entity: before[0], id: before[1], version: goneVersion, op: 'delete' });
    deps.known.set(row.Id, [entity, ext, partner]);
    out.upserts.push({ entity, id: ext, version: versionOf(row), op: 'upsert', data });
  }
  return out;
}

/** The partner a record belongs to: its own Partner__c, or its plan's. */
function partnerOf(known: Known, entity: EditableEntityName, row: SfRow): string | null {
  if (WRITE_MAP[entity].fields.partner_id) return typeof row.Partner__c === 'string' ? row.Partner__c : null;
  const plan = typeof row.Plan__c === 'string' ? known.get(row.Plan__c) : undefined;
  return plan?.[2] ?? null;
}

/** Reads the plans and objectives the rows point at and are not known yet. */
async function resolveParents(deps: CustomReaderDeps, rows: readonly SfRow[]): Promise<void> {
  const wanted = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const [field, parent] of [['Plan__c', PLAN_OBJECT], ['Objective__c', OBJECTIVE_OBJECT]] as const) {
      const v = row[field];
      if (typeof v === 'string' && v !== '' && !deps.known.has(v)) wanted.set(parent, (wanted.get(parent) ?? new Set()).add(v));
    }
  }
  for (const object of [PLAN_OBJECT, OBJECTIVE_OBJECT]) {
    const ids = [...(wanted.get(object) ?? [])];
    const fields = object === PLAN_OBJECT ? `Id, ${EXTERNAL_ID}, Partner__c` : `Id, ${EXTERNAL_ID}, Plan__c`;
    for (let at = 0; at < ids.length; at += ID_CHUNK) {
      const found = await deps.query(`SELECT ${fields} FROM ${object} WHERE Id IN (${soqlIds(ids.slice(at, at + ID_CHUNK))})`);
      for (const r of found) {
        const ext = r[EXTERNAL_ID];
        if (typeof ext !== 'string' || ext === '') continue;
        const partner = object === PLAN_OBJECT ? (typeof r.Partner__c === 'string' ? r.Partner__c : null) : typeof r.Plan__c === 'string' ? (deps.known.get(r.Plan__c)?.[2] ?? null) : null;
        deps.known.set(r.Id, [object === PLAN_OBJECT ? 'jbp' : 'jbp_objective', ext, partner]);
      }
    }
  }
}

/** Tombstones of deleted records (by Salesforce Id) that were pulled; unknown ones were never in the replica. */
export function deletedChanges(known: Known, deleted: readonly { id: string; version: number }[]): Change[] {
  const out: Change[] = [];
  for (const d of deleted) {
    const k = known.get(d.id);
    if (!k) continue;
    known.delete(d.id);
    out.push({ entity: k[0], id: k[1], version: d.version, op: 'delete' });
  }
  return out;
}

/** `Known` as cursor JSON and back (entries the cursor can't vouch for are dropped). */
export const knownToJson = (known: Known): Record<string, KnownEntry> => Object.fromEntries(known);
export function knownFromJson(v: unknown): Known {
  const out: Known = new Map();
  if (typeof v !== 'object' || v === null) return out;
  for (const [sfId, e] of Object.entries(v as Record<string, unknown>)) {
    if (!Array.isArray(e) || e.length !== 3) continue;
    const [entity, ext, partner] = e as unknown[];
    if (typeof entity === 'string' && isEditable(entity) && typeof ext === 'string' && (partner === null || typeof partner === 'string')) {
      out.set(sfId, [entity, ext, partner]);
    }
  }
  return out;
}


/** `Known` from the pull's kept source keys (keys of other entities are not this module's). */
export function knownFromKeys(keys: Iterable<SourceKey>): Known {
  const out: Known = new Map();
  for (const k of keys) if (isEditable(k.entity)) out.set(k.key, [k.entity, k.id, k.partnerId]);
  return out;
}

/** What changed from `before` to `after`, as source keys to set and to remove. */
export function knownDiff(before: Known, after: Known): { set: SourceKey[]; remove: string[] } {
  const set: SourceKey[] = [];
  for (const [key, e] of after) {
    const b = before.get(key);
    if (!b || b[0] !== e[0] || b[1] !== e[1] || b[2] !== e[2]) set.push({ key, entity: e[0], id: e[1], partnerId: e[2] });
  }
  return { set, remove: [...before.keys()].filter((k) => !after.has(k)) };
}
