/** Slides on context and people: title, health, JBP, SWOT, commitments, next steps. */
import type {
  CommitmentsData,
  HealthData,
  JbpData,
  NextStepsData,
  QbrPack,
  QbrSection,
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
  richText,
  speakerNotes,
  table,
  titleFrame,
  W,
  type Frame,
  type TableRow,
  quarterLabel,
} from './frame';

const qLabel = quarterLabel;

export function titleSlide(pptx: PptxGenJS, pack: QbrPack, d: TitleData, section: QbrSection): void {
  // The title master draws the background, the logo or mark and the company line.
  const slide = titleFrame(pptx);
  const textW = W - 2 * M;
  fittedText(slide, d.partnerName, { x: M, y: 2.0, w: textW, h: 1.7 }, { size: 40, min: 24, bold: true, color: C.titleInk, maxLines: 2, valign: 'bottom' });
  lineText(slide, d.subtitle, { x: M, y: 3.9, w: textW, h: 0.5 }, { size: 22, color: C.titleInk });
  lineText(slide, d.tierName, { x: M, y: 4.5, w: textW, h: 0.35 }, { size: 14, color: C.titleMuted });
  slide.addShape('line', { x: M, y: 5.25, w: 2.2, h: 0, line: { color: C.titleMuted, width: 1.25 } });
  lineText(slide, d.periodText, { x: M, y: 5.5, w: textW, h: 0.35 }, { size: 14, color: C.titleInk });
  lineText(slide, d.ownerName, { x: M, y: 5.9, w: textW, h: 0.35 }, { size: 14, color: C.titleMuted });
  lineText(slide, d.preparedText, { x: M, y: H - 0.75, w: textW, h: 0.35 }, { size: 12, color: C.titleMuted });
  speakerNotes(slide, section);
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
  label(slide, 'Where you stand', { x: rx + 0.2, y: ty + 0.15, w: rw - 0.4, h: 0.28 });
  const byScore = [...d.components].sort((a, b) => b.score - a.score);
  const items = [
    { text: d.eligibility.current, bold: true },
    ...(d.eligibility.next ? [{ text: d.eligibility.next }] : []),
    ...(byScore[0] ? [{ text: `Strongest: ${byScore.slice(0, 2).map((c) => `${c.label.toLowerCase()} (${c.score})`).join(', ')}` }] : []),
    ...(byScore.length > 2 ? [{ text: `Most room to grow: ${byScore.at(-1)!.label.toLowerCase()} (${byScore.at(-1)!.score})` }] : []),
  ];
  bullets(slide, items, { x: rx + 0.2, y: ty + 0.55, w: rw - 0.4, h: th - 0.65 }, { size: 14, min: 12, gap: 0.25 });
}

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
    if (items.length) bullets(slide, items.map((t) => ({ text: t })), { x: x + 0.25, y: y + 0.55, w: qw - 0.5, h: qh - 0.7 }, { size: 14, min: 12, gap: 0.3 });
    else fittedText(slide, 'Nothing stands out in this quarter’s figures.', { x: x + 0.25, y: y + 0.55, w: qw - 0.5, h: 0.45 }, { size: 14, color: C.muted });
  });
}

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
    lineText(slide, String(v), { x: x + 0.2, y: body.y + 0.08, w: 0.7, h: 0.7 }, { size: 28, bold: true, color });
    lineText(slide, name, { x: x + 0.85, y: body.y + 0.25, w: tw - 0.95, h: 0.35 }, { size: 14, color });
  });
  const tx = body.x + 3 * (tw + 0.2) + 0.1;
  fittedText(slide, `What we agreed at the ${qLabel(d.fromQuarter)} review`, { x: tx, y: body.y + 0.1, w: body.x + body.w - tx, h: 0.65 }, { size: 14, min: 12, color: C.muted, valign: 'middle' });
  const w = cols(body.w, [8.6, 2.0, 1.6]);
  const max = Math.max(1, Math.floor((body.h - 1.15) / 0.42) - 1);
  const shown = d.items.slice(0, max);
  const rows: TableRow[] = [
    headerRow([`Commitment${d.items.length > shown.length ? ` (${shown.length} of ${d.items.length})` : ''}`, 'Owner', 'Status'], w),
    ...shown.map((it) => [
      cell(it.body, w[0]!),
      cell(it.owner ?? '—', w[1]!, { color: C.muted }),
      cell(it.statusLabel, w[2]!, {
        bold: true,
        color: it.status === 'done' ? C.good : it.status === 'missed' ? C.bad : C.accent,
        fill: it.status === 'done' ? C.goodSoft : it.status === 'missed' ? C.badSoft : C.accentSoft,
      }),
    ]),
  ];
  table(slide, rows, { x: body.x, y: body.y + 1.15, w: body.w }, w, 0.42);
}

export function nextStepsSlide({ slide, body }: Frame, d: NextStepsData): void {
  const gap = 0.35;
  const lw = body.w * 0.6;
  const rx = body.x + lw + gap;
  const rw = body.w - lw - gap;
  label(slide, 'Mutual action plan', { x: body.x, y: body.y, w: lw, h: 0.28 });
  if (d.steps.length) {
    const w = cols(lw, [5.2, 2.6, 2.4]);
    const max = Math.max(1, Math.floor((body.h - 0.4) / 0.42) - 1);
    table(
      slide,
      [
        headerRow(['Step', 'Owner', 'Due'], w),
        ...d.steps.slice(0, max).map((st) => [
          cell(st.text, w[0]!, { bold: true }),
          cell(st.owner ?? 'to agree', w[1]!, { color: st.owner ? C.ink : C.faint }),
          cell(st.dueText ?? 'date to agree', w[2]!, { color: st.due ? C.ink : C.bad }),
        ]),
      ],
      { x: body.x, y: body.y + 0.4, w: lw },
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
