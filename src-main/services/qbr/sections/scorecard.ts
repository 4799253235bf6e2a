/** The scorecard slide: its talking points. The data: ../scorecard.ts. */
import { quarterText } from '../format';
import { section, type SectionBuilder } from './define';

export const buildScorecardSection: SectionBuilder<'scorecard'> = (x) => {
  const qText = quarterText(x.period.quarter, x.period.calendar);
  const below = x.metrics.filter((m) => m.targetStatus === 'below');
  const moved = x.metrics.filter((m) => m.changeTone !== 'neutral');
  return section(
    x,
    'scorecard',
    'Replica: opportunity, deal_registration, certification, engagement_event, psat_response, mdf_*',
    { metrics: x.metrics, footnote: x.scorecardFootnote },
    {
      say: [
        `${qText}${x.windowText ? `, ${x.windowText},` : ''} ${x.comparisonText}.`,
        ...moved.slice(0, 4).map((m) => `${m.label}: ${m.currentText} vs ${m.previousText} (${m.changeText}).`),
        ...below.map((m) => `${m.label} is below target: ${m.currentText} vs ${m.targetText} (${m.targetBasis}).`),
      ],
      ask: [
        ...(below.length ? [`What would it take to close the gap on ${below.map((m) => m.label.toLowerCase()).join(', ')}?`] : []),
        'Which of these numbers does your leadership track?',
      ],
      internal: ['Targets: tier requirements pro-rated to the quarter, or the partner’s JBP objectives.'],
    },
  );
};
