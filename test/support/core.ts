/** Drives a core (the same object graph the shells use) through its router, as the UI does. */
import type { Core } from '../../src-main/core';

export async function call<T>(core: Pick<Core, 'router'>, method: string, input: unknown = {}, workspace?: string): Promise<T> {
  const env = await core.router.handle(method, input, workspace ? { workspace } : {});
  if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
  return env.value as T;
}

export interface StatusLike {
  state: string;
  lastSyncedAt: string | null;
  message: string | null;
  needsSignIn: boolean;
  pendingEdits: number;
  progress: { rows: number } | null;
}

/** Waits (on the core's own events, no clock) until `sync.status` satisfies `pred`. */
export function statusWhen(core: Core, pred: (s: StatusLike) => boolean): Promise<StatusLike> {
  return new Promise((resolve) => {
    const off = core.events.on('sync.status', (s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
    void call<StatusLike>(core, 'sync.status').then(
      (s) => {
        if (pred(s)) {
          off();
          resolve(s);
        }
      },
      () => undefined,
    );
  });
}
