/**
 * Binds every method of the API table to its service, one area per file in ./areas.
 * The `Handlers` type makes a missing or mistyped method a compile error.
 * Adding an area: a methods file in src-shared/methods, a handlers file here, one line each.
 *
 * Two kinds of handlers: the global ones (app.info, workspaces.*, salesforce.*) work with or without an
 * open workspace; every other one is built per workspace (`createHandlers`, once when the
 * workspace opens) and `routeToWorkspace` sends each call to the workspace open at the time
 * of the call.
 */
import { api, GLOBAL_METHODS, type GlobalMethodName, type MethodName } from '../../src-shared/api';
import { actionHandlers } from './areas/actions';
import { appHandlers } from './areas/app';
import { calendarHandlers } from './areas/calendar';
import { brandingHandlers } from './areas/branding';
import type { AppDeps, HandlerDeps } from './areas/deps';
import { displayHandlers } from './areas/display';
import { forecastHandlers } from './areas/forecast';
import { ropiHandlers } from './areas/ropi';
import { voiceHandlers } from './areas/voice';
import { healthHandlers } from './areas/health';
import { identityHandlers } from './areas/identity';
import { importHandlers } from './areas/import';
import { partnerHandlers } from './areas/partners';
import { planHandlers } from './areas/plans';
import { qbrHandlers } from './areas/qbr';
import { salesforceHandlers } from './areas/salesforce';
import { salesforceMappingHandlers } from './areas/salesforce-mapping';
import { syncHandlers } from './areas/sync';
import { workspaceHandlers } from './areas/workspaces';
import { createActionsCache } from '../services/actions/background';
import { createForecastService } from '../services/forecast/service';
import { createHealthService } from '../services/health/service';
import { createQbrService } from '../services/qbr/service';
import { applyMoneyDisplay } from '../services/money-display';
import type { CallContext, Handlers } from './router';

export type { AppDeps, HandlerDeps };

/** The handlers of one open workspace: every method but the global ones. */
export type WorkspaceHandlers = Omit<Handlers, GlobalMethodName>;
export type GlobalHandlers = Pick<Handlers, GlobalMethodName>;

export function createGlobalHandlers(a: AppDeps): GlobalHandlers {
  return { ...appHandlers(a), ...workspaceHandlers(a), ...salesforceHandlers(a), ...salesforceMappingHandlers(a) };
}

/**
 * The full table: global methods as they are, every other one run by `use` on the
 * workspace open when the call arrives (and refused when the caller was showing another).
 */
export function routeToWorkspace(
  global: GlobalHandlers,
  use: <T>(fn: (h: WorkspaceHandlers) => T | Promise<T>, expected?: string) => Promise<T>,
): Handlers {
  const globalNames = new Set<string>(GLOBAL_METHODS);
  const table: Record<string, (input: unknown, ctx?: CallContext) => unknown> = { ...(global as Record<string, (input: unknown, ctx?: CallContext) => unknown>) };
  for (const name of Object.keys(api) as MethodName[]) {
    if (globalNames.has(name)) continue;
    table[name] = (input, ctx) =>
      use((h) => (h[name as Exclude<MethodName, GlobalMethodName>] as (input: unknown, ctx?: CallContext) => unknown)(input, ctx), ctx?.workspace);
  }
  return table as Handlers;
}

/**
 * One workspace's handlers. The services that keep state (the health model and its
 * per-quarter cache; the book's ranked actions; the QBR builder and its batches) are built
 * here once and shared by every area that needs them: the QBR decks use the same health
 * service as the Health screens, so a deck and the screen can never disagree about a score,
 * and the same actions cache as the Actions screens, so a ranking is made once. The workspace's
 * money display becomes the one this process writes money with (services/money-display.ts).
 */
export function createHandlers(d: HandlerDeps): WorkspaceHandlers {
  applyMoneyDisplay(d.db);
  const health = createHealthService({
    db: d.db,
    clock: d.clock,
    events: d.events,
    syncing: () => d.sync.status().state === 'syncing',
    background: d.backgroundHealth,
  });
  d.onClose?.(() => health.close());
  // The book's forecast: in a book worker on a file-backed replica (services/forecast/service.ts).
  const forecast = createForecastService({ db: d.db, clock: d.clock, events: d.events, syncing: () => d.sync.status().state === 'syncing', background: d.backgroundBook });
  d.onClose?.(() => forecast.close());
  // The book's ranked actions: in the actions worker on a file-backed replica (services/actions/background.ts).
  // How far a ranking has got reaches the Actions page (`actions.progress`): seconds on a 20,000-partner book.
  const actions = createActionsCache(d.db, d.backgroundActions, (p) => d.events.emit('actions.progress', p));
  d.onClose?.(() => actions.close());
  const qbr = createQbrService({ db: d.db, clock: d.clock, events: d.events, dataDir: d.dataDir, pdf: d.pdfRenderer, health, forecast, actions });
  return {
    ...actionHandlers(d, actions),
    ...partnerHandlers(d),
    ...syncHandlers(d),
    ...healthHandlers(d, health),
    ...calendarHandlers(d, health),
    ...displayHandlers(d),
    ...brandingHandlers(d),
    ...forecastHandlers(d, forecast),
    ...ropiHandlers(d),
    ...voiceHandlers(d),
    ...planHandlers(d),
    ...qbrHandlers(d, qbr),
    ...identityHandlers(d),
    ...importHandlers(d),
  };
}
