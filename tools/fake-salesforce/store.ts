/**
 * The fake org's data: live records per object, each object's delete log (what
 * `sobjects/<Object>/deleted` reads) and the external-id index of the custom objects.
 * Every write stamps `LastModifiedDate` and `SystemModstamp` with the clock. Writes can
 * be grouped and undone (`begin` / `rollback`), which is what `/composite` with
 * `allOrNone: true` needs. Values are JSON primitives; date-times are kept as ms.
 */
import { floorDay, type FakeClock } from './clock';
import { sfId } from './ids';
import type { ObjectDef, Schema } from './schema';

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface DeletedEntry {
  id: string;
  at: number;
}

interface Table {
  def: ObjectDef;
  rows: Map<string, Row>;
  /** External id value → record id (custom objects). */
  byExternal: Map<string, string>;
  deleted: Map<string, number>;
  log: DeletedEntry[];
  /** Nothing deleted before this instant is still in the log. */
  earliest: number;
  next: number;
}

const STAGES: Record<string, { closed: boolean; won: boolean; probability: number }> = {
  'closed won': { closed: true, won: true, probability: 100 },
  'closed lost': { closed: true, won: false, probability: 0 },
};

export class FakeOrg {
  private readonly tables = new Map<ObjectDef, Table>();
  private journal: (() => void)[] | null = null;

  /** `seed`: rows per object name, with their ids and audit fields already set. */
  constructor(
    readonly schema: Schema,
    readonly clock: FakeClock,
    seed: Record<string, Row[]>,
  ) {
    // Nothing purged yet: the log reaches back past the 15 days the resource serves.
    const earliest = floorDay(clock.now()) - 16 * 86_400_000;
    for (const def of schema.objects) {
      const table: Table = { def, rows: new Map(), byExternal: new Map(), deleted: new Map(), log: [], earliest, next: 0 };
      for (const row of seed[def.name] ?? []) table.rows.set(String(row.Id), { ...row });
      this.tables.set(def, table);
    }
  }

  private table(def: ObjectDef): Table {
    const t = this.tables.get(def);
    if (!t) throw new Error(`no table for ${def.name}`);
    return t;
  }

  private undo(fn: () => void): void {
    this.journal?.push(fn);
  }

  /** Starts recording writes so that `rollback` can undo them. */
  begin(): void {
    this.journal = [];
  }

  commit(): void {
    this.journal = null;
  }

  rollback(): void {
    const steps = this.journal ?? [];
    this.journal = null;
    for (const step of steps.reverse()) step();
  }

  rows(def: ObjectDef): IterableIterator<Row> {
    return this.table(def).rows.values();
  }

  count(def: ObjectDef): number {
    return this.table(def).rows.size;
  }

  get(def: ObjectDef, id: string): Row | undefined {
    return this.table(def).rows.get(id);
  }

  /** When the record was deleted, or undefined if it was not (or never existed). */
  deletedAt(def: ObjectDef, id: string): number | undefined {
    return this.table(def).deleted.get(id);
  }

  findByExternalId(def: ObjectDef, value: string): Row | undefined {
    const t = this.table(def);
    const id = t.byExternal.get(value);
    return id === undefined ? undefined : t.rows.get(id);
  }

  private put(t: Table, id: string, row: Row | undefined): void {
    const before = t.rows.get(id);
    const ext = t.def.externalIds[0];
    const unindex = (r: Row | undefined) => {
      if (ext && r && typeof r[ext] === 'string') t.byExternal.delete(r[ext]);
    };
    const index = (r: Row | undefined) => {
      if (ext && r && typeof r[ext] === 'string') t.byExternal.set(r[ext], id);
    };
    unindex(before);
    if (row) t.rows.set(id, row);
    else t.rows.delete(id);
    index(row);
    this.undo(() => {
      unindex(row);
      if (before) t.rows.set(id, before);
      else t.rows.delete(id);
      index(before);
    });
  }

