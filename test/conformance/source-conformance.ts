/**
 * The source conformance suite (docs/ARCHITECTURE.md §4). Every
 * source — protocol v1 today, spreadsheet files and Salesforce next — must pass it. It
 * drives the real sync code (pull, push, the sync service) against a source and checks
 * the guarantees the app relies on, comparing the replica with the source's own truth:
 *
 * - describe() says what the source can write and who is signed in;
 * - a fresh pull gives a replica equal to the source, row by row, with intact foreign keys;
 * - replaying pages changes nothing; server edits and deletions arrive incrementally;
 * - a cursor the source no longer serves (cursor_expired) refetches and sweeps, keeping local edits;
 * - a sync aborted part-way leaves a consistent replica and the next sync converges;
 * - (writable sources) pushed edits apply; edits to different fields merge; edits to the same
 *   field become conflicts that keep base, theirs and mine; a resent batch gets the same answers;
 *   an edit of a record the source deleted is rejected, never silently dropped;
 * - (read-only sources) every mutation is rejected as read_only;
 * - a property: any interleaving of source edits, local edits, syncs and aborted syncs ends,
 *   after one clean sync, with the replica equal to the source and every local edit either on
 *   the source or visible to the user as a conflict or a rejection.
 *
 * A subject supplies the source and "server controls" that act on the source's data the way
 * someone editing it in the PRM (or a new export of the files) would.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/base/clock';
import { openDb, type Db } from '../../src-main/db/connection';
import type { SourceConnector } from '../../src-main/sources/contract';
import { COLUMNS } from '../../src-main/sync/apply';
import { listOutbox } from '../../src-main/sync/conflicts';
import { queueEdit } from '../../src-main/sync/edits';
import { pull } from '../../src-main/sync/pull';
import type { OutboxRow } from '../../src-main/sync/overlay';
import { push, toMutation } from '../../src-main/sync/push';
import { createSyncService } from '../../src-main/sync/service';
import { getState, setState } from '../../src-main/sync/state';
import { EventBus } from '../../src-main/events';
import { ENTITY_NAMES, type EditableEntityName, type EntityName } from '../../src-shared/domain/entities';

export interface ServerRow {
  id: string;
  /**
   * The record's version at the source. null only for a record the connector derives
   * rather than reads (Salesforce's "No tier in Salesforce" level, versioned by the load
   * that made it): its data is compared, its version is not.
   */
  version: number | null;
  data: Record<string, unknown>;
}

/** An editable record and a text field of it that accepts any short string. */
export interface EditableField {
  entity: EditableEntityName;
  id: string;
  field: string;
}

export interface ServerControls {
  /** The source's current rows of an entity, sorted by id. */
  rows(entity: EntityName): ServerRow[];
  /** Someone changes fields of a record at the source. */
  edit(entity: EntityName, id: string, fields: Record<string, unknown>): void;
  /** Someone deletes a record at the source. */
  remove(entity: EntityName, id: string): void;
  /** The source stops serving the cursors it handed out (the next pull gets cursor_expired). */
  expireCursors(): void;
  /** Editable records with a free-text field, for push checks (at least 4, on distinct records). */
  editableFields(): EditableField[];
  /** Server-owned records a source edit may change (at least 2), with a text field. */
  serverOwnedFields(): { entity: EntityName; id: string; field: string }[];
}

export interface ConformanceSubject {
  name: string;
  writable: boolean;
  /** Starts a fresh source with its data; called once per describe block. */
  start(): Promise<{ connector: SourceConnector; server: ServerControls; stop(): Promise<void> }>;
}

const clock = fixedClock('2026-11-20T10:00:00Z');
const RETRY = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 };

function replicaRows(db: Db, entity: EntityName): ServerRow[] {
  const rows = db.sqlite.prepare(`SELECT * FROM "${entity}" ORDER BY id`).all() as Record<string, unknown>[];
  return rows.map((r) => {
    const data: Record<string, unknown> = {};
    for (const c of COLUMNS[entity]) data[c] = entity === 'tier' && c === 'benefits' ? JSON.parse(r[c] as string) : r[c];
    return { id: r.id as string, version: r.version as number, data };
  });
}

