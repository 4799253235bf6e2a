/**
 * bench:sync's incremental pulls. `incrementalRuns`: on a replica at the PRM's head, an
 * empty pull (the floor: one round trip) then a pull after `edits` server-side edits, each
 * run. With `record`, the pages those edited pulls receive are also kept as files
 * (recorded-pages.ts's layout), with the empty page at the last position, so
 * `clientIncremental` can pull them again from a trivial static server: the client's
 * figure without the demo PRM's CPU (which answers the page and did the edits).
 * Pulls run as the sync service runs them: with the replica's background checkpoints
 * (db/checkpoint), waited for between runs, untimed; the time they took is reported.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { backgroundCheckpoints } from '../../src-main/db/checkpoint/checkpointer';
import { openDb } from '../../src-main/db/connection';
import { COLUMNS, validateChanges, type ValidChange } from '../../src-main/sync/apply';
import type { Source } from '../../src-main/sources/contract';
import { createPrmClient } from '../../src-main/sources/protocol-v1/client';
import { pull } from '../../src-main/sync/pull';
import { getState } from '../../src-main/sync/state';
import type { RecordedPages } from './recorded-pages';
import { cpuMs, median, PAGE_SIZE } from './sync-floor';

export interface IncrementalFigures {
  /** Medians over the runs: the edited pulls' wall and CPU ms, the empty pulls' (the floor). */
  ms: number;
  cpuMs: number;
  emptyMs: number;
  emptyCpuMs: number;
  rows: number;
  /** Median ms the background checkpoint after an edited pull took to finish (off the pull's thread, not in `ms`). */
  checkpointMs: number;
  all: { ms: number[]; cpuMs: number[]; emptyMs: number[]; emptyCpuMs: number[] };
}

interface Timed {
  ms: number;
  cpuMs: number;
  rows: number;
  checkpointMs: number;
}

type Checkpointer = ReturnType<typeof backgroundCheckpoints>;

export interface IncrementalOptions {
  /** false: pulls as before background checkpoints (SQLite checkpoints inside the commits), to compare. */
  backgroundCheckpoint: boolean;
}

/** The replica's checkpointer, its worker started (as after a workspace's first sync). */
async function startedCheckpointer(sqlite: Database.Database, o: IncrementalOptions): Promise<Checkpointer> {
  if (!o.backgroundCheckpoint) return null;
  const ckpt = backgroundCheckpoints(sqlite);
  ckpt?.request();
  await ckpt?.idle();
  return ckpt;
}

/** One pull as the sync service makes it; the background checkpoint it asked for is waited for after the timing. */
async function timedIncremental(sqlite: Database.Database, client: Source, ckpt: Checkpointer): Promise<Timed> {
  const c0 = cpuMs();
  const t0 = performance.now();
  const res = await pull(sqlite, client, { pageSize: PAGE_SIZE, checkpoint: ckpt ? () => ckpt.request() : undefined });
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  await ckpt?.idle();
  if (ckpt?.failure) throw new Error(`the background checkpoint failed: ${ckpt.failure}`);
  return { ms, cpuMs: cpu, rows: res.pulled + res.deleted, checkpointMs: performance.now() - t0 - ms };
}

function figures(edited: Timed[], empty: Timed[]): IncrementalFigures {
  const all = { ms: edited.map((t) => t.ms), cpuMs: edited.map((t) => t.cpuMs), emptyMs: empty.map((t) => t.ms), emptyCpuMs: empty.map((t) => t.cpuMs) };
  return {
    ms: median(all.ms),
    cpuMs: median(all.cpuMs),
    emptyMs: median(all.emptyMs),
    emptyCpuMs: median(all.emptyCpuMs),
    rows: edited.at(-1)?.rows ?? 0,
    checkpointMs: median(edited.map((t) => t.checkpointMs)),
    all,
  };
}

async function simulateEdits(prmUrl: string, edits: number): Promise<void> {
  const sim = await fetch(`${prmUrl}/admin/simulate`, {
    method: 'POST',
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    body: JSON.stringify({ count: 0, edits }),
  });
  if (!sim.ok) throw new Error(`simulate failed: ${sim.status}`);
}

