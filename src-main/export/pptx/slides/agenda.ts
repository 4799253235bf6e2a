/** Today's meeting: the date, who attends from both sides, and the agenda (the slides of this deck). */
import type { AgendaData } from '../../../../src-shared/methods/qbr';
import { bullets, C, fittedText, label, panel, type Frame } from '../frame';

export function agendaSlide({ slide, body }: Frame, d: AgendaData): void {
  const gap = 0.35;
  const lw = body.w * 0.45;
  const rx = body.x + lw + gap;
  const rw = body.w - lw - gap;
  fittedText(slide, d.meetingText, { x: body.x, y: body.y, w: lw, h: 0.45 }, { size: 18, min: 14, bold: true, maxLines: 1 });
  const groups: [string, string[]][] = [
    ['Your team', d.attendees.partner],
    ['Our team', d.attendees.vendor],
  ];
  const gh = (body.h - 0.6 - 0.2) / 2;
  groups.forEach(([name, people], i) => {
    const y = body.y + 0.6 + i * (gh + 0.2);
    panel(slide, { x: body.x, y, w: lw, h: gh });
    label(slide, name, { x: body.x + 0.25, y: y + 0.15, w: lw - 0.5, h: 0.3 });
    if (people.length) bullets(slide, people.map((t) => ({ text: t })), { x: body.x + 0.25, y: y + 0.55, w: lw - 0.5, h: gh - 0.65 }, { size: 14, min: 12, gap: 0.15 });
    else fittedText(slide, 'To confirm', { x: body.x + 0.25, y: y + 0.55, w: lw - 0.5, h: 0.4 }, { size: 14, color: C.muted });
  });
  panel(slide, { x: rx, y: body.y, w: rw, h: body.h }, C.accentSoft);
  label(slide, 'Agenda', { x: rx + 0.3, y: body.y + 0.2, w: rw - 0.6, h: 0.3 });
  bullets(slide, d.agenda.map((t) => ({ text: t })), { x: rx + 0.3, y: body.y + 0.65, w: rw - 0.6, h: body.h - 0.8 }, { size: 16, min: 12, gap: 0.15, numbered: true });
}
