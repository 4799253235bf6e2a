/** The last twelve months and year on year: the last four quarters beside the same quarters a year before, the twelve-month totals. */
import type { TrailingData } from '../../../../src-shared/methods/qbr';
import { barChart, moneyScale } from '../charts';
import { bullets, C, fittedText, label, lineText, messagePanel, panel, quarterLabel, toneColor, type Frame } from '../frame';

export function trailingSlide({ slide, body }: Frame, d: TrailingData): void {
  const leftW = body.w * 0.55;
  const labels = d.quarters.map((q, i) => (d.currentToDate && i === d.quarters.length - 1 ? `${quarterLabel(q)} QTD` : quarterLabel(q)));
  const scale = moneyScale(d.currency, [...d.won, ...d.wonYearBefore]);
  const series = [
    { name: 'This year', labels, values: d.won.map(scale.value) },
    { name: 'A year before', labels, values: d.wonYearBefore.map(scale.value) },
  ].filter((s) => s.values.some((v) => v !== 0));
  const box = { x: body.x, y: body.y, w: leftW, h: body.h - 0.75 };
  // Against the year before only when there is a year before to draw (else the title promises a second series).
  const title = series.some((x) => x.name === 'A year before') ? 'ARR won per quarter, against the same quarter a year before' : 'ARR won per quarter';
  if (series.length) barChart(slide, box, title, series, { format: scale.format, legend: true, colors: series.length === 2 ? [C.accent, 'C9D3DE'] : [C.accent] });
  else messagePanel(slide, 'No ARR won in these quarters or the same quarters a year before.', box, 'Year on year');
  fittedText(slide, d.yoyText, { x: body.x, y: body.y + body.h - 0.65, w: leftW, h: 0.65 }, { size: 14, min: 12, color: C.muted, maxLines: 2 });

  const rx = body.x + leftW + 0.35;
  const rw = body.w - leftW - 0.35;
  const th = 2.3;
  panel(slide, { x: rx, y: body.y, w: rw, h: th });
  label(slide, 'Last twelve months', { x: rx + 0.25, y: body.y + 0.15, w: rw - 0.5, h: 0.28 });
  lineText(slide, d.t12mText, { x: rx + 0.25, y: body.y + 0.5, w: rw - 0.5, h: 0.65 }, { size: 32, bold: true });
  fittedText(slide, d.changeText, { x: rx + 0.25, y: body.y + 1.15, w: rw - 0.5, h: 0.45 }, { size: 14, min: 12, bold: true, color: toneColor(d.changeTone), maxLines: 2 });
  fittedText(slide, d.priorInBook ? `${d.windowText} · ${d.prior12mText} the twelve months before` : d.windowText, { x: rx + 0.25, y: body.y + 1.65, w: rw - 0.5, h: 0.55 }, { size: 12, color: C.muted, maxLines: 2 });
  const by = body.y + th + 0.25;
  const bh = body.h - th - 0.25;
  panel(slide, { x: rx, y: by, w: rw, h: bh });
  label(slide, 'Last twelve months by role', { x: rx + 0.25, y: by + 0.15, w: rw - 0.5, h: 0.28 });
  bullets(slide, d.byRole.map((r) => ({ text: `${r.label}: ${r.amountText}` })), { x: rx + 0.25, y: by + 0.55, w: rw - 0.5, h: bh - 0.65 }, { size: 14, min: 12, gap: 0.15 });
}
