/**
 * One echarts instance bound to a div: created on mount, resized with its box, disposed
 * on unmount, and given `option` whenever `deps` change. Callers register the chart
 * types and components they use with `echarts.use` (modular imports keep bundles small).
 */
import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';

export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

export function useChart(option: ChartOption, deps: unknown[]) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the option depends on
  }, deps);
  return el;
}

/** A CSS custom property of the app's theme, for chart colours. */
export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