/** The page the PRM answers at `cursor`, as bytes, and what it says of what follows. */
async function rawPage(prmUrl: string, cursor: string | null): Promise<{ body: Buffer; cursor: string; hasMore: boolean; rows: number }> {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) q.set('cursor', cursor);
  const res = await fetch(`${prmUrl}/v1/changes?${q.toString()}`, { headers: { authorization: 'Bearer bench' } });
  if (!res.ok) throw new Error(`recording a page failed: ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const page = JSON.parse(body.toString('utf8')) as { cursor: string; has_more: boolean; changes: unknown[] };
  return { body, cursor: page.cursor, hasMore: page.has_more, rows: page.changes.length };
}

/**
 * `runs` × (empty pull, `edits` edits at the PRM, pull) on the replica at `path` (at the
 * PRM's head). With `recordTo`, the edited pulls' pages are recorded there first, from the
 * replica's cursor, then pulled (the PRM answers the same cursor the same way).
 */
export async function incrementalRuns(
  prmUrl: string,
  path: string,
  runs: number,
  edits: number,
  o: IncrementalOptions,
  recordTo?: string,
): Promise<{ figures: IncrementalFigures; recorded?: RecordedPages & { lastCursor: string } }> {
  const db = openDb(path);
  const client = createPrmClient({ url: prmUrl, token: 'bench', timeoutMs: 300_000 });
  const index = { cursors: [] as string[], rows: 0 };
  const record = async () => {
    if (!recordTo) return;
    let cursor = getState(db.sqlite, 'cursor');
    for (;;) {
      const page = await rawPage(prmUrl, cursor);
      writeFileSync(join(recordTo, `${index.cursors.length}.json`), page.body);
      index.cursors.push(cursor ?? '');
      index.rows += page.rows;
      if (!page.hasMore) return;
      cursor = page.cursor;
    }
  };
  if (recordTo) mkdirSync(recordTo, { recursive: true });
  const ckpt = await startedCheckpointer(db.sqlite, o);
  try {
    const edited: Timed[] = [];
    const empty: Timed[] = [];
    for (let r = 0; r < runs; r++) {
      const none = await timedIncremental(db.sqlite, client, ckpt);
      if (none.rows !== 0) throw new Error('an empty pull brought rows');
      empty.push(none);
      await simulateEdits(prmUrl, edits);
      await record();
      edited.push(await timedIncremental(db.sqlite, client, ckpt));
    }
    // The last position's (empty) page: the static floor's round trip.
    await record();
    if (recordTo) writeFileSync(join(recordTo, 'index.json'), JSON.stringify(index));
    return { figures: figures(edited, empty), recorded: recordTo ? { dir: recordTo, pages: index.cursors.length, rows: index.rows, lastCursor: index.cursors.at(-1) ?? '' } : undefined };
  } finally {
    await ckpt?.close();
    db.close();
  }
}

/**
 * A fresh copy of the replica made as the end-to-end one is: written out (the kernel's
 * writeback of a fresh 0.5 GB file is not the client's work) and read once, so its pages
 * are in the OS cache as those of the end-to-end replica, just written by its full pull,
 * are (a copy may share the original's blocks and have none cached).
 */
export function warmCopy(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
    const buf = Buffer.allocUnsafe(1 << 20);
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * The recorded edited pages pulled again, in order, into `path` (a copy of the replica as
 * it was before `incrementalRuns`), from the static server at `url`; then as many empty
 * pulls at the last position (the floor).
 */
export async function clientIncremental(url: string, path: string, runs: number, o: IncrementalOptions, lastCursor: string): Promise<IncrementalFigures> {
  warmCopy(path);
  const db = openDb(path);
  const client = createPrmClient({ url, token: 'bench', timeoutMs: 300_000 });
  const ckpt = await startedCheckpointer(db.sqlite, o);
  try {
    // Untimed: the connection to the server and the client's code warmed up, as the end-to-end runs are by the full pull.
    await client.changes(lastCursor, PAGE_SIZE);
    const edited: Timed[] = [];
    for (let r = 0; r < runs; r++) edited.push(await timedIncremental(db.sqlite, client, ckpt));
    const empty: Timed[] = [];
    for (let r = 0; r < runs; r++) empty.push(await timedIncremental(db.sqlite, client, ckpt));
    if (empty.some((t) => t.rows !== 0)) throw new Error('an empty pull brought rows');
    return figures(edited, empty);
  } finally {
    await ckpt?.close();
    db.close();
  }
}

/** One write of the floor: a prepared statement and its arguments. */
interface Write {
  st: Database.Statement;
  args: unknown[];
}

/**
 * The recorded edited pulls' pages (as `incrementalRuns` recorded them), grouped by pull: a
 * pull's pages end with one that says nothing follows; the last position's empty page is left out.
 */
function recordedPulls(dir: string): unknown[][][] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { cursors: string[] };
  const pulls: unknown[][][] = [];
  let current: unknown[][] = [];
  for (let i = 0; i < index.cursors.length; i++) {
    const page = JSON.parse(readFileSync(join(dir, `${i}.json`), 'utf8')) as { has_more: boolean; changes: unknown[] };
    if (page.changes.length > 0) current.push(page.changes);
    if (!page.has_more && current.length > 0) {
      pulls.push(current);
      current = [];
    }
  }
  return pulls;
}

/**
 * The SQLite writes a pull of `changes` has to make on the replica at `sqlite`, found
 * untimed: an INSERT of a record it does not hold, an UPDATE of exactly the columns a
 * change alters (as sync/apply.ts writes them), a DELETE; in the pull's order, a record
 * changed twice diffed against its first change. The held records are read through
 * `reader`, another connection, so the writing one's page cache holds no more of the
 * replica than the pull's own connection does.
 */
function writesOf(sqlite: Database.Database, reader: Database.Database, changes: ValidChange[]): Write[] {
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string, on = sqlite) => {
    let st = prepared.get(sql);
    if (!st) prepared.set(sql, (st = on.prepare(sql)));
    return st;
  };
  const held = new Map<string, unknown[] | null>();
  const out: Write[] = [];
  for (const c of changes) {
    const cols = [...COLUMNS[c.entity], 'version'];
    const key = `${c.entity}:${c.id}`;
    if (c.op === 'delete') {
      out.push({ st: prepare(`DELETE FROM "${c.entity}" WHERE id = ?`), args: [c.id] });
      held.set(key, null);
      continue;
    }
    let cur = held.get(key);
    if (cur === undefined) cur = (prepare(`SELECT ${cols.map((x) => `"${x}"`).join(', ')} FROM "${c.entity}" WHERE id = ?`, reader).raw().get(c.id) as unknown[] | undefined) ?? null;
    if (!cur) {
      out.push({ st: prepare(`INSERT INTO "${c.entity}" (${cols.map((x) => `"${x}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`), args: c.values });
    } else {
      const changed: number[] = [];
      for (let j = 1; j < c.values.length; j++) if (c.values[j] !== cur[j]) changed.push(j);
      if (changed.length > 0) {
        const set = changed.map((j) => `"${cols[j]}" = ?`).join(', ');
        out.push({ st: prepare(`UPDATE "${c.entity}" SET ${set} WHERE id = ?`), args: [...changed.map((j) => c.values[j]), c.id] });
      }
    }
    held.set(key, c.values);
  }
  return out;
}

