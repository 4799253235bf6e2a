/**
 * The suggested next-best actions a QBR pack lists: the partner's open actions as of the
 * deck's date, highest priority first ("QBR due" left out, as it is this very deck; done,
 * dismissed and snoozed ones hidden by their states at that date), each with a title, the
 * rule's label and the due date. Two ways to the book's ranking, one filter:
 * - `openActionsFrom`: the workspace's actions cache (services/actions/background.ts), the
 *   one the Actions screens use, awaited: ranked in the actions worker on a file-backed
 *   replica, so other API calls are answered meanwhile (ARCHITECTURE §8, §9). The API
 *   readies a pack's sources with it before building (`readySources` in sources.ts).
 * - `openActions`: ranked on the calling thread (tests, benches, the synchronous `pack`).
 */
import type { ActionItem } from '../../../src-shared/methods/actions';
import type { Db } from '../../db/connection';
import type { ActionsCache } from '../actions/background';
import { replicaVersion } from '../actions/cache';
import { rankActions } from '../actions/service';
import { getActionSettings } from '../actions/settings';
import { isHidden, readStates } from '../actions/states';
import { dateText } from './format';

export interface SuggestedAction {
  key: string;
  title: string;
  detail: string;
  /** Due date, formatted for the deck ("30 Sep 2026"). */
  due: string | null;
}

/** One partner's open actions, as of the date they were readied for. */
export type PartnerActions = (partnerId: string) => SuggestedAction[];

/**
 * The book's ranked actions (highest priority first) as each partner's open ones as of
 * `asOf`. The items are only sorted by partner here; a partner's are filtered and worded
 * when asked, so a single deck words a dozen actions, not the book's tens of thousands.
 */
function openByPartner(db: Db, items: readonly ActionItem[], asOf: string): PartnerActions {
  const states = readStates(db);
  const byPartner = new Map<string, ActionItem[]>();
  for (const a of items) {
    const list = byPartner.get(a.partnerId);
    if (list) list.push(a);
    else byPartner.set(a.partnerId, [a]);
  }
  return (partnerId) =>
    (byPartner.get(partnerId) ?? [])
      // "QBR due" is this very deck; done, dismissed and snoozed actions are left out.
      .filter((a) => a.rule !== 'qbr_due' && !isHidden(states.get(a.key), asOf))
      .map((a) => ({ key: a.key, title: a.suggestionHere, detail: a.ruleLabel, due: dateText(a.dueDate) }));
}

/**
 * Open next-best actions per partner as of a date, ranked on the calling thread. The whole
 * book is ranked once per as-of date and state of the replica, so a batch of decks pays for
 * it once.
 */
export function openActions(db: Db): (partnerId: string, asOf: string) => SuggestedAction[] {
  let cached: { key: string; open: PartnerActions } | null = null;
  const fingerprint = db.sqlite.prepare(
    'SELECT (SELECT max(id) FROM sync_run) AS run, (SELECT max(mutation_id) FROM outbox) AS m, (SELECT count(*) FROM outbox) AS n',
  );
  return (partnerId, asOf) => {
    const key = `${asOf}|${JSON.stringify(fingerprint.get())}`;
    // The titles, labels and dates need no evidence: the ranking alone.
    if (cached?.key !== key) cached = { key, open: openByPartner(db, rankActions(db, asOf).items, asOf) };
    return cached.open(partnerId);
  };
}

/**
 * Open next-best actions per partner as of a date, from the workspace's actions cache:
 * awaits its ranking (in the actions worker for a file-backed replica; one ranking per as-of
 * date and state of the replica, shared with the Actions screens), then answers each
 * partner at once. The grouping is kept while the ranking and the replica are the same.
 */
export function openActionsFrom(db: Db, cache: ActionsCache): (asOf: string) => Promise<PartnerActions> {
  const version = replicaVersion(db);
  let kept: { items: readonly ActionItem[]; asOf: string; version: string; open: PartnerActions } | null = null;
  return async (asOf) => {
    const { items } = await cache.ranked(asOf, getActionSettings(db));
    const v = version();
    if (kept?.items !== items || kept.asOf !== asOf || kept.version !== v) kept = { items, asOf, version: v, open: openByPartner(db, items, asOf) };
    return kept.open;
  };
}
