/**
 * Next-best actions for the book: load one snapshot (a few grouped queries), run every
 * rule in memory, rank by priority, lay the stored states over them, filter.
 */
import {
  ACTION_RULE_IDS,
  ACTION_RULE_LABELS,
  type ActionFacets,
  type FacetOption,
  type ActionItem,
  type ActionList,
  type ActionRuleId,
  type ActionSettings,
  type ActionDigest,
  type DigestEntry,
  type ActionSummary,
  type WeekPlan,
  type ActionsProgress,
} from '../../../src-shared/methods/actions';
import type { Db } from '../../db/connection';
import type { Clock } from '../../base/clock';
import { needsRecording, readDigest, recordSnapshot } from './digest';
import { planBuckets, planWeek } from './plan';
import { bucketOfDays, priorityOf } from './priority';
import { RULES } from './rules';
import { getActionSettings } from './settings';
import { loadSnapshot, SNAPSHOT_STEPS } from './snapshot';
import { isHidden, readStates, toView } from './states';
import type { ActionEvidence, Candidate, Snapshot } from './types';

export interface ListOptions {
  asOf?: string;
  rule?: ActionRuleId;
  partnerId?: string;
  tier?: string;
  owner?: string;
  /** My book: only partners these users own (null / absent: everyone); applied before the facets. */
  owners?: ReadonlySet<string> | null;
  includeHidden?: boolean;
  perBucket?: number;
}

export function actionKey(c: Pick<Candidate, 'rule' | 'entityId' | 'period'>): string {
  return `${c.rule}:${c.entityId}:${c.period}`;
}

/**
 * The facts and links of ranked actions, by action key, built only for the actions a call
 * returns: a large book has tens of thousands of actions, and ranking, bucketing, the facets,
 * the badge and the digest read none of their evidence, while a page shows a few hundred.
 */
export type EvidenceOf = ReadonlyMap<string, () => ActionEvidence>;

/** What a ranked item holds as its facts and links until its evidence is built (`withEvidence`); never returned. */
const UNBUILT: ActionEvidence = { facts: [], links: [] };

/** Fills in `a`'s facts and links (an item of this call's own) and returns it. */
export function withEvidence(a: ActionItem, evidence: EvidenceOf): ActionItem {
  const build = evidence.get(a.key);
  if (build) {
    const ev = build();
    a.facts = ev.facts;
    a.links = ev.links;
  }
  return a;
}

/** Ranked actions (no states), highest priority first, with their evidence. */
export function computeActions(db: Db, asOf: string, opts: { rule?: ActionRuleId; settings?: ActionSettings } = {}): { snap: Snapshot; items: ActionItem[] } {
  const { snap, items, evidence } = rankActions(db, asOf, opts);
  for (const a of items) withEvidence(a, evidence);
  return { snap, items };
}

/** How many steps a ranking of the whole book says it has done when it ends (`rankActions`' `progress`). */
export const RANK_STEPS = SNAPSHOT_STEPS + RULES.length;

/**
 * Ranked actions (no states), highest priority first, their facts and links not built yet
 * (`withEvidence`). `progress` hears each step done: the book's reads, then each rule.
 */
export function rankActions(
  db: Db,
  asOf: string,
  opts: { rule?: ActionRuleId; settings?: ActionSettings; progress?: (p: ActionsProgress) => void } = {},
): { snap: Snapshot; items: ActionItem[]; evidence: EvidenceOf } {
  const t = opts.settings ?? getActionSettings(db);
  let done = 0;
  const { progress } = opts;
  const step = progress ? () => progress({ done: Math.min(++done, RANK_STEPS), total: RANK_STEPS }) : undefined;
  const snap = loadSnapshot(db, asOf, t, step);
  const items: ActionItem[] = [];
  // Each candidate becomes its item directly; a repeated key (never expected) keeps the first.
  const evidence = new Map<string, () => ActionEvidence>();
  for (const rule of RULES) {
    if (opts.rule && rule.id !== opts.rule) {
      step?.();
      continue;
    }
    for (const c of rule.run(snap, asOf, t)) {
      const key = actionKey(c);
      if (evidence.has(key)) continue;
      const p = snap.partners.get(c.partnerId)!;
      const tier = snap.tiers.get(p.tierId);
      const priority = priorityOf(c, asOf);
      evidence.set(key, c.evidence);
      items.push({
        key,
        rule: c.rule,
        ruleLabel: ACTION_RULE_LABELS[c.rule],
        partnerId: p.id,
        partnerName: p.name,
        tierId: p.tierId,
        tierName: tier?.name ?? p.tierId,
        tierRank: tier?.rank ?? 0,
        ownerId: p.ownerId,
        ownerName: p.ownerName,
        suggestion: c.suggestion,
        suggestionHere: c.suggestionHere,
        facts: UNBUILT.facts,
        links: UNBUILT.links,
        impact: priority.impactMinor,
        currency: c.currency,
        dueDate: c.dueDate,
        bucket: bucketOfDays(priority.daysToDue),
        priority,
        state: null,
        hidden: false,
      });
    }
    step?.();
  }
  items.sort(compareActions);
  return { snap, items, evidence };
}

