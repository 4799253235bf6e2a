/**
 * The demo PRM's own store: every record as pre-serialized JSON plus an append-only
 * change log, in SQLite (better-sqlite3). Serves PRM sync protocol v1 pull pages.
 *
 * Tables:
 *  - `row(ord, id, pid, version, created_seq, updated_seq, data)`, WITHOUT ROWID,
 *    clustered on (ord, id): `ord` is the entity's index in ENTITIES (dependency order),
 *    `pid` the partner a row belongs to (for cascades), `data` the JSON sent on the wire.
 *    Generated ids are zero-padded and sequential, so (ord, id) order is creation order.
 *  - `log(seq, ord, id, op, version)`: one entry per upsert/delete after the initial
 *    load (the generated book has created_seq = 0 and no log entries).
 *  - `tomb(ord, id, version)`: last version of deleted rows, so a re-created row gets a
 *    higher version than its tombstone.
 *  - `meta(key, value)`: epoch, compaction point, book parameters.
 *  - `hist(ord, id, version, data)`: earlier versions of client-editable records (kept
 *    when they are replaced), so the mutation handler can tell which fields changed on
 *    the server since the version a client edited (`merged`).
 *
 * Pull: a full pull (no cursor) serves a snapshot of the rows with created_seq <= S in
 * (ord, id) order, S being the log head when the pull started, then the log from S+1.
 * Every served upsert carries the row's *current* data and version. A row modified after
 * the position being served might now reference a parent the client has not received
 * yet; such rows are checked and their missing parents are served inline first, so the
 * stream is always FK-safe for the client replica.
 *
 * Cursor: base64url of JSON `{"v":1,"e":epoch,"p":"s","s":S,"o":ord,"k":lastId}` in
 * the snapshot phase or `{"v":1,"e":epoch,"p":"l","q":seq}` in the log phase. Errors:
 * undecodable → 400 bad_cursor; other epoch, or a position below the compaction
 * point → 410 cursor_expired.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
  ENTITIES,
  ENTITY_NAMES,
  isEntityName,
  type EntityData,
  type EntityName,
} from '../../src-shared/domain/entities';
import { generateBook, type BookSummary, type GenerateOptions } from './generator';
import type { Rng } from './rng';
import { simulate, editRandom as editRandomImpl } from './simulate';

export class StoreError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

type OnDelete = 'cascade' | 'set_null' | 'restrict';
export interface Reference {
  child: EntityName;
  field: string;
  parent: EntityName;
  onDelete: OnDelete;
}

/** The client replica's foreign keys (src-main/db/migrations), as the server enforces them. */
export const REFERENCES: readonly Reference[] = [
  { child: 'user', field: 'manager_id', parent: 'user', onDelete: 'set_null' },
  { child: 'partner', field: 'tier_id', parent: 'tier', onDelete: 'restrict' },
  { child: 'partner', field: 'owner_id', parent: 'user', onDelete: 'restrict' },
  { child: 'contact', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'opportunity', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'deal_registration', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'deal_registration', field: 'matched_opportunity_id', parent: 'opportunity', onDelete: 'set_null' },
  { child: 'deal_registration', field: 'opportunity_id', parent: 'opportunity', onDelete: 'set_null' },
  { child: 'engagement_event', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'engagement_event', field: 'contact_id', parent: 'contact', onDelete: 'set_null' },
  { child: 'certification', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'certification', field: 'contact_id', parent: 'contact', onDelete: 'cascade' },
  { child: 'mdf_allocation', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'mdf_request', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'mdf_request', field: 'allocation_id', parent: 'mdf_allocation', onDelete: 'cascade' },
  { child: 'psat_response', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'psat_response', field: 'contact_id', parent: 'contact', onDelete: 'set_null' },
  { child: 'jbp', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'jbp_objective', field: 'jbp_id', parent: 'jbp', onDelete: 'cascade' },
  { child: 'jbp_initiative', field: 'jbp_id', parent: 'jbp', onDelete: 'cascade' },
  { child: 'jbp_initiative', field: 'objective_id', parent: 'jbp_objective', onDelete: 'set_null' },
  { child: 'qbr_note', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'action_state', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
  { child: 'note', field: 'partner_id', parent: 'partner', onDelete: 'cascade' },
];

const ORD: Record<EntityName, number> = Object.fromEntries(ENTITY_NAMES.map((e, i) => [e, i])) as Record<EntityName, number>;
const REFS_BY_CHILD = new Map<EntityName, Reference[]>();
const REFS_BY_PARENT = new Map<EntityName, Reference[]>();
for (const r of REFERENCES) {
  REFS_BY_CHILD.set(r.child, [...(REFS_BY_CHILD.get(r.child) ?? []), r]);
  REFS_BY_PARENT.set(r.parent, [...(REFS_BY_PARENT.get(r.parent) ?? []), r]);
}
/** Entities whose rows reference rows of the same entity (checked on every snapshot row). */
const SELF_REFERENCING = new Set(REFERENCES.filter((r) => r.child === r.parent).map((r) => r.child));
/** Wire prefix of an upsert change per entity: `{"entity":"x","id":`. */
const ENTITY_PREFIX = ENTITY_NAMES.map((e) => `{"entity":${JSON.stringify(e)},"id":`);

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

export interface StoredRecord<E extends EntityName = EntityName> {
  entity: E;
  id: string;
  version: number;
  data: EntityData<E>;
}

export interface PageResult {
  /** The response body, already serialized. */
  body: string;
  cursor: string;
  hasMore: boolean;
  remaining: number;
  count: number;
}

/** One change as it enters the log; `before` / `after` are the record's JSON (null when absent). */
export interface LoggedChange {
  seq: number;
  entity: EntityName;
  id: string;
  op: 'upsert' | 'delete';
  version: number;
  before: string | null;
  after: string | null;
}

export interface BookMeta {
  seed: number;
  scale: string;
  asOf: string;
  counts: Record<string, number>;
}

type Cursor =
  | { p: 's'; s: number; o: number; k: string }
  | { p: 'l'; q: number };

interface RowState {
  version: number;
  created_seq: number;
  updated_seq: number;
  pid: string | null;
  data: string;
}

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

function trailingNumber(id: string): number | null {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) : null;
}

