/**
 * The actions worker (node:worker_threads): ranks the book's next-best actions off the
 * API's thread (ARCHITECTURE §8). It opens the replica READ-ONLY on its own connection
 * (WAL lets it read while the main connection writes), loads the snapshot and runs the
 * rules and the ranking inside one read transaction, and replies with the ranked items
 * packed (packed.ts: a table of texts and one transferred buffer). It keeps the evidence builders of its last results, by request id, and
 * builds the evidence of the keys a page shows when asked. See pool.ts for the main side.
 * Bundled as out/main/actions-worker.js; from the TypeScript sources it starts through
 * worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { setMoneyDisplay } from '../../../../src-shared/format';
import { readOnlyByPath } from '../../../db/readonly-by-path';
import { RANK_STEPS, rankActions, type EvidenceOf } from '../service';
import type { ActionEvidence } from '../types';
import { packItems } from './packed';
import type { ActionsNote, ActionsReply, ActionsRequest, RankRequest } from './protocol';

/** How many results' evidence is kept (a list being filled while a newer ranking lands still finds its own). */
const KEPT = 2;

if (!parentPort) throw new Error('actions-worker runs as a worker thread');
const port = parentPort;

const kept = new Map<number, EvidenceOf>();
const open = readOnlyByPath();

function rank(req: RankRequest): ActionsReply {
  const conn = open(req.path);
  setMoneyDisplay(req.display);
  // One read transaction: every query of the snapshot sees the same commit.
  // How far it has got, told as it goes (seconds on a 20,000-partner book): the ranking's steps, then the packing.
  const total = RANK_STEPS + 1;
  const tell = (done: number) => port.postMessage({ note: 'progress', id: req.id, progress: { done, total } } satisfies ActionsNote);
  const { items, evidence } = conn.sqlite.transaction(() => rankActions(conn, req.asOf, { settings: req.settings, progress: (p) => tell(p.done) }))();
  kept.set(req.id, evidence);
  for (const id of kept.keys()) if (kept.size > KEPT) kept.delete(id);
  const packed = packItems(items);
  tell(total);
  return { id: req.id, ok: true, kind: 'rank', items: packed };
}

function handle(req: ActionsRequest): ActionsReply {
  if (req.kind === 'rank') return rank(req);
  const evidence = kept.get(req.job);
  if (!evidence) return { id: req.id, ok: true, kind: 'evidence', evidence: null };
  setMoneyDisplay(req.display);
  const out: [string, ActionEvidence][] = [];
  for (const key of req.keys) {
    const build = evidence.get(key);
    if (build) out.push([key, build()]);
  }
  return { id: req.id, ok: true, kind: 'evidence', evidence: out };
}

port.on('message', (req: ActionsRequest) => {
  let reply: ActionsReply;
  try {
    reply = handle(req);
  } catch (err) {
    reply = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  // A ranking's rows are moved, not copied (packed.ts).
  port.postMessage(reply, reply.ok && reply.kind === 'rank' ? [reply.items.rows.buffer] : []);
});
