/**
 * The checkpoint worker (node:worker_threads): copies a replica's write-ahead log into the
 * database file on a connection of its own, off the API's thread (db/checkpoint/
 * checkpointer.ts). A PASSIVE checkpoint never waits for readers or writers and never
 * blocks them: the main connection keeps committing while it runs, and what it cannot copy
 * yet waits for the next one. The connection is opened for one checkpoint and closed after
 * it (opening is cheap next to the copy), so the worker, shared by every open replica of
 * the process, holds no file open between requests. It runs nothing else: no migration,
 * no read or write of a row. Bundled as out/main/checkpoint-worker.js; from the TypeScript
 * sources it starts through worker-dev.mjs.
 */
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('checkpoint-worker runs as a worker thread');

function handle(req: CheckpointRequest): CheckpointReply {
  const sqlite = new Database(req.path, { fileMustExist: true });
  try {
    const rows = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    const r = rows[0];
    return { id: req.id, ok: true, log: r?.log ?? -1, checkpointed: r?.checkpointed ?? -1 };
  } finally {
    sqlite.close();
  }
}

port.on('message', (req: CheckpointRequest) => {
  let reply: CheckpointReply;
  try {
    reply = handle(req);
  } catch (err) {
    reply = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