export class PrmStore {
  readonly db: Database.Database;
  readonly epoch: string;
  private readonly counts: number[] = ENTITY_NAMES.map(() => 0);
  private readonly idRange: { min: number; max: number }[] = ENTITY_NAMES.map(() => ({ min: 0, max: 0 }));
  private headSeq: number;
  private compactedThrough: number;
  private readonly st: ReturnType<PrmStore['prepare']>;
  private observer: ((change: LoggedChange) => void) | null = null;

  private constructor(db: Database.Database) {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS row (
        ord INTEGER NOT NULL,
        id TEXT NOT NULL,
        pid TEXT,
        version INTEGER NOT NULL,
        created_seq INTEGER NOT NULL,
        updated_seq INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (ord, id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS log (
        seq INTEGER PRIMARY KEY,
        ord INTEGER NOT NULL,
        id TEXT NOT NULL,
        op INTEGER NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS tomb (
        ord INTEGER NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (ord, id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS hist (
        ord INTEGER NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (ord, id, version)
      ) WITHOUT ROWID;
    `);
    this.st = this.prepare();
    const epoch = this.getMeta('epoch');
    if (epoch) this.epoch = epoch;
    else {
      this.epoch = randomBytes(9).toString('base64url');
      this.setMeta('epoch', this.epoch);
    }
    this.headSeq = (db.prepare('SELECT max(seq) AS m FROM log').get() as { m: number | null }).m ?? Number(this.getMeta('head') ?? 0);
    this.compactedThrough = Number(this.getMeta('compacted_through') ?? 0);
    this.refreshStats();
  }

  /** Opens (creating if needed) a store at `path` (`:memory:` for tests). */
  static open(path: string): PrmStore {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -131072');
    db.pragma('temp_store = MEMORY');
    return new PrmStore(db);
  }

  private prepare() {
    const db = this.db;
    return {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      insertRow: db.prepare<[number, string, string | null, number, number, number, string]>(
        'INSERT INTO row(ord, id, pid, version, created_seq, updated_seq, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      updateRow: db.prepare<[number, number, string, number, string]>(
        'UPDATE row SET version = ?, updated_seq = ?, data = ? WHERE ord = ? AND id = ?',
      ),
      deleteRow: db.prepare<[number, string]>('DELETE FROM row WHERE ord = ? AND id = ?'),
      getRow: db.prepare<[number, string], RowState>(
        'SELECT version, created_seq, updated_seq, pid, data FROM row WHERE ord = ? AND id = ?',
      ),
      log: db.prepare<[number, number, string, number, number]>('INSERT INTO log(seq, ord, id, op, version) VALUES (?, ?, ?, ?, ?)'),
      getTomb: db.prepare<[number, string], { version: number }>('SELECT version FROM tomb WHERE ord = ? AND id = ?'),
      putHist: db.prepare<[number, string, number, string]>('INSERT OR IGNORE INTO hist(ord, id, version, data) VALUES (?, ?, ?, ?)'),
      getHist: db.prepare<[number, string, number], { data: string }>('SELECT data FROM hist WHERE ord = ? AND id = ? AND version = ?'),
      putTomb: db.prepare<[number, string, number]>(
        'INSERT INTO tomb(ord, id, version) VALUES (?, ?, ?) ON CONFLICT(ord, id) DO UPDATE SET version = excluded.version',
      ),
      snapshotPage: db
        .prepare<[number, string, number, number], [string, number, number, number, string]>(
          'SELECT id, version, created_seq, updated_seq, data FROM row WHERE ord = ? AND id > ? AND created_seq <= ? ORDER BY id LIMIT ?',
        )
        .raw(true),
      logPage: db
        .prepare<[number, number], [number, number, string, number, number, number | null, number | null, string | null]>(
          `SELECT l.seq, l.ord, l.id, l.op, l.version, r.version, r.updated_seq, r.data
             FROM log l LEFT JOIN row r ON r.ord = l.ord AND r.id = l.id
            WHERE l.seq > ? ORDER BY l.seq LIMIT ?`,
        )
        .raw(true),
      childrenOfPartner: db.prepare<[string, number], { id: string; data: string }>('SELECT id, data FROM row WHERE pid = ? AND ord = ?'),
      allOf: db.prepare<[number], { id: string; data: string }>('SELECT id, data FROM row WHERE ord = ?'),
      dump: db.prepare<[number], { id: string; version: number; data: string }>('SELECT id, version, data FROM row WHERE ord = ? ORDER BY id'),
    };
  }

  private getMeta(key: string): string | undefined {
    return this.st.getMeta.get(key)?.value;
  }
  private setMeta(key: string, value: string): void {
    this.st.setMeta.run(key, value);
  }

  private refreshStats(): void {
    const rows = this.db.prepare('SELECT ord, count(*) AS n FROM row GROUP BY ord').all() as { ord: number; n: number }[];
    this.counts.fill(0);
    for (const r of rows) this.counts[r.ord] = r.n;
    const edge = this.db.prepare<[number], { id: string }>('SELECT id FROM row WHERE ord = ? ORDER BY id LIMIT 1');
    const edgeMax = this.db.prepare<[number], { id: string }>('SELECT id FROM row WHERE ord = ? ORDER BY id DESC LIMIT 1');
    for (let o = 0; o < ENTITY_NAMES.length; o++) {
      const lo = edge.get(o);
      const hi = edgeMax.get(o);
      this.idRange[o] = {
        min: (lo && trailingNumber(lo.id)) ?? 0,
        max: (hi && trailingNumber(hi.id)) ?? 0,
      };
    }
  }

  /** True when the store holds no book yet. */
  isEmpty(): boolean {
    return this.counts.every((n) => n === 0);
  }

  /** Parameters of the generated book, if any. */
  bookMeta(): BookMeta | null {
    const raw = this.getMeta('book');
    return raw ? (JSON.parse(raw) as BookMeta) : null;
  }

  /**
   * Generates the book straight into the store (one transaction, no validation on the
   * hot path: the generator's output is covered by tests). Only on an empty store.
   */
  loadBook(opts: GenerateOptions, onProgress?: (rows: number) => void): BookSummary {
    if (!this.isEmpty()) throw new StoreError(409, 'conflict', 'the store already holds a book');
    const insert = this.st.insertRow;
    let n = 0;
    let summary: BookSummary | undefined;
    this.db.transaction(() => {
      summary = generateBook(opts, (entity, data) => {
        const d = data as { id: string; partner_id?: string | null };
        const pid = entity === 'partner' ? d.id : (d.partner_id ?? null);
        insert.run(ORD[entity], d.id, entity === 'jbp_objective' || entity === 'jbp_initiative' ? this.pidOfJbp(data) : pid, 1, 0, 0, JSON.stringify(data));
        n++;
        if (onProgress && n % 100_000 === 0) onProgress(n);
      });
      const s = summary;
      this.setMeta('book', JSON.stringify({ seed: s.seed, scale: s.scale, asOf: s.asOf, counts: s.counts } satisfies BookMeta));
      this.setMeta('trajectories', JSON.stringify(s.trajectories));
    })();
    this.refreshStats();
    if (!summary) throw new Error('generation produced nothing');
    return summary;
  }

  private pidOfJbp(data: unknown): string | null {
    const jbpId = (data as { jbp_id?: string }).jbp_id;
    if (!jbpId) return null;
    return this.st.getRow.get(ORD.jbp, jbpId)?.pid ?? null;
  }

  /** Latent trajectories of the generated partners (for demos and tests). */
  trajectories(): Record<string, string> {
    const raw = this.getMeta('trajectories');
    return raw ? (JSON.parse(raw) as Record<string, string>) : {};
  }

  head(): number {
    return this.headSeq;
  }

  compactedPoint(): number {
    return this.compactedThrough;
  }

  /** Rows of one entity, or all rows. */
  count(entity?: EntityName): number {
    if (entity) return this.counts[ORD[entity]] ?? 0;
    return this.counts.reduce((a, b) => a + b, 0);
  }

  countsByEntity(): Record<EntityName, number> {
    return Object.fromEntries(ENTITY_NAMES.map((e, i) => [e, this.counts[i] ?? 0])) as Record<EntityName, number>;
  }

  get<E extends EntityName>(entity: E, id: string): StoredRecord<E> | null {
    const row = this.st.getRow.get(ORD[entity], id);
    if (!row) return null;
    return { entity, id, version: row.version, data: JSON.parse(row.data) as EntityData<E> };
  }

  /** All rows of an entity with versions, in id order. */
  dump<E extends EntityName>(entity: E): StoredRecord<E>[] {
    return this.st.dump.all(ORD[entity]).map((r) => ({ entity, id: r.id, version: r.version, data: JSON.parse(r.data) as EntityData<E> }));
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private nextSeq(): number {
    this.headSeq += 1;
    return this.headSeq;
  }

  /**
   * Validates and stores a full record (creating or replacing it), bumps its version and
   * logs the change. References must point at existing rows.
   */
  upsert<E extends EntityName>(entity: E, id: string, data: unknown): StoredRecord<E> {
    const schema = ENTITIES[entity].schema;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? String(issue.path[0]) : undefined;
      throw new StoreError(422, 'validation', `${entity} ${id}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`, field);
    }
    const value = parsed.data as EntityData<E> & { id: string };
    if (value.id !== id) throw new StoreError(422, 'validation', `${entity} ${id}: data.id must equal the id`, 'id');
    const fields = value as unknown as Record<string, unknown>;
    for (const ref of REFS_BY_CHILD.get(entity) ?? []) {
      const target = fields[ref.field];
      if (typeof target === 'string' && !(ref.parent === entity && target === id) && !this.st.getRow.get(ORD[ref.parent], target)) {
        throw new StoreError(422, 'validation', `${entity} ${id}: ${ref.field} references a missing ${ref.parent} ${target}`, ref.field);
      }
    }
    return this.transaction(() => {
      const ord = ORD[entity];
      const json = JSON.stringify(value);
      const existing = this.st.getRow.get(ord, id);
      const seq = this.nextSeq();
      let version: number;
      if (existing) {
        version = existing.version + 1;
        this.keepHistory(entity, id, existing);
        this.st.updateRow.run(version, seq, json, ord, id);
      } else {
        version = (this.st.getTomb.get(ord, id)?.version ?? 0) + 1;
        let pid: string | null;
        if (entity === 'partner') pid = id;
        else if (typeof fields.partner_id === 'string') pid = fields.partner_id;
        else pid = this.pidOfJbp(value);
        this.st.insertRow.run(ord, id, pid, version, seq, seq, json);
        this.counts[ord] = (this.counts[ord] ?? 0) + 1;
        const n = trailingNumber(id);
        const range = this.idRange[ord];
        if (n !== null && range && n > range.max) range.max = n;
      }
      this.logChange(seq, ord, id, 0, version, existing?.data ?? null, json);
      return { entity, id, version, data: value };
    });
  }

  /** Appends a change to the log and tells the observer (audit.ts), inside the caller's transaction. */
  private logChange(seq: number, ord: number, id: string, op: 0 | 1, version: number, before: string | null, after: string | null): void {
    this.st.log.run(seq, ord, id, op, version);
    this.observer?.({ seq, entity: ENTITY_NAMES[ord] as EntityName, id, op: op === 1 ? 'delete' : 'upsert', version, before, after });
  }

  /**
   * Sees every logged change (upserts, SET NULL updates, deletes and their cascades) as it
   * is written, until the returned function is called. One observer at a time.
   */
  observe(fn: (change: LoggedChange) => void): () => void {
    const previous = this.observer;
    this.observer = fn;
    return () => {
      this.observer = previous;
    };
  }

  private keepHistory(entity: EntityName, id: string, row: RowState): void {
    if (ENTITIES[entity].editable) this.st.putHist.run(ORD[entity], id, row.version, row.data);
  }

  /**
   * The data of a client-editable record as it was at `version` (the current row, or a
   * kept earlier version); null when unknown.
   */
  dataAt<E extends EntityName>(entity: E, id: string, version: number): EntityData<E> | null {
    const row = this.st.getRow.get(ORD[entity], id);
    if (row && row.version === version) return JSON.parse(row.data) as EntityData<E>;
    const h = this.st.getHist.get(ORD[entity], id, version);
    return h ? (JSON.parse(h.data) as EntityData<E>) : null;
  }

  /** Last version of a deleted record (its tombstone), or null. */
  tombstoneVersion(entity: EntityName, id: string): number | null {
    return this.st.getTomb.get(ORD[entity], id)?.version ?? null;
  }

  /** Merges `fields` into the current record (as a PRM user editing it), validated. */
  patch<E extends EntityName>(entity: E, id: string, fields: Record<string, unknown>): StoredRecord<E> {
    const current = this.get(entity, id);
    if (!current) throw new StoreError(404, 'not_found', `${entity} ${id} not found`);
    if ('id' in fields && fields.id !== id) throw new StoreError(422, 'validation', 'the id cannot change', 'id');
    return this.upsert(entity, id, { ...(current.data as object), ...fields });
  }

  /**
   * Deletes a record with the client's ON DELETE rules: cascaded children are deleted
   * first (tombstoned before the parent), SET NULL references become logged upserts with
   * a bumped version, RESTRICT references make the delete fail (409). Returns the number
   * of rows deleted.
   */
  delete(entity: EntityName, id: string): number {
    if (!this.st.getRow.get(ORD[entity], id)) throw new StoreError(404, 'not_found', `${entity} ${id} not found`);
    return this.transaction(() => this.deleteRec(entity, id));
  }

  private childrenReferencing(ref: Reference, parentId: string, parentPid: string | null): { id: string; data: Record<string, unknown> }[] {
    const ord = ORD[ref.child];
    // Children of a partner-owned parent belong to the same partner, except deal
    // registrations pointing at opportunities (conflicts reach across partners).
    const scoped = parentPid !== null && !(ref.parent === 'opportunity');
    const rows = scoped ? this.st.childrenOfPartner.all(parentPid, ord) : this.st.allOf.all(ord);
    const out: { id: string; data: Record<string, unknown> }[] = [];
    const needle = JSON.stringify(parentId);
    for (const r of rows) {
      if (!r.data.includes(needle)) continue;
      const data = JSON.parse(r.data) as Record<string, unknown>;
      if (data[ref.field] === parentId) out.push({ id: r.id, data });
    }
    return out;
  }

  private deleteRec(entity: EntityName, id: string): number {
    const ord = ORD[entity];
    const row = this.st.getRow.get(ord, id);
    if (!row) return 0;
    let deleted = 0;
    // Deepest children first, so cascades never touch a row that is about to go anyway.
    const refs = [...(REFS_BY_PARENT.get(entity) ?? [])].sort((a, b) => ORD[b.child] - ORD[a.child]);
    const scopePid = entity === 'partner' ? id : row.pid;
    for (const ref of refs) {
      if (ref.onDelete !== 'restrict') continue;
      const kids = this.childrenReferencing(ref, id, scopePid);
      const first = kids[0];
      if (first) throw new StoreError(409, 'conflict', `${entity} ${id} is still referenced by ${ref.child} ${first.id}`);
    }
    for (const ref of refs) {
      if (ref.onDelete === 'restrict') continue;
      for (const kid of this.childrenReferencing(ref, id, scopePid)) {
        if (ref.child === entity && kid.id === id) continue;
        if (ref.onDelete === 'cascade') deleted += this.deleteRec(ref.child, kid.id);
        else {
          const current = this.st.getRow.get(ORD[ref.child], kid.id);
          if (!current) continue;
          const data = JSON.parse(current.data) as Record<string, unknown>;
          if (data[ref.field] !== id) continue;
          data[ref.field] = null;
          this.keepHistory(ref.child, kid.id, current);
          const seq = this.nextSeq();
          const version = current.version + 1;
          const json = JSON.stringify(data);
          this.st.updateRow.run(version, seq, json, ORD[ref.child], kid.id);
          this.logChange(seq, ORD[ref.child], kid.id, 0, version, current.data, json);
        }
      }
    }
    this.keepHistory(entity, id, row);
    const seq = this.nextSeq();
    const version = row.version + 1;
    this.st.deleteRow.run(ord, id);
    this.st.putTomb.run(ord, id, version);
    this.logChange(seq, ord, id, 1, version, row.data, null);
    this.counts[ord] = Math.max(0, (this.counts[ord] ?? 0) - 1);
    return deleted + 1;
  }

  /**
   * Drops log entries up to `through` (default: the head). Cursors positioned before that
   * point get 410 cursor_expired afterwards. Returns the new compaction point.
   */
  compact(through: number = this.headSeq): number {
    const point = Math.min(Math.max(through, this.compactedThrough), this.headSeq);
    this.transaction(() => {
      this.db.prepare('DELETE FROM log WHERE seq <= ?').run(point);
      this.setMeta('compacted_through', String(point));
      this.setMeta('head', String(this.headSeq));
    });
    this.compactedThrough = point;
    return point;
  }

  /** New server-side activity: events, deal movement, registrations, PSAT… Returns changes made. */
  simulateActivity(n: number, rng: Rng): number {
    return this.transaction(() => simulate(this, n, rng));
  }

  /** `n` random server-side edits of existing records. */
  editRandom(n: number, rng: Rng): number {
    return this.transaction(() => editRandomImpl(this, n, rng));
  }

  /** A random existing id of an entity (uniform over the id range; null if none). */
  randomId(entity: EntityName, rng: Rng): string | null {
    const ord = ORD[entity];
    if ((this.counts[ord] ?? 0) === 0) return null;
    const row = this.db
      .prepare<[number, number], { id: string }>('SELECT id FROM row WHERE ord = ? LIMIT 1 OFFSET ?')
      .get(ord, rng.int(0, Math.min((this.counts[ord] ?? 1) - 1, 5000)));
    return row?.id ?? null;
  }

  /** Rows of an entity that belong to a partner (by partner_id, or through their JBP). */
  partnerRows<E extends EntityName>(partnerId: string, entity: E): StoredRecord<E>[] {
    return this.st.childrenOfPartner
      .all(partnerId, ORD[entity])
      .map((r) => ({ entity, id: r.id, version: this.st.getRow.get(ORD[entity], r.id)?.version ?? 1, data: JSON.parse(r.data) as EntityData<E> }));
  }

  /** Highest trailing number of the ids of an entity (for minting new ids). */
  maxIdNumber(entity: EntityName): number {
    return this.idRange[ORD[entity]]?.max ?? 0;
  }

  // ---------------------------------------------------------------- pull

  encodeCursor(c: Cursor): string {
    return b64url(JSON.stringify({ v: 1, e: this.epoch, ...c }));
  }

  private decodeCursor(raw: string): Cursor {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    } catch {
      throw new StoreError(400, 'bad_cursor', 'the cursor is not one this server issued');
    }
    const c = parsed as { v?: unknown; e?: unknown; p?: unknown; s?: unknown; o?: unknown; k?: unknown; q?: unknown };
    if (typeof c !== 'object' || c === null || c.v !== 1) throw new StoreError(400, 'bad_cursor', 'the cursor is not one this server issued');
    if (c.e !== this.epoch) throw new StoreError(410, 'cursor_expired', 'the PRM store was reset; pull again from the start');
    if (c.p === 's' && Number.isInteger(c.s) && Number.isInteger(c.o) && typeof c.k === 'string') {
      const s = c.s as number;
      if (s < this.compactedThrough) throw new StoreError(410, 'cursor_expired', 'the change log was compacted past this cursor; pull again from the start');
      return { p: 's', s, o: c.o as number, k: c.k };
    }
    if (c.p === 'l' && Number.isInteger(c.q)) {
      const q = c.q as number;
      if (q < this.compactedThrough) throw new StoreError(410, 'cursor_expired', 'the change log was compacted past this cursor; pull again from the start');
      if (q > this.headSeq) throw new StoreError(410, 'cursor_expired', 'the cursor is ahead of this server; pull again from the start');
      return { p: 'l', q };
    }
    throw new StoreError(400, 'bad_cursor', 'the cursor is not one this server issued');
  }

  /** Approximate rows left in the snapshot after (ord, lastId). */
  private snapshotRemaining(ord: number, lastId: string): number {
    let n = 0;
    for (let o = ord + 1; o < this.counts.length; o++) n += this.counts[o] ?? 0;
    const count = this.counts[ord] ?? 0;
    if (ord < this.counts.length && count > 0) {
      const range = this.idRange[ord] ?? { min: 0, max: 0 };
      const cur = lastId === '' ? range.min - 1 : (trailingNumber(lastId) ?? range.min);
      const span = Math.max(1, range.max - range.min + 1);
      n += Math.round(count * Math.min(1, Math.max(0, (range.max - cur) / span)));
    }
    return n;
  }

  /**
   * Serves one page of changes after `cursor` (null/empty: a full pull from the start),
   * at most `limit` changes (plus any parents served inline for FK safety).
   */
  changes(cursor: string | null | undefined, limit: number = DEFAULT_LIMIT): PageResult {
    const lim = Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
    const c: Cursor = cursor ? this.decodeCursor(cursor) : { p: 's', s: this.headSeq, o: 0, k: '' };
    const parts: string[] = [];
    let served = 0;
    const inlined = new Set<string>();
    const serveParents = (entityOrd: number, id: string, data: string, isDelivered: (pOrd: number, pId: string, st: RowState) => boolean, depth = 0) => {
      if (depth > 8) return;
      const entity = ENTITY_NAMES[entityOrd] as EntityName;
      const refs = REFS_BY_CHILD.get(entity);
      if (!refs) return;
      let obj: Record<string, unknown> | undefined;
      for (const ref of refs) {
        if (!data.includes(`"${ref.field}":"`)) continue;
        obj ??= JSON.parse(data) as Record<string, unknown>;
        const target = obj[ref.field];
        if (typeof target !== 'string' || (ref.parent === entity && target === id)) continue;
        const pOrd = ORD[ref.parent];
        const key = `${pOrd}:${target}`;
        if (inlined.has(key)) continue;
        const st = this.st.getRow.get(pOrd, target);
        if (!st || isDelivered(pOrd, target, st)) continue;
        inlined.add(key);
        serveParents(pOrd, target, st.data, isDelivered, depth + 1);
        parts.push(`${ENTITY_PREFIX[pOrd]}${JSON.stringify(target)},"version":${st.version},"op":"upsert","data":${st.data}}`);
        served++;
      }
    };

    let next: Cursor = c;
    if (c.p === 's') {
      let { o, k } = c;
      const S = c.s;
      while (served < lim && o < ENTITY_NAMES.length) {
        const rows = this.st.snapshotPage.all(o, k, S, lim - served);
        const selfRef = SELF_REFERENCING.has(ENTITY_NAMES[o] as EntityName);
        const prefix = ENTITY_PREFIX[o] as string;
        for (const [id, version, , updatedSeq, data] of rows) {
          if (updatedSeq > S || selfRef) {
            const curOrd = o;
            serveParents(o, id, data, (pOrd, pId, st) => st.created_seq <= S && (pOrd < curOrd || (pOrd === curOrd && pId < id)));
          }
          parts.push(`${prefix}${JSON.stringify(id)},"version":${version},"op":"upsert","data":${data}}`);
          served++;
          k = id;
        }
        if (served < lim) {
          o++;
          k = '';
        }
      }
      next = o >= ENTITY_NAMES.length ? { p: 'l', q: S } : { p: 's', s: S, o, k };
    }
    if (next.p === 'l' && served < lim) {
      let q = next.q;
      const rows = this.st.logPage.all(q, lim - served);
      for (const [seq, ord, id, op, logVersion, version, , data] of rows) {
        q = seq;
        if (op === 1) {
          parts.push(`${ENTITY_PREFIX[ord]}${JSON.stringify(id)},"version":${logVersion},"op":"delete"}`);
          served++;
          continue;
        }
        if (data === null || version === null) continue; // deleted since; its tombstone follows
        const at = seq;
        serveParents(ord, id, data, (_pOrd, _pId, st) => st.created_seq <= at);
        parts.push(`${ENTITY_PREFIX[ord]}${JSON.stringify(id)},"version":${version},"op":"upsert","data":${data}}`);
        served++;
      }
      next = { p: 'l', q };
    }

    // has_more is exact (snapshot unfinished, or log entries after the cursor);
    // remaining is an estimate for progress bars.
    let remaining: number;
    let hasMore: boolean;
    if (next.p === 's') {
      hasMore = true;
      remaining = Math.max(1, this.snapshotRemaining(next.o, next.k) + (this.headSeq - next.s));
    } else {
      hasMore = next.q < this.headSeq;
      remaining = Math.max(0, this.headSeq - next.q);
    }
    const cursorOut = this.encodeCursor(next);
    const body = `{"cursor":${JSON.stringify(cursorOut)},"has_more":${hasMore},"remaining":${remaining},"changes":[${parts.join(',')}]}`;
    return { body, cursor: cursorOut, hasMore, remaining, count: served };
  }

  close(): void {
    if (this.db.open) {
      this.setMeta('head', String(this.headSeq));
      this.db.close();
    }
  }
}

export { isEntityName };