export function compareActions(a: ActionItem, b: ActionItem): number {
  // Plain code-unit comparisons: ISO dates and keys sort correctly, and localeCompare is slow at book scale.
  return b.priority.score - a.priority.score || cmp(a.dueDate, b.dueDate) || cmp(a.key, b.key);
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Where the list gets the book's ranked actions: computed now (`freshActions`, the
 * default), or from a cache (cache.ts) whose items are `shared` between calls and so are
 * copied before the list fills in their bucket, state and evidence.
 */
export type RankedSource = (db: Db, asOf: string, settings: ActionSettings) => { items: ActionItem[]; evidence: EvidenceOf; shared: boolean };

export const freshActions: RankedSource = (db, asOf, settings) => ({ ...rankActions(db, asOf, { settings }), shared: false });

/** The list with every returned action's evidence built. */
export function listActions(db: Db, clock: Clock, opts: ListOptions = {}, source: RankedSource = freshActions): ActionList {
  const t0 = performance.now();
  const { list, evidence } = listRanked(db, clock, opts, source);
  for (const a of list.actions) withEvidence(a, evidence);
  list.computeMs = Math.round(performance.now() - t0);
  return list;
}

/** A list's facets when its caller reads none (the badge's summary, the week): counting and sorting them costs ~100 ms on 20,000 partners. */
const NO_FACETS: ActionFacets = { rules: [], partners: [], tiers: [], owners: [] };

/**
 * The list whose actions' facts and links are not built yet (the caller builds those it
 * returns). `facets: false`: the list's facets are left empty (a caller that only counts or plans).
 */
export function listRanked(
  db: Db,
  clock: Clock,
  opts: ListOptions,
  source: RankedSource,
  { facets: withFacets = true }: { facets?: boolean } = {},
): { list: ActionList; evidence: EvidenceOf } {
  const t0 = performance.now();
  const asOf = opts.asOf ?? clock.today();
  const settings = getActionSettings(db);
  const capacity = settings.todayCapacity;
  const states = readStates(db);
  // Today is planned over the book in view (my book or everyone) before the other filters,
  // so a filter narrows what is shown but never makes a different Today.
  const { items: ranked, evidence, shared } = source(db, asOf, settings);
  const owners = opts.owners;
  let scoped = owners ? ranked.filter((a) => owners.has(a.ownerId)) : ranked;
  if (shared) scoped = scoped.map((a) => ({ ...a }));
  const hiddenKeys = new Set<string>();
  if (states.size > 0) for (const a of scoped) if (isHidden(states.get(a.key), asOf)) hiddenKeys.add(a.key);
  const planned = planBuckets(scoped, (a) => hiddenKeys.has(a.key), asOf, capacity);
  const facets = withFacets ? new Facets() : null;
  const buckets: ActionList['buckets'] = { today: { count: 0, impact: 0 }, week: { count: 0, impact: 0 }, later: { count: 0, impact: 0 } };
  let open = 0;
  let hidden = 0;
  const actions: ActionItem[] = [];
  const anyStates = states.size > 0;
  for (const a of planned) {
    const s = anyStates ? states.get(a.key) : undefined;
    const isHid = hiddenKeys.has(a.key);
    const shown = !isHid || opts.includeHidden;
    if (shown) facets?.add(a);
    if (opts.rule && a.rule !== opts.rule) continue;
    if (opts.partnerId && a.partnerId !== opts.partnerId) continue;
    if (opts.tier && a.tierId !== opts.tier) continue;
    if (opts.owner && a.ownerId !== opts.owner) continue;
    if (isHid) hidden++;
    else open++;
    if (!shown) continue;
    const b = buckets[a.bucket];
    b.count++;
    b.impact += a.impact;
    if (opts.perBucket && b.count > opts.perBucket) continue;
    // Items are this call's own (fresh, or copied from the cache): fill in the state rather than copy.
    a.state = s ? toView(s) : null;
    a.hidden = isHid;
    actions.push(a);
  }
  const list: ActionList = {
    asOf,
    capacity,
    actions,
    buckets,
    facets: facets?.result() ?? NO_FACETS,
    openCount: open,
    hiddenCount: hidden,
    computeMs: Math.round(performance.now() - t0),
  };
  return { list, evidence };
}

