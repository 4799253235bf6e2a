/** Slides built on the QBR's own figures: summary, scorecard, trends, pipeline, benchmarks. */
import type {
  BenchmarksData,
  PipelineData,
  QbrMetric,
  ScorecardData,
  SummaryData,
  TrendsData,
} from '../../../src-shared/methods/qbr';
import { barChart, doughnut, kMoney, kMoneyFormat, lineChart } from './charts';
import {
  C,
  cell,
  cols,
  fittedText,
  headerRow,
  label,
  lineText,
  messagePanel,
  panel,
  table,
  toneColor,
  toneSoft,
  type Frame,
  type TableRow,
  quarterLabel,
  quarterLabelYearBefore,
} from './frame';

const qLabel = quarterLabel;

export function summarySlide({ slide, body }: Frame, d: SummaryData): void {
  const leftW = 3.9;
  const gap = 0.35;
  const tilesH = 1.25;
  const topH = body.h - tilesH - 0.25;
  // Health tile
  panel(slide, { x: body.x, y: body.y, w: leftW, h: topH });
  label(slide, 'Partner health', { x: body.x + 0.25, y: body.y + 0.2, w: leftW - 0.5, h: 0.25 });
  if (d.health) {
    const h = d.health;
    const tone = h.band === 'healthy' ? 'good' : h.band === 'at_risk' ? 'bad' : 'neutral';
    lineText(slide, String(h.score), { x: body.x + 0.25, y: body.y + 0.5, w: 1.4, h: 0.85 }, { size: 48, bold: true, color: toneColor(tone) });
    lineText(slide, h.bandLabel, { x: body.x + 1.6, y: body.y + 0.58, w: leftW - 1.85, h: 0.35 }, { size: 16, bold: true, color: toneColor(tone) });
    const delta = h.delta === null ? 'new this quarter' : h.delta === 0 ? 'unchanged since last quarter' : `${h.delta > 0 ? '▲' : '▼'} ${Math.abs(h.delta)} since last quarter`;
    lineText(slide, delta, { x: body.x + 1.6, y: body.y + 0.95, w: leftW - 1.85, h: 0.3 }, { size: 12, color: C.muted });
    const pts = h.trend.filter((t) => t.score !== null);
    if (pts.length >= 2) {
      lineChart(
        slide,
        { x: body.x + 0.1, y: body.y + 1.45, w: leftW - 0.2, h: topH - 1.55 },
        'Health, last 8 quarters',
        [{ name: 'Health', labels: pts.map((t) => qLabel(t.quarter)), values: pts.map((t) => t.score!) }],
        { min: 0, max: 100 },
      );
    }
  } else {
    fittedText(slide, d.healthMessage ?? 'Partner health is not available.', { x: body.x + 0.25, y: body.y + 0.6, w: leftW - 0.5, h: topH - 0.9 }, {
      size: 14,
      min: 12,
      color: C.muted,
    });
  }
  // Headlines
  const hx = body.x + leftW + gap;
  const hw = body.w - leftW - gap;
  // The tier status leads when there is one: it is what the partner cares about first.
  let hy = body.y;
  if (d.tierStatus) {
    const atRisk = !/requirements met/.test(d.tierStatus);
    panel(slide, { x: hx, y: hy, w: hw, h: 0.7 }, atRisk ? C.warnSoft : C.goodSoft);
    fittedText(slide, d.tierStatus, { x: hx + 0.2, y: hy + 0.06, w: hw - 0.4, h: 0.58 }, { size: 18, min: 12, bold: true, color: atRisk ? C.warn : C.good, valign: 'middle', maxLines: 2 });
    hy += 0.85;
  }
  label(slide, 'Three things to know', { x: hx, y: hy + 0.05, w: hw, h: 0.28 });
  const rowH = (body.y + topH - hy - 0.45) / 3;
  d.headlines.forEach((hl, i) => {
    const y = hy + 0.45 + i * rowH;
    slide.addShape('rect', { x: hx, y: y + 0.05, w: 0.08, h: rowH - 0.2, fill: { color: toneColor(hl.tone) }, line: { color: toneColor(hl.tone), width: 0 } });
    fittedText(slide, hl.text, { x: hx + 0.3, y: y + 0.05, w: hw - 0.3, h: rowH - 0.2 }, { size: 18, min: 12, valign: 'middle' });
  });
  // Key figures
  const ty = body.y + body.h - tilesH;
  const n = d.keyFigures.length;
  const tw = (body.w - (n - 1) * 0.25) / n;
  d.keyFigures.forEach((k, i) => {
    const x = body.x + i * (tw + 0.25);
    panel(slide, { x, y: ty, w: tw, h: tilesH });
    lineText(slide, k.label, { x: x + 0.2, y: ty + 0.1, w: tw - 0.4, h: 0.25 }, { size: 12, bold: true, color: C.muted });
    lineText(slide, k.value, { x: x + 0.2, y: ty + 0.36, w: tw - 0.4, h: 0.46 }, { size: 24, bold: true });
    fittedText(slide, k.sub, { x: x + 0.2, y: ty + 0.8, w: tw - 0.4, h: 0.42 }, { size: 12, color: C.muted, maxLines: 2 });
  });
}

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
    headerRow([`Metric`, `${qLabel(quarter)}${toDate ? ' QTD' : ''}`, qLabel(previousQuarter), lastYear, 'Change', 'Target', 'vs target', 'Behind the number'], widths, aligns),
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
  const rowH = Math.min(0.36, (body.h - footH - 0.05) / rows.length);
  table(slide, rows, body, widths, rowH);
  fittedText(slide, d.footnote, { x: body.x, y: body.y + body.h - footH + 0.02, w: body.w, h: footH - 0.02 }, { size: 12, min: 12, color: C.faint, maxLines: 2 });
}

