/**
 * The win story: the quarter's biggest won deal (the top of the pipeline slide's top wins) with
 * its customer, amount, cycle and role, and the CAM's "Highlights" commentary; data and talking points.
 */
import type { QbrNoteView, WinStoryData } from '../../../../src-shared/methods/qbr';
import { daysBetween } from '../../../../src-shared/domain/time';
import type { Db } from '../../../db/connection';
import { forPartner } from '../commentary';
import { dateText, money, plural, roleText } from '../format';
import type { Window } from '../period';
import { section, type SectionBuilder } from './define';

export interface WinStoryInput {
  window: Window;
  currency: string;
  partnerName: string;
  /** "Q4 2026 to date". */
  quarterText: string;
  notes: readonly QbrNoteView[];
}

/** Null when nothing was won in the quarter (the slide is left out). */
export function winStoryData(db: Db, partnerId: string, x: WinStoryInput): WinStoryData | null {
  const r = db.sqlite
    .prepare(
      `SELECT customer, amount, partner_role, created_at, close_date,
              (SELECT count(*) FROM opportunity o2 WHERE o2.partner_id = o.partner_id AND o2.partner_role != 'direct' AND o2.stage = 'closed_won' AND o2.close_date BETWEEN @s AND @e) AS n
         FROM opportunity o
        WHERE partner_id = @p AND partner_role != 'direct' AND stage = 'closed_won' AND close_date BETWEEN @s AND @e
        ORDER BY amount DESC, id LIMIT 1`,
    )
    .get({ p: partnerId, s: x.window.start, e: x.window.end }) as
    | { customer: string; amount: number; partner_role: string; created_at: string; close_date: string; n: number }
    | undefined;
  if (!r) return null;
  const cycleDays = Math.max(0, daysBetween(r.created_at.slice(0, 10), r.close_date));
  return {
    customer: r.customer,
    amount: r.amount,
    amountText: money(r.amount, x.currency),
    roleText: roleText(r.partner_role),
    closedText: dateText(r.close_date),
    cycleDays,
    cycleText: `${plural(cycleDays, 'day')} from opportunity to close`,
    contextText: r.n > 1 ? `The biggest of ${r.n} deals won in ${x.quarterText}.` : `The deal won in ${x.quarterText}.`,
    highlights: x.notes.filter((n) => n.kind === 'commentary' && n.section.trim().toLowerCase() === 'highlights').map((n) => forPartner(n.body, x.partnerName)),
  };
}

export const buildWinStory: SectionBuilder<'win_story'> = (x) => {
  const d = x.winStory;
  return section(x, 'win_story', 'Replica: opportunity (closed won this quarter)', d, {
    say: d
      ? [
          `${d.customer}: ${d.amountText}, ${d.roleText.toLowerCase()}, closed ${d.closedText} after ${d.cycleText.replace(/ from .*/, '')}.`,
          'Thank the people who won it by name, and ask what made it work.',
        ]
      : [],
    ask: ['What made this deal work, and which other customers look like it?', 'Can we tell this story together (a case study, a joint webinar)?'],
    internal: [],
  });
};
