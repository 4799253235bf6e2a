import type { brandingMethods } from '../../../src-shared/methods/branding';
import { getBranding, setBranding } from '../../services/branding/service';
import type { AreaHandlers, HandlerDeps } from './deps';

/** The deck look; saving it tells the screens that show decks (QBR preview, Settings). */
export function brandingHandlers(d: HandlerDeps): AreaHandlers<typeof brandingMethods> {
  return {
    'branding.get': () => getBranding(d.db),
    'branding.set': ({ settings }) => {
      const b = setBranding(d.db, settings);
      d.events.emit('data.changed', { entities: ['setting'] });
      return b;
    },
  };
}
