/**
 * The last twelve months and year on year: ARR won (every partner role, the same deals as the
 * scorecard's ARR won) in the last four quarters beside the same quarters a year before, and
 * the twelve months to the as-of date against the twelve before them; data and talking points.
 */
import type { TrailingData } from '../../../../src-shared/methods/qbr';
import { addDays, quarterStart, quartersEnding, shiftQuarter, type FiscalCalendar } from '../../../../src-shared/domain/time';
import type { Db } from '../../../db/connection';
import { dateText, money, pct, quarterText, roleText } from '../format';
import { quarterWindow, type Window } from '../period';
import { section, type SectionBuilder } from './define';

const WON_ROLES = ['sourced', 'influenced', 'co_sell', 'marketplace'];

export interface TrailingInput {
  quarter: string;
  asOf: string;
  today: string;
  complete: boolean;
  daysElapsed: number;
  calendar: FiscalCalendar;
  currency: string;
}

/** ARR won per window (every partner role), in one indexed query per window. */
function wonIn(db: Db, partnerId: string, windows: Window[]): number[] {
  const st = db.sqlite.prepare(
    `SELECT coalesce(sum(amount), 0) FROM opportunity
      WHERE partner_id = ? AND stage = 'closed_won' AND partner_role IN ('sourced','influenced','co_sell','marketplace') AND close_date BETWEEN ? AND ?`,
  );
  return windows.map((w) => st.pluck().get(partnerId, w.start, w.end) as number);
}

/** The book's first won deal's close date (null: none), by the stage-first index. */
function firstWin(db: Db): string | null {
  return (db.sqlite.prepare("SELECT min(close_date) FROM opportunity WHERE stage = 'closed_won'").pluck().get() as string | null) ?? null;
}

/** Null when nothing was won in either twelve months (the slide is left out). */
export function trailingData(db: Db, partnerId: string, x: TrailingInput): TrailingData | null {
  const cal = x.calendar;
  const quarters = quartersEnding(x.quarter, 4);
  const thisYear = quarters.map((q) => (q === x.quarter ? { start: quarterStart(q, cal), end: x.asOf } : quarterWindow(q, x.today, cal)));
  const yearBefore = quarters.map((q) => {
    const ly = shiftQuarter(q, -4);
    const start = quarterStart(ly, cal);
    return q === x.quarter && !x.complete ? { start, end: addDays(start, x.daysElapsed - 1) } : quarterWindow(ly, x.today, cal);
  });
  const t12: Window = { start: addDays(x.asOf, -364), end: x.asOf };
  const p12: Window = { start: addDays(x.asOf, -729), end: addDays(x.asOf, -365) };
  const all = wonIn(db, partnerId, [...thisYear, ...yearBefore, t12, p12]);
  const won = all.slice(0, 4);
  const wonYearBefore = all.slice(4, 8);
  const t12m = all[8]!;
  const prior12m = all[9]!;
  if (t12m === 0 && prior12m === 0) return null;
  const roles = db.sqlite
    .prepare(
      `SELECT partner_role AS role, sum(amount) AS amount FROM opportunity
        WHERE partner_id = ? AND stage = 'closed_won' AND partner_role IN ('sourced','influenced','co_sell','marketplace') AND close_date BETWEEN ? AND ?
        GROUP BY 1`,
    )
    .all(partnerId, t12.start, t12.end) as { role: string; amount: number }[];
  const $ = (v: number) => money(v, x.currency);
  const change = prior12m > 0 ? t12m / prior12m - 1 : null;
  // Nothing won before is news only when the book reaches back that far: a book whose deals
  // start inside those twelve months (an export of its last few quarters) cannot say.
  const bookStart = firstWin(db);
  const priorInBook = bookStart === null || bookStart <= p12.start;
  const uncovered = change === null && !priorInBook;
  const qText = quarterText(x.quarter, cal);
  const lyText = quarterText(shiftQuarter(x.quarter, -4), cal);
  const cur = won[3]!;
  const ly = wonYearBefore[3]!;
  const sameDays = x.complete ? '' : ` (the first ${x.daysElapsed} days of each)`;
  return {
    quarters,
    won,
    wonYearBefore,
    currentToDate: !x.complete,
    currency: x.currency,
    t12m,
    prior12m,
    t12mText: $(t12m),
    prior12mText: $(prior12m),
    priorInBook,
    changeText: uncovered
      ? `No twelve months before to compare with: this book’s first won deal closed on ${dateText(bookStart!)}`
      : change === null
        ? 'Nothing won in the twelve months before: all of it is new'
        : `${change >= 0 ? '+' : '−'}${pct(Math.abs(change))} on the twelve months before`,
    changeTone: uncovered ? 'neutral' : change === null || change > 0.005 ? 'good' : change < -0.005 ? 'bad' : 'neutral',
    windowText: `${dateText(t12.start)} – ${dateText(t12.end)}`,
    byRole: WON_ROLES.map((role) => ({ role, amount: roles.find((r) => r.role === role)?.amount ?? 0 }))
      .filter((r) => r.amount > 0)
      .map((r) => ({ ...r, label: roleText(r.role), amountText: $(r.amount) })),
    yoyText:
      ly === 0 && bookStart !== null && yearBefore[3]!.end < bookStart
        ? `${$(cur)} won in ${qText}${x.complete ? '' : ' to date'}; ${lyText} is before this book’s first won deal.`
        : ly === 0 && cur === 0
        ? `Nothing won in ${qText} or in ${lyText}${sameDays}.`
        : ly === 0
          ? `${$(cur)} won in ${qText}${x.complete ? '' : ' to date'}; nothing in ${lyText}${sameDays}.`
          : `${$(cur)} won in ${qText}${x.complete ? '' : ' to date'} against ${$(ly)} in ${lyText}${sameDays}: ${cur >= ly ? '+' : '−'}${pct(Math.abs(cur / ly - 1))}.`,
  };
}

export const buildTrailing: SectionBuilder<'trailing'> = (x) =>
  section(x, 'trailing', 'Replica: opportunity (closed won, every partner role)', x.trailing, {
    say: x.trailing
      ? [
          `Last twelve months (${x.trailing.windowText}): ${x.trailing.t12mText} won; ${lowerFirst(x.trailing.changeText)}.`,
          x.trailing.yoyText,
          ...(x.trailing.byRole.length > 1 ? [`By role: ${x.trailing.byRole.map((r) => `${r.label.toLowerCase()} ${r.amountText}`).join(', ')}.`] : []),
        ]
      : [],
    ask: ['What changed on your side since this time last year: people, focus, customers?', 'Where do you see next year’s growth coming from?'],
    internal: [],
  });

/** "No twelve months…" → "no twelve months…", the rest as it is (a date's month keeps its capital). */
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
