/** The win story: the quarter's biggest won deal and the CAM's "Highlights" commentary. */
import type { WinStoryData } from '../../../../src-shared/methods/qbr';
import { bullets, C, fittedText, label, lineText, panel, type Frame } from '../frame';

export function winStorySlide({ slide, body }: Frame, d: WinStoryData): void {
  const gap = 0.35;
  const lw = body.w * 0.5;
  panel(slide, { x: body.x, y: body.y, w: lw, h: body.h }, C.goodSoft);
  label(slide, 'Won', { x: body.x + 0.3, y: body.y + 0.25, w: lw - 0.6, h: 0.3 }, C.good);
  fittedText(slide, d.customer, { x: body.x + 0.3, y: body.y + 0.6, w: lw - 0.6, h: 1.1 }, { size: 28, min: 16, bold: true, maxLines: 2, valign: 'top' });
  lineText(slide, d.amountText, { x: body.x + 0.3, y: body.y + 1.8, w: lw - 0.6, h: 0.8 }, { size: 44, bold: true, color: C.good });
  const facts = d.highlights.length ? [`${d.roleText} deal · closed ${d.closedText}`, d.cycleText, d.contextText] : [d.contextText];
  bullets(slide, facts.map((t) => ({ text: t })), { x: body.x + 0.3, y: body.y + 2.8, w: lw - 0.6, h: body.h - 3.0 }, { size: 16, min: 12, gap: 0.2 });
  const rx = body.x + lw + gap;
  const rw = body.w - lw - gap;
  if (!d.highlights.length) {
    // Without the CAM's highlights: the deal's facts, large, beside it (no empty box).
    const facts: [string, string][] = [
      ['Role', `${d.roleText} deal`],
      ['Closed', d.closedText],
      ['Cycle', d.cycleText],
    ];
    const fh = (body.h - 2 * 0.2) / 3;
    facts.forEach(([name, value], i) => {
      const y = body.y + i * (fh + 0.2);
      panel(slide, { x: rx, y, w: rw, h: fh });
      label(slide, name, { x: rx + 0.3, y: y + 0.2, w: rw - 0.6, h: 0.3 });
      fittedText(slide, value, { x: rx + 0.3, y: y + 0.55, w: rw - 0.6, h: fh - 0.7 }, { size: 24, min: 14, bold: true, maxLines: 2 });
    });
    return;
  }
  panel(slide, { x: rx, y: body.y, w: rw, h: body.h });
  label(slide, 'Highlights', { x: rx + 0.3, y: body.y + 0.25, w: rw - 0.6, h: 0.3 });
  bullets(slide, d.highlights.map((t) => ({ text: t })), { x: rx + 0.3, y: body.y + 0.7, w: rw - 0.6, h: body.h - 0.9 }, { size: 16, min: 12, gap: 0.25 });
}
