/** Partner health: components against the tier median, the trend, where the partner stands. */
import type { HealthData } from '../../../../src-shared/methods/qbr';
import { barChart, lineChart } from '../charts';
import { C, bullets, label, panel, quarterLabel, type Frame } from '../frame';

export function healthSlide({ slide, body }: Frame, d: HealthData): void {
  const leftW = body.w * 0.5 - 0.15;
  barChart(
    slide,
    { x: body.x, y: body.y, w: leftW, h: body.h },
    `Health components · overall ${d.score} (${d.bandLabel})`,
    [
      { name: 'This partner', labels: d.components.map((c) => c.label), values: d.components.map((c) => c.score) },
      { name: 'Tier median', labels: d.components.map((c) => c.label), values: d.components.map((c) => c.tierMedian) },
    ],
    { max: 100, colors: [C.accent, 'C9D3DE'], labels: true },
  );
  const rx = body.x + leftW + 0.3;
  const rw = body.w - leftW - 0.3;
  const pts = d.trend.filter((t) => t.score !== null);
  const chartH = Math.min(2.5, body.h * 0.5);
  if (pts.length >= 2) {
    lineChart(slide, { x: rx, y: body.y, w: rw, h: chartH }, 'Health trend', [
      { name: 'Health', labels: pts.map((t) => quarterLabel(t.quarter)), values: pts.map((t) => t.score!) },
    ], { min: 0, max: 100, labels: true });
  }
  const ty = body.y + chartH + 0.2;
  const th = body.h - chartH - 0.2;
  panel(slide, { x: rx, y: ty, w: rw, h: th });
  label(slide, 'Where you stand', { x: rx + 0.2, y: ty + 0.15, w: rw - 0.4, h: 0.28 });
  const byScore = [...d.components].sort((a, b) => b.score - a.score);
  const items = [
    { text: d.eligibility.current, bold: true },
    ...(d.eligibility.next ? [{ text: d.eligibility.next }] : []),
    ...(byScore[0] ? [{ text: `Strongest: ${byScore.slice(0, 2).map((c) => `${c.label.toLowerCase()} (${c.score})`).join(', ')}` }] : []),
    ...(byScore.length > 2 ? [{ text: `Most room to grow: ${byScore.at(-1)!.label.toLowerCase()} (${byScore.at(-1)!.score})` }] : []),
  ];
  bullets(slide, items, { x: rx + 0.2, y: ty + 0.55, w: rw - 0.4, h: th - 0.65 }, { size: 14, min: 12, gap: 0.25 });
}
