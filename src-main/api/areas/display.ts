import type { displayMethods } from '../../../src-shared/methods/display';
import { getMoneyDisplay, updateMoneyDisplay } from '../../services/money-display';
import type { AreaHandlers, HandlerDeps } from './deps';

/**
 * The money display. Money texts the server makes per request (action titles, health
 * sentences, QBR packs) follow it from the next request on; `display` tells the views to
 * fetch again.
 */
export function displayHandlers(d: HandlerDeps): AreaHandlers<typeof displayMethods> {
  return {
    'display.get': () => getMoneyDisplay(d.db),
    'display.set': ({ settings }) => {
      const display = updateMoneyDisplay(d.db, settings);
      d.events.emit('data.changed', { entities: ['display'] });
      return display;
    },
  };
}
