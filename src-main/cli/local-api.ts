/**
 * The API for a CLI command: the same workspace handler table (`createHandlers`) and the
 * same router the app and the harness use, over one replica the command opened. Every
 * call's input is validated by its method's zod schema before a service runs, and a
 * refused call (a schema's complaint, a ServiceError) comes back as the router's plain
 * message in a `CliError`, so the command prints one line and exits non-zero.
 *
 * The table is built without a source: a CLI command that reads never syncs (`partnerbook
 * sync` runs its own sync service), and the sync service built here writes nothing to a
 * read-only replica (sync/service.ts).
 */
import { GLOBAL_METHODS, type ApiIssue, type MethodInput, type MethodName, type MethodOutput } from '../../src-shared/api';
import type { Clock } from '../base/clock';
import { ServiceError } from '../base/errors';
import type { Db } from '../db/connection';
import { EventBus } from '../events';
import { createSyncService } from '../sync/service';
import { createHandlers } from '../api/handlers';
import { bookClock } from '../services/import/clock';
import type { DestinationChooser } from '../api/areas/qbr-destinations';
import { createRouter, type Handlers } from '../api/router';
import { CliError } from './args';

export interface LocalApiOptions {
  db: Db;
  clock: Clock;
  /** The workspace's folder (the replica's folder): QBR exports default to `<dataDir>/exports`. */
  dataDir: string;
  /**
   * Where a QBR export is saved: the CLI's "save dialog" is the path the user typed, so
   * `qbr.chooseDestination` hands the API that path as a chosen destination, like the
   * desktop app's dialog does (the API itself never takes a raw path).
   */
  chooseDestination?: DestinationChooser;
}

/** A call the API refused: the router's message, and the fields it named (for a command to word them its own way). */
export class ApiRefusal extends CliError {
  constructor(
    message: string,
    readonly issues: readonly ApiIssue[],
  ) {
    super(message);
  }
}

export interface LocalApi {
  /** Calls `method` through the router; an error envelope becomes an `ApiRefusal` (a `CliError`) with its message. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Runs the workspace's close hooks (a batch export still running stops). The Db stays open: the caller closes it. */
  close(): Promise<void>;
}

/** The clock of a replica: an imported book whose files end before today computes as of its last date (services/import/clock.ts). */
export function replicaClock(db: Db, base: Clock): Clock {
  return bookClock(base, db, new EventBus());
}

export function createLocalApi(opts: LocalApiOptions): LocalApi {
  const { db, clock, dataDir } = opts;
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const closeHooks: (() => Promise<void> | void)[] = [];
  const workspace = createHandlers({
    db,
    clock,
    events,
    sync,
    dataDir,
    ...(opts.chooseDestination ? { chooseDestination: opts.chooseDestination } : {}),
    onClose: (fn) => closeHooks.push(fn),
  });
  // The global methods (app.info, workspaces.*) belong to the app's workspace manager; a CLI
  // command works on one replica and has none.
  const global: Record<string, () => never> = {};
  for (const name of GLOBAL_METHODS) {
    global[name] = () => {
      throw new ServiceError('unavailable', `${name} is not available from the command line.`);
    };
  }
  const router = createRouter({ ...global, ...workspace } as Handlers);
  return {
    async call(method, input) {
      const r = await router.handle(method, input);
      if (!r.ok) throw new ApiRefusal(r.error.message, r.error.issues ?? []);
      return r.value as MethodOutput<typeof method>;
    },
    async close() {
      for (const fn of closeHooks) await fn();
      await sync.close();
    },
  };
}
