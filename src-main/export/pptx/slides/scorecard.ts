/** The scorecard slide: this quarter against the previous one, a year before and the targets. */
import type { QbrMetric, ScorecardData } from '../../../../src-shared/methods/qbr';
import { C, fittedText, overflow, quarterLabel, quarterLabelYearBefore, toneColor, type Frame } from '../frame';
import { cell, cols, headerRow, rowHToFit, table, type TableRow } from '../tables';
import { LINE_SPACING } from '../text-fit';

const targetCell = (m: QbrMetric, w: number) =>
  m.targetStatus === 'none'
    ? cell('—', w, { color: C.faint, align: 'center' })
    : cell(m.targetStatus === 'met' ? 'On target' : 'Below', w, {
        size: 12,
        bold: true,
        align: 'center',
        color: m.targetStatus === 'met' ? C.good : C.bad,
        fill: m.targetStatus === 'met' ? C.goodSoft : C.badSoft,
      });

export function scorecardSlide({ slide, body }: Frame, d: ScorecardData, quarter: string, previousQuarter: string, toDate: boolean): void {
  const widths = cols(body.w, [2.9, 1.1, 1.0, 1.0, 1.0, 1.0, 1.2, 3.6]);
  const aligns: ('left' | 'right' | 'center')[] = ['left', 'right', 'right', 'right', 'right', 'right', 'center', 'left'];
  const lastYear = quarterLabelYearBefore(quarter);
  const rows: TableRow[] = [
    headerRow([`Metric`, `${quarterLabel(quarter)}${toDate ? ' QTD' : ''}`, quarterLabel(previousQuarter), lastYear, 'Change', 'Target', 'vs target', 'Behind the number'], widths, aligns),
  ];
  // A row with no value in any column says nothing: it is left out (the notes keep the full scorecard).
  for (const m of d.metrics.filter((x) => x.current !== null || x.previous !== null || x.lastYear !== null)) {
    rows.push([
      cell(m.label, widths[0]!),
      cell(m.currentText, widths[1]!, { align: 'right', bold: true }),
      cell(m.previousText, widths[2]!, { align: 'right', color: C.muted }),
      cell(m.lastYearText, widths[3]!, { align: 'right', color: C.muted }),
      cell(m.changeText, widths[4]!, { align: 'right', color: toneColor(m.changeTone) }),
      cell(m.targetText, widths[5]!, { align: 'right', color: m.target === null ? C.faint : C.ink }),
      targetCell(m, widths[6]!),
      cell(m.detail ?? '', widths[7]!, { color: C.muted }),
    ]);
  }
  const footH = 0.42;
  const room = body.h - footH - 0.05;
  // Rows whose text wraps are taller: the others give up the room, down to one line each.
  const tableH = table(slide, rows, body, widths, rowHToFit(rows, widths, 0.36, room));
  // The footnote at the foot of the body, or right under a table that grew into its place;
  // with not a line left for it, it is said in the notes, never drawn over the table.
  const footY = Math.max(body.y + tableH + 0.05, body.y + body.h - footH + 0.02);
  const footBox = { x: body.x, y: footY, w: body.w, h: body.y + body.h - footY };
  if (footBox.h >= (12 * LINE_SPACING) / 72) fittedText(slide, d.footnote, footBox, { size: 12, min: 12, color: C.faint, maxLines: 2 });
  else overflow(slide, d.footnote);
}
