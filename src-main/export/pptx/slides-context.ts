/** Slides on context and people: title, health, JBP, SWOT, commitments, next steps. */
import type {
  CommitmentsData,
  HealthData,
  JbpData,
  NextStepsData,
  QbrPack,
  SwotData,
  TitleData,
} from '../../../src-shared/methods/qbr';
import type PptxGenJS from 'pptxgenjs';
import { barChart, lineChart } from './charts';
import {
  bullets,
  C,
  cell,
  cols,
  fittedText,
  H,
  headerRow,
  label,
  lineText,
  M,
  panel,
  speakerNotes,
  table,
  titleFrame,
  W,
  type Frame,
  type TableRow,
} from './frame';

const qLabel = (q: string) => `${q.slice(5)} ${q.slice(2, 4)}`;

export function titleSlide(pptx: PptxGenJS, pack: QbrPack, d: TitleData, notes: string[]): void {
  // The title master draws the background, the logo or mark and the company line.
  const slide = titleFrame(pptx);
  const textW = W - 2 * M;
  fittedText(slide, d.partnerName, { x: M, y: 2.0, w: textW, h: 1.7 }, { size: 40, min: 24, bold: true, color: C.titleInk, maxLines: 2, valign: 'bottom' });
  lineText(slide, d.subtitle, { x: M, y: 3.9, w: textW, h: 0.5 }, { size: 22, color: C.titleInk });
  lineText(slide, d.tierName, { x: M, y: 4.5, w: textW, h: 0.35 }, { size: 14, color: C.titleMuted });
  slide.addShape('line', { x: M, y: 5.25, w: 2.2, h: 0, line: { color: C.titleMuted, width: 1.25 } });
  lineText(slide, d.periodText, { x: M, y: 5.5, w: textW, h: 0.35 }, { size: 14, color: C.titleInk });
  lineText(slide, d.ownerName, { x: M, y: 5.9, w: textW, h: 0.35 }, { size: 14, color: C.titleMuted });
  lineText(slide, d.preparedText, { x: M, y: H - 0.7, w: textW, h: 0.3 }, { size: 10, color: C.titleMuted });
  speakerNotes(slide, notes, pack.partner.name);
}

export function healthSlide({ slide, body }: Frame, d: HealthData): void {
  const leftW = body.w * 0.5 - 0.15;
  barChart(
    slide,
    { x: body.x, y: body.y, w: leftW, h: body.h },
    `Health components · overall ${d.score} (${d.bandLabel})`,
    [
      { name: 'This partner', labels: d.components.map((c) => c.label), values: d.components.map((c) => c.score) },
      { name: 'Tier median', labels: d.components.map((c) => c.label), values: d.components.map((c) => c.tierMedian) },
    ],
    { max: 100, colors: [C.accent, 'C9D3DE'], labels: true },
  );
  const rx = body.x + leftW + 0.3;
  const rw = body.w - leftW - 0.3;
  const pts = d.trend.filter((t) => t.score !== null);
  const chartH = Math.min(2.5, body.h * 0.5);
  if (pts.length >= 2) {
    lineChart(slide, { x: rx, y: body.y, w: rw, h: chartH }, 'Health trend', [
      { name: 'Health', labels: pts.map((t) => qLabel(t.quarter)), values: pts.map((t) => t.score!) },
    ], { min: 0, max: 100, labels: true });
  }
  const ty = body.y + chartH + 0.2;
  const th = body.h - chartH - 0.2;
  panel(slide, { x: rx, y: ty, w: rw, h: th });
  label(slide, 'What moved, and what it means', { x: rx + 0.2, y: ty + 0.15, w: rw - 0.4, h: 0.25 });
  const items = [
    ...d.movers.map((m) => ({ text: m })),
    { text: d.eligibility.current, bold: true },
    ...(d.eligibility.next ? [{ text: d.eligibility.next }] : []),
    { text: `Churn risk ${d.churn.level} (${Math.round(d.churn.probability * 100)}%)${d.churn.factors[0] ? `: ${d.churn.factors[0]}` : ''}` },
  ];
  bullets(slide, items, { x: rx + 0.2, y: ty + 0.5, w: rw - 0.4, h: th - 0.6 }, { size: 13, min: 9, gap: 0.25 });
}

