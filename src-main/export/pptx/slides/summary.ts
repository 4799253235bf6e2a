/** The executive summary slide: health, the tier status, three headlines, key figures. */
import type { SummaryData } from '../../../../src-shared/methods/qbr';
import { lineChart } from '../charts';
import { C, fittedClauses, fittedText, label, lineText, panel, quarterLabel, toneColor, type Frame } from '../frame';
import { LINE_SPACING, wrap } from '../text-fit';

/** The key figures' second lines: 12 pt, two lines, or three when one needs them. */
const SUB_PT = 12;
const SUB_LINE_IN = (SUB_PT * LINE_SPACING) / 72;

/**
 * The health chart's title, true to the points it draws: "Health, last 8 quarters"; "Health
 * since Q3 19" for a partner scored only from then; "Health, 5 of the last 8 quarters" when
 * quarters without a score sit between.
 */
export function trendTitle(trend: readonly { quarter: string; score: number | null }[]): string {
  const first = trend.findIndex((t) => t.score !== null);
  const scored = trend.filter((t) => t.score !== null).length;
  if (scored === trend.length) return `Health, last ${trend.length} quarters`;
  if (scored === trend.length - first) return `Health since ${quarterLabel(trend[first]!.quarter)}`;
  return `Health, ${scored} of the last ${trend.length} quarters`;
}

export function summarySlide({ slide, body }: Frame, d: SummaryData): void {
  const leftW = 3.9;
  const gap = 0.35;
  const n = d.keyFigures.length;
  const tw = (body.w - (n - 1) * 0.25) / n;
  // A tile's second line wraps to two lines; when one needs three (the ARR tile naming all
  // three roles), every tile grows by a line rather than leave a part off: its parts add up.
  const subLines = Math.min(3, Math.max(2, ...d.keyFigures.map((k) => wrap(k.sub, tw - 0.4, SUB_PT).length)));
  const tilesH = 1.25 + (subLines - 2) * SUB_LINE_IN;
  const topH = body.h - tilesH - 0.25;
  // Health tile
  panel(slide, { x: body.x, y: body.y, w: leftW, h: topH });
  label(slide, 'Partner health', { x: body.x + 0.25, y: body.y + 0.2, w: leftW - 0.5, h: 0.25 });
  if (d.health) {
    const h = d.health;
    const tone = h.band === 'healthy' ? 'good' : h.band === 'at_risk' ? 'bad' : 'neutral';
    lineText(slide, String(h.score), { x: body.x + 0.25, y: body.y + 0.5, w: 1.4, h: 0.85 }, { size: 48, bold: true, color: toneColor(tone) });
    lineText(slide, h.bandLabel, { x: body.x + 1.6, y: body.y + 0.58, w: leftW - 1.85, h: 0.35 }, { size: 16, bold: true, color: toneColor(tone) });
    const delta = h.delta === null ? 'new this quarter' : h.delta === 0 ? 'same as last quarter' : `${h.delta > 0 ? '▲' : '▼'} ${Math.abs(h.delta)} since last quarter`;
    lineText(slide, delta, { x: body.x + 1.6, y: body.y + 0.95, w: leftW - 1.85, h: 0.3 }, { size: 12, color: C.muted });
    const pts = h.trend.filter((t) => t.score !== null);
    if (pts.length >= 2) {
      lineChart(
        slide,
        { x: body.x + 0.1, y: body.y + 1.45, w: leftW - 0.2, h: topH - 1.55 },
        trendTitle(h.trend),
        [{ name: 'Health', labels: pts.map((t) => quarterLabel(t.quarter)), values: pts.map((t) => t.score!) }],
        { min: 0, max: 100 },
      );
    }
  } else {
    fittedText(slide, d.healthMessage ?? 'Partner health is not available.', { x: body.x + 0.25, y: body.y + 0.6, w: leftW - 0.5, h: topH - 0.9 }, {
      size: 14,
      min: 12,
      color: C.muted,
    });
  }
  // Headlines
  const hx = body.x + leftW + gap;
  const hw = body.w - leftW - gap;
  // The tier status leads when there is one: it is what the partner cares about first.
  let hy = body.y;
  if (d.tierStatus) {
    const atRisk = !/requirements met/.test(d.tierStatus);
    panel(slide, { x: hx, y: hy, w: hw, h: 0.7 }, atRisk ? C.warnSoft : C.goodSoft);
    fittedText(slide, d.tierStatus, { x: hx + 0.2, y: hy + 0.06, w: hw - 0.4, h: 0.58 }, { size: 18, min: 12, bold: true, color: atRisk ? C.warn : C.good, valign: 'middle', maxLines: 2 });
    hy += 0.85;
  }
  label(slide, 'Three things to know', { x: hx, y: hy + 0.05, w: hw, h: 0.28 });
  const rowH = (body.y + topH - hy - 0.45) / 3;
  d.headlines.forEach((hl, i) => {
    const y = hy + 0.45 + i * rowH;
    slide.addShape('rect', { x: hx, y: y + 0.05, w: 0.08, h: rowH - 0.2, fill: { color: toneColor(hl.tone) }, line: { color: toneColor(hl.tone), width: 0 } });
    fittedText(slide, hl.text, { x: hx + 0.3, y: y + 0.05, w: hw - 0.3, h: rowH - 0.2 }, { size: 18, min: 12, valign: 'middle' });
  });
  // Key figures
  const ty = body.y + body.h - tilesH;
  d.keyFigures.forEach((k, i) => {
    const x = body.x + i * (tw + 0.25);
    panel(slide, { x, y: ty, w: tw, h: tilesH });
    lineText(slide, k.label, { x: x + 0.2, y: ty + 0.1, w: tw - 0.4, h: 0.25 }, { size: 12, bold: true, color: C.muted });
    lineText(slide, k.value, { x: x + 0.2, y: ty + 0.36, w: tw - 0.4, h: 0.46 }, { size: 24, bold: true });
    fittedClauses(slide, k.sub, { x: x + 0.2, y: ty + 0.8, w: tw - 0.4, h: 0.42 + (subLines - 2) * SUB_LINE_IN }, { size: SUB_PT, color: C.muted, maxLines: subLines });
  });
}
