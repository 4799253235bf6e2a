/** Native PowerPoint charts (ppt/charts/chartN.xml) in the deck's style. */
import type PptxGenJS from 'pptxgenjs';
import { toMajor } from '../../../src-shared/domain/money';
import { activeTheme, C, FONT, type Box, type Slide } from './frame';

export interface Series {
  name: string;
  labels: string[];
  values: number[];
}

/** Money in thousands of major units, to one decimal. */
function kMoney(minor: number, currency: string): number {
  return Math.round(toMajor(minor, currency) / 100) / 10;
}

/** How a money chart writes its amounts on the axis and labels, and the values it plots in that unit. */
export interface MoneyScale {
  value(minor: number): number;
  format: string;
}

/**
 * The unit of a money chart, chosen from the amounts it draws: whole units when the largest is
 * under a thousand ("$324", where thousands would read "$0k" on every tick), thousands with one
 * decimal under ten thousand ("$2.5k", where whole thousands would repeat "$2k"), else thousands
 * and millions ("$850k", "$6.8M"). Zero is a plain "$0".
 */
export function moneyScale(currency: string, amountsMinor: readonly number[]): MoneyScale {
  const symbol = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  const largest = amountsMinor.reduce((m, v) => Math.max(m, Math.abs(toMajor(v, currency))), 0);
  if (Math.round(largest) < 1000) return { value: (v) => Math.round(toMajor(v, currency)), format: `"${symbol}"#,##0` };
  if (Math.round(largest / 100) < 100) return { value: (v) => kMoney(v, currency), format: `[>0]"${symbol}"#,##0.0"k";"${symbol}"0` };
  return { value: (v) => kMoney(v, currency), format: `[>=1000]"${symbol}"#,##0.0,"M";[>0]"${symbol}"#,##0"k";"${symbol}"0` };
}

function base(box: Box, title: string): PptxGenJS.IChartOpts {
  return {
    ...box,
    showTitle: true,
    title,
    titleFontFace: FONT,
    titleFontSize: 14,
    titleColor: C.ink,
    titleBold: true,
    catAxisLabelFontFace: FONT,
    catAxisLabelFontSize: 12,
    catAxisLabelColor: C.muted,
    valAxisLabelFontFace: FONT,
    valAxisLabelFontSize: 12,
    valAxisLabelColor: C.muted,
    catAxisLineShow: true,
    catAxisLineColor: C.line,
    valAxisLineShow: false,
    valGridLine: { color: C.line, size: 0.5, style: 'solid' },
    catGridLine: { style: 'none' },
    legendFontFace: FONT,
    legendFontSize: 12,
    legendColor: C.muted,
    chartColors: activeTheme().chart,
    dataLabelFontFace: FONT,
    dataLabelFontSize: 12,
    dataLabelColor: C.ink,
  };
}

export function barChart(
  slide: Slide,
  box: Box,
  title: string,
  series: Series[],
  o: { stacked?: boolean; horizontal?: boolean; format?: string; colors?: string[]; labels?: boolean; max?: number; legend?: boolean } = {},
): void {
  // Horizontal bars draw the first category at the bottom: reverse so the list reads top-down.
  const data = o.horizontal ? series.map((s) => ({ ...s, labels: [...s.labels].reverse(), values: [...s.values].reverse() })) : series;
  slide.addChart('bar', data, {
    ...base(box, title),
    barDir: o.horizontal ? 'bar' : 'col',
    barGrouping: o.stacked ? 'stacked' : 'clustered',
    barGapWidthPct: 60,
    ...(o.stacked ? { overlap: 100 } : {}),
    showLegend: o.legend ?? series.length > 1,
    legendPos: 'b',
    ...(o.colors ? { chartColors: o.colors } : {}),
    valAxisLabelFormatCode: o.format ?? '#,##0',
    // Bars start at 0, always (a bar from a raised baseline misstates its size).
    valAxisMinVal: 0,
    ...(o.max !== undefined ? { valAxisMaxVal: o.max } : {}),
    showValue: o.labels ?? false,
    dataLabelFormatCode: o.format ?? '#,##0',
    dataLabelPosition: o.stacked ? 'ctr' : 'outEnd',
  });
}

export function lineChart(
  slide: Slide,
  box: Box,
  title: string,
  series: Series[],
  o: { format?: string; min?: number; max?: number; labels?: boolean } = {},
): void {
  slide.addChart('line', series, {
    ...base(box, title),
    lineSize: 2,
    lineDataSymbol: 'circle',
    lineDataSymbolSize: 6,
    showLegend: series.length > 1,
    legendPos: 'b',
    valAxisLabelFormatCode: o.format ?? '#,##0',
    valAxisMinVal: o.min ?? 0,
    ...(o.max !== undefined ? { valAxisMaxVal: o.max } : {}),
    showValue: o.labels ?? false,
    dataLabelPosition: 't',
    dataLabelFormatCode: o.format ?? '#,##0',
  });
}

export function doughnut(slide: Slide, box: Box, title: string, labels: string[], values: number[], colors: string[]): void {
  slide.addChart('doughnut', [{ name: title, labels, values }], {
    ...base(box, title),
    holeSize: 62,
    chartColors: colors,
    showLegend: true,
    legendPos: 'b',
    showValue: false,
    showPercent: true,
    dataLabelColor: C.white,
    dataLabelFontSize: 12,
  });
}
