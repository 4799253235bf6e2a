/** Pipeline and top wins: open pipeline by stage, the quarter’s top wins, the largest open deals. */
import { OPEN_DEALS_UNKNOWN, OPEN_PIPELINE_UNKNOWN, type PipelineData } from '../../../../src-shared/methods/qbr';
import { barChart, moneyScale } from '../charts';
import { C, fittedText, label, messagePanel, type Frame } from '../frame';
import { cell, cols, headerRow, table } from '../tables';

export function pipelineSlide({ slide, body }: Frame, d: PipelineData, currency: string, quarterDone: boolean): void {
  const leftW = 4.9;
  const stages = d.byStage.filter((st) => st.amount > 0);
  if (stages.length >= 2) {
    const scale = moneyScale(currency, stages.map((st) => st.amount));
    barChart(
      slide,
      { x: body.x, y: body.y, w: leftW, h: body.h },
      `Open pipeline by stage · ${d.openText}`,
      [{ name: 'Open pipeline', labels: stages.map((st) => st.label), values: stages.map((st) => scale.value(st.amount)) }],
      { horizontal: true, format: scale.format, colors: [C.accent], labels: true, legend: false },
    );
  } else {
    // One stage is a sentence, not a chart of one giant bar.
    const only = stages[0];
    messagePanel(
      slide,
      !d.openKnown
        ? OPEN_PIPELINE_UNKNOWN
        : only
          ? `${d.openText} open across ${d.openCount === 1 ? '1 deal' : `${d.openCount} deals`}, all at ${only.label.toLowerCase()}.`
          : 'No open partner pipeline on this date: registering the next deals is the first step.',
      { x: body.x, y: body.y, w: leftW, h: body.h },
      'Open pipeline',
    );
  }
  const rx = body.x + leftW + 0.35;
  const rw = body.w - leftW - 0.35;
  const half = (body.h - 0.3) / 2;
  const rowH = Math.min(0.34, (half - 0.35) / 6);
  label(slide, `Top wins · ${d.wonCount} won, ${d.wonText}`, { x: rx, y: body.y, w: rw, h: 0.28 });
  if (d.topWins.length) {
    const w = cols(rw, [4.0, 1.4, 1.5, 1.6]);
    table(
      slide,
      [
        headerRow(['Customer', 'Amount', 'Role', 'Closed'], w, ['left', 'right', 'left', 'right']),
        ...d.topWins.map((x) => [
          cell(x.customer, w[0]!),
          cell(x.amountText, w[1]!, { align: 'right', bold: true }),
          cell(x.roleText, w[2]!, { color: C.muted }),
          cell(x.dateText, w[3]!, { align: 'right', color: C.muted }),
        ]),
      ],
      { x: rx, y: body.y + 0.32, w: rw },
      w,
      rowH,
    );
  } else {
    fittedText(slide, quarterDone ? 'No deals won this quarter.' : 'No deals won this quarter yet.', { x: rx, y: body.y + 0.35, w: rw, h: 0.4 }, { size: 14, color: C.muted });
  }
  const y2 = body.y + half + 0.3;
  label(slide, d.openKnown ? `Largest open deals · ${d.openCount} open · ${d.closingNextQuarterText} expected by ${d.closingByText}` : 'Largest open deals', { x: rx, y: y2, w: rw, h: 0.28 });
  if (d.topOpen.length) {
    const w = cols(rw, [3.6, 1.4, 1.8, 1.7]);
    table(
      slide,
      [
        headerRow(['Customer', 'Amount', 'Stage', 'Close date'], w, ['left', 'right', 'left', 'right']),
        ...d.topOpen.map((x) => [
          cell(x.customer, w[0]!),
          cell(x.amountText, w[1]!, { align: 'right', bold: true }),
          cell(x.stageText, w[2]!, { color: C.muted }),
          cell(x.dateText, w[3]!, { align: 'right', color: C.muted }),
        ]),
      ],
      { x: rx, y: y2 + 0.32, w: rw },
      w,
      rowH,
    );
  } else {
    fittedText(slide, d.openKnown ? 'No open deals.' : OPEN_DEALS_UNKNOWN, { x: rx, y: y2 + 0.35, w: rw, h: 0.4 }, { size: 14, color: C.muted });
  }
}
