/**
 * The one API surface (ARCHITECTURE §2). Every renderer call is `invoke(method, input)`
 * against this table; the main side validates `input` with the method's zod schema
 * before any service runs, and unknown methods are refused.
 *
 * Each area keeps its methods in `src-shared/methods/<area>.ts`; this file joins them.
 */
import type { z } from 'zod';
import { actionMethods, type ActionsProgress } from './methods/actions';
import { appMethods } from './methods/app';
import { calendarMethods } from './methods/calendar';
import { displayMethods } from './methods/display';
import { brandingMethods } from './methods/branding';
import { forecastMethods, type ForecastProgress } from './methods/forecast';
import { ropiMethods } from './methods/ropi';
import { voiceMethods } from './methods/voice';
import { healthMethods, type HealthProgress } from './methods/health';
import { identityMethods } from './methods/identity';
import { importMethods, type ImportProgress } from './methods/import';
import { partnerMethods } from './methods/partners';
import { planMethods } from './methods/plans';
import { qbrMethods } from './methods/qbr';
import { salesforceMethods } from './methods/salesforce';
import { salesforceMappingMethods } from './methods/salesforce-mapping';
import { syncMethods, type SyncStatus } from './methods/sync';
import { workspaceMethods } from './methods/workspaces';
import type { MethodDef } from './methods/define';

export { method, type MethodDef } from './methods/define';

export const api = {
  ...appMethods,
  ...actionMethods,
  ...partnerMethods,
  ...syncMethods,
  ...healthMethods,
  ...calendarMethods,
  ...displayMethods,
  ...brandingMethods,
  ...forecastMethods,
  ...ropiMethods,
  ...voiceMethods,
  ...planMethods,
  ...qbrMethods,
  ...identityMethods,
  ...importMethods,
  ...workspaceMethods,
  ...salesforceMethods,
  ...salesforceMappingMethods,
} as const;

/** Methods that work with or without an open workspace; every other one acts on the open workspace. */
export const GLOBAL_METHODS = [...Object.keys(appMethods), ...Object.keys(workspaceMethods), ...Object.keys(salesforceMethods), ...Object.keys(salesforceMappingMethods)] as (
  | keyof typeof appMethods
  | keyof typeof workspaceMethods
  | keyof typeof salesforceMethods
  | keyof typeof salesforceMappingMethods
)[];
export type GlobalMethodName = (typeof GLOBAL_METHODS)[number];

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = Api[M] extends MethodDef<z.ZodType, infer O> ? O : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

export interface ApiIssue {
  /** Dotted path of the offending field, e.g. `filters.tier`; empty for the whole input. */
  path: string;
  message: string;
}

export type ApiErrorCode =
  | 'unknown_method'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'unavailable'
  | 'cancelled'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  issues?: ApiIssue[];
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Events the main side pushes to the renderer through `subscribe(event)`. */
export interface ApiEvents {
  'sync.status': SyncStatus;
  /** Entities whose rows changed (after a pull page, a local edit, a push). */
  'data.changed': { entities: string[] };
  /** Another workspace was opened (or none: the welcome); the renderer starts over on it. */
  'workspace.changed': { id: string | null; name: string | null };
  /** A spreadsheet import running in the background: where it is (methods/import.ts). */
  'import.progress': ImportProgress;
  /** The book's forecast computed in the background: how far it has got (methods/forecast.ts). */
  'forecast.progress': ForecastProgress;
  'actions.progress': ActionsProgress;
  /** The book's health computed in the background: how far it has got (methods/health.ts). */
  'health.progress': HealthProgress;
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: EventName[] = ['sync.status', 'data.changed', 'workspace.changed', 'import.progress', 'forecast.progress', 'actions.progress', 'health.progress'];

/** What the preload exposes as `window.partnerbook` and the harness client mirrors. */
export interface PartnerbookBridge {
  /** `workspace`: the workspace the window is showing; the call is refused if another one is open by then. */
  invoke(method: string, input: unknown, workspace?: string | null): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}
