import { z } from 'zod';
import { method } from './define';

export interface AppInfo {
  version: string;
  dataDir: string;
  /** The PRM this replica syncs with; `demo` is the embedded demo PRM. */
  prm: { url: string; kind: 'demo' | 'custom' } | null;
  /** The date the app treats as today (the demo book's as-of date, or the clock). */
  today: string;
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
};
