/**
 * A full handler table over one fixed replica, for tests that drive the API without a
 * data root: the workspace's own handlers plus app.info; workspaces.* are refused.
 */
import type { GlobalMethodName } from '../../src-shared/api';
import type { WorkspaceHandlers } from '../../src-main/api/handlers';
import type { Handlers } from '../../src-main/api/router';
import { ServiceError } from '../../src-main/base/errors';
import type { Clock } from '../../src-main/base/clock';

export function withAppHandlers(h: WorkspaceHandlers, opts: { clock: Clock; version?: string; dataDir?: string }): Handlers {
  const none = (): never => {
    throw new ServiceError('unavailable', 'This test has one fixed replica and no workspaces.');
  };
  const global: Pick<Handlers, GlobalMethodName> = {
    'app.info': () => ({
      version: opts.version ?? 'test',
      dataDir: opts.dataDir ?? ':memory:',
      workspace: null,
      prm: null,
      demoAvailable: false,
      secrets: { encrypted: false, warning: null },
      today: opts.clock.today(),
    }),
    'workspaces.list': none,
    'workspaces.current': () => null,
    'workspaces.create': none,
    'workspaces.switch': none,
    'workspaces.rename': none,
    'workspaces.remove': none,
    'workspaces.signIn': none,
    'salesforce.signInDefaults': none,
    'salesforce.signInStart': none,
    'salesforce.signInStatus': none,
    'salesforce.signInCancel': none,
    'salesforce.mapping.get': none,
    'salesforce.mapping.set': none,
  };
  return { ...h, ...global };
}