/** "Plan my week" for the book in view: Today, then the following working days, each at most the capacity. */
export function weekPlan(db: Db, clock: Clock, opts: { asOf?: string; owners?: ReadonlySet<string> | null } = {}, source?: RankedSource): WeekPlan {
  const { list, evidence } = listRanked(db, clock, { asOf: opts.asOf, owners: opts.owners }, source ?? freshActions, { facets: false });
  const plan = planWeek(list.actions, list.asOf, list.capacity);
  // Only the days' actions are returned (the rest as a count and an amount): only theirs get evidence.
  for (const d of plan.days) for (const a of d.actions) withEvidence(a, evidence);
  return plan;
}

/** localeCompare's order (the default locale), with one collator rather than one per comparison. */
const collator = new Intl.Collator();

class Facets {
  private rules = new Map<string, number>();
  private partners = new Map<string, FacetOption>();
  private tiers = new Map<string, FacetOption & { rank: number }>();
  private owners = new Map<string, FacetOption>();

  add(a: ActionItem): void {
    // Plain lookups (no closure per call): this runs once per action of the book.
    this.rules.set(a.rule, (this.rules.get(a.rule) ?? 0) + 1);
    const p = this.partners.get(a.partnerId);
    if (p) p.n++;
    else this.partners.set(a.partnerId, { id: a.partnerId, label: a.partnerName, n: 1 });
    const t = this.tiers.get(a.tierId);
    if (t) t.n++;
    else this.tiers.set(a.tierId, { id: a.tierId, label: a.tierName, rank: a.tierRank, n: 1 });
    const o = this.owners.get(a.ownerId);
    if (o) o.n++;
    else this.owners.set(a.ownerId, { id: a.ownerId, label: a.ownerName, n: 1 });
  }

  result(): ActionFacets {
    const byLabel = (x: FacetOption, y: FacetOption) => collator.compare(x.label, y.label);
    return {
      rules: ACTION_RULE_IDS.map((id) => ({ id, label: ACTION_RULE_LABELS[id], n: this.rules.get(id) ?? 0 })),
      partners: [...this.partners.values()].sort(byLabel),
      tiers: [...this.tiers.values()].sort((x, y) => y.rank - x.rank),
      owners: [...this.owners.values()].sort(byLabel),
    };
  }
}

export function summarizeActions(
  db: Db,
  clock: Clock,
  opts: { owner?: string; owners?: ReadonlySet<string> | null } = {},
  source?: RankedSource,
): ActionSummary {
  const { list } = listRanked(db, clock, { owner: opts.owner, owners: opts.owners, perBucket: 1 }, source ?? freshActions, { facets: false });
  const b = list.buckets;
  return { asOf: list.asOf, capacity: list.capacity, open: list.openCount, hidden: list.hiddenCount, today: b.today.count, week: b.week.count, later: b.later.count };
}

/** A cache's ranked actions and its wrapper for writes the rules never read (cache.ts); absent: computed now. */
export interface CachedActions {
  source: RankedSource;
  ownWrite(fn: () => void): void;
}

/** What the digest records of each fired action. */
export function digestEntries(items: readonly ActionItem[]): DigestEntry[] {
  return items.map((a) => ({
    key: a.key,
    rule: a.rule,
    partnerId: a.partnerId,
    partnerName: a.partnerName,
    suggestion: a.suggestion,
    impact: a.impact,
    currency: a.currency,
  }));
}

/** Records the fired set for the last sync (called when a sync finishes). */
export function recordSyncSnapshot(db: Db, clock: Clock, cached?: CachedActions): boolean {
  const syncedAt = needsRecording(db);
  if (!syncedAt) return false;
  const { items } = (cached?.source ?? freshActions)(db, clock.today(), getActionSettings(db));
  const entries = digestEntries(items);
  // action_snapshot is not an input of the rules: the kept actions stay current.
  (cached?.ownWrite ?? ((fn: () => void) => fn()))(() => recordSnapshot(db, syncedAt, entries));
  return true;
}

export function actionDigest(db: Db, clock: Clock, cached?: CachedActions): ActionDigest {
  recordSyncSnapshot(db, clock, cached);
  return readDigest(db);
}
