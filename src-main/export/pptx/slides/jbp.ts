/** Joint business plan progress: objectives with missed / at risk / on track, initiatives with the overdue first. */
import type { JbpData } from '../../../../src-shared/methods/qbr';
import { C, cell, cols, fittedText, headerRow, richText, table, type Frame, type TableRow } from '../frame';

const OBJECTIVE_COLORS: Record<string, [string, string]> = {
  met: [C.good, C.goodSoft],
  on_track: [C.good, C.goodSoft],
  at_risk: [C.warn, C.warnSoft],
  missed: [C.bad, C.badSoft],
};

export function jbpSlide({ slide, body }: Frame, d: JbpData): void {
  fittedText(slide, `${d.plan.title} — ${d.plan.signoffText}`, { x: body.x, y: body.y, w: body.w, h: 0.34 }, { size: 16, min: 12, bold: true, maxLines: 1 });
  const sumH = 0.62;
  richText(slide, d.plan.summaryBlocks, { x: body.x, y: body.y + 0.4, w: body.w, h: sumH }, { size: 12, color: C.muted });
  const top = body.y + 0.4 + sumH + 0.1;
  const avail = body.y + body.h - top;
  const objRows = Math.min(d.objectives.length, 5);
  const iniMax = Math.max(0, Math.min(d.initiatives.length, 5));
  const rowH = Math.min(0.36, avail / (objRows + iniMax + 2 + 0.8));
  const ow = cols(body.w, [4.0, 1.2, 1.2, 1.2, 1.4, 1.9, 1.1]);
  const objTable: TableRow[] = [
    headerRow(['Objective', 'Baseline', 'Target', 'Actual', 'Status', 'Progress', 'Due'], ow, ['left', 'right', 'right', 'right', 'center', 'left', 'right']),
    ...d.objectives.slice(0, objRows).map((o) => {
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
    }),
  ];
  table(slide, objTable, { x: body.x, y: top, w: body.w }, ow, rowH);
  const y2 = top + objTable.length * rowH + 0.25;
  if (d.initiatives.length) {
    const iw = cols(body.w, [5.2, 3.2, 1.6, 1.6]);
    // Overdue first: they are what the meeting must settle.
    const ordered = [...d.initiatives].sort((a, b) => Number(b.overdue) - Number(a.overdue));
    const shown = ordered.slice(0, iniMax);
    const more = d.initiatives.length - shown.length;
    const statusColor = (i: JbpData['initiatives'][number]) =>
      i.overdue ? C.bad : i.status === 'done' ? C.good : i.status === 'blocked' ? C.bad : i.status === 'cancelled' ? C.faint : C.ink;
    const iniTable: TableRow[] = [
      headerRow([`Initiatives${more > 0 ? ` (${shown.length} of ${d.initiatives.length})` : ''}`, 'Owner', 'Due', 'Status'], iw),
      ...shown.map((i) => [
        cell(i.title, iw[0]!),
        cell(i.ownerText, iw[1]!, { color: C.muted }),
        cell(i.dueText, iw[2]!, { color: i.overdue ? C.bad : C.muted }),
        cell(i.statusLabel, iw[3]!, { bold: true, color: statusColor(i), fill: i.overdue ? C.badSoft : undefined }),
      ]),
    ];
    table(slide, iniTable, { x: body.x, y: y2, w: body.w }, iw, rowH);
  }
}
