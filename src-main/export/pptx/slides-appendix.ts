/**
 * The internal appendix (off by default): what the speaker notes hold as internal context —
 * risk and its drivers, model detail, internal actions, sources — on slides of its own after
 * the partner-facing deck, clearly marked, for a CAM who wants it in the file.
 */
import type PptxGenJS from 'pptxgenjs';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { bullets, C, fittedText, H, label, lineText, M, W } from './frame';
import { linesThatFit, wrap } from './text-fit';

const SIZE = 12;

/** Adds the appendix slides; returns how many. */
export function appendixSlides(pptx: PptxGenJS, pack: QbrPack): number {
  const groups = pack.sections
    .map((s) => ({ title: s.title, lines: [...s.internal, `Source: ${s.source}`] }))
    .filter((g) => g.lines.length > 0);
  const box = { x: M, y: 1.35, w: W - 2 * M, h: H - 1.35 - 0.6 };
  const room = linesThatFit(box.h, SIZE);
  const lineCount = (t: string, bold = false) => wrap(t, box.w - 0.22, SIZE, bold).length + 0.25;
  // Pack the groups into pages by their wrapped height.
  const pages: { text: string; bold?: boolean; color?: string }[][] = [[]];
  let used = 0;
  for (const g of groups) {
    for (const [i, t] of [g.title, ...g.lines].entries()) {
      const item = i === 0 ? { text: t, bold: true, color: C.accent } : { text: t };
      const h = lineCount(t, i === 0);
      if (used + h > room && pages.at(-1)!.length) {
        pages.push([]);
        used = 0;
      }
      pages.at(-1)!.push(item);
      used += h;
    }
  }
  pages.forEach((items, i) => {
    const slide = pptx.addSlide();
    slide.background = { color: C.white };
    slide.addShape('rect', { x: 0, y: 0, w: 0.14, h: H, fill: { color: C.bad }, line: { color: C.bad, width: 0 } });
    fittedText(slide, `Internal appendix${pages.length > 1 ? ` (${i + 1} of ${pages.length})` : ''}`, { x: M, y: 0.38, w: 8.4, h: 0.55 }, { size: 28, min: 20, bold: true, maxLines: 1 });
    label(slide, 'Not for the partner · remove before sharing', { x: M, y: 0.95, w: W - 2 * M, h: 0.3 }, C.bad);
    bullets(slide, items, box, { size: SIZE, min: SIZE, gap: 0.25 });
    lineText(slide, `${pack.partner.name} · meeting ${new Date(`${pack.meetingDate}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}`, { x: M, y: H - 0.5, w: W - 2 * M, h: 0.3 }, { size: 12, color: C.faint });
    slide.addNotes(`Internal appendix for ${pack.partner.name}: not for the partner.`);
  });
  return pages.length;
}
