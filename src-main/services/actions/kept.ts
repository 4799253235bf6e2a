/**
 * The book's last ranking kept on disk beside the replica, so the first Actions list (and a
 * QBR pack's actions) after a restart is read instead of ranked again: ranking a
 * 20,000-partner book takes the worker seconds, and every Actions call waits for it. Written
 * by the actions worker after a ranking the API kept (worker/worker.ts), read by the API's
 * thread when it has no ranking yet (background.ts).
 *
 * A kept ranking is used only under its key: the as-of date, the action settings, the
 * fiscal calendar, the money display (titles and evidence are written with it), the schema,
 * the ranking code (`rankingCodeKey`), and the book's state: its epoch (moved by every write of base rows, by
 * any connection: sync/book-epoch.ts), the highest rowid of each of its tables, and the
 * pending local edits (the outbox, which the rules read laid over the book). The worker
 * computes the key inside the read transaction it ranks in, so a file always holds a
 * ranking and the exact book it was ranked from; the API compares it with the book now.
 *
 * The file holds the key, the packed items (worker/packed.ts) and every item's evidence as
 * JSON (layout below): a start reads the items in one read and only the evidence of the
 * actions a list shows. Written to a temporary name and renamed, so a reader never sees half
 * a file; a file that does not read back (another format, damage) is no file: the worker
 * ranks again.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import type { ActionItem, ActionSettings } from '../../../src-shared/methods/actions';
import type { MoneyDisplay } from '../../../src-shared/money-display';
import type { Db } from '../../db/connection';
import { readBookEpoch } from '../../sync/book-epoch';
import { readCalendar } from '../calendar';
import type { ActionEvidence } from './types';
import { packItems, ROW_WIDTH, unpackItems } from './worker/packed';

/** Bump when the file's layout or an item's shape changes: older files are then never read. */
export const KEPT_FORMAT = 1;

/** How many as-of dates keep a ranking on disk (today's, and the dates of recent QBR decks). */
export const KEPT_DATES = 3;

/** The kept ranking as of `asOf` of the replica at `replicaPath`: a file beside it (removed with its workspace's folder). */
export function keptFileOf(replicaPath: string, asOf: string): string {
  return `${replicaPath}.actions-kept-${asOf}`;
}

/** Removes the kept rankings of `replicaPath` beyond the `KEPT_DATES` written last (and temporary files left by a crash). */
export function pruneKept(replicaPath: string): void {
  const dir = dirname(replicaPath);
  const prefix = `${basename(replicaPath)}.actions-kept-`;
  const found = readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .map((f) => {
      const path = join(dir, f);
      try {
        return { path, tmp: f.includes('.tmp-'), at: statSync(path).mtimeMs };
      } catch {
        return null;
      }
    })
    .filter((f) => f !== null);
  const hour = 3_600_000;
  const stale = [
    ...found.filter((f) => !f.tmp).sort((a, b) => b.at - a.at).slice(KEPT_DATES),
    // A temporary file an hour old is one a crash left (a write takes seconds at most).
    ...found.filter((f) => f.tmp && Date.now() - f.at > hour),
  ];
  for (const f of stale) rmSync(f.path, { force: true });
}

/**
 * The ranking code's key: a hash of the actions worker's script (`workerEntry`). A bundle's
 * script names its chunks by their contents, so a build whose rules rank differently never
 * reads another's file. (From the TypeScript sources the script is the dev loader, the same
 * for every change: a developer's kept file lasts until the book changes.)
 */
export function rankingCodeKey(workerScript: string): string {
  return createHash('sha256').update(readFileSync(workerScript)).digest('base64url').slice(0, 22);
}

/**
 * The key a ranking of `db`'s book as of `asOf` is kept under. Read inside the transaction
 * the ranking reads in (the worker), or on the API's thread to compare.
 */
export function keptKey(db: Db, asOf: string, settings: ActionSettings, display: MoneyDisplay, code: string): string {
  const s = db.sqlite;
  const tables = ENTITY_NAMES.map((t) => (s.prepare(`SELECT max(rowid) FROM "${t}"`).pluck().get() as number | null) ?? 0);
  const outbox = createHash('sha256');
  for (const row of s.prepare('SELECT mutation_id, status, op, entity, record_id, fields FROM outbox ORDER BY mutation_id').raw().iterate()) {
    outbox.update(JSON.stringify(row));
  }
  return JSON.stringify([
    KEPT_FORMAT,
    code,
    asOf,
    settings,
    readCalendar(db),
    display,
    s.pragma('user_version', { simple: true }),
    readBookEpoch(s),
    tables,
    outbox.digest('base64url'),
  ]);
}

