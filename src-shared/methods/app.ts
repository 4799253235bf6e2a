import { z } from 'zod';
import { method } from './define';
import type { SecretStorageView, WorkspaceInfo } from './workspaces';

export interface AppInfo {
  version: string;
  /** The data root: the workspace list, the secrets file and every workspace's folder. */
  dataDir: string;
  /** The open workspace; null on the welcome screen. */
  workspace: WorkspaceInfo | null;
  /** The PRM the open workspace syncs with; `demo` is the embedded demo PRM. Null until known. */
  prm: { url: string; kind: 'demo' | 'custom' } | null;
  /** Whether the demo book can be opened here (its tool only comes with a developer checkout). */
  demoAvailable: boolean;
  secrets: SecretStorageView;
  /** The date the app treats as today (the demo book's as-of date, or the clock). */
  today: string;
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
};