export function jbpSlide({ slide, body }: Frame, d: JbpData): void {
  fittedText(slide, `${d.plan.title} — ${d.plan.signoffText}`, { x: body.x, y: body.y, w: body.w, h: 0.32 }, { size: 14, min: 10, bold: true, maxLines: 1 });
  fittedText(slide, d.plan.summary, { x: body.x, y: body.y + 0.36, w: body.w, h: 0.3 }, { size: 11, min: 9, color: C.muted, maxLines: 1 });
  const noteH = 0.3;
  const avail = body.h - 0.75 - noteH;
  const objRows = Math.min(d.objectives.length, 5);
  const iniMax = Math.max(0, Math.min(d.initiatives.length, 6));
  const rowH = Math.min(0.34, avail / (objRows + iniMax + 2 + 1.2));
  const ow = cols(body.w, [4.2, 1.3, 1.3, 1.3, 1.7, 1.0]);
  const pct = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}% of the way`);
  const objTable: TableRow[] = [
    headerRow(['Objective', 'Baseline', 'Target', 'Actual', 'Progress', 'Due'], ow, ['left', 'right', 'right', 'right', 'left', 'right']),
    ...d.objectives.slice(0, objRows).map((o) => [
      cell(`${o.title} (${o.weight}%)`, ow[0]!),
      cell(o.baselineText, ow[1]!, { align: 'right', color: C.muted }),
      cell(o.targetText, ow[2]!, { align: 'right', bold: true }),
      cell(o.actualText ?? 'n/a', ow[3]!, { align: 'right', color: o.actualText ? C.ink : C.faint }),
      cell(o.paceText ?? pct(o.progress), ow[4]!, { size: 10, color: o.progress === null ? C.faint : C.ink }),
      cell(o.due, ow[5]!, { align: 'right', color: C.muted }),
    ]),
  ];
  const y1 = body.y + 0.75;
  table(slide, objTable, { x: body.x, y: y1, w: body.w }, ow, rowH);
  const y2 = y1 + objTable.length * rowH + 0.25;
  if (d.initiatives.length) {
    const iw = cols(body.w, [5.4, 3.0, 1.4, 1.4]);
    const shown = d.initiatives.slice(0, iniMax);
    const more = d.initiatives.length - shown.length;
    const statusColor = (s: string) => (s === 'done' ? C.good : s === 'blocked' ? C.bad : s === 'cancelled' ? C.faint : C.ink);
    const iniTable: TableRow[] = [
      headerRow([`Initiatives${more > 0 ? ` (${shown.length} of ${d.initiatives.length})` : ''}`, 'Owner', 'Due', 'Status'], iw),
      ...shown.map((i) => [
        cell(i.title, iw[0]!),
        cell(i.ownerText, iw[1]!, { color: C.muted }),
        cell(i.due, iw[2]!, { color: C.muted }),
        cell(i.statusLabel, iw[3]!, { bold: true, color: statusColor(i.status) }),
      ]),
    ];
    table(slide, iniTable, { x: body.x, y: y2, w: body.w }, iw, rowH);
  }
  fittedText(slide, d.actualsNote, { x: body.x, y: body.y + body.h - noteH, w: body.w, h: noteH }, { size: 9, min: 8, color: C.faint, maxLines: 2 });
}

export function swotSlide({ slide, body }: Frame, d: SwotData): void {
  const gap = 0.25;
  const qw = (body.w - gap) / 2;
  const qh = (body.h - gap) / 2;
  const quads: [string, string[], string, string][] = [
    ['Strengths', d.strengths, C.good, C.goodSoft],
    ['Weaknesses', d.weaknesses, C.bad, C.badSoft],
    ['Opportunities', d.opportunities, C.accent, C.accentSoft],
    ['Threats', d.threats, C.warn, C.warnSoft],
  ];
  quads.forEach(([title, items, color, soft], i) => {
    const x = body.x + (i % 2) * (qw + gap);
    const y = body.y + Math.floor(i / 2) * (qh + gap);
    panel(slide, { x, y, w: qw, h: qh }, soft);
    label(slide, title, { x: x + 0.25, y: y + 0.15, w: qw - 0.5, h: 0.3 }, color);
    if (items.length) bullets(slide, items.map((t) => ({ text: t })), { x: x + 0.25, y: y + 0.55, w: qw - 0.5, h: qh - 0.7 }, { size: 13, min: 9, gap: 0.3 });
    else fittedText(slide, 'Nothing stands out in this quarter’s figures.', { x: x + 0.25, y: y + 0.55, w: qw - 0.5, h: 0.4 }, { size: 12, color: C.muted });
  });
}

export function commitmentsSlide({ slide, body }: Frame, d: CommitmentsData): void {
  const c = d.counts;
  const tiles: [string, number, string, string][] = [
    ['Done', c.done, C.good, C.goodSoft],
    ['Open', c.open, C.accent, C.accentSoft],
    ['Missed', c.missed, C.bad, C.badSoft],
  ];
  const tw = 1.8;
  tiles.forEach(([name, v, color, soft], i) => {
    const x = body.x + i * (tw + 0.2);
    panel(slide, { x, y: body.y, w: tw, h: 0.85 }, soft);
    lineText(slide, String(v), { x: x + 0.2, y: body.y + 0.08, w: 0.8, h: 0.7 }, { size: 28, bold: true, color });
    lineText(slide, name, { x: x + 0.9, y: body.y + 0.25, w: tw - 1.0, h: 0.35 }, { size: 13, color });
  });
  lineText(slide, `Commitments made at the ${qLabel(d.fromQuarter)} QBR`, { x: body.x + 3 * (tw + 0.2) + 0.1, y: body.y + 0.25, w: body.w - 3 * (tw + 0.2) - 0.1, h: 0.35 }, { size: 13, color: C.muted });
  const w = cols(body.w, [8.2, 2.2, 1.6]);
  const max = Math.max(1, Math.floor((body.h - 1.15) / 0.4) - 1);
  const shown = d.items.slice(0, max);
  const rows: TableRow[] = [
    headerRow([`Commitment${d.items.length > shown.length ? ` (${shown.length} of ${d.items.length})` : ''}`, 'Section', 'Status'], w),
    ...shown.map((it) => [
      cell(it.body, w[0]!),
      cell(it.section, w[1]!, { color: C.muted }),
      cell(it.statusLabel, w[2]!, {
        bold: true,
        color: it.status === 'done' ? C.good : it.status === 'missed' ? C.bad : C.accent,
        fill: it.status === 'done' ? C.goodSoft : it.status === 'missed' ? C.badSoft : C.accentSoft,
      }),
    ]),
  ];
  table(slide, rows, { x: body.x, y: body.y + 1.15, w: body.w }, w, 0.4);
}

export function nextStepsSlide({ slide, body }: Frame, d: NextStepsData): void {
  const gap = 0.35;
  const cw = (body.w - gap) / 2;
  panel(slide, { x: body.x, y: body.y, w: cw, h: body.h });
  label(slide, 'Next steps', { x: body.x + 0.25, y: body.y + 0.2, w: cw - 0.5, h: 0.25 });
  const steps = [
    ...d.commitments.map((c) => ({ text: c.body, bold: true })),
    ...(d.actions ?? []).map((a) => ({ text: `${a.title}${a.due ? ` (by ${a.due})` : ''}` })),
  ];
  const stepsBox = { x: body.x + 0.25, y: body.y + 0.6, w: cw - 0.5, h: body.h - 0.8 };
  if (!d.actions && d.actionsMessage) {
    const msgH = 0.75;
    fittedText(slide, d.actionsMessage, { x: stepsBox.x, y: body.y + body.h - msgH - 0.1, w: stepsBox.w, h: msgH }, { size: 10, min: 8, color: C.faint });
    stepsBox.h -= msgH + 0.1;
  }
  if (steps.length) bullets(slide, steps, stepsBox, { size: 14, min: 10, gap: 0.3 });
  else fittedText(slide, 'No commitments recorded for this quarter yet — add them in Partnerbook before the meeting.', { ...stepsBox, h: 0.8 }, { size: 13, min: 10, color: C.muted });

  const rx = body.x + cw + gap;
  panel(slide, { x: rx, y: body.y, w: cw, h: body.h });
  label(slide, 'Asks and notes', { x: rx + 0.25, y: body.y + 0.2, w: cw - 0.5, h: 0.25 });
  const asks = [...d.asks.map((a) => ({ text: a, bold: true })), ...d.notes.map((n) => ({ text: `${n.body} (${n.date})`, color: C.muted }))];
  const box = { x: rx + 0.25, y: body.y + 0.6, w: cw - 0.5, h: body.h - 0.8 };
  if (asks.length) bullets(slide, asks, box, { size: 14, min: 10, gap: 0.3 });
  else fittedText(slide, 'No asks or notes recorded this quarter.', { ...box, h: 0.5 }, { size: 13, color: C.muted });
}