const allZero = (values: readonly number[]) => values.every((v) => !v);

export function trendsSlide({ slide, body }: Frame, d: TrendsData): void {
  const leftW = body.w * 0.5 - 0.15;
  const labels = d.quarters.map((q, i) => (d.currentToDate && i === d.quarters.length - 1 ? `${qLabel(q)} QTD` : qLabel(q)));
  const fmt = kMoneyFormat(d.currency);
  const won = [
    { name: 'Sourced', labels, values: d.sourcedWon.map((v) => kMoney(v, d.currency)) },
    { name: 'Influenced', labels, values: d.influencedWon.map((v) => kMoney(v, d.currency)) },
    { name: 'Co-sell & marketplace', labels, values: d.otherWon.map((v) => kMoney(v, d.currency)) },
  ].filter((x) => !allZero(x.values));
  if (won.length) barChart(slide, { x: body.x, y: body.y, w: leftW, h: body.h }, 'ARR won per quarter', won, { stacked: true, format: fmt, legend: true });
  else messagePanel(slide, `No ARR won in the last ${d.quarters.length} quarters yet: the pipeline on the right is where it starts.`, { x: body.x, y: body.y, w: leftW, h: body.h }, 'ARR won');
  const rx = body.x + leftW + 0.3;
  const rw = body.w - leftW - 0.3;
  const topH = body.h * 0.5 - 0.1;
  if (d.pipelineCreated.length === 0) {
    messagePanel(slide, 'This book’s files hold closed deals only: no pipeline to chart.', { x: rx, y: body.y, w: rw, h: topH }, 'Pipeline created');
  } else if (allZero(d.pipelineCreated)) {
    messagePanel(slide, `No new pipeline registered in the last ${d.quarters.length} quarters.`, { x: rx, y: body.y, w: rw, h: topH }, 'Pipeline created');
  } else {
    barChart(slide, { x: rx, y: body.y, w: rw, h: topH }, 'Pipeline created per quarter', [
      { name: 'Pipeline created', labels, values: d.pipelineCreated.map((v) => kMoney(v, d.currency)) },
    ], { format: fmt, colors: [C.accent] });
  }
  const my = body.y + topH + 0.2;
  const mh = body.h - topH - 0.2;
  if (!d.mdf) {
    messagePanel(slide, 'No MDF allocation covers this quarter.', { x: rx, y: my, w: rw, h: mh }, 'Market development funds');
    return;
  }
  const m = d.mdf;
  panel(slide, { x: rx, y: my, w: rw, h: mh });
  const dw = Math.min(2.6, mh);
  if (m.allocated > 0) {
    doughnut(
      slide,
      { x: rx + 0.05, y: my + 0.05, w: dw, h: mh - 0.1 },
      `MDF ${m.period}`,
      ['Claimed', 'Still to use'],
      [kMoney(m.claimed, d.currency), kMoney(Math.max(0, m.allocated - m.claimed), d.currency)],
      [C.accent, 'C9D3DE'],
    );
  }
  const tx = rx + dw + 0.2;
  const tw = rw - dw - 0.4;
  const lines: [string, string][] = [
    ['Allocated', m.allocatedText],
    ['Approved', m.approvedText],
    ['Claimed', m.claimedText],
    ['Attributed pipeline', m.attributedText],
  ];
  label(slide, 'Market development funds', { x: tx, y: my + 0.2, w: tw, h: 0.25 });
  const step = Math.min(0.38, (mh - 1.2) / lines.length);
  lines.forEach(([k, v], i) => {
    lineText(slide, k, { x: tx, y: my + 0.55 + i * step, w: tw * 0.6, h: step }, { size: 12, color: C.muted });
    lineText(slide, v, { x: tx + tw * 0.6, y: my + 0.55 + i * step, w: tw * 0.4, h: step }, { size: 12, bold: true, align: 'right' });
  });
  fittedText(slide, m.returnText, { x: tx, y: my + 0.6 + lines.length * step, w: tw, h: mh - 0.7 - lines.length * step }, {
    size: 12,
    min: 12,
    color: C.accent,
    bold: true,
  });
}

