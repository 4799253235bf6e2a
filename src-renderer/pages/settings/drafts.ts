/**
 * Unsaved Settings changes kept while the user is on another page: a section's draft
 * outlives the page, so leaving Settings never drops what was typed. A draft belongs to
 * the workspace it was typed in and to the stored values it was typed over: when those
 * change (saved elsewhere, another workspace) it is not brought back. Memory only: the
 * Settings nav item says there are unsaved changes until they are saved or discarded.
 */
import { useSyncExternalStore } from 'react';

interface Kept {
  /** The stored values (as JSON) the draft was typed over. */
  base: string;
  draft: unknown;
}

const kept = new Map<string, Kept>();
const listeners = new Set<() => void>();
let version = 0;

const changed = () => {
  version++;
  for (const l of listeners) l();
};

const keyOf = (workspace: string, section: string) => `${workspace}\u0000${section}`;

/** The draft kept for a section of this workspace, when it was typed over these stored values. */
export function keptDraft(workspace: string, section: string, base: string): unknown {
  const k = kept.get(keyOf(workspace, section));
  return k && k.base === base ? k.draft : undefined;
}

/** Keeps a section's draft (`dirty`), or forgets it (saved, discarded, typed back to what is stored). */
export function keepDraft(workspace: string, section: string, base: string, draft: unknown, dirty: boolean): void {
  const key = keyOf(workspace, section);
  if (dirty) {
    const had = kept.has(key);
    kept.set(key, { base, draft });
    if (!had) changed();
  } else if (kept.delete(key)) {
    changed();
  }
}

/** The sections of this workspace with unsaved changes. */
function unsavedSections(workspace: string): number {
  let n = 0;
  for (const key of kept.keys()) if (key.startsWith(`${workspace}\u0000`)) n++;
  return n;
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** How many Settings sections of the workspace hold unsaved changes, live. */
export function useUnsavedSettings(workspace: string): number {
  useSyncExternalStore(subscribe, () => version);
  return unsavedSections(workspace);
}
