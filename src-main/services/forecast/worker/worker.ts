/**
 * The forecast worker (node:worker_threads): computes the whole book's forecast and its
 * backtest off the API's thread (seconds on a large book; ARCHITECTURE §8). It opens the
 * replica READ-ONLY on its own connection (WAL lets it read while the main connection
 * writes) and reads the book inside one read transaction. It keeps nothing between
 * requests but that connection. See pool.ts for the main side. Bundled as
 * out/main/forecast-worker.js; from the TypeScript sources it starts through worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { setMoneyDisplay } from '../../../../src-shared/format';
import { readOnlyByPath } from '../../../db/readonly-by-path';
import { computeForecast } from '../compute';
import type { BookRequest, ForecastReply } from './protocol';

const port = parentPort;
if (!port) throw new Error('forecast-worker runs as a worker thread');

const open = readOnlyByPath();

function handle(req: BookRequest): ForecastReply {
  const conn = open(req.path);
  setMoneyDisplay(req.display);
  // One read transaction: every query of the history sees the same commit.
  const computed = conn.sqlite.transaction(() => computeForecast(conn, req.asOf))();
  return { id: req.id, ok: true, kind: 'book', computed };
}

port.on('message', (req: BookRequest) => {
  let reply: ForecastReply;
  try {
    reply = handle(req);
  } catch (err) {
    reply = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
