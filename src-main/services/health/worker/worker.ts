/**
 * The health worker (node:worker_threads): gathers the book's raw health inputs per date
 * (inputs.ts, the expensive part of a cold health view) off the API's thread (ARCHITECTURE
 * §7), and, when asked, what the views derive from them in bulk: every partner's score on
 * the view's dates and the churn model's fit (derive.ts, the same functions the API's
 * thread runs without a worker). It opens the replica READ-ONLY on its own connection (WAL
 * lets it read while the main connection writes) and reads everything, the replica's
 * fingerprint first, in one read transaction. The main side (pool.ts, ../background.ts)
 * keeps the results only if the replica is unchanged when they land. Bundled as
 * out/main/health-worker.js; from the TypeScript sources it starts through worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { readOnlyByPath } from '../../../db/readonly-by-path';
import type { Db } from '../../../db/connection';
import { fingerprint, readStored } from '../cache';
import { encode } from '../stored-inputs';
import { derive, modelDates, readBook, type Derived } from '../derive';
import { gatherInputs, type InputsByDate } from '../inputs';
import { packByDate, transferables } from '../packed-inputs';
import type { DeriveRequest, HealthReply, InputsRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('health-worker runs as a worker thread');

const open = readOnlyByPath();

function read(conn: Db, req: InputsRequest): { fp: string; gathered: InputsByDate; derived: Derived | null } {
  const fp = fingerprint(conn);
  if (!req.derive) return { fp, gathered: gatherInputs(conn, req.dates), derived: null };
  const d: DeriveRequest = req.derive;
  const book = readBook(conn);
  const needed = [...new Set([...req.dates, ...d.scoreDates, ...modelDates(d.asOf, book.historyStart, d.calendar)])];
  const stored = readStored(conn, fp, needed.filter((x) => !req.dates.includes(x)));
  const gathered = gatherInputs(conn, needed.filter((x) => !stored.has(x)));
  const all: InputsByDate = new Map([...stored, ...gathered]);
  return { fp, gathered, derived: derive(d.asOf, d.scoreDates, all, book, d.calendar, d.settings, new Set(d.absent)) };
}

function handle(req: InputsRequest): { reply: HealthReply; transfer: ArrayBuffer[] } {
  const conn = open(req.path);
  // One read transaction: the fingerprint names exactly the commit everything was read from.
  const { fp, gathered, derived } = conn.sqlite.transaction(() => read(conn, req))();
  const inputs = packByDate(gathered);
  const texts: Record<string, string> = {};
  for (const [d, m] of gathered) texts[d] = encode(m);
  const transfer = transferables(inputs);
  if (derived) for (const s of Object.values(derived.scores.byDate)) transfer.push(s.values.buffer as ArrayBuffer);
  return { reply: { id: req.id, ok: true, kind: 'inputs', fingerprint: fp, inputs, texts, derived }, transfer };
}

port.on('message', (req: InputsRequest) => {
  let out: { reply: HealthReply; transfer: ArrayBuffer[] };
  try {
    out = handle(req);
  } catch (err) {
    out = { reply: { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
  port.postMessage(out.reply, out.transfer);
});
