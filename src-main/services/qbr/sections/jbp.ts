/** The joint business plan slide: its talking points. The data: ../context-sections.ts. */
import { quarterText } from '../format';
import { section, type SectionBuilder } from './define';

export const buildJbp: SectionBuilder<'jbp'> = (x) => {
  const qText = quarterText(x.period.quarter, x.period.calendar);
  if (!x.jbp)
    return section(x, 'jbp', 'Replica: jbp', null, { say: [`No joint business plan covers ${qText}: propose drafting one together.`], ask: ['Would you like to build a joint plan for next year?'], internal: [] }, {
      status: 'empty',
      message: `No joint business plan covers ${qText} yet. Agreeing one together is a natural next step.`,
    });
  return section(x, 'jbp', x.jbpFromPlans ? 'Plans module' : 'Replica: jbp, jbp_objective, jbp_initiative', x.jbp, {
    say: [
      `${x.jbp.plan.title}: ${x.jbp.plan.signoffText}.`,
      ...x.jbp.objectives.filter((o) => o.status === 'missed').map((o) => `Missed: ${o.title} (due ${o.dueText}).`),
      ...x.jbp.initiatives.filter((i) => i.overdue).map((i) => `Overdue: ${i.title} (${i.ownerText}, was due ${i.dueText}) — agree a new date.`),
    ],
    ask: ['Are these still the right objectives for next quarter?', 'Who on your side owns each open initiative?'],
    internal: x.jbpFromPlans ? [] : [x.jbp.actualsNote],
  });
};
