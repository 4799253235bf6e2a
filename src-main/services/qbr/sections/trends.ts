/** Revenue, pipeline and MDF over the last six quarters: data and talking points. */
import type { TrendsData } from '../../../../src-shared/methods/qbr';
import type { Figures } from '../figures';
import { money, quarterText } from '../format';
import { section, type SectionBuilder } from './define';

export const TREND_QUARTERS = 6;

/** The trends slide's data from the figures of each quarter (`series`, oldest first; the last is `current`). */
export function trendsData(quarters: string[], series: Figures[], current: Figures, o: { complete: boolean; noPipeline: boolean; currency: string }): TrendsData {
  const c = current;
  const cur$ = (v: number) => money(v, o.currency);
  return {
    quarters,
    sourcedWon: series.map((f) => f.sourcedWon),
    influencedWon: series.map((f) => f.influencedWon),
    otherWon: series.map((f) => f.coSellWon + f.marketplaceWon),
    currentToDate: !o.complete,
    // A book of closed orders only has no pipeline to chart (its "created" deals are its wins).
    pipelineCreated: o.noPipeline ? [] : series.map((f) => f.pipelineCreated),
    winRate: series.map((f) => f.winRate),
    currency: o.currency,
    mdf: c.mdf
      ? {
          period: c.mdf.period,
          allocated: c.mdf.allocated,
          approved: c.mdf.approved,
          claimed: c.mdf.claimed,
          attributedPipeline: c.mdf.attributed,
          allocatedText: cur$(c.mdf.allocated),
          approvedText: cur$(c.mdf.approved),
          claimedText: cur$(c.mdf.claimed),
          attributedText: cur$(c.mdf.attributed),
          returnText: c.mdf.claimed > 0 ? `${(c.mdf.attributed / c.mdf.claimed).toFixed(1)}× pipeline per MDF dollar claimed` : 'no MDF claimed yet',
        }
      : null,
  };
}

export const buildTrends: SectionBuilder<'trends'> = (x) => {
  const qText = quarterText(x.period.quarter, x.period.calendar);
  return section(x, 'trends', 'Replica: opportunity, mdf_allocation, mdf_request', x.trends, {
    say: [
      `Six quarters of ARR won (every partner role) and pipeline created; ${qText}${x.period.complete ? '' : ' is still running'}.`,
      x.trends.mdf ? `MDF ${x.trends.mdf.period}: ${x.trends.mdf.claimedText} claimed of ${x.trends.mdf.allocatedText} allocated; ${x.trends.mdf.returnText}.` : 'No MDF allocation for this half.',
    ],
    ask: [x.trends.mdf && x.trends.mdf.allocated > x.trends.mdf.claimed ? 'Which campaigns will use the rest of the MDF this half?' : 'Which campaigns could MDF support next half?'],
    internal: [],
  });
};
