import type { HandlerDeps } from './deps';

/**
 * Wraps a handler whose service changes local data: once it has returned, the screens
 * showing `entities` (a list, or one read from the input) are told (`data.changed`) and a sync is scheduled shortly after
 * (debounced), so the edit reaches the source. `changed` says whether the result really
 * changed anything (an edit that sets the current values queues nothing); by default it did.
 * The services are synchronous (one SQLite transaction each), so the notice always
 * follows a committed write.
 */
export function mutating<I, R>(
  d: Pick<HandlerDeps, 'events' | 'sync'>,
  entities: readonly string[] | ((input: I) => readonly string[]),
  fn: (input: I) => R,
  changed: (result: R) => boolean = () => true,
): (input: I) => R {
  return (input) => {
    const result = fn(input);
    if (changed(result)) {
      d.events.emit('data.changed', { entities: [...(typeof entities === 'function' ? entities(input) : entities)] });
      d.sync.notifyEdit();
    }
    return result;
  };
}
