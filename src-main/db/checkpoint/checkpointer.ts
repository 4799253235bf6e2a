/**
 * Background checkpoints of a replica's write-ahead log. In WAL mode a commit appends the
 * changed pages to the log; a checkpoint copies them into the database file and syncs it.
 * SQLite's default runs that checkpoint inside whichever commit takes the log past 1,000
 * pages, on the committing thread: a 1,000-row incremental pull of the large book dirties
 * about 1,300 pages, and its checkpoint took ~30 of the ~55 ms of the page's apply, on the
 * API's thread. Here the main
 * connection leaves it (it checkpoints itself only past MAIN_AUTOCHECKPOINT_PAGES, a safety
 * net) and a worker thread with its own connection (worker.ts) runs a PASSIVE checkpoint
 * when asked: after each page a pull commits, after each sync run. A checkpoint changes no
 * row and no guarantee: a commit is in the log (and survives a crash) before it returns,
 * whether or not it has been copied yet; nor does it change what another connection sees
 * as a change (`PRAGMA data_version`, the caches' version). Requests while one runs are
 * folded into one more. One worker serves every replica of the process (started on first
 * use, unref'd while idle, so it never keeps a process alive). If it cannot run (no
 * worker script in the build, it died, the file is gone), that replica's main connection
 * goes back to SQLite's default and checkpoints itself as before.
 */
import type Database from 'better-sqlite3';
import { WorkerClient, workerEntry } from '../../base/worker-client';
import type { CheckpointReply, CheckpointRequest } from './protocol';

/** The main connection's own checkpoint threshold while a worker checkpoints (pages of the log; 32 MB at 4 KiB). */
export const MAIN_AUTOCHECKPOINT_PAGES = 8192;
/** SQLite's default threshold, restored when the worker cannot run. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface CheckpointerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
}

type Client = WorkerClient<CheckpointRequest, CheckpointReply>;
/** The process's checkpoint worker, per worker script (one, unless a test names another). */
const clients = new Map<string, Client>();

function sharedClient(entry: string | undefined): Client {
  const key = entry ?? '';
  let client = clients.get(key);
  if (!client) {
    client = new WorkerClient<CheckpointRequest, CheckpointReply>({
      entry: () => entry ?? workerEntry(import.meta.url, 'checkpoint-worker'),
      failure: 'Checkpointing the replica failed',
      closed: 'The checkpoint worker was stopped.',
    });
    clients.set(key, client);
  }
  return client;
}

export class BackgroundCheckpointer {
  private readonly client: Client;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Why the worker could not checkpoint (the main connection checkpoints itself since), or null. */
  failure: string | null = null;
  /** Checkpoints the worker has completed. */
  completed = 0;

  constructor(
    private readonly sqlite: Database.Database,
    o: CheckpointerOptions = {},
  ) {
    this.client = sharedClient(o.entry);
    sqlite.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES}`);
  }

  /** Asks for a checkpoint soon; one asked for while another runs follows it (once, however often asked). */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop();
  }

  /** Resolves when no checkpoint is running or waiting (tests, benches, closing). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Takes no more requests and waits for the running checkpoint; the connection, if still
   * open, checkpoints itself again as SQLite does by default.
   */
  async close(): Promise<void> {
    this.stopped = true;
    await this.idle();
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.client.send({ id: this.client.nextId(), path: this.sqlite.name });
        this.completed++;
      } while (this.again && !this.stopped);
    } catch (err) {
      this.fallBack(err);
    } finally {
      this.running = null;
    }
  }

  /** The worker failed: the main connection checkpoints itself again, as SQLite does by default. */
  private fallBack(err: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.failure = err instanceof Error ? err.message : String(err);
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }
}

/**
 * Background checkpoints for the replica behind `sqlite`, or null where there is nothing to
 * checkpoint (an in-memory or read-only connection, a journal that is not a WAL).
 */
export function backgroundCheckpoints(sqlite: Database.Database, o: CheckpointerOptions = {}): BackgroundCheckpointer | null {
  if (sqlite.memory || sqlite.readonly) return null;
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  return new BackgroundCheckpointer(sqlite, o);
}
