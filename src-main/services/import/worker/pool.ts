/**
 * The main side of the import worker (worker.ts): one worker thread per open workspace,
 * started on the first import and stopped a minute after the last (it keeps nothing between
 * imports), or when the workspace closes (base/worker-client.ts). A refusal in the worker
 * (bad files, removals to confirm) arrives as the same ServiceError; a worker that fails
 * fails its import, with nothing written (its transaction never committed).
 */
import { progressNotes, workerEntry, WorkerClient } from '../../../base/worker-client';
import { ServiceError } from '../../../base/errors';
import type { ImportMapping } from '../../../../src-shared/domain/import-mapping';
import type { ImportProgress } from '../../../../src-shared/methods/import';
import type { ImportResult, Inspected } from '../service';
import type { ImportReply, ImportRequest, RunRequest } from './protocol';

export interface ImportWorkerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
}

/** The worker script: worker-dev.mjs in a checkout, import-worker.js in the electron-vite bundle. */
export function importWorkerEntry(): string {
  return workerEntry(import.meta.url, 'import-worker');
}

const IDLE_STOP_MS = 60_000;

export class ImportWorker {
  private readonly client: WorkerClient<ImportRequest, ImportReply>;
  private readonly listeners = new Map<number, (p: ImportProgress) => void>();

  /** `path`: the replica file the worker writes. */
  constructor(
    private readonly path: string,
    o: ImportWorkerOptions = {},
  ) {
    this.client = new WorkerClient<ImportRequest, ImportReply>({
      entry: () => o.entry ?? importWorkerEntry(),
      failure: 'The import worker failed',
      closed: 'The workspace was closed while its import was running; nothing was imported.',
      idleStopMs: IDLE_STOP_MS,
      onNote: progressNotes<ImportProgress>((p, id) => this.listeners.get(id)?.(p)),
    });
  }

  /** Reads `files` and imports them with `mapping` in the worker; `progress` hears where it is. */
  async run(
    files: string[],
    mapping: ImportMapping,
    options: RunRequest['options'],
    now: string,
    progress?: (p: ImportProgress) => void,
  ): Promise<ImportResult> {
    const id = this.client.nextId();
    if (progress) this.listeners.set(id, progress);
    let reply: ImportReply;
    try {
      reply = await this.send({ kind: 'run', id, path: this.path, files, mapping, options, now });
    } finally {
      this.listeners.delete(id);
    }
    if (reply.ok && 'result' in reply) return reply.result;
    throw new Error('the import worker answered out of turn');
  }

  /** Reads `files` in the worker: what the mapping step shows of them, and a mapping named `name` proposed for them. */
  async inspect(files: string[], name: string): Promise<Inspected> {
    const id = this.client.nextId();
    const reply = await this.send({ kind: 'inspect', id, files, name });
    if (reply.ok && 'inspected' in reply) return reply.inspected;
    throw new Error('the import worker answered out of turn');
  }

  /**
   * Sends `req`. A refusal in the worker is thrown as the same ServiceError; a worker that
   * failed or stopped is said in words (its transaction, if any, never committed).
   */
  private async send(req: ImportRequest): Promise<ImportReply> {
    let reply: ImportReply;
    try {
      reply = await this.client.send(req);
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      const why = err instanceof Error ? err.message.replace(/^The import worker failed: /, '') : String(err);
      throw new ServiceError('internal', `The import stopped before it finished (${why.replace(/\.$/, '')}), and nothing was written. Try again; if it stops again, import the files in smaller parts.`);
    }
    if (reply.ok && 'refusal' in reply) throw new ServiceError(reply.refusal.code, reply.refusal.message, reply.refusal.issues);
    return reply;
  }

  /** Fails what is pending and stops the worker; later imports fail. */
  close(): Promise<void> {
    return this.client.close();
  }
}
