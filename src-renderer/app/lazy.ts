/**
 * Code the first screen does not need, in chunks of its own: the pages other than the
 * Portfolio (app/pages.ts), the dialogs, the quick search, the welcome. Each is loaded the
 * first time it is shown, and `preloadChunks` fetches them all once the first screen is
 * up and the window is idle, so opening one later does not wait either (issue 17: the
 * start-up bundle is what a fresh window parses and runs before its first rows).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const loaders: (() => Promise<unknown>)[] = [];

/** `load` once (again after a failure, so a later try can succeed); registered for `preloadChunks`. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  const run = () =>
    (loading ??= load().catch((err: unknown) => {
      loading = null;
      throw err;
    }));
  loaders.push(run);
  return run;
}

/** A component from a chunk of its own (`load` picks it out of its module), for use under a `<Suspense>`. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyExoticComponent<ComponentType<P>> {
  const run = once(load);
  return lazy(() => run().then((component) => ({ default: component })));
}

/** Fetches every lazy chunk (after the first screen is up): what is opened later shows at once. */
export function preloadChunks(): void {
  for (const load of loaders) void load().catch(() => undefined);
}
