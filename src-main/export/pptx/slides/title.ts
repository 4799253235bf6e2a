/** The title slide, on the title master (background, logo or mark, company line). */
import type { QbrPack, QbrSection, TitleData } from '../../../../src-shared/methods/qbr';
import type PptxGenJS from 'pptxgenjs';
import { C, H, M, W, fittedText, lineText, speakerNotes, titleFrame } from '../frame';

export function titleSlide(pptx: PptxGenJS, pack: QbrPack, d: TitleData, section: QbrSection): void {
  // The title master draws the background, the logo or mark and the company line.
  const slide = titleFrame(pptx);
  const textW = W - 2 * M;
  fittedText(slide, d.partnerName, { x: M, y: 2.0, w: textW, h: 1.7 }, { size: 40, min: 24, bold: true, color: C.titleInk, maxLines: 2, valign: 'bottom' });
  lineText(slide, d.subtitle, { x: M, y: 3.9, w: textW, h: 0.5 }, { size: 22, color: C.titleInk });
  lineText(slide, d.tierName, { x: M, y: 4.5, w: textW, h: 0.35 }, { size: 14, color: C.titleMuted });
  slide.addShape('line', { x: M, y: 5.25, w: 2.2, h: 0, line: { color: C.titleMuted, width: 1.25 } });
  lineText(slide, d.periodText, { x: M, y: 5.5, w: textW, h: 0.35 }, { size: 14, color: C.titleInk });
  lineText(slide, d.meetingText, { x: M, y: 5.9, w: textW, h: 0.35 }, { size: 14, bold: true, color: C.titleInk });
  // No owner and nobody signed in: the line is left out rather than naming a placeholder.
  if (d.ownerName) lineText(slide, d.ownerName, { x: M, y: 6.3, w: textW, h: 0.35 }, { size: 14, color: C.titleMuted });
  lineText(slide, d.preparedText, { x: M, y: H - 0.6, w: textW, h: 0.35 }, { size: 12, color: C.titleMuted });
  speakerNotes(slide, section);
}
