/**
 * Binds every method of the API table to its service, one area per file in ./areas.
 * The `Handlers` type makes a missing or mistyped method a compile error.
 * Adding an area: a methods file in src-shared/methods, a handlers file here, one line each.
 */
import { actionHandlers } from './areas/actions';
import { appHandlers } from './areas/app';
import type { HandlerDeps } from './areas/deps';
import { healthHandlers } from './areas/health';
import { partnerHandlers } from './areas/partners';
import { planHandlers } from './areas/plans';
import { qbrHandlers } from './areas/qbr';
import { syncHandlers } from './areas/sync';
import type { Handlers } from './router';

export type { HandlerDeps };

export function createHandlers(d: HandlerDeps): Handlers {
  return {
    ...appHandlers(d),
    ...actionHandlers(d),
    ...partnerHandlers(d),
    ...syncHandlers(d),
    ...healthHandlers(d),
    ...planHandlers(d),
    ...qbrHandlers(d),
  };
}
