/**
 * The composition root, for whichever shell hosts it — the Electron main process, the
 * browser harness or a CLI command: data root → workspace registry and secret store →
 * the open workspace (its replica, sync and source) → one handler table per open
 * workspace → the router every shell serves.
 */
import { mkdirSync } from 'node:fs';
import { systemClock, type Clock } from './base/clock';
import type { Db } from './db/connection';
import { createGlobalHandlers, createHandlers, routeToWorkspace, type WorkspaceHandlers } from './api/handlers';
import { createRouter, type Router } from './api/router';
import { EventBus } from './events';
import type { PdfRenderer } from './export/pdf/renderer';
import type { DestinationChooser } from './api/areas/qbr-destinations';
import type { FileOpener, FolderShare } from './api/areas/qbr-files';
import type { ActionsWorkerOptions } from './services/actions/worker/pool';
import type { HealthWorkerOptions } from './services/health/worker/pool';
import type { BookWorkerOptions } from './services/book-worker/pool';
import type { ImportWorkerOptions } from './services/import/worker/pool';
import type { SyncService } from './sync/service';
import { createWorkspaceManager, type WorkspaceManager } from './workspaces/manager';
import { createSalesforceSignIn, SALESFORCE_CALLBACK_PORT, type SalesforceSignIn } from './workspaces/salesforce-signin';
import type { SyncTuning } from './workspaces/open';
import type { DemoScale } from './workspaces/registry';
import { WorkspaceRegistry } from './workspaces/registry';
import { dataRootSecrets, type SecretCipher, type SecretStore } from './workspaces/secrets';

export interface CoreOptions {
  /** The data root: workspaces.json, secrets.json and one folder per workspace. */
  dataDir: string;
  clock?: Clock;
  version?: string;
  /** A PRM given on the command line: its workspace is used (created if needed) and the token stored. */
  prm?: { url: string; token: string };
  /** With no workspace yet: create and open the demo book (default), or show the welcome. */
  firstRun?: 'demo' | 'welcome';
  /** The command that runs the demo PRM tool (see `findDemoPrmCommand`); null where it is not available. */
  demoCommand?: string[] | null;
  demoEnv?: NodeJS.ProcessEnv;
  /** Seed and size of a demo book created here; the as-of date and test flags of every demo PRM started here. */
  demo?: { seed?: number; scale?: DemoScale; asOf?: string; extraArgs?: string[] };
  /** Encrypts secrets at rest (Electron: safeStorage); none in the harness and CLI. */
  secretCipher?: SecretCipher | null;
  /**
   * The actions worker of each open workspace (services/actions/worker/pool.ts): the book's
   * actions are ranked off the API's thread on a file-backed replica; default options when absent.
   */
  backgroundActions?: ActionsWorkerOptions;
  /**
   * The health worker of each open workspace (services/health/worker/pool.ts): the health
   * inputs are recomputed off the API's thread on a file-backed replica; default options when absent.
   */
  backgroundHealth?: HealthWorkerOptions;
  /**
   * The import worker of each open workspace (services/import/worker/pool.ts): spreadsheets
   * are imported off the API's thread on a file-backed replica; default options when absent.
   */
  backgroundImport?: ImportWorkerOptions;
  /**
   * The book workers of each open workspace (services/book-worker/pool.ts): the book's
   * forecast and ROPI are computed off the API's thread on a file-backed replica; default options when absent.
   */
  backgroundBook?: BookWorkerOptions;
  /** Shown where tokens are typed when the secret storage is weak. */
  secretWarning?: string | null;
  /** Opens a replica (the shell's damaged-replica recovery); `openDb` when not given. */
  openReplica?: (path: string) => Db;
  sync?: SyncTuning;
  onInternalError?: (method: string, err: unknown) => void;
  /** The PDF engine for QBR exports; LibreOffice (converting the .pptx) when not given. */
  pdfRenderer?: PdfRenderer;
  /** Asks the user where to save an export (Electron's dialogs); without it exports go to the workspace's exports folder. */
  chooseDestination?: DestinationChooser;
  /** "Open" and "Show in folder" for an exported file (Electron's shell); without it neither is offered. */
  openFile?: FileOpener;
  /** Serves a batch export's folder read-only (the browser harness), so the page can link to its index. */
  shareFolder?: FolderShare;
  /**
   * Salesforce sign-in: `openBrowser` opens the authorize page in the system browser (the
   * desktop app; without it the window opens it); `callbackPort` is the loopback port
   * (default 7717, or PARTNERBOOK_SALESFORCE_CALLBACK_PORT; 0: any free port, for tests).
   */
  salesforce?: { openBrowser?: (url: string) => Promise<void>; callbackPort?: number; timeoutMs?: number };
}