  /** Creates a record; `values` are already validated field values. */
  insert(def: ObjectDef, values: Row, userId: string): Row {
    const t = this.table(def);
    // A row that brings its own Id (a scaled copy, scale.ts) is kept under it, so a read by Id finds it.
    const given = typeof values.Id === 'string' && !t.rows.has(values.Id) && !t.deleted.has(values.Id) ? values.Id : null;
    let id = given ?? '';
    if (given === null) {
      do id = sfId(def.prefix, ++t.next);
      while (t.rows.has(id) || t.deleted.has(id));
    }
    const now = this.clock.now();
    const row: Row = {
      Id: id,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: userId,
      LastModifiedDate: now,
      LastModifiedById: userId,
      SystemModstamp: now,
      ...(def.fields.some((fd) => fd.name === 'OwnerId') ? { OwnerId: userId } : {}),
      ...values,
    };
    this.put(t, id, derive(def, row));
    return row;
  }

  /** Changes fields of a live record and stamps it. */
  update(def: ObjectDef, id: string, values: Row, userId: string): Row {
    const t = this.table(def);
    const before = t.rows.get(id);
    if (!before) throw new Error(`${def.name} ${id} does not exist`);
    const now = this.clock.now();
    const row = derive(def, { ...before, ...values, LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now });
    this.put(t, id, row);
    return row;
  }

  /** Deletes a record into the delete log; an Account takes its Opportunities and Contacts with it, an Opportunity its OpportunityPartner rows. */
  remove(def: ObjectDef, id: string): string[] {
    const t = this.table(def);
    if (!t.rows.has(id)) return [];
    const now = this.clock.now();
    this.put(t, id, undefined);
    t.deleted.set(id, now);
    t.log.push({ id, at: now });
    this.undo(() => {
      t.deleted.delete(id);
      const i = t.log.findIndex((e) => e.id === id && e.at === now);
      if (i >= 0) t.log.splice(i, 1);
    });
    const removed = [id];
    // Salesforce deletes an Account's Opportunities and Contacts with it, and an Opportunity's OpportunityPartner rows.
    const cascade: Record<string, [string, string][]> = {
      Account: [
        ['Opportunity', 'AccountId'],
        ['Contact', 'AccountId'],
      ],
      Opportunity: [['OpportunityPartner', 'OpportunityId']],
    };
    for (const [object, field] of cascade[def.name] ?? []) {
      const child = this.schema.objects.find((o) => o.name === object)!;
      const ids = [...this.rows(child)].filter((r) => r[field] === id).map((r) => String(r.Id));
      for (const c of ids) removed.push(...this.remove(child, c));
    }
    return removed;
  }

  /** Records whose SystemModstamp is in [from, to). */
  updatedIds(def: ObjectDef, from: number, to: number): string[] {
    const out: string[] = [];
    for (const row of this.rows(def)) {
      const stamp = row.SystemModstamp;
      if (typeof stamp === 'number' && stamp >= from && stamp < to) out.push(String(row.Id));
    }
    return out;
  }

  /** Delete-log entries in [from, to), and the earliest instant the log still covers. */
  deletedIn(def: ObjectDef, from: number, to: number): { entries: DeletedEntry[]; earliest: number } {
    const t = this.table(def);
    return { entries: t.log.filter((e) => e.at >= from && e.at < to), earliest: t.earliest };
  }

  /**
   * Removes a record without a delete-log entry: hard-deleted (or emptied from the recycle
   * bin) before any getDeleted call saw it. To this user's API it also looks like a record
   * whose sharing was taken away: gone from queries, listed by neither feed.
   */
  hardDelete(def: ObjectDef, id: string): boolean {
    const t = this.table(def);
    if (!t.rows.has(id)) return false;
    this.put(t, id, undefined);
    return true;
  }

  /** Empties the delete log of `def` (every object when omitted), as the purge job does. */
  purgeDeleteLog(def?: ObjectDef): void {
    const now = this.clock.now();
    for (const t of this.tables.values()) {
      if (def && t.def !== def) continue;
      t.log = [];
      t.earliest = now;
    }
  }
}

/** Fields Salesforce derives: an Opportunity's stage sets IsClosed, IsWon and Probability. */
function derive(def: ObjectDef, row: Row): Row {
  if (def.name !== 'Opportunity' || typeof row.StageName !== 'string') return row;
  const stage = STAGES[row.StageName.toLowerCase()] ?? { closed: false, won: false, probability: row.Probability ?? 10 };
  return { ...row, IsClosed: stage.closed, IsWon: stage.won, Probability: stage.probability };
}