/**
 * The file, after the 4-byte length and the key: a 4-byte length and a JSON header (the
 * section sizes), then the sections, each 8-byte aligned:
 * - `texts`: every distinct text of the packed items (worker/packed.ts), UTF-8, one after
 *   another; `textEnds`: where each ends, in UTF-16 units of the decoded whole;
 * - `rows`: the packed rows (Float64);
 * - `evidenceEnds`: where each item's evidence ends in `evidence` (bytes); `evidence`: each
 *   item's evidence as JSON, in the items' order. Read only for the actions a list shows.
 */
interface Header {
  items: number;
  texts: number;
  textBytes: number;
  evidenceBytes: number;
}

const align8 = (n: number) => (n + 7) & ~7;
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** One item's evidence as it is kept (JSON). */
export function encodeEvidence(ev: ActionEvidence): Buffer {
  return Buffer.from(JSON.stringify(ev));
}

/**
 * Writes `items` (ranked, without evidence) and each one's evidence (`evidence[i]`, from
 * `encodeEvidence`) under `key`, replacing what was kept. Atomic: a temporary file renamed over it.
 */
export function writeKept(file: string, key: string, items: readonly ActionItem[], evidence: readonly Buffer[]): void {
  if (evidence.length !== items.length) throw new Error(`writeKept: ${items.length} items but ${evidence.length} evidence entries`);
  const { texts, rows } = packItems(items);
  const textEnds = new Uint32Array(texts.length);
  let units = 0;
  for (let i = 0; i < texts.length; i++) textEnds[i] = units += texts[i]!.length;
  const textBytes = Buffer.from(texts.join(''));
  const evidenceEnds = new Uint32Array(items.length);
  let bytes = 0;
  for (let i = 0; i < evidence.length; i++) evidenceEnds[i] = bytes += evidence[i]!.length;
  const keyBytes = Buffer.from(key);
  const header = Buffer.from(JSON.stringify({ items: items.length, texts: texts.length, textBytes: textBytes.length, evidenceBytes: bytes } satisfies Header));
  const parts: Uint8Array[] = [u32(keyBytes.length), keyBytes, u32(header.length), header];
  let at = 8 + keyBytes.length + header.length;
  const section = (b: Uint8Array) => {
    const pad = align8(at) - at;
    if (pad) parts.push(Buffer.alloc(pad));
    parts.push(b);
    at += pad + b.length;
  };
  section(textBytes);
  section(new Uint8Array(textEnds.buffer));
  section(new Uint8Array(rows.buffer));
  section(new Uint8Array(evidenceEnds.buffer));
  section(Buffer.concat(evidence, bytes));
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, Buffer.concat(parts));
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A ranking read back: its items (no evidence built) and the evidence of any of them by key. */
export interface KeptRanking {
  items: ActionItem[];
  /**
   * The evidence of those of `keys` it holds, read from the file; null when the file is no
   * longer the one read (a later ranking replaced it) or does not read back: rank again.
   */
  evidence(keys: readonly string[]): Map<string, ActionEvidence> | null;
  /**
   * Every item's evidence, built on demand, from the file read once (a whole-book list such
   * as the CLI's); null when the file is no longer the one read or does not read back.
   */
  allEvidence(): Map<string, () => ActionEvidence> | null;
}

/** `fn` on `file` opened for reading, closed after; null when it cannot be opened or `fn` throws (cut short, not this layout). */
function withFile<T>(file: string, fn: (fd: number) => T | null): T | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    return fn(fd);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The ranking kept in `file` under exactly `key`; null when there is none, it is another's, or it does not read back. */
export function readKept(file: string, key: string): KeptRanking | null {
  return withFile(file, (fd) => readOpen(fd, file, Buffer.from(key)));
}

