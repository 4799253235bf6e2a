/** Revenue, pipeline and MDF over six quarters: native charts, a sentence where a chart would be all zero. */
import { CLOSED_DEALS_ONLY, type TrendsData } from '../../../../src-shared/methods/qbr';
import { barChart, doughnut, moneyScale } from '../charts';
import { activeTheme, C, fittedText, label, lineText, messagePanel, panel, quarterLabel, type Frame } from '../frame';

const allZero = (values: readonly number[]) => values.every((v) => !v);

export function trendsSlide({ slide, body }: Frame, d: TrendsData): void {
  const leftW = body.w * 0.5 - 0.15;
  const labels = d.quarters.map((q, i) => (d.currentToDate && i === d.quarters.length - 1 ? `${quarterLabel(q)} QTD` : quarterLabel(q)));
  // Stacked: the scale reads the quarters' totals, the tallest bars.
  const ws = moneyScale(d.currency, d.quarters.map((_, i) => (d.sourcedWon[i] ?? 0) + (d.influencedWon[i] ?? 0) + (d.otherWon[i] ?? 0)));
  // Each role keeps its colour whichever others are left out; the colours are given per series, as a chart of
  // one series would otherwise colour each bar differently (and not as its legend says).
  const palette = activeTheme().chart;
  const roles = [
    { name: 'Sourced', labels, values: d.sourcedWon.map(ws.value), color: palette[0] ?? C.accent },
    { name: 'Influenced', labels, values: d.influencedWon.map(ws.value), color: palette[1] ?? C.accent },
    { name: 'Co-sell & marketplace', labels, values: d.otherWon.map(ws.value), color: palette[2] ?? C.accent },
  ].filter((x) => !allZero(x.values));
  const won = roles.map(({ name, labels: l, values }) => ({ name, labels: l, values }));
  if (won.length) barChart(slide, { x: body.x, y: body.y, w: leftW, h: body.h }, 'ARR won per quarter', won, { stacked: true, format: ws.format, legend: true, colors: roles.map((r) => r.color) });
  else messagePanel(slide, `No ARR won in the last ${d.quarters.length} quarters yet: the pipeline on the right is where it starts.`, { x: body.x, y: body.y, w: leftW, h: body.h }, 'ARR won');
  const rx = body.x + leftW + 0.3;
  const rw = body.w - leftW - 0.3;
  const topH = body.h * 0.5 - 0.1;
  if (d.pipelineCreated.length === 0) {
    messagePanel(slide, `${CLOSED_DEALS_ONLY}: no pipeline to chart.`, { x: rx, y: body.y, w: rw, h: topH }, 'Pipeline created');
  } else if (allZero(d.pipelineCreated)) {
    messagePanel(slide, `No new pipeline registered in the last ${d.quarters.length} quarters.`, { x: rx, y: body.y, w: rw, h: topH }, 'Pipeline created');
  } else {
    const ps = moneyScale(d.currency, d.pipelineCreated);
    barChart(slide, { x: rx, y: body.y, w: rw, h: topH }, 'Pipeline created per quarter', [
      { name: 'Pipeline created', labels, values: d.pipelineCreated.map(ps.value) },
    ], { format: ps.format, colors: [C.accent] });
  }
  const my = body.y + topH + 0.2;
  const mh = body.h - topH - 0.2;
  if (!d.mdf) {
    messagePanel(slide, 'No MDF allocation covers this quarter.', { x: rx, y: my, w: rw, h: mh }, 'Market development funds');
    return;
  }
  const m = d.mdf;
  panel(slide, { x: rx, y: my, w: rw, h: mh });
  const dw = Math.min(2.6, mh);
  // Nothing claimed (or all of it) would draw one solid ring: a sentence says it instead.
  if (m.claimed > 0 && m.allocated > m.claimed) {
    doughnut(
      slide,
      { x: rx + 0.05, y: my + 0.05, w: dw, h: mh - 0.1 },
      `MDF ${m.period}`,
      ['Claimed', 'Still to use'],
      // Shares only (the ring writes percentages): the amounts as they are, so a small claim is not rounded away.
      [m.claimed, Math.max(0, m.allocated - m.claimed)],
      [C.accent, 'C9D3DE'],
    );
  } else {
    fittedText(slide, m.allocated <= 0 ? 'No MDF allocated for this period.' : m.claimed > 0 ? `All ${m.allocatedText} allocated is claimed.` : `Nothing claimed yet of the ${m.allocatedText} allocated.`, { x: rx + 0.25, y: my + 0.3, w: dw - 0.35, h: mh - 0.6 }, {
      size: 16,
      min: 12,
      bold: true,
      color: C.muted,
      valign: 'middle',
    });
  }
  const tx = rx + dw + 0.2;
  const tw = rw - dw - 0.4;
  const lines: [string, string][] = [
    ['Allocated', m.allocatedText],
    ['Approved', m.approvedText],
    ['Claimed', m.claimedText],
    ['Attributed pipeline', m.attributedText],
  ];
  label(slide, 'Market development funds', { x: tx, y: my + 0.2, w: tw, h: 0.25 });
  const step = Math.min(0.38, (mh - 1.2) / lines.length);
  lines.forEach(([k, v], i) => {
    lineText(slide, k, { x: tx, y: my + 0.55 + i * step, w: tw * 0.6, h: step }, { size: 12, color: C.muted });
    lineText(slide, v, { x: tx + tw * 0.6, y: my + 0.55 + i * step, w: tw * 0.4, h: step }, { size: 12, bold: true, align: 'right' });
  });
  // With nothing claimed the sentence on the left already says so.
  if (m.claimed > 0) fittedText(slide, m.returnText, { x: tx, y: my + 0.6 + lines.length * step, w: tw, h: mh - 0.7 - lines.length * step }, {
    size: 12,
    min: 12,
    color: C.accent,
    bold: true,
  });
}
