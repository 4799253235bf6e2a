import type { Db } from '../../db/connection';
import type { PdfRenderer } from '../../export/pdf/renderer';
import type { EventBus } from '../../events';
import type { Clock } from '../../base/clock';
import type { SyncService } from '../../sync/service';
import type { WorkspaceManager } from '../../workspaces/manager';
import type { SalesforceSignIn } from '../../workspaces/salesforce-signin';
import type { MethodName } from '../../../src-shared/api';
import type { Handlers } from '../router';
import type { ActionsWorkerOptions } from '../../services/actions/worker/pool';
import type { HealthWorkerOptions } from '../../services/health/worker/pool';
import type { BookWorkerOptions } from '../../services/book-worker/pool';
import type { ImportWorkerOptions } from '../../services/import/worker/pool';
import type { DestinationChooser } from './qbr-destinations';
import type { FileOpener, FolderShare } from './qbr-files';

/**
 * What every area's handlers may use: one open workspace's replica, bus and sync. The
 * composition root builds one handler table per workspace when it opens, so a handler
 * never sees another workspace's data (see handlers.ts, `routeToWorkspace`).
 */
export interface HandlerDeps {
  db: Db;
  clock: Clock;
  /** The workspace's own bus (forwarded to the app only while it is open). */
  events: EventBus;
  sync: SyncService;
  /** The workspace's folder (QBR exports go to `<dataDir>/exports`). */
  dataDir: string;
  /** The PDF engine for QBR exports (the Electron shell's Chromium); LibreOffice when absent. */
  pdfRenderer?: PdfRenderer;
  /** Asks the user where to save an export (the desktop app's dialogs); absent: exports go to `<dataDir>/exports`. */
  chooseDestination?: DestinationChooser;
  /** Opens a written file or shows it in its folder (the desktop app); absent: no such actions are offered. */
  openFile?: FileOpener;
  /** Serves a batch's folder read-only (the browser harness), so its index opens in the browser. */
  shareFolder?: FolderShare;
  /** The kind of source the workspace has ('demo', 'protocol-v1', 'spreadsheet'); absent (a CLI replica): a spreadsheet book. */
  sourceKind?(): string;
  /**
   * Rank the book's actions in a worker thread (a file-backed replica only), so other calls
   * are answered meanwhile; absent (the CLI, tests): on the calling thread.
   */
  backgroundActions?: ActionsWorkerOptions;
  /**
   * Recompute the health inputs in a worker thread (a file-backed replica only), serving the
   * last ones meanwhile, so other calls are answered; absent (the CLI, tests): on the calling thread.
   */
  backgroundHealth?: HealthWorkerOptions;
  /**
   * Import spreadsheets in a worker thread (a file-backed replica only): reading, checking
   * and writing a large book never makes other calls wait; absent (the CLI, tests): on the calling thread.
   */
  backgroundImport?: ImportWorkerOptions;
  /**
   * Compute the book's forecast and ROPI in worker threads (a file-backed replica only), so
   * other calls are answered meanwhile; absent (the CLI, tests): on the calling thread.
   */
  backgroundBook?: BookWorkerOptions;
  /** Runs `fn` when the workspace closes, before its replica does (e.g. cancel a batch export). */
  onClose?(fn: () => Promise<void> | void): void;
}

/** What the handlers that work without an open workspace use (app.info, workspaces.*, salesforce.*). */
export interface AppDeps {
  version: string;
  /** The data root. */
  dataDir: string;
  clock: Clock;
  workspaces: WorkspaceManager;
  /** "Connect Salesforce" and "Sign in again" through the browser. */
  salesforce: SalesforceSignIn;
  /** Whether the demo book can be opened here. */
  demoAvailable: boolean;
}

/** The handlers of one area: exactly the methods of its table in src-shared/methods/. */
export type AreaHandlers<T extends Record<string, unknown>> = Pick<Handlers, Extract<keyof T, MethodName>>;
