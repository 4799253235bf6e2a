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
  planRowsMatching,
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
import { bookVersion } from '../../db/derived-writes';
import { keptResult } from '../../services/book-worker/kept';
import { bookWorkerFor } from '../../services/book-worker/pool';
import type { PlanListRow } from '../../../src-shared/methods/plans';
import { loadPlan } from '../../services/plans/store';
import { bookArriving, refuseWhileArriving } from './book-arriving';
import type { AreaHandlers, HandlerDeps } from './deps';
import { mutating } from './mutating';

const PLAN_ENTITIES = ['jbp', 'jbp_objective', 'jbp_initiative', 'outbox'];

export function planHandlers(d: HandlerDeps): AreaHandlers<typeof planMethods> {
  const edit = <I, R>(fn: (input: I) => R, changed?: (result: R) => boolean) => mutating(d, PLAN_ENTITIES, fn, changed);
  // The whole book's list (every plan's actuals: a second on a 20,000-partner book) is made in a
  // book worker on a file-backed replica and kept until the replica changes (an edit, a sync:
  // an edit shows in the next list, so a sync does not keep it; its pages are not waited out);
  // one partner's plans are read here.
  const worker = bookWorkerFor(d.db, d.backgroundBook, {
    failure: 'Listing the plans failed',
    closed: 'The workspace was closed while its plans were being listed.',
  });
  if (worker) d.onClose?.(() => worker.close());
  const whole = keptResult<PlanListRow[]>(() => bookVersion(d.db));
  return {
    // One partner's plans whoever owns the partner; the book-wide list defaults to my book.
    'plans.list': async ({ scope, ...f }) => {
      const filter = { ...f, owners: bookFilter(d.db, scope ?? (f.partnerId ? 'all' : undefined)).owners };
      if (!worker || f.partnerId) return listPlans(d.db, d.clock, filter);
      const today = d.clock.today();
      const settled = d.sync.status().state !== 'syncing';
      return planRowsMatching(await whole.inBackground(today, () => worker.plans(today), settled), filter);
    },
    'plans.get': ({ id }) => getPlan(d.db, d.clock, id),
    'plans.newOptions': ({ partnerId }) => newPlanOptions(d.db, d.clock, partnerId),
    // A new plan's baselines and suggested targets are last period's figures: not from part of the book.
    'plans.create': edit((input) => {
      refuseWhileArriving(d, "a new plan's baselines", 'computed');
      return createPlan(d.db, d.clock, input);
    }),
    'plans.update': edit(({ id, fields }) => updatePlan(d.db, d.clock, id, fields), (r) => r.changed),
    'plans.delete': edit(({ id }) => deletePlan(d.db, d.clock, id)),
    'plans.signoff': edit(({ id, side, name, date }) => signoff(d.db, d.clock, id, side, name, date)),
    'plans.reopen': edit(({ id }) => reopen(d.db, d.clock, id)),
    'plans.history': ({ id }) => listHistory(d.db, id),
    'plans.actor': ({ planId }) => actorName(d.db, planId ? loadPlan(d.db.sqlite, planId).partner_id : undefined),
    'plans.actor.set': ({ name }) => {
      const res = setActorName(d.db, name);
      d.events.emit('data.changed', { entities: ['jbp'] });
      return res;
    },
    'objectives.upsert': edit(
      ({ planId, id, fields }) =>
        upsertObjective(d.db, d.clock, planId, id, fields, () => refuseWhileArriving(d, "the objective's baseline (last period's figure)", 'computed')),
      (r) => r.changed,
    ),
    // Nothing from part of the book: the form says the figures appear once it is here.
    'objectives.preview': ({ planId, metric }) => (bookArriving(d) ? { baseline: null, actual: null } : previewMetric(d.db, d.clock, planId, metric)),
    'objectives.delete': edit(({ id }) => deleteObjective(d.db, d.clock, id)),
    'objectives.reorder': edit(({ planId, ids }) => reorderObjectives(d.db, d.clock, planId, ids), (r) => r.changed > 0),
    'initiatives.upsert': edit(({ planId, id, fields }) => upsertInitiative(d.db, d.clock, planId, id, fields), (r) => r.changed),
    'initiatives.delete': edit(({ id }) => deleteInitiative(d.db, d.clock, id)),
    'initiatives.createFrom': edit((input) => createInitiativeFrom(d.db, d.clock, input), (r) => r.created),
  };
}