/** Entities where the replica's base rows differ from the source, with the first difference. */
export function differencesFrom(db: Db, server: Pick<ServerControls, 'rows'>): string[] {
  const out: string[] = [];
  for (const e of ENTITY_NAMES) {
    const mine = replicaRows(db, e);
    const theirs = server.rows(e).map((r, k) => {
      const data: Record<string, unknown> = {};
      for (const c of COLUMNS[e]) data[c] = r.data[c] ?? null;
      return { id: r.id, version: r.version ?? (mine[k]?.id === r.id ? mine[k]!.version : null), data };
    });
    if (mine.length !== theirs.length) {
      out.push(`${e}: replica has ${mine.length} rows, source ${theirs.length}`);
      continue;
    }
    const i = mine.findIndex((m, k) => JSON.stringify(m) !== JSON.stringify(theirs[k]));
    if (i >= 0) out.push(`${e}: ${JSON.stringify(mine[i])} != ${JSON.stringify(theirs[i])}`);
  }
  return out;
}

function consistent(db: Db): void {
  expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
}

function syncService(db: Db, connector: SourceConnector) {
  return createSyncService({ db, clock, events: new EventBus(), source: () => connector, retry: RETRY, timeoutMs: 10_000, pageSize: 7 });
}

export function runSourceConformance(subject: ConformanceSubject): void {
  describe(`source conformance: ${subject.name}`, () => {
    let connector: SourceConnector;
    let server: ServerControls;
    let stop: () => Promise<void>;
    let edits = 0;
    beforeAll(async () => {
      ({ connector, server, stop } = await subject.start());
    });
    afterAll(async () => stop());

    it('describes itself: what it can write and who is signed in', async () => {
      const d = await connector.open().describe();
      expect(d.name.length).toBeGreaterThan(0);
      for (const e of d.writable) expect(ENTITY_NAMES).toContain(e);
      expect(d.writable.length > 0).toBe(subject.writable);
      if (d.user) expect(['cam', 'manager', 'admin']).toContain(d.user.role);
    });

    it('a fresh pull gives a replica equal to the source, row by row', async () => {
      const db = openDb(':memory:');
      const res = await pull(db.sqlite, connector.open(), { pageSize: 5 });
      expect(res.kind).toBe('full');
      expect(res.pages).toBeGreaterThan(1);
      expect(differencesFrom(db, server)).toEqual([]);
      consistent(db);
      db.close();
    });

    it('replaying pages from an older cursor changes nothing', async () => {
      const db = openDb(':memory:');
      const source = connector.open();
      let firstCursor: string | null = null;
      await pull(db.sqlite, source, { pageSize: 5, onPage: () => (firstCursor ??= getState(db.sqlite, 'cursor')) });
      expect(firstCursor).not.toBeNull();
      setState(db.sqlite, 'cursor', firstCursor);
      await pull(db.sqlite, source, { pageSize: 5 });
      expect(differencesFrom(db, server)).toEqual([]);
      consistent(db);
      db.close();
    });

    it('source edits and deletions arrive with the next incremental pull', async () => {
      const db = openDb(':memory:');
      await pull(db.sqlite, connector.open(), { pageSize: 50 });
      const [a] = server.serverOwnedFields();
      server.edit(a!.entity, a!.id, { [a!.field]: 'Changed at the source' });
      const victim = server.editableFields().at(-1)!;
      server.remove(victim.entity, victim.id);
      const res = await pull(db.sqlite, connector.open(), { pageSize: 50 });
      expect(res.kind).toBe('incremental');
      expect(res.deleted).toBeGreaterThanOrEqual(1);
      expect(differencesFrom(db, server)).toEqual([]);
      consistent(db);
      db.close();
    });

    it('an expired cursor refetches everything, sweeps what the source no longer has, and keeps local edits', async () => {
      const db = openDb(':memory:');
      await pull(db.sqlite, connector.open(), { pageSize: 50 });
      const target = server.editableFields()[0]!;
      if (subject.writable) queueEdit(db.sqlite, clock, { entity: target.entity, id: target.id, op: 'upsert', fields: { [target.field]: `kept ${++edits}` } });
      const gone = server.editableFields().at(-1)!;
      server.remove(gone.entity, gone.id);
      server.expireCursors();
      const res = await pull(db.sqlite, connector.open(), { pageSize: 50 });
      expect(res.refetched).toBe(true);
      expect(differencesFrom(db, server)).toEqual([]);
      if (subject.writable) expect(listOutbox(db.sqlite).map((o) => o.record_id)).toContain(target.id);
      consistent(db);
      db.close();
    });

    it('a sync aborted part-way leaves a consistent replica, and the next sync converges', async () => {
      const db = openDb(':memory:');
      const sync = syncService(db, connector);
      const first = sync.run();
      await new Promise((r) => setTimeout(r, 0));
      await sync.abort();
      await first;
      consistent(db);
      const done = await sync.run();
      expect(done.error).toBeNull();
      expect(differencesFrom(db, server)).toEqual([]);
      db.close();
    });

    if (subject.writable) {
      it('pushed edits apply; different fields merge; the same field becomes a conflict with base, theirs and mine', async () => {
        const db = openDb(':memory:');
        await pull(db.sqlite, connector.open(), { pageSize: 50 });
        const [one, two] = server.editableFields();
        // an edit nobody else touched
        queueEdit(db.sqlite, clock, { entity: one!.entity, id: one!.id, op: 'upsert', fields: { [one!.field]: `mine ${++edits}` } });
        // the same field changed at the source meanwhile
        const mine = `mine ${++edits}`;
        queueEdit(db.sqlite, clock, { entity: two!.entity, id: two!.id, op: 'upsert', fields: { [two!.field]: mine } });
        const base = server.rows(two!.entity).find((r) => r.id === two!.id)!.data[two!.field];
        server.edit(two!.entity, two!.id, { [two!.field]: 'theirs' });
        const res = await push(db.sqlite, connector.open(), { retry: RETRY, now: clock.now });
        expect(res).toMatchObject({ pushed: 2, applied: 1, conflicts: 1 });
        expect(server.rows(one!.entity).find((r) => r.id === one!.id)!.data[one!.field]).toMatch(/^mine /);
        const conflict = db.sqlite.prepare('SELECT field, base, theirs, mine FROM conflict WHERE record_id = ?').get(two!.id);
        expect(conflict).toEqual({ field: two!.field, base: JSON.stringify(base), theirs: JSON.stringify('theirs'), mine: JSON.stringify(mine) });
        await pull(db.sqlite, connector.open(), { pageSize: 50 });
        expect(differencesFrom(db, server)).toEqual([]);
        db.close();
      });

      it('answers a resent batch with the same results, applying it once', async () => {
        const db = openDb(':memory:');
        await pull(db.sqlite, connector.open(), { pageSize: 50 });
        const [one] = server.editableFields();
        const { mutation_id } = queueEdit(db.sqlite, clock, { entity: one!.entity, id: one!.id, op: 'upsert', fields: { [one!.field]: `once ${++edits}` } });
        const row = db.sqlite.prepare('SELECT * FROM outbox WHERE mutation_id = ?').get(mutation_id) as OutboxRow;
        const request = { client_id: 'conformance-resend', mutations: [toMutation(row)] };
        const source = connector.open();
        const first = await source.mutations(request);
        const versionAfter = server.rows(one!.entity).find((r) => r.id === one!.id)!.version;
        const again = await source.mutations(request);
        expect(again).toEqual(first);
        expect(first.results[0]?.status).toBe('applied');
        expect(server.rows(one!.entity).find((r) => r.id === one!.id)!.version).toBe(versionAfter);
        db.close();
      });

      it('an edit of a record the source deleted is rejected and kept for the user, never dropped', async () => {
        const db = openDb(':memory:');
        await pull(db.sqlite, connector.open(), { pageSize: 50 });
        const target = server.editableFields()[2]!;
        queueEdit(db.sqlite, clock, { entity: target.entity, id: target.id, op: 'upsert', fields: { [target.field]: `orphan ${++edits}` } });
        server.remove(target.entity, target.id);
        const res = await push(db.sqlite, connector.open(), { retry: RETRY, now: clock.now });
        expect(res.rejected + res.conflicts).toBe(1);
        expect(listOutbox(db.sqlite).some((o) => o.record_id === target.id)).toBe(true);
        db.close();
      });

      it('property: any interleaving of source edits, local edits, syncs and aborted syncs converges and loses nothing', async () => {
        const step = fc.oneof(
          fc.record({ t: fc.constant('local' as const), slot: fc.nat(3), v: fc.nat(5) }),
          fc.record({ t: fc.constant('source' as const), slot: fc.nat(3), v: fc.nat(5) }),
          fc.record({ t: fc.constant('sync' as const) }),
          fc.record({ t: fc.constant('aborted' as const) }),
        );
        await fc.assert(
          fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
            const db = openDb(':memory:');
            const sync = syncService(db, connector);
            await sync.run();
            const fields = server.editableFields().slice(0, 4);
            // the last value typed into each field: earlier ones are superseded by it
            const lastTyped = new Map<string, string>();
            // every value each field held at the source after each step
            const sourceHistory = new Map<string, unknown[]>();
            const remember = () => {
              for (const f of fields) {
                const key = `${f.entity}:${f.id}:${f.field}`;
                sourceHistory.set(key, [...(sourceHistory.get(key) ?? []), server.rows(f.entity).find((r) => r.id === f.id)?.data[f.field]]);
              }
            };
            for (const s of steps) {
              const f = fields[('slot' in s ? s.slot : 0) % fields.length]!;
              if (s.t === 'local') {
                const value = `p${++edits}-${s.v}`;
                lastTyped.set(`${f.entity}:${f.id}:${f.field}`, value);
                queueEdit(db.sqlite, clock, { entity: f.entity, id: f.id, op: 'upsert', fields: { [f.field]: value } });
              } else if (s.t === 'source') server.edit(f.entity, f.id, { [f.field]: `s${++edits}-${s.v}` });
              else if (s.t === 'sync') await sync.run();
              else {
                const running = sync.run();
                await sync.abort();
                await running;
              }
              remember();
            }
            const last = await sync.run();
            expect(last.error).toBeNull();
            expect(differencesFrom(db, server)).toEqual([]);
            consistent(db);
            // the last value typed into each field is on the source (or was there until a later
            // source edit won a conflict the user resolved), or still visible to the user as a
            // pending edit, a conflict or a rejection
            const visible =
              JSON.stringify(db.sqlite.prepare('SELECT fields FROM outbox').all()) + JSON.stringify(db.sqlite.prepare('SELECT mine FROM conflict').all());
            for (const [key, value] of lastTyped) {
              const [entity, id, field] = key.split(':') as [EntityName, string, string];
              const now = server.rows(entity).find((r) => r.id === id)?.data[field];
              const reached = now === value || sourceHistory.get(key)?.includes(value) === true;
              expect(reached || visible.includes(value), `the edit '${value}' of ${key} was lost`).toBe(true);
            }
            db.close();
          }),
          { numRuns: 12 },
        );
      });
    } else {
      it('rejects every mutation as read_only', async () => {
        const [one] = server.editableFields();
        const res = await connector.open().mutations({
          client_id: 'conformance-ro',
          mutations: [{ mutation_id: 1, entity: one!.entity, id: one!.id, op: 'upsert', base_version: 1, fields: { [one!.field]: 'x' }, base: {} }],
        });
        expect(res.results).toEqual([expect.objectContaining({ mutation_id: 1, status: 'rejected', code: 'read_only' })]);
      });
    }
  });
}
