import type { appMethods } from '../../../src-shared/methods/app';
import type { AreaHandlers, HandlerDeps } from './deps';

export function appHandlers(d: HandlerDeps): AreaHandlers<typeof appMethods> {
  return {
    'app.info': () => {
      const prm = d.prm();
      return {
        version: d.version,
        dataDir: d.dataDir,
        prm: prm ? { url: prm.url, kind: prm.kind } : null,
        today: d.clock.today(),
      };
    },
  };
}