export interface Core {
  clock: Clock;
  /** The app's bus: the open workspace's events, and `workspace.changed`. */
  events: EventBus;
  router: Router;
  dataDir: string;
  workspaces: WorkspaceManager<WorkspaceHandlers>;
  secrets: SecretStore;
  /** "Connect Salesforce" / "Sign in again" sign-ins in progress. */
  salesforce: SalesforceSignIn;
  /** The open workspace's sync (null on the welcome screen). */
  sync(): SyncService | null;
  /** The open workspace's replica (null on the welcome screen). */
  db(): Db | null;
  /** Opens the workspace to start on (migrating an old data folder first) and syncs it in the background. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const clock = opts.clock ?? systemClock;
  const events = new EventBus();
  const registry = new WorkspaceRegistry(opts.dataDir);
  const secrets = dataRootSecrets(opts.dataDir, opts.secretCipher, opts.secretWarning);
  const demoCommand = opts.demoCommand ?? null;

  const workspaces = createWorkspaceManager<WorkspaceHandlers>({
    registry,
    secrets,
    clock,
    events,
    demoCommand,
    demoEnv: opts.demoEnv,
    demoRun: { asOf: opts.demo?.asOf, extraArgs: opts.demo?.extraArgs },
    demoDefaults: { seed: opts.demo?.seed, scale: opts.demo?.scale },
    openReplica: opts.openReplica,
    sync: opts.sync,
    // One handler table per open workspace: its services cache per replica and listen on its bus.
    attach: (ws) =>
      createHandlers({
        db: ws.db,
        clock: ws.clock,
        events: ws.events,
        sync: ws.sync,
        dataDir: ws.folder,
        pdfRenderer: opts.pdfRenderer,
        chooseDestination: opts.chooseDestination,
        openFile: opts.openFile,
        shareFolder: opts.shareFolder,
        onClose: ws.onClose,
        backgroundActions: opts.backgroundActions ?? {},
        backgroundHealth: opts.backgroundHealth ?? {},
        backgroundImport: opts.backgroundImport ?? {},
        backgroundBook: opts.backgroundBook ?? {},
        sourceKind: () => ws.entry().source.kind,
      }),
  });

  const envPort = Number(process.env.PARTNERBOOK_SALESFORCE_CALLBACK_PORT ?? '');
  const salesforce = createSalesforceSignIn({
    workspaces,
    now: () => clock.now(),
    openBrowser: opts.salesforce?.openBrowser,
    callbackPort: opts.salesforce?.callbackPort ?? (Number.isInteger(envPort) && envPort >= 0 && envPort <= 65535 && process.env.PARTNERBOOK_SALESFORCE_CALLBACK_PORT ? envPort : SALESFORCE_CALLBACK_PORT),
    timeoutMs: opts.salesforce?.timeoutMs,
  });
  const global = createGlobalHandlers({
    version: opts.version ?? '0.1.0',
    dataDir: opts.dataDir,
    clock,
    workspaces,
    salesforce,
    demoAvailable: demoCommand !== null,
  });
  const router = createRouter(
    routeToWorkspace(global, (fn, expected) => workspaces.use(({ ctx }) => fn(ctx), expected)),
    opts.onInternalError,
    // Damage a query met: the next start checks every page and offers the rebuild.
    () => workspaces.current()?.ws.db.damageSeen(),
  );

  return {
    clock,
    events,
    router,
    dataDir: opts.dataDir,
    workspaces,
    secrets,
    salesforce,
    sync: () => workspaces.current()?.ws.sync ?? null,
    db: () => workspaces.current()?.ws.db ?? null,
    async start() {
      await workspaces.start({ firstRun: opts.firstRun ?? 'demo', prm: opts.prm ?? null });
    },
    close: async () => {
      await salesforce.close();
      await workspaces.close();
    },
  };
}