export interface WriteFloor {
  /** Median ms of the writes and their commit, per pull. */
  ms: number;
  cpuMs: number;
  /** Rows written by the last pull's writes. */
  writes: number;
  all: { ms: number[]; cpuMs: number[] };
}

/**
 * The incremental pulls' write floor: the recorded edited pulls' rows written into `path`
 * (a copy of the replica as it was before them) with nothing else, each pull's writes in
 * one transaction and committed, timed; what they are (the INSERTs, UPDATEs of the altered
 * columns and DELETEs a pull makes) is found beforehand, untimed, through another
 * connection, and the statements are prepared then; the background checkpoint between
 * pulls is untimed too (as in the pulls). No JSON, no validation, no round trip: what
 * SQLite alone needs to take the rows on this replica and this disk.
 */
export async function incrementalWriteFloor(pagesDir: string, path: string, o: IncrementalOptions): Promise<WriteFloor> {
  warmCopy(path);
  const db = openDb(path);
  const reader = openDb(path, { readonly: true }).sqlite;
  const ckpt = await startedCheckpointer(db.sqlite, o);
  try {
    const ms: number[] = [];
    const cpu: number[] = [];
    let writes = 0;
    for (const pages of recordedPulls(pagesDir)) {
      const w = writesOf(db.sqlite, reader, pages.flatMap((changes) => validateChanges(changes)));
      const c0 = cpuMs();
      const t0 = performance.now();
      db.sqlite.exec('BEGIN');
      for (const { st, args } of w) st.run(args);
      db.sqlite.exec('COMMIT');
      ms.push(performance.now() - t0);
      cpu.push(cpuMs() - c0);
      writes = w.length;
      ckpt?.request();
      await ckpt?.idle();
      if (ckpt?.failure) throw new Error(`the background checkpoint failed: ${ckpt.failure}`);
    }
    if (ms.length === 0) throw new Error('no recorded pulls to write');
    return { ms: median(ms), cpuMs: median(cpu), writes, all: { ms, cpuMs: cpu } };
  } finally {
    await ckpt?.close();
    reader.close();
    db.close();
  }
}
