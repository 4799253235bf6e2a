/** SWOT: four quadrants from the figures of the pack. */
import type { SwotData } from '../../../../src-shared/methods/qbr';
import { C, bullets, fittedText, label, panel, type Frame } from '../frame';

export function swotSlide({ slide, body }: Frame, d: SwotData): void {
  const gap = 0.25;
  const qw = (body.w - gap) / 2;
  const qh = (body.h - gap) / 2;
  const quads: [string, string[], string, string][] = [
    ['Strengths', d.strengths, C.good, C.goodSoft],
    ['Weaknesses', d.weaknesses, C.bad, C.badSoft],
    ['Opportunities', d.opportunities, C.accent, C.accentSoft],
    ['Threats', d.threats, C.warn, C.warnSoft],
  ];
  quads.forEach(([title, items, color, soft], i) => {
    const x = body.x + (i % 2) * (qw + gap);
    const y = body.y + Math.floor(i / 2) * (qh + gap);
    panel(slide, { x, y, w: qw, h: qh }, soft);
    label(slide, title, { x: x + 0.25, y: y + 0.15, w: qw - 0.5, h: 0.3 }, color);
    if (items.length) bullets(slide, items.map((t) => ({ text: t })), { x: x + 0.25, y: y + 0.55, w: qw - 0.5, h: qh - 0.7 }, { size: 14, min: 12, gap: 0.3 });
    else fittedText(slide, 'Nothing stands out in this quarter’s figures.', { x: x + 0.25, y: y + 0.55, w: qw - 0.5, h: 0.45 }, { size: 14, color: C.muted });
  });
}
