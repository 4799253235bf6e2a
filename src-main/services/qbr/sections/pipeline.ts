/** Pipeline and top wins: data (open pipeline by stage, top wins, largest open deals) and talking points. */
import { OPEN_PIPELINE_UNKNOWN, type PipelineData, type QbrDeal } from '../../../../src-shared/methods/qbr';
import type { Db } from '../../../db/connection';
import { openPipeline, topOpen, topWins, type DealRow } from '../figures';
import { dateText, money, plural, quarterText, roleText } from '../format';
import type { Window } from '../period';
import { commentaryFor } from '../commentary';
import { section, type SectionBuilder } from './define';

const STAGE_LABELS: Record<string, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  closed_won: 'Won since',
  closed_lost: 'Lost since',
};
const STAGE_ORDER = Object.keys(STAGE_LABELS);

const unknownLower = `t${OPEN_PIPELINE_UNKNOWN.slice(1)}`;

export function deal(r: DealRow, currency: string): QbrDeal {
  return {
    id: r.id,
    customer: r.customer,
    amount: r.amount,
    amountText: money(r.amount, currency),
    date: r.close_date,
    dateText: dateText(r.close_date),
    role: r.partner_role,
    roleText: roleText(r.partner_role),
    stage: r.stage,
    stageText: STAGE_LABELS[r.stage] ?? r.stage,
  };
}

/**
 * The partner's open pipeline as of `asOf` (closing by `nextEnd` counted apart) and the
 * quarter's wins (`cur`); `openKnown` false for a book whose files hold closed deals only.
 */
export function pipelineData(db: Db, partnerId: string, cur: Window, nextEnd: string, currency: string, openKnown = true): PipelineData {
  const open = openPipeline(db, partnerId, cur.end, nextEnd);
  const wins = topWins(db, partnerId, cur);
  return {
    openKnown,
    openCount: open.count,
    openAmount: open.amount,
    openText: money(open.amount, currency),
    closingNextQuarterText: money(open.closingNextQuarter, currency),
    closingByText: dateText(nextEnd),
    byStage: open.byStage
      .map((s) => ({ ...s, label: STAGE_LABELS[s.stage] ?? s.stage }))
      .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage)),
    topWins: wins.rows.map((r) => deal(r, currency)),
    wonCount: wins.count,
    wonText: money(wins.amount, currency),
    topOpen: topOpen(db, partnerId, cur.end).map((r) => deal(r, currency)),
  };
}

export const buildPipeline: SectionBuilder<'pipeline'> = (x) => {
  const qText = quarterText(x.period.quarter, x.period.calendar);
  // A partner with nothing open and nothing won this quarter gets no pipeline slide, unless
  // the CAM wrote commentary for it (it would have nowhere else to go).
  const empty = x.pipeline.openCount === 0 && x.pipeline.wonCount === 0 && commentaryFor(x.notes, 'pipeline', x.partner.name).length === 0;
  const yet = x.period.complete ? '' : ' yet';
  return section(x, 'pipeline', 'Replica: opportunity', empty ? null : x.pipeline, {
    say: [
      x.pipeline.openKnown
        ? `${x.pipeline.openText} open across ${plural(x.pipeline.openCount, 'opportunity', 'opportunities')}; ${x.pipeline.closingNextQuarterText} is expected to close by ${dateText(x.nextEnd)}.`
        : `${OPEN_PIPELINE_UNKNOWN} Ask what they have open.`,
      x.pipeline.topWins[0]
        ? `Biggest win: ${x.pipeline.topWins[0].customer}, ${x.pipeline.topWins[0].amountText} — thank the team behind it.`
        : `No wins in ${qText}${yet}.`,
    ],
    ask: ['Which of these deals need our help to close (pricing, a specialist, an executive sponsor)?', 'Any deals you are working that are not registered yet?'],
    internal: [],
  }, empty ? { message: x.pipeline.openKnown ? `No open pipeline and no deal won in ${qText}${yet}.` : `No deal won in ${qText}${yet}; ${unknownLower}` } : {});
};
