/** The executive summary: health, the tier status as a headline, three headlines, key figures; data and talking points. */
import type { HealthData, QbrHeadline, QbrMetric, SummaryData } from '../../../../src-shared/methods/qbr';
import { totalWon, type Figures } from '../figures';
import { money, partsText, pct, plural } from '../format';
import { regsOutcomeText } from '../scorecard';
import { section, type SectionBuilder } from './define';

export interface SummaryInput {
  health: HealthData | null;
  tierStatus: string | null;
  headlines: QbrHeadline[];
  metrics: QbrMetric[];
  current: Figures;
  complete: boolean;
  /** What the book does not hold ("open_pipeline", "deal_registration" …). */
  absent: ReadonlySet<string>;
  currency: string;
}

/** The summary's data; its key figures repeat the scorecard's rows of the same key. */
export function summaryData(x: SummaryInput): SummaryData {
  const { health, metrics, current: c, absent } = x;
  const cur$ = (v: number) => money(v, x.currency);
  const won = totalWon(c);
  const wr = metrics.find((m) => m.key === 'win_rate')!;
  const pc = metrics.find((m) => m.key === 'pipeline_created')!;
  const regs = metrics.find((m) => m.key === 'deal_registrations')!;
  const others = c.coSellWon + c.marketplaceWon;
  return {
    health: health
      ? {
          score: health.score,
          band: health.band,
          bandLabel: health.bandLabel,
          delta: health.previousScore === null ? null : health.score - health.previousScore,
          trend: health.trend,
        }
      : null,
    healthMessage: health ? null : 'Partner health is not available for this review.',
    tierStatus: x.tierStatus,
    headlines: x.headlines,
    keyFigures: [
      {
        key: 'arr_won',
        label: `ARR won${x.complete ? '' : ' to date'}`,
        value: cur$(won),
        // The roles that won anything, so the parts add up to the figure (and fit the tile more often).
        sub:
          partsText(
            [
              [c.sourcedWon, 'sourced'],
              [c.influencedWon, 'influenced'],
              [others, 'co-sell & marketplace'],
            ],
            cur$,
            ' · ',
          ) || 'no deals won',
      },
      absent.has('open_pipeline')
        ? { key: 'won_count', label: 'Average deal', value: c.wonCount > 0 ? cur$(Math.round(won / c.wonCount)) : '—', sub: plural(c.wonCount, 'deal') + ' won' }
        : { key: 'pipeline_created', label: 'Pipeline created', value: pc.currentText, sub: pc.target ? `target ${pc.targetText}` : plural(c.createdCount, 'opportunity', 'opportunities') },
      { key: 'win_rate', label: 'Win rate', value: wr.currentText, sub: wr.detail ?? '' },
      absent.has('deal_registration')
        ? { key: 'won_count', label: 'Deals won', value: String(c.wonCount), sub: `${cur$(won)} in total` }
        : { key: 'deal_registrations', label: 'Deal registrations', value: regs.currentText, sub: c.regsSubmitted > 0 ? regsOutcomeText(c.regsOutcome, ' · ') : 'none submitted' },
    ],
  };
}

export const buildSummary: SectionBuilder<'summary'> = (x) => {
  const h = x.health;
  return section(x, 'summary', 'Replica figures; health model', x.summary, {
    say: [...x.headlines.map((hl) => hl.text), ...(x.tierStatus ? [`Tier status: ${x.tierStatus}.`] : [])],
    ask: ['Does this match what you see on your side?', 'What is the one thing that would change next quarter’s result most?'],
    internal: [
      ...(h ? [`Health ${h.score}/100 (${h.bandLabel}); churn risk ${h.churn.level} (${pct(h.churn.probability)}).`, ...h.churn.factors.map((f) => `Churn driver: ${f}.`)] : []),
      ...(x.healthMessage ? [x.healthMessage] : []),
      ...(x.forecastNote ? [x.forecastNote] : []),
      ...x.voiceNotes,
    ],
  });
};
