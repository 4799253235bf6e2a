/** Joint business plan progress: objectives with missed / at risk / on track, initiatives with the overdue first. */
import type { JbpData } from '../../../../src-shared/methods/qbr';
import { C, fittedText, richText, type Frame } from '../frame';
import { cell, cols, fittedTable, headerRow, rowHeight, type TableRow } from '../tables';

const OBJECTIVE_COLORS: Record<string, [string, string]> = {
  met: [C.good, C.goodSoft],
  on_track: [C.good, C.goodSoft],
  at_risk: [C.warn, C.warnSoft],
  missed: [C.bad, C.badSoft],
};

/** Rows of each table at most: the slide is read in a meeting, not scanned. */
const MAX_ROWS = 5;
const GAP = 0.2;

/** "Objective", or "Objective (3 of 7)" when only some are shown. */
const counted = (name: string, shown: number, total: number) => (shown < total ? `${name} (${shown} of ${total})` : name);

export function jbpSlide({ slide, body }: Frame, d: JbpData): void {
  fittedText(slide, `${d.plan.title} — ${d.plan.signoffText}`, { x: body.x, y: body.y, w: body.w, h: 0.34 }, { size: 16, min: 12, bold: true, maxLines: 1 });
  // The summary takes up to three lines, and the tables start right under the lines it takes.
  const sumH = richText(slide, d.plan.summaryBlocks, { x: body.x, y: body.y + 0.4, w: body.w, h: 0.62 }, { size: 12, color: C.muted });
  const top = body.y + 0.4 + (sumH > 0 ? sumH + 0.1 : 0);
  const bottom = body.y + body.h;
  const objCount = Math.min(d.objectives.length, MAX_ROWS);
  const iniCount = Math.min(d.initiatives.length, MAX_ROWS);
  const rowH = Math.min(0.36, (bottom - top - GAP) / (objCount + iniCount + 2));
  const ow = cols(body.w, [4.0, 1.2, 1.2, 1.2, 1.4, 1.9, 1.1]);
  const objHeader = (shown: number) =>
    headerRow([counted('Objective', shown, d.objectives.length), 'Baseline', 'Target', 'Actual', 'Status', 'Progress', 'Due'], ow, ['left', 'right', 'right', 'right', 'center', 'left', 'right']);
  const objRows: TableRow[] = d.objectives.map((o) => {
    const [color, fill] = o.status ? OBJECTIVE_COLORS[o.status]! : [C.faint, undefined];
    return [
      cell(`${o.title} (${o.weight}%)`, ow[0]!),
      cell(o.baselineText, ow[1]!, { align: 'right', color: C.muted }),
      cell(o.targetText, ow[2]!, { align: 'right', bold: true }),
      cell(o.actualText ?? 'n/a', ow[3]!, { align: 'right', color: o.actualText ? C.ink : C.faint }),
      cell(o.statusLabel ?? '—', ow[4]!, { bold: true, align: 'center', color, fill }),
      cell(o.paceText ?? (o.progress === null ? '—' : `${Math.round(o.progress * 100)}% of the way`), ow[5]!, { color: C.muted }),
      cell(o.dueText, ow[6]!, { align: 'right', color: C.muted }),
    ];
  });

  const iw = cols(body.w, [5.2, 3.2, 1.6, 1.6]);
  // Overdue first: they are what the meeting must settle.
  const ordered = [...d.initiatives].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const statusColor = (i: JbpData['initiatives'][number]) =>
    i.overdue ? C.bad : i.status === 'done' ? C.good : i.status === 'blocked' ? C.bad : i.status === 'cancelled' ? C.faint : C.ink;
  const iniHeader = (shown: number) => headerRow([counted('Initiatives', shown, d.initiatives.length), 'Owner', 'Due', 'Status'], iw);
  const iniRows: TableRow[] = ordered.map((i) => [
    cell(i.title, iw[0]!),
    cell(i.ownerText, iw[1]!, { color: C.muted }),
    cell(i.dueText, iw[2]!, { color: i.overdue ? C.bad : C.muted }),
    cell(i.statusLabel, iw[3]!, { bold: true, color: statusColor(i), fill: i.overdue ? C.badSoft : undefined }),
  ]);
  // The objectives leave room for the initiatives' header and first row; both end above the body's end.
  const iniRoom = iniRows.length ? GAP + rowHeight(iniHeader(0), iw, rowH) + rowHeight(iniRows[0]!, iw, rowH) : 0;
  const obj = fittedTable(slide, objHeader, objRows, { x: body.x, y: top, w: body.w, h: bottom - top - iniRoom }, ow, rowH, MAX_ROWS);
  if (iniRows.length) {
    const y2 = top + obj.h + GAP;
    fittedTable(slide, iniHeader, iniRows, { x: body.x, y: y2, w: body.w, h: bottom - y2 }, iw, rowH, MAX_ROWS);
  }
}
