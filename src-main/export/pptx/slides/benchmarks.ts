/** Peer benchmarks: percentile among the tier’s partners, and the table behind it. */
import type { BenchmarksData } from '../../../../src-shared/methods/qbr';
import { barChart } from '../charts';
import { C, messagePanel, toneColor, toneSoft, type Frame } from '../frame';
import { cell, cols, headerRow, rowHToFit, table, type TableRow } from '../tables';

export function benchmarksSlide({ slide, body }: Frame, d: BenchmarksData): void {
  if (d.tooNew) {
    messagePanel(slide, d.tooNewText ?? 'Too new to compare with peers.', body, 'Not ranked yet');
    return;
  }
  const ranked = d.items.filter((i) => i.percentile !== null);
  const leftW = 4.6;
  if (ranked.length) {
    barChart(
      slide,
      { x: body.x, y: body.y, w: leftW, h: body.h },
      `Percentile among ${d.peers} ${d.tierName} partners`,
      [{ name: 'Percentile', labels: ranked.map((i) => i.label), values: ranked.map((i) => i.percentile!) }],
      { horizontal: true, max: 100, colors: [C.accent], labels: true, legend: false },
    );
  } else {
    messagePanel(slide, `Too few ${d.tierName} peers with data to compare this quarter.`, { x: body.x, y: body.y, w: leftW, h: body.h }, 'Benchmarks');
  }
  const rx = body.x + leftW + 0.35;
  const rw = body.w - leftW - 0.35;
  const w = cols(rw, [2.9, 1.1, 1.1, 2.9]);
  const rows: TableRow[] = [
    headerRow(['KPI', 'Partner', 'Median', `Among ${d.tierName} peers`], w, ['left', 'right', 'right', 'left']),
    ...d.items.map((i) => [
      cell(i.label, w[0]!),
      cell(i.valueText, w[1]!, { align: 'right', bold: true }),
      cell(i.medianText, w[2]!, { align: 'right', color: C.muted }),
      cell(i.position, w[3]!, { color: toneColor(i.tone), fill: i.tone === 'neutral' ? undefined : toneSoft(i.tone) }),
    ]),
  ];
  table(slide, rows, { x: rx, y: body.y, w: rw }, w, rowHToFit(rows, w, 0.42, body.h));
}
