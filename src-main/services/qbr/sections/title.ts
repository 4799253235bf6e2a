/** The title slide: partner, quarter, tier, who prepared it, the meeting date; notes open the meeting. */

import { dateText, quarterText } from '../format';
import { section, type SectionBuilder } from './define';

export const buildTitle: SectionBuilder<'title'> = (x) => {
  const qText = quarterText(x.period.quarter, x.period.calendar);
  return section(x, 'title', 'Partner record', x.title, {
    say: [
      `Welcome and introductions: ${x.partner.ownerName} for us; ask who joins from ${x.partner.name.replace(/\.$/, '')}.`,
      `Agenda: results for ${qText}${x.windowText ? ` (${x.windowText})` : ''}, pipeline, plan progress, last QBR’s commitments, next steps and asks.`,
      `Purpose: agree what we do together next quarter, with owners and dates.`,
    ],
    ask: [`What does ${x.partner.name} most want out of this meeting?`, 'Anything to add to the agenda?'],
    internal: [`Figures as of ${dateText(x.period.asOf)}; meeting date ${dateText(x.next.meetingDate)}.`],
  });
};

