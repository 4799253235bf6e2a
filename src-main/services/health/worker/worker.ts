/**
 * The health worker (node:worker_threads): gathers the book's raw health inputs per date
 * (inputs.ts, the expensive part of a cold health view) off the API's thread (ARCHITECTURE
 * §8). It opens the replica READ-ONLY on its own connection (WAL lets it read while the
 * main connection writes) and reads the inputs and the replica's fingerprint in one read
 * transaction. The main side (pool.ts, ../background.ts) keeps them only if the replica is
 * unchanged when they land. Bundled as out/main/health-worker.js; from the TypeScript
 * sources it starts through worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { readOnlyByPath } from '../../../db/readonly-by-path';
import { fingerprint } from '../cache';
import { gatherInputs } from '../inputs';
import type { HealthReply, InputsRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('health-worker runs as a worker thread');

const open = readOnlyByPath();

function handle(req: InputsRequest): HealthReply {
  const conn = open(req.path);
  // One read transaction: the fingerprint names exactly the commit the inputs were read from.
  const { fp, inputs } = conn.sqlite.transaction(() => ({ fp: fingerprint(conn), inputs: gatherInputs(conn, req.dates) }))();
  return { id: req.id, ok: true, kind: 'inputs', fingerprint: fp, inputs };
}

port.on('message', (req: InputsRequest) => {
  let reply: HealthReply;
  try {
    reply = handle(req);
  } catch (err) {
    reply = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
