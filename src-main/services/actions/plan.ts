/**
 * A day one person can finish: Today holds at most the CAM's capacity of open actions, the
 * highest priority first and grouped by partner; the others wait in This week (due within
 * 7 days, overdue included) and the Backlog. "Plan my week" spreads what is left over the
 * following working days by due date and priority, each day at most the capacity.
 * Everything here is a pure function of the ranked list: deterministic for a given book.
 */
import type { ActionBucket, ActionItem, WeekDay, WeekPlan } from '../../../src-shared/methods/actions';
import { addDays, parseDate } from '../../../src-shared/domain/time';
import { bucketOfDays } from './priority';

/**
 * Assigns each action its bucket. `ranked` is highest priority first; `hidden(a)` says
 * whether a state hides it (hidden ones keep their due-date bucket but never count for
 * Today). Returns the items in display order: Today grouped by partner (partners by their
 * highest-priority action), then This week, then the Backlog, each by priority. Each item's
 * `priority.daysToDue` was counted from `asOf` when it was ranked (computeActions; the cache
 * keeps a ranking for one as-of date only), so the due-date bucket is read from it rather than
 * parsing two dates per action again.
 */
export function planBuckets<T extends ActionItem>(ranked: T[], hidden: (a: T) => boolean, _asOf: string, capacity: number): T[] {
  const today: T[] = [];
  const week: T[] = [];
  const later: T[] = [];
  for (const a of ranked) {
    if (!hidden(a) && today.length < capacity) {
      a.bucket = 'today';
      today.push(a);
      continue;
    }
    const due: ActionBucket = bucketOfDays(a.priority.daysToDue);
    a.bucket = due === 'later' ? 'later' : 'week';
    (due === 'later' ? later : week).push(a);
  }
  const out = groupByPartner(today);
  for (const a of week) out.push(a);
  for (const a of later) out.push(a);
  return out;
}

/** Keeps a partner's actions together, partners in the order of their first (highest) action. */
export function groupByPartner<T extends Pick<ActionItem, 'partnerId'>>(items: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const a of items) {
    const g = groups.get(a.partnerId);
    if (g) g.push(a);
    else groups.set(a.partnerId, [a]);
  }
  return [...groups.values()].flat();
}

/** The working days (Monday–Friday) of a week that starts on `asOf`: asOf itself and the next four. */
export function workingDays(asOf: string, count = 5): string[] {
  const days = [asOf];
  let d = asOf;
  while (days.length < count) {
    d = addDays(d, 1);
    const dow = parseDate(d).getUTCDay();
    if (dow !== 0 && dow !== 6) days.push(d);
  }
  return days;
}

/**
 * `open` are the open (not hidden) actions of the book in view, already bucketed by
 * planBuckets and in its order. Day one is Today's list; the rest, by due date (overdue
 * first) then priority, fill the following working days up to the capacity each.
 */
export function planWeek(open: ActionItem[], asOf: string, capacity: number): WeekPlan {
  const dates = workingDays(asOf);
  const sum = (xs: ActionItem[]) => xs.reduce((s, a) => s + a.impact, 0);
  const today = open.filter((a) => a.bucket === 'today');
  const rest = open
    .filter((a) => a.bucket !== 'today')
    .sort((a, b) => cmp(a.dueDate, b.dueDate) || b.priority.score - a.priority.score || cmp(a.key, b.key));
  const days: WeekDay[] = [{ date: dates[0]!, actions: today, impact: sum(today) }];
  let i = 0;
  for (const date of dates.slice(1)) {
    const take = groupByPartner(rest.slice(i, i + capacity));
    i += take.length;
    days.push({ date, actions: take, impact: sum(take) });
  }
  const after = rest.slice(i);
  return { asOf, capacity, days, after: { count: after.length, impact: sum(after) }, currency: open[0]?.currency ?? 'USD' };
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
