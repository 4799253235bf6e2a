import type { partnerMethods } from '../../../src-shared/methods/partners';
import { bookFilter } from '../../services/identity';
import { getPartner, listPartners, listTiers, listUsers } from '../../services/partners';
import type { AreaHandlers, HandlerDeps } from './deps';

export function partnerHandlers(d: HandlerDeps): AreaHandlers<typeof partnerMethods> {
  return {
    'partners.list': ({ scope }) => listPartners(d.db, d.clock, bookFilter(d.db, scope).owners),
    'partners.get': ({ id }) => getPartner(d.db, d.clock, id),
    'users.list': () => listUsers(d.db),
    'tiers.list': () => listTiers(d.db),
  };
}
