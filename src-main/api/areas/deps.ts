import type { Db } from '../../db/connection';
import type { PdfRenderer } from '../../export/pdf/renderer';
import type { EventBus } from '../../events';
import type { Clock } from '../../base/clock';
import type { PrmSetting } from '../../settings';
import type { SyncService } from '../../sync/service';
import type { MethodName } from '../../../src-shared/api';
import type { Handlers } from '../router';

/** What every area's handlers may use; built once by the composition root. */
export interface HandlerDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  sync: SyncService;
  version: string;
  dataDir: string;
  prm(): PrmSetting | null;
  /** The PDF engine for QBR exports (the Electron shell's Chromium); LibreOffice when absent. */
  pdfRenderer?: PdfRenderer;
}

/** The handlers of one area: exactly the methods of its table in src-shared/methods/. */
export type AreaHandlers<T extends Record<string, unknown>> = Pick<Handlers, Extract<keyof T, MethodName>>;
