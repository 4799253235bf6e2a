/** Last QBR’s commitments: done, carried over, missed. */
import type { CommitmentsData } from '../../../../src-shared/methods/qbr';
import { C, fittedText, lineText, panel, quarterLabel, type Frame } from '../frame';
import { cell, cols, fittedTable, headerRow, type TableRow } from '../tables';

export function commitmentsSlide({ slide, body }: Frame, d: CommitmentsData): void {
  const c = d.counts;
  const tiles: [string, number, string, string][] = [
    ['Done', c.done, C.good, C.goodSoft],
    ['Carried over', c.open, C.accent, C.accentSoft],
    ['Missed', c.missed, C.bad, C.badSoft],
  ];
  const tw = 2.3;
  tiles.forEach(([name, v, color, soft], i) => {
    const x = body.x + i * (tw + 0.2);
    panel(slide, { x, y: body.y, w: tw, h: 0.85 }, soft);
    lineText(slide, String(v), { x: x + 0.2, y: body.y + 0.08, w: 0.65, h: 0.7 }, { size: 28, bold: true, color });
    lineText(slide, name, { x: x + 0.85, y: body.y + 0.25, w: tw - 0.95, h: 0.35 }, { size: 14, color });
  });
  const tx = body.x + 3 * (tw + 0.2) + 0.1;
  fittedText(slide, `What we agreed at the ${quarterLabel(d.fromQuarter)} review`, { x: tx, y: body.y + 0.1, w: body.x + body.w - tx, h: 0.65 }, { size: 14, min: 12, color: C.muted, valign: 'middle' });
  const w = cols(body.w, [8.6, 2.0, 1.6]);
  const header = (shown: number) => headerRow([`Commitment${d.items.length > shown ? ` (${shown} of ${d.items.length})` : ''}`, 'Owner', 'Status'], w);
  const rows: TableRow[] = d.items.map((it) => [
    cell(it.body, w[0]!),
    cell(it.owner ?? '—', w[1]!, { color: C.muted }),
    cell(it.statusLabel, w[2]!, {
      bold: true,
      color: it.status === 'done' ? C.good : it.status === 'missed' ? C.bad : C.accent,
      fill: it.status === 'done' ? C.goodSoft : it.status === 'missed' ? C.badSoft : C.accentSoft,
    }),
  ]);
  fittedTable(slide, header, rows, { x: body.x, y: body.y + 1.15, w: body.w, h: body.h - 1.15 }, w, 0.42);
}
