/** Next steps and asks: the mutual action plan and the asks of next quarter. */
import type { NextStepsData } from '../../../../src-shared/methods/qbr';
import { C, bullets, fittedText, label, panel, type Frame } from '../frame';
import { cell, cols, fittedTable, headerRow } from '../tables';

export function nextStepsSlide({ slide, body }: Frame, d: NextStepsData): void {
  const gap = 0.35;
  const lw = body.w * 0.6;
  const rx = body.x + lw + gap;
  const rw = body.w - lw - gap;
  label(slide, 'Mutual action plan', { x: body.x, y: body.y, w: lw, h: 0.28 });
  if (d.steps.length) {
    const w = cols(lw, [5.2, 2.6, 2.4]);
    fittedTable(
      slide,
      (shown) => headerRow([`Step${shown < d.steps.length ? ` (${shown} of ${d.steps.length})` : ''}`, 'Owner', 'Due'], w),
      d.steps.map((st) => [
        cell(st.text, w[0]!, { bold: true }),
        cell(st.owner ?? 'to agree', w[1]!, { color: st.owner ? C.ink : C.faint }),
        cell(st.dueText ?? 'date to agree', w[2]!, { color: st.due ? C.ink : C.bad }),
      ]),
      { x: body.x, y: body.y + 0.4, w: lw, h: body.h - 0.4 },
      w,
      0.42,
    );
  } else {
    panel(slide, { x: body.x, y: body.y + 0.4, w: lw, h: 1.4 });
    fittedText(slide, 'We agree next quarter’s steps together in this meeting: who does what, by when.', { x: body.x + 0.25, y: body.y + 0.6, w: lw - 0.5, h: 1.0 }, { size: 16, min: 12, color: C.muted });
  }
  panel(slide, { x: rx, y: body.y, w: rw, h: body.h });
  label(slide, 'Next quarter · asks', { x: rx + 0.25, y: body.y + 0.2, w: rw - 0.5, h: 0.28 });
  const box = { x: rx + 0.25, y: body.y + 0.6, w: rw - 0.5, h: body.h - 0.8 };
  if (d.asks.length) bullets(slide, d.asks.map((a) => ({ text: a })), box, { size: 14, min: 12, gap: 0.3 });
  else fittedText(slide, 'What do you need from us next quarter? What can we count on from your team?', { ...box, h: 1.2 }, { size: 14, min: 12, color: C.muted });
}
