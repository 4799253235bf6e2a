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
import type { DeriveRequest, HealthNote, HealthReply, InputsRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('health-worker runs as a worker thread');
const parent = port;

const open = readOnlyByPath();

/**
 * The share of a job each kind of input read takes (inputs.ts, in its order), as measured on
 * the 20,000-partner book: the engagement events are most of it. Scoring and the model's fit
 * take the rest (DERIVE_SHARE) when asked for.
 */
const GATHER_WEIGHTS = [15, 3, 1, 4, 2, 55] as const;
const DERIVE_SHARE = 20;

type Tell = (done: number) => void;

/** Reports gathering's steps (fractions within a step too) as a share of the job: `[from, to]` percent. */
function gathering(tell: Tell, from: number, to: number): (step: number) => void {
  const all = GATHER_WEIGHTS.reduce((a, b) => a + b, 0);
  return (step) => {
    const whole = Math.floor(step);
    const done = GATHER_WEIGHTS.slice(0, whole).reduce((a, b) => a + b, 0) + (GATHER_WEIGHTS[whole] ?? 0) * (step - whole);
    tell(Math.round(from + ((to - from) * done) / all));
  };
}

function read(conn: Db, req: InputsRequest, tell: Tell): { fp: string; gathered: InputsByDate; derived: Derived | null } {
  const fp = fingerprint(conn);
  if (!req.derive) return { fp, gathered: gatherInputs(conn, req.dates, gathering(tell, 0, 100)), derived: null };
  const d: DeriveRequest = req.derive;
  const book = readBook(conn);
  const needed = [...new Set([...req.dates, ...d.scoreDates, ...modelDates(d.asOf, book.historyStart, d.calendar)])];
  const stored = readStored(conn, fp, needed.filter((x) => !req.dates.includes(x)));
  const missing = needed.filter((x) => !stored.has(x));
  // (With nothing to gather, the job is the scoring and the fit alone: 0 %, then 100 %.)
  const gathered = gatherInputs(conn, missing, gathering(tell, 0, 100 - DERIVE_SHARE));
  const all: InputsByDate = new Map([...stored, ...gathered]);
  const derived = derive(d.asOf, d.scoreDates, all, book, d.calendar, d.settings, new Set(d.absent));
  tell(100);
  return { fp, gathered, derived };
}

function handle(req: InputsRequest): { reply: HealthReply; transfer: ArrayBuffer[] } {
  const conn = open(req.path);
  let told = -1;
  const tell: Tell = (done) => {
    if (done === told) return;
    told = done;
    parent.postMessage({ note: 'progress', id: req.id, progress: { done, total: 100 } } satisfies HealthNote);
  };
  tell(0);
  // One read transaction: the fingerprint names exactly the commit everything was read from.
  const { fp, gathered, derived } = conn.sqlite.transaction(() => read(conn, req, tell))();
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
