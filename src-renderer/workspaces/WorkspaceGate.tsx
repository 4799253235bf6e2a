/**
 * Shows the welcome when no workspace is open, else the shell for the open one. When
 * another workspace opens (from this window, another window or the main side), the shell
 * starts over on it: a fresh page tree on the default page, nothing cached from the old one.
 */
import { Fragment, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { adoptBootRequests, takeArrivedWorkspace, takeBootWorkspace } from '../api/boot';
import { invoke } from '../api/client';
import { firstScreenCommitted } from '../api/first-paint';
import { useEvent } from '../api/hooks';
import { lazyComponent } from '../app/lazy';
import { DEFAULT_PATH, navigate } from '../app/router';
import { ErrorBanner, Loading } from '../components/ui';
import { ReloadWorkspaceContext, startOver, WorkspaceContext } from './session';

// Only a window with no workspace open shows it: its forms are not in the start-up bundle.
const Welcome = lazyComponent(() => import('./Welcome').then((m) => m.Welcome));

/** Where the next workspace this window opens starts (once); the default page otherwise. */
let startPath: string | null = null;

/** Call just before opening a workspace that should start on `path` (a new spreadsheet book: `/import`); null undoes it. */
export function startNextWorkspaceOn(path: string | null): void {
  startPath = path;
}

interface GateState {
  loaded: boolean;
  ws: WorkspaceInfo | null;
  error: unknown;
}

/** The workspace the window showed before its first render (`showArrivedWorkspace`). */
let shownAtStart: { ws: WorkspaceInfo | null } | null = null;

/**
 * Called once before the first render (app/start.tsx): when the start-up answer naming the
 * open workspace has arrived, the window shows it at once, its queries holding the other
 * start-up answers, so the first render draws the open page with its data instead of a
 * loading step and then the page.
 */
export function showArrivedWorkspace(): void {
  const arrived = takeArrivedWorkspace();
  if (!arrived) return;
  const id = arrived.ws?.id ?? null;
  startOver(id);
  adoptBootRequests(id);
  shownAtStart = arrived;
}

export function WorkspaceGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>(() =>
    shownAtStart ? { loaded: true, ws: shownAtStart.ws, error: undefined } : { loaded: false, ws: null, error: undefined },
  );
  const [generation, setGeneration] = useState(0);
  /** The workspace on screen; undefined before the first answer. */
  const shownId = useRef<string | null | undefined>(shownAtStart ? (shownAtStart.ws?.id ?? null) : undefined);
  /** Shown before the first render: not read again when the gate mounts. */
  const readAtStart = useRef(!!shownAtStart);

  const show = useCallback((ws: WorkspaceInfo | null) => {
    const id = ws?.id ?? null;
    if (shownId.current !== id) {
      const first = shownId.current === undefined;
      shownId.current = id;
      startOver(id);
      if (first) adoptBootRequests(id);
      else {
        if (id) navigate(startPath ?? DEFAULT_PATH, { replace: true });
        startPath = null;
        setGeneration((g) => g + 1);
      }
    }
    setState({ loaded: true, ws, error: undefined });
  }, []);

  const load = useCallback(() => {
    // The first read is the one sent at start-up beside the others (api/boot.ts).
    (takeBootWorkspace() ?? invoke('workspaces.current', {})).then(show, (error: unknown) => setState((s) => ({ ...s, loaded: true, error })));
  }, [show]);

  useEffect(() => {
    if (readAtStart.current) readAtStart.current = false;
    else load();
  }, [load]);
  // The first screen is committed (this effect runs after its children's): work that is not
  // on it starts once it is painted (api/first-paint.ts).
  useEffect(firstScreenCommitted, []);
  useEvent('workspace.changed', load);

  if (!state.loaded) return <Loading />;
  if (state.error && !state.ws) {
    return (
      <div className="page page-narrow">
        <ErrorBanner error={state.error} onRetry={load} />
      </div>
    );
  }
  return (
    <ReloadWorkspaceContext.Provider value={load}>
      {state.ws ? (
        <WorkspaceContext.Provider value={state.ws}>
          <Fragment key={`${state.ws.id}:${generation}`}>{children}</Fragment>
        </WorkspaceContext.Provider>
      ) : (
        <Suspense fallback={<Loading />}>
          <Welcome onOpened={show} />
        </Suspense>
      )}
    </ReloadWorkspaceContext.Provider>
  );
}
