/**
 * The actions worker (node:worker_threads): ranks the book's next-best actions off the
 * API's thread (ARCHITECTURE §8). It opens the replica READ-ONLY on its own connection
 * (WAL lets it read while the main connection writes), loads the snapshot and runs the
 * rules and the ranking inside one read transaction, and replies with the ranked items
 * packed (packed.ts: a table of texts and one transferred buffer). It keeps the evidence builders of its last results, by request id, and
 * builds the evidence of the keys a page shows when asked. Asked to, it keeps a result on
 * disk for the next start (kept.ts), building every item's evidence a slice at a time.
 * See pool.ts for the main side. Bundled as out/main/actions-worker.js; from the
 * TypeScript sources it starts through worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import type { ActionItem } from '../../../../src-shared/methods/actions';
import type { MoneyDisplay } from '../../../../src-shared/money-display';
import { setMoneyDisplay } from '../../../../src-shared/format';
import { readOnlyByPath } from '../../../db/readonly-by-path';
import { encodeEvidence, keptKey, pruneKept, writeKept } from '../kept';
import { RANK_STEPS, rankActions, type EvidenceOf } from '../service';
import type { ActionEvidence } from '../types';
import { packItems } from './packed';
import type { ActionsNote, ActionsReply, ActionsRequest, KeepRequest, RankRequest } from './protocol';

/** How many results' evidence is kept (a list being filled while a newer ranking lands still finds its own). */
const KEPT = 2;
/** Items whose evidence is built between two looks at the queue while a result is kept on disk. */
const KEEP_SLICE = 2_000;

if (!parentPort) throw new Error('actions-worker runs as a worker thread');
const port = parentPort;

interface Result {
  items: ActionItem[];
  evidence: EvidenceOf;
  /** The key of the book it was ranked from (kept.ts), read in the ranking's transaction. */
  key: string;
  display: MoneyDisplay;
}

const kept = new Map<number, Result>();
const open = readOnlyByPath();
/** The result being kept on disk: an older keep still under way gives up. */
let keeping = 0;

function rank(req: RankRequest): ActionsReply {
  const conn = open(req.path);
  setMoneyDisplay(req.display);
  // One read transaction: every query of the snapshot sees the same commit.
  // How far it has got, told as it goes (seconds on a 20,000-partner book): the ranking's steps, then the packing.
  const total = RANK_STEPS + 1;
  const tell = (done: number) => port.postMessage({ note: 'progress', id: req.id, progress: { done, total } } satisfies ActionsNote);
  const { items, evidence, key } = conn.sqlite.transaction(() => ({
    ...rankActions(conn, req.asOf, { settings: req.settings, progress: (p) => tell(p.done) }),
    key: keptKey(conn, req.asOf, req.settings, req.display, req.code),
  }))();
  kept.set(req.id, { items, evidence, key, display: req.display });
  for (const id of kept.keys()) if (kept.size > KEPT) kept.delete(id);
  const packed = packItems(items);
  tell(total);
  return { id: req.id, ok: true, kind: 'rank', items: packed };
}

async function keep(req: KeepRequest): Promise<ActionsReply> {
  keeping = Math.max(keeping, req.job);
  const gaveUp = (): ActionsReply => ({ id: req.id, ok: true, kind: 'keep', written: false });
  const result = kept.get(req.job);
  if (!result || keeping !== req.job) return gaveUp();
  const NONE: ActionEvidence = { facts: [], links: [] };
  const built = new Array<Buffer>(result.items.length);
  for (let from = 0; from < result.items.length; from += KEEP_SLICE) {
    // Evidence requests (the page being filled) are answered between slices.
    if (from > 0) await new Promise<void>((r) => setImmediate(r));
    if (keeping !== req.job || !kept.has(req.job)) return gaveUp();
    setMoneyDisplay(result.display);
    const to = Math.min(result.items.length, from + KEEP_SLICE);
    for (let i = from; i < to; i++) built[i] = encodeEvidence(result.evidence.get(result.items[i]!.key)?.() ?? NONE);
  }
  writeKept(req.file, result.key, result.items, built);
  pruneKept(req.replica);
  return { id: req.id, ok: true, kind: 'keep', written: true };
}

function handle(req: Exclude<ActionsRequest, KeepRequest>): ActionsReply {
  if (req.kind === 'rank') return rank(req);
  const result = kept.get(req.job);
  if (!result) return { id: req.id, ok: true, kind: 'evidence', evidence: null };
  setMoneyDisplay(req.display);
  const out: [string, ActionEvidence][] = [];
  for (const key of req.keys) {
    const build = result.evidence.get(key);
    if (build) out.push([key, build()]);
  }
  return { id: req.id, ok: true, kind: 'evidence', evidence: out };
}

const failed = (req: ActionsRequest, err: unknown): ActionsReply => ({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) });

port.on('message', (req: ActionsRequest) => {
  if (req.kind === 'keep') {
    keep(req).then(
      (reply) => port.postMessage(reply),
      (err: unknown) => port.postMessage(failed(req, err)),
    );
    return;
  }
  let reply: ActionsReply;
  try {
    reply = handle(req);
  } catch (err) {
    reply = failed(req, err);
  }
  // A ranking's rows are moved, not copied (packed.ts).
  port.postMessage(reply, reply.ok && reply.kind === 'rank' ? [reply.items.rows.buffer] : []);
});
