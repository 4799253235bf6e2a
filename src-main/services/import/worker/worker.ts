/**
 * The import worker (node:worker_threads): reads a spreadsheet import's files, checks the
 * rows against the book and writes the changes in one transaction, off the API's thread, so
 * an import of a million rows never makes other calls wait (ARCHITECTURE §6). It also reads
 * the files for the wizard's mapping step (`inspect`), so their rows never sit in the API's
 * process.
 *
 * It opens the replica on its own read-write connection for each import; while its
 * transaction is open the API's connection still reads the book as it was (WAL). Requests
 * run one at a time, in the order sent; a preview overtaken by a newer one while it waited
 * is answered without being made (the wizard asks again after each change of the mapping,
 * and on a large book each preview takes seconds). See pool.ts for the main side. Bundled
 * as out/main/import-worker.js; from the TypeScript sources it starts through worker-dev.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { fixedClock } from '../../../base/clock';
import { ServiceError } from '../../../base/errors';
import { openDb, type Db } from '../../../db/connection';
import { importTables, inspectTables, readFiles } from '../service';
import type { ImportNote, ImportReply, ImportRequest, RunRequest } from './protocol';

/** How long the import waits for another writer of the replica (a sync page, an edit, the CLI) to finish. */
const WAIT_FOR_WRITER_MS = 30_000;

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');

async function handle(req: ImportRequest): Promise<ImportReply> {
  if (req.kind === 'run') return run(req);
  try {
    return { id: req.id, ok: true, inspected: inspectTables(await readFiles(req.files), req.name) };
  } catch (err) {
    return failed(req, err);
  }
}

/** A refusal in the user's words passes on as it is; anything else is the worker's failure. */
function failed(req: ImportRequest, err: unknown): ImportReply {
  if (err instanceof ServiceError) return { id: req.id, ok: true, refusal: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
  return { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
}

async function run(req: RunRequest): Promise<ImportReply> {
  const note = (progress: ImportNote['progress']) => port!.postMessage({ id: req.id, note: 'progress', progress } satisfies ImportNote);
  let db: Db | null = null;
  try {
    note({ phase: 'reading' });
    const tables = await readFiles(req.files);
    db = openDb(req.path);
    db.sqlite.pragma(`busy_timeout = ${WAIT_FOR_WRITER_MS}`);
    const result = importTables(db, fixedClock(req.now), tables, req.mapping, { ...req.options, progress: note });
    return { id: req.id, ok: true, result };
  } catch (err) {
    return failed(req, err);
  } finally {
    db?.close();
  }
}

/** A preview is only wanted for the mapping last asked about: one overtaken by a newer preview before its turn is not made. */
let newestPreview = 0;
const superseded = (req: ImportRequest): ImportReply => ({
  id: req.id,
  ok: true,
  refusal: { code: 'unavailable', message: 'A newer preview of these files, for a later change of the mapping, replaced this one.' },
});

let queue: Promise<void> = Promise.resolve();
port.on('message', (req: ImportRequest) => {
  const preview = req.kind === 'run' && req.options.dryRun === true;
  if (preview) newestPreview = Math.max(newestPreview, req.id);
  queue = queue.then(async () => {
    const reply = preview && req.id < newestPreview ? superseded(req) : await handle(req);
    try {
      port.postMessage(reply);
    } catch (err) {
      port.postMessage({ id: req.id, ok: false, message: `its report could not be sent (${err instanceof Error ? err.message : String(err)})` } satisfies ImportReply);
    }
  });
});