function readOpen(fd: number, file: string, want: Buffer): KeptRanking | null {
  const size = fstatSync(fd);
  const read = (at: number, length: number): Buffer => {
    const b = Buffer.allocUnsafe(length);
    if (readSync(fd, b, 0, length, at) !== length) throw new Error('short read');
    return b;
  };
  // The key first: a file of another book state is not read any further.
  const head = read(0, 4 + want.length);
  if (head.readUInt32LE(0) !== want.length || !head.subarray(4).equals(want)) return null;
  let at = 4 + want.length;
  const headerLength = read(at, 4).readUInt32LE(0);
  if (at + 4 + headerLength > size.size) return null;
  const h = JSON.parse(read(at + 4, headerLength).toString()) as Header;
  if (![h.items, h.texts, h.textBytes, h.evidenceBytes].every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
  at += 4 + headerLength;
  const next = (length: number) => {
    const start = align8(at);
    at = start + length;
    return start;
  };
  const textsAt = next(h.textBytes);
  const textEndsAt = next(h.texts * 4);
  const rowsAt = next(h.items * ROW_WIDTH * 8);
  const evidenceEndsAt = next(h.items * 4);
  const evidenceAt = next(h.evidenceBytes);
  if (at !== size.size) return null;
  // Everything but the evidence, in one read.
  const front = read(textsAt, evidenceAt - textsAt);
  const view = (start: number, length: number) => new Uint8Array(front.buffer, front.byteOffset + start - textsAt, length);
  const whole = new TextDecoder().decode(view(textsAt, h.textBytes));
  const textEnds = new Uint32Array(view(textEndsAt, h.texts * 4).slice().buffer);
  const texts = new Array<string>(h.texts);
  for (let i = 0, from = 0; i < h.texts; i++) {
    texts[i] = whole.slice(from, textEnds[i]);
    from = textEnds[i]!;
  }
  if (textEnds.length > 0 && textEnds[textEnds.length - 1] !== whole.length) return null;
  const rows = new Float64Array(view(rowsAt, h.items * ROW_WIDTH * 8).slice().buffer);
  const items = unpackItems({ texts, rows });
  const evidenceEnds = new Uint32Array(view(evidenceEndsAt, h.items * 4).slice().buffer);
  if (evidenceEnds.length > 0 && evidenceEnds[evidenceEnds.length - 1] !== h.evidenceBytes) return null;
  const same = { ino: size.ino, size: size.size, mtimeMs: size.mtimeMs };
  /** `read` on the file as it was read here, or null once it was replaced. */
  const again = <T,>(read: (fd: number) => T | null): T | null =>
    withFile(file, (fd2) => {
      const st = fstatSync(fd2);
      return st.ino === same.ino && st.size === same.size && st.mtimeMs === same.mtimeMs ? read(fd2) : null;
    });
  /** Where item i's evidence starts and ends in the evidence section. */
  const span = (i: number): [number, number] => [i === 0 ? 0 : evidenceEnds[i - 1]!, evidenceEnds[i]!];
  let index: Map<string, number> | null = null;
  return {
    items,
    allEvidence() {
      return again((fd2) => {
        const all = Buffer.allocUnsafe(h.evidenceBytes);
        if (readSync(fd2, all, 0, all.length, evidenceAt) !== all.length) return null;
        const out = new Map<string, () => ActionEvidence>();
        for (let i = 0; i < items.length; i++) {
          const [from, to] = span(i);
          out.set(items[i]!.key, () => {
            try {
              return JSON.parse(all.toString('utf8', from, to)) as ActionEvidence;
            } catch {
              throw new Error(`The actions kept in ${file} are damaged; delete that file and the actions are worked out again.`);
            }
          });
        }
        return out;
      });
    },
    evidence(keys) {
      if (!index) {
        index = new Map();
        for (let i = 0; i < items.length; i++) index.set(items[i]!.key, i);
      }
      const at = index;
      return again((fd2) => {
        const out = new Map<string, ActionEvidence>();
        for (const k of keys) {
          const i = at.get(k);
          if (i === undefined) continue;
          const [from, to] = span(i);
          const b = Buffer.allocUnsafe(to - from);
          if (readSync(fd2, b, 0, b.length, evidenceAt + from) !== b.length) return null;
          out.set(k, JSON.parse(b.toString()) as ActionEvidence);
        }
        return out;
      });
    },
  };
}
