import type { workspaceMethods } from '../../../src-shared/methods/workspaces';
import type { AppDeps, AreaHandlers } from './deps';

export function workspaceHandlers(a: AppDeps): AreaHandlers<typeof workspaceMethods> {
  const m = a.workspaces;
  return {
    'workspaces.list': () => m.list(),
    'workspaces.current': () => m.currentInfo(),
    'workspaces.create': (input) => m.create(input),
    'workspaces.switch': ({ id }) => m.switch(id),
    'workspaces.rename': ({ id, name }) => m.rename(id, name),
    'workspaces.remove': ({ id, discardEdits }) => m.remove(id, discardEdits),
    'workspaces.signIn': ({ id, token }) => m.signIn(id, token),
  };
}