export function pipelineSlide({ slide, body }: Frame, d: PipelineData, currency: string, quarterDone: boolean): void {
  const leftW = 4.9;
  const stages = d.byStage.filter((st) => st.amount > 0);
  if (stages.length >= 2) {
    barChart(
      slide,
      { x: body.x, y: body.y, w: leftW, h: body.h },
      `Open pipeline by stage · ${d.openText}`,
      [{ name: 'Open pipeline', labels: stages.map((st) => st.label), values: stages.map((st) => kMoney(st.amount, currency)) }],
      { horizontal: true, format: kMoneyFormat(currency), colors: [C.accent], labels: true, legend: false },
    );
  } else {
    // One stage is a sentence, not a chart of one giant bar.
    const only = stages[0];
    messagePanel(
      slide,
      only
        ? `${d.openText} open across ${d.openCount === 1 ? '1 deal' : `${d.openCount} deals`}, all at ${only.label.toLowerCase()}.`
        : 'No open partner pipeline on this date: registering the next deals is the first step.',
      { x: body.x, y: body.y, w: leftW, h: body.h },
      'Open pipeline',
    );
  }
  const rx = body.x + leftW + 0.35;
  const rw = body.w - leftW - 0.35;
  const half = (body.h - 0.3) / 2;
  const rowH = Math.min(0.34, (half - 0.35) / 6);
  label(slide, `Top wins · ${d.wonCount} won, ${d.wonText}`, { x: rx, y: body.y, w: rw, h: 0.28 });
  if (d.topWins.length) {
    const w = cols(rw, [4.0, 1.4, 1.5, 1.6]);
    table(
      slide,
      [
        headerRow(['Customer', 'Amount', 'Role', 'Closed'], w, ['left', 'right', 'left', 'right']),
        ...d.topWins.map((x) => [
          cell(x.customer, w[0]!),
          cell(x.amountText, w[1]!, { align: 'right', bold: true }),
          cell(x.roleText, w[2]!, { color: C.muted }),
          cell(x.dateText, w[3]!, { align: 'right', color: C.muted }),
        ]),
      ],
      { x: rx, y: body.y + 0.32, w: rw },
      w,
      rowH,
    );
  } else {
    fittedText(slide, quarterDone ? 'No deals won this quarter.' : 'No deals won this quarter yet.', { x: rx, y: body.y + 0.35, w: rw, h: 0.4 }, { size: 14, color: C.muted });
  }
  const y2 = body.y + half + 0.3;
  label(slide, `Largest open deals · ${d.openCount} open, ${d.closingNextQuarterText} closing by next quarter’s end`, { x: rx, y: y2, w: rw, h: 0.28 });
  if (d.topOpen.length) {
    const w = cols(rw, [3.6, 1.4, 1.8, 1.7]);
    table(
      slide,
      [
        headerRow(['Customer', 'Amount', 'Stage', 'Close date'], w, ['left', 'right', 'left', 'right']),
        ...d.topOpen.map((x) => [
          cell(x.customer, w[0]!),
          cell(x.amountText, w[1]!, { align: 'right', bold: true }),
          cell(x.stageText, w[2]!, { color: C.muted }),
          cell(x.dateText, w[3]!, { align: 'right', color: C.muted }),
        ]),
      ],
      { x: rx, y: y2 + 0.32, w: rw },
      w,
      rowH,
    );
  } else {
    fittedText(slide, 'No open deals.', { x: rx, y: y2 + 0.35, w: rw, h: 0.4 }, { size: 14, color: C.muted });
  }
}

export function benchmarksSlide({ slide, body }: Frame, d: BenchmarksData): void {
  if (d.tooNew) {
    messagePanel(slide, d.tooNewText ?? 'Too new to compare with peers.', body, 'Not ranked yet');
    return;
  }
  const ranked = d.items.filter((i) => i.percentile !== null);
  const leftW = 4.6;
  if (ranked.length) {
    barChart(
      slide,
      { x: body.x, y: body.y, w: leftW, h: body.h },
      `Percentile among ${d.peers} ${d.tierName} partners`,
      [{ name: 'Percentile', labels: ranked.map((i) => i.label), values: ranked.map((i) => i.percentile!) }],
      { horizontal: true, max: 100, colors: [C.accent], labels: true, legend: false },
    );
  } else {
    messagePanel(slide, `Too few ${d.tierName} peers with data to compare this quarter.`, { x: body.x, y: body.y, w: leftW, h: body.h }, 'Benchmarks');
  }
  const rx = body.x + leftW + 0.35;
  const rw = body.w - leftW - 0.35;
  const w = cols(rw, [2.9, 1.1, 1.1, 2.9]);
  const rows: TableRow[] = [
    headerRow(['KPI', 'Partner', 'Median', `Among ${d.tierName} peers`], w, ['left', 'right', 'right', 'left']),
    ...d.items.map((i) => [
      cell(i.label, w[0]!),
      cell(i.valueText, w[1]!, { align: 'right', bold: true }),
      cell(i.medianText, w[2]!, { align: 'right', color: C.muted }),
      cell(i.position, w[3]!, { color: toneColor(i.tone), fill: i.tone === 'neutral' ? undefined : toneSoft(i.tone) }),
    ]),
  ];
  table(slide, rows, { x: rx, y: body.y, w: rw }, w, Math.min(0.42, body.h / rows.length));
}
