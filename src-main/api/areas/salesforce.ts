import type { salesforceMethods } from '../../../src-shared/methods/salesforce';
import type { AppDeps, AreaHandlers } from './deps';

export function salesforceHandlers(a: AppDeps): AreaHandlers<typeof salesforceMethods> {
  const s = a.salesforce;
  return {
    'salesforce.signInDefaults': () => s.defaults(),
    'salesforce.signInStart': (input) => s.start(input),
    'salesforce.signInStatus': ({ attempt }) => s.status(attempt),
    'salesforce.signInCancel': ({ attempt }) => s.cancel(attempt),
  };
}
