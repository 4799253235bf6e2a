/** The pipeline reviewed deal by deal: four key figures, then each open deal with its next step, owner and stale flag. */
import type { DealsData } from '../../../../src-shared/methods/qbr';
import { C, fittedText, lineText, panel, type Frame } from '../frame';
import { cell, cols, fittedTable, headerRow, type TableRow } from '../tables';

export function dealsSlide({ slide, body }: Frame, d: DealsData): void {
  const tiles: [string, string, string][] = [
    ['Open pipeline', d.openText, `${d.openCount === 1 ? '1 open deal' : `${d.openCount} open deals`}`],
    ['Weighted pipeline', d.weightedText, 'by stage (see below)'],
    ['Average deal', d.averageDealText, d.averageDealBasis],
    ['Cycle time', d.cycleText, d.cycleBasis],
  ];
  const th = 1.05;
  const tw = (body.w - 3 * 0.25) / 4;
  tiles.forEach(([name, value, sub], i) => {
    const x = body.x + i * (tw + 0.25);
    panel(slide, { x, y: body.y, w: tw, h: th });
    lineText(slide, name, { x: x + 0.2, y: body.y + 0.08, w: tw - 0.4, h: 0.25 }, { size: 12, bold: true, color: C.muted });
    lineText(slide, value, { x: x + 0.2, y: body.y + 0.33, w: tw - 0.4, h: 0.42 }, { size: 22, bold: true });
    fittedText(slide, sub, { x: x + 0.2, y: body.y + 0.72, w: tw - 0.4, h: 0.3 }, { size: 12, color: C.muted, maxLines: 1 });
  });
  const w = cols(body.w, [2.5, 1.0, 1.5, 1.35, 3.1, 1.1, 2.25]);
  const header = (shown: number) =>
    headerRow([`Customer${shown < d.deals.length ? ` (${shown} of ${d.deals.length})` : ''}`, 'Amount', 'Stage', 'Close date', 'Next step', 'Owner', 'Flag'], w, ['left', 'right', 'left', 'right', 'left', 'left', 'left']);
  const rows: TableRow[] = d.deals.map((x) => [
    cell(x.customer, w[0]!, { bold: true }),
    cell(x.amountText, w[1]!, { align: 'right', bold: true }),
    cell(x.stageText, w[2]!, { color: C.muted }),
    cell(x.dateText, w[3]!, { align: 'right', color: x.staleText?.startsWith('Close date') ? C.bad : C.muted }),
    cell(x.nextStep, w[4]!),
    cell(x.owner, w[5]!, { color: C.muted }),
    x.staleText ? cell(x.staleText, w[6]!, { bold: true, color: C.bad, fill: C.badSoft }) : cell('Moving', w[6]!, { color: C.good }),
  ]);
  const ty = body.y + th + 0.2;
  const footH = 0.4;
  const tableH = body.h - th - 0.2 - footH - 0.05;
  fittedTable(slide, header, rows, { x: body.x, y: ty, w: body.w, h: tableH }, w, Math.min(0.42, tableH / (rows.length + 1)));
  const more = d.moreCount > 0 ? ` ${d.moreCount} more open ${d.moreCount === 1 ? 'deal closes' : 'deals close'} later.` : '';
  fittedText(slide, `${d.weightsText}${more}`, { x: body.x, y: body.y + body.h - footH, w: body.w, h: footH }, { size: 12, min: 12, color: C.faint, maxLines: 2 });
}
