/**
 * Start-up work that is not on the first screen waits until the window has painted that
 * screen and gone idle: the sync status, the workspace list, the whole book behind the
 * Portfolio's first rows. Started in the effects of the first render, each request (and
 * the re-render it set off) ran in the task that commits the first rows, before the frame
 * that draws them (issue 17's first render). The harness's event stream is opened earlier
 * still, by the entry (`openEvents`), so no change made meanwhile goes unannounced.
 */
let done = false;
let resolvePainted: () => void = () => undefined;
const painted = new Promise<void>((resolve) => {
  resolvePainted = () => {
    done = true;
    resolve();
  };
});
let committed = false;

/** Called once the window's first screen is committed (the workspace gate's first effect). */
export function firstScreenCommitted(): void {
  if (committed) return;
  committed = true;
  // The frame that draws it, then the first idle moment (at most a tenth of a second later:
  // the whole book behind the Portfolio's first rows waits for it).
  requestAnimationFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolvePainted(), { timeout: 100 });
    else setTimeout(resolvePainted, 0);
  });
}

/** Resolves once the first screen has been painted and the window was idle after it. */
export function afterFirstPaint(): Promise<void> {
  return painted;
}

/** Whether the first screen has been painted (and the window was idle after it). */
export function firstPaintDone(): boolean {
  return done;
}
