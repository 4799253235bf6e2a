/** Next steps and asks (the mutual action plan): its talking points. The data: ../context-sections.ts. */
import { dateText, shortMoneyIn } from '../format';
import { section, type SectionBuilder } from './define';

export const buildNextSteps: SectionBuilder<'next_steps'> = (x) =>
  section(x, 'next_steps', 'CAM notes and commitments; Actions module', x.next, {
    say: [
      ...x.next.steps.map((s) => `${s.text}${s.owner ? ` — ${s.owner}` : ''}${s.dueText ? `, ${s.dueText}` : ''}.`),
      ...x.next.asks.map((a) => `Ask: ${a}`),
    ],
    ask: ['Do these owners and dates work for you?', 'What do you need from us to deliver your part?'],
    internal: [
      ...(x.next.steps.length ? [] : ['No commitments recorded for this quarter yet: agree them in the meeting and add them in Partnerbook.']),
      ...(x.actions ?? []).map((a) => shortMoneyIn(`Internal action: ${a.title}${a.due ? ` (due ${a.due})` : ''}${a.detail ? ` — ${a.detail}` : ''}`, x.partner.currency)),
      ...(x.actions ? [] : [x.actionsMessage]),
      ...x.camNotes.map((n) => `CAM note ${dateText(n.date)}: ${n.body}`),
    ],
  });
