import type { salesforceMappingMethods } from '../../../src-shared/methods/salesforce-mapping';
import { salesforceMappings } from '../../workspaces/salesforce-mapping';
import type { AppDeps, AreaHandlers } from './deps';

export function salesforceMappingHandlers(a: AppDeps): AreaHandlers<typeof salesforceMappingMethods> {
  const m = salesforceMappings({ registry: a.workspaces.registry, current: () => a.workspaces.current() });
  return {
    'salesforce.mapping.get': ({ workspaceId }) => m.get(workspaceId),
    'salesforce.mapping.set': ({ workspaceId, mapping }) => m.set(workspaceId, mapping),
  };
}
