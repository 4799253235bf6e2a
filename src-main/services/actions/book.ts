/**
 * The API's actions calls over an `ActionsCache` (background.ts): each awaits the book's
 * ranking (computed in the worker for a file-backed replica, so other calls are answered
 * meanwhile), then runs the same synchronous list, plan and digest code as service.ts on
 * it, and asks for the evidence of only the actions it returns.
 */
import type { ActionDigest, ActionItem, ActionList, ActionSummary, WeekPlan } from '../../../src-shared/methods/actions';
import type { Clock } from '../../base/clock';
import type { Db } from '../../db/connection';
import type { ActionsCache, Ranked } from './background';
import { needsRecording, readDigest, recordSnapshot } from './digest';
import { planWeek } from './plan';
import { digestEntries, listRanked, withEvidence, type EvidenceOf, type ListOptions, type RankedSource } from './service';
import { getActionSettings } from './settings';

/** How many times a call ranks again when the evidence of its ranking is no longer kept (a newer one replaced it). */
const TRIES = 3;

const kept = (r: Ranked): RankedSource => () => ({ items: r.items, evidence: new Map(), shared: true });

/** Ranks (awaiting the cache), runs `build` on the ranking, and fills in the evidence of the actions `shown` picks. */
async function withRanking<T>(cache: ActionsCache, db: Db, asOf: string, build: (source: RankedSource) => T, shown: (out: T) => ActionItem[]): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const r = await cache.ranked(asOf, getActionSettings(db));
    const out = build(kept(r));
    const items = shown(out);
    const evidence: EvidenceOf | null = await r.evidence(items.map((a) => a.key));
    if (evidence) {
      for (const a of items) withEvidence(a, evidence);
      return out;
    }
    if (attempt >= TRIES) throw new Error('the book kept changing while its actions were listed; try again');
  }
}

export async function listActionsFrom(cache: ActionsCache, db: Db, clock: Clock, opts: ListOptions = {}): Promise<ActionList> {
  const t0 = performance.now();
  const asOf = opts.asOf ?? clock.today();
  const list = await withRanking(
    cache,
    db,
    asOf,
    (source) => listRanked(db, clock, { ...opts, asOf }, source).list,
    (l) => l.actions,
  );
  list.computeMs = Math.round(performance.now() - t0);
  return list;
}

export async function weekPlanFrom(cache: ActionsCache, db: Db, clock: Clock, opts: { asOf?: string; owners?: ReadonlySet<string> | null } = {}): Promise<WeekPlan> {
  const asOf = opts.asOf ?? clock.today();
  return withRanking(
    cache,
    db,
    asOf,
    (source) => {
      const { list } = listRanked(db, clock, { asOf, owners: opts.owners }, source, { facets: false });
      return planWeek(list.actions, list.asOf, list.capacity);
    },
    // Only the days' actions are returned (the rest as a count and an amount): only theirs get evidence.
    (plan) => plan.days.flatMap((d) => d.actions),
  );
}

export async function summarizeActionsFrom(
  cache: ActionsCache,
  db: Db,
  clock: Clock,
  opts: { owner?: string; owners?: ReadonlySet<string> | null } = {},
): Promise<ActionSummary> {
  const asOf = clock.today();
  const r = await cache.ranked(asOf, getActionSettings(db));
  const { list } = listRanked(db, clock, { asOf, owner: opts.owner, owners: opts.owners, perBucket: 1 }, kept(r), { facets: false });
  const b = list.buckets;
  return { asOf: list.asOf, capacity: list.capacity, open: list.openCount, hidden: list.hiddenCount, today: b.today.count, week: b.week.count, later: b.later.count };
}

/** Records the fired set for the last sync (when a sync finishes, or lazily by the digest). */
export async function recordSyncSnapshotFrom(cache: ActionsCache, db: Db, clock: Clock): Promise<boolean> {
  if (!needsRecording(db)) return false;
  const { items } = await cache.ranked(clock.today(), getActionSettings(db));
  // Read again: another call may have recorded it, or a newer sync finished, meanwhile.
  const syncedAt = needsRecording(db);
  if (!syncedAt) return false;
  const entries = digestEntries(items);
  // action_snapshot is not an input of the rules: the kept actions stay current.
  cache.ownWrite(() => recordSnapshot(db, syncedAt, entries));
  return true;
}

export async function actionDigestFrom(cache: ActionsCache, db: Db, clock: Clock): Promise<ActionDigest> {
  await recordSyncSnapshotFrom(cache, db, clock);
  return readDigest(db);
}
