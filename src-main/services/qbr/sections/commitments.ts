/** Last QBR's commitments: its talking points. The data: ../context-sections.ts. */
import { plural, quarterText } from '../format';
import { section, type SectionBuilder } from './define';

export const buildCommitments: SectionBuilder<'commitments'> = (x) => {
  const prevText = quarterText(x.period.previousQuarter, x.period.calendar);
  const has = x.commitments.items.length > 0;
  return section(
    x,
    'commitments',
    `qbr_note (${prevText} commitments)`,
    has ? x.commitments : null,
    {
      say: has
        ? [
            `${x.commitments.counts.done} done, ${x.commitments.counts.open} carried over, ${x.commitments.counts.missed} missed of ${plural(x.commitments.items.length, 'commitment')} from the ${prevText} QBR.`,
            ...x.commitments.items.filter((i) => i.status === 'missed').map((i) => `Missed: ${i.body} — say what we learned and whether it carries over.`),
          ]
        : [`No commitments were recorded at the ${prevText} QBR.`],
      ask: x.commitments.counts.open + x.commitments.counts.missed > 0 ? ['Which of the open commitments should carry over, and who owns them?'] : [],
      internal: has ? [] : ['Record this meeting’s commitments in Partnerbook so the next QBR can review them.'],
    },
    has ? {} : { message: `No commitments were recorded at the ${prevText} QBR.` },
  );
};
