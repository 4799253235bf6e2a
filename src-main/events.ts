/** Typed in-process event bus: services emit, the IPC bridge and the harness forward. */
import type { ApiEvents, EventName } from '../src-shared/api';

export type Listener<E extends EventName> = (payload: ApiEvents[E]) => void;

export class EventBus {
  private listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch {
        // A failing listener (e.g. a closed window) must not break the emitter.
      }
    }
  }
}
