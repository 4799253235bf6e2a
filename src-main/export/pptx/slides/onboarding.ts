/** The onboarding milestones slide (the onboarding variant): milestones, time to first deal against the target, certifications. */
import type { OnboardingData } from '../../../../src-shared/methods/qbr';
import { C, bullets, fittedText, label, lineText, panel, type Frame } from '../frame';
import { cell, cols, headerRow, table, type TableRow } from '../tables';

export function onboardingSlide({ slide, body }: Frame, d: OnboardingData): void {
  const gap = 0.35;
  const lw = body.w * 0.6;
  const rx = body.x + lw + gap;
  const rw = body.w - lw - gap;
  // The latest milestone reached, in the partner's words, as the slide's headline.
  fittedText(slide, d.headline, { x: body.x, y: body.y, w: lw, h: 0.75 }, { size: 18, min: 14, bold: true });
  const w = cols(lw, [4.6, 2.6, 2.4]);
  const rows: TableRow[] = [
    headerRow(['Milestone', 'Reached', 'After signing'], w, ['left', 'left', 'right']),
    ...d.milestones.map((m) => [
      cell(m.detail ? `${m.label} (${m.detail})` : m.label, w[0]!, { bold: true }),
      cell(m.dateText, w[1]!, { color: m.date ? C.ink : C.faint }),
      cell(m.daysFromAgreement === null ? '—' : m.daysFromAgreement === 0 ? 'same day' : `${m.daysFromAgreement} days`, w[2]!, {
        color: m.date ? C.ink : C.faint,
        align: 'right',
      }),
    ]),
  ];
  table(slide, rows, { x: body.x, y: body.y + 0.95, w: lw }, w, 0.5);

  // Time to first deal against the program's target.
  const tone = d.targetStatus === 'met' ? [C.good, C.goodSoft] : d.targetStatus === 'missed' ? [C.bad, C.badSoft] : [C.accent, C.accentSoft];
  const th = 2.1;
  panel(slide, { x: rx, y: body.y, w: rw, h: th }, tone[1]);
  label(slide, 'Time to first deal', { x: rx + 0.25, y: body.y + 0.15, w: rw - 0.5, h: 0.28 }, tone[0]);
  lineText(slide, d.daysToFirstDeal === null ? `Day ${d.daysInProgram}` : `${d.daysToFirstDeal} days`, { x: rx + 0.25, y: body.y + 0.5, w: rw - 0.5, h: 0.6 }, { size: 28, bold: true, color: tone[0] });
  fittedText(slide, d.targetText, { x: rx + 0.25, y: body.y + 1.15, w: rw - 0.5, h: th - 1.25 }, { size: 14, min: 12 });

  const cy = body.y + th + 0.25;
  const ch = body.h - th - 0.25;
  panel(slide, { x: rx, y: cy, w: rw, h: ch });
  label(slide, 'Certifications', { x: rx + 0.25, y: cy + 0.15, w: rw - 0.5, h: 0.28 });
  fittedText(slide, d.certificationsText, { x: rx + 0.25, y: cy + 0.5, w: rw - 0.5, h: 0.5 }, { size: 14, min: 12, color: C.muted });
  if (d.certifications.length)
    bullets(
      slide,
      d.certifications.map((c) => ({ text: `${c.name} · since ${c.earnedText}${c.people > 1 ? ` · ${c.people} people` : ''}` })),
      { x: rx + 0.25, y: cy + 1.05, w: rw - 0.5, h: ch - 1.2 },
      { size: 14, min: 12, gap: 0.2 },
    );
}
