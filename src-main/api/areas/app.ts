import type { appMethods } from '../../../src-shared/methods/app';
import type { AppDeps, AreaHandlers } from './deps';

export function appHandlers(a: AppDeps): AreaHandlers<typeof appMethods> {
  return {
    'app.info': () => {
      const ws = a.workspaces.currentInfo();
      const url = ws?.url ?? null;
      return {
        version: a.version,
        dataDir: a.dataDir,
        workspace: ws,
        prm: ws && url ? { url, kind: ws.source.kind === 'demo' ? 'demo' : 'custom' } : null,
        demoAvailable: a.demoAvailable,
        secrets: { encrypted: a.workspaces.secrets.info().encrypted, warning: a.workspaces.secrets.info().warning },
        today: a.clock.today(),
      };
    },
  };
}
