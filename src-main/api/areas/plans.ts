import type { planMethods } from '../../../src-shared/methods/plans';
import {
  actorName,
  createInitiativeFrom,
  createPlan,
  deleteInitiative,
  deleteObjective,
  deletePlan,
  getPlan,
  listHistory,
  listPlans,
  newPlanOptions,
  previewMetric,
  reopen,
  reorderObjectives,
  setActorName,
  signoff,
  updatePlan,
  upsertInitiative,
  upsertObjective,
} from '../../services/plans';
import { bookFilter } from '../../services/identity';
import { loadPlan } from '../../services/plans/store';
import type { AreaHandlers, HandlerDeps } from './deps';

const PLAN_ENTITIES = ['jbp', 'jbp_objective', 'jbp_initiative', 'outbox'];

export function planHandlers(d: HandlerDeps): AreaHandlers<typeof planMethods> {
  /** After a local edit: tell the screens, and schedule a push. */
  const edited = <T>(value: T, changed = true): T => {
    if (changed) {
      d.events.emit('data.changed', { entities: PLAN_ENTITIES });
      d.sync.notifyEdit();
    }
    return value;
  };
  return {
    // One partner's plans whoever owns the partner; the book-wide list defaults to my book.
    'plans.list': ({ scope, ...f }) => listPlans(d.db, d.clock, { ...f, owners: bookFilter(d.db, scope ?? (f.partnerId ? 'all' : undefined)).owners }),
    'plans.get': ({ id }) => getPlan(d.db, d.clock, id),
    'plans.newOptions': ({ partnerId }) => newPlanOptions(d.db, d.clock, partnerId),
    'plans.create': (input) => edited(createPlan(d.db, d.clock, input)),
    'plans.update': ({ id, fields }) => {
      const res = updatePlan(d.db, d.clock, id, fields);
      return edited(res, res.changed);
    },
    'plans.delete': ({ id }) => edited(deletePlan(d.db, d.clock, id)),
    'plans.signoff': ({ id, side, name, date }) => edited(signoff(d.db, d.clock, id, side, name, date)),
    'plans.reopen': ({ id }) => edited(reopen(d.db, d.clock, id)),
    'plans.history': ({ id }) => listHistory(d.db, id),
    'plans.actor': ({ planId }) => actorName(d.db, planId ? loadPlan(d.db.sqlite, planId).partner_id : undefined),
    'plans.actor.set': ({ name }) => {
      const res = setActorName(d.db, name);
      d.events.emit('data.changed', { entities: ['jbp'] });
      return res;
    },
    'objectives.upsert': ({ planId, id, fields }) => {
      const res = upsertObjective(d.db, d.clock, planId, id, fields);
      return edited(res, res.changed);
    },
    'objectives.preview': ({ planId, metric }) => previewMetric(d.db, d.clock, planId, metric),
    'objectives.delete': ({ id }) => edited(deleteObjective(d.db, d.clock, id)),
    'objectives.reorder': ({ planId, ids }) => {
      const res = reorderObjectives(d.db, d.clock, planId, ids);
      return edited(res, res.changed > 0);
    },
    'initiatives.upsert': ({ planId, id, fields }) => {
      const res = upsertInitiative(d.db, d.clock, planId, id, fields);
      return edited(res, res.changed);
    },
    'initiatives.delete': ({ id }) => edited(deleteInitiative(d.db, d.clock, id)),
    'initiatives.createFrom': (input) => {
      const res = createInitiativeFrom(d.db, d.clock, input);
      return edited(res, res.created);
    },
  };
}
