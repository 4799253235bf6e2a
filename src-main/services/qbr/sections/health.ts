/** The partner health slide: its talking points (the internal part: model detail, churn risk). The data: ../context-sections.ts. */
import { pct, quarterText } from '../format';
import { section, type SectionBuilder } from './define';

export const buildHealth: SectionBuilder<'health'> = (x) => {
  const h = x.health;
  if (!h)
    return section(x, 'health', 'Health model', null, { say: [], ask: [], internal: x.healthMessage ? [x.healthMessage] : [] }, { status: 'unavailable', message: 'Partner health is not available for this review.' });
  const prevText = quarterText(x.period.previousQuarter, x.period.calendar);
  return section(x, 'health', 'Health model (health module)', h, {
    say: [
      ...(x.tierStatus ? [`Tier status: ${x.tierStatus}.`] : []),
      `Strongest areas: ${[...h.components].sort((a, b) => b.score - a.score).slice(0, 2).map((cm) => cm.label.toLowerCase()).join(' and ')}.`,
    ],
    ask: ['Where do you want our help most: enablement, marketing or co-selling?'],
    internal: [
      `Health ${h.score}/100 (${h.bandLabel})${h.previousScore === null ? '' : `, ${h.previousScore} at the end of ${prevText}`}.`,
      ...h.movers.map((m) => `Mover: ${m}.`),
      `Churn risk ${h.churn.level} (${pct(h.churn.probability)}).`,
      ...h.churn.factors.map((f) => `Churn driver: ${f}.`),
      'Component scores use the health model’s own windows (last 30/90 days and trailing quarters), not the quarter on the scorecard.',
    ],
  });
};
