/**
 * A book worker (node:worker_threads): computes a whole-book figure off the API's thread —
 * the forecast with its backtest, ROPI, or every plan with its actuals — which takes a
 * second or more on a large book (ARCHITECTURE §9, §10). It opens the replica READ-ONLY on its own connection (WAL lets it
 * read while the main connection writes) and reads the book inside one read transaction. It
 * keeps nothing between requests but that connection. See pool.ts for the main side.
 * Bundled as out/main/book-worker.js; from the TypeScript sources it starts through
 * worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { setMoneyDisplay } from '../../../src-shared/format';
import { readOnlyByPath } from '../../db/readonly-by-path';
import { computeForecast } from '../forecast/compute';
import { computeRopi } from '../ropi/ropi';
import { listPlans } from '../plans/read';
import { fixedClock } from '../../base/clock';
import type { BookNote, BookReply, BookRequest } from './protocol';

if (!parentPort) throw new Error('book-worker runs as a worker thread');
const port = parentPort;

const open = readOnlyByPath();

function handle(req: BookRequest): BookReply {
  const conn = open(req.path);
  setMoneyDisplay(req.display);
  // One read transaction: every query sees the same commit.
  return conn.sqlite.transaction((): BookReply => {
    if (req.kind === 'ropi') return { id: req.id, ok: true, kind: 'ropi', book: computeRopi(conn, req.asOf) };
    if (req.kind === 'plans') return { id: req.id, ok: true, kind: 'plans', rows: listPlans(conn, fixedClock(req.asOf)) };
    const note = (progress: BookNote['progress']) => port.postMessage({ note: 'progress', id: req.id, progress } satisfies BookNote);
    return { id: req.id, ok: true, kind: 'forecast', computed: computeForecast(conn, req.asOf, note) };
  })();
}

port.on('message', (req: BookRequest) => {
  let reply: BookReply;
  try {
    reply = handle(req);
  } catch (err) {
    reply = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
