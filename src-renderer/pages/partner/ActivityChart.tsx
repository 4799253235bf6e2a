/** Bar chart of engagement events per month. echarts is imported modularly to keep the bundle small. */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatCount, formatMonth } from '../../lib/format';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function ActivityChart({ data }: { data: { month: string; count: number }[] }) {
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
    const css = getComputedStyle(document.documentElement);
    const accent = css.getPropertyValue('--accent').trim() || '#3a63d0';
    const muted = css.getPropertyValue('--text-3').trim() || '#8a93a0';
    const line = css.getPropertyValue('--border').trim() || '#e3e6eb';
    chart.current?.setOption(
      {
        animationDuration: 300,
        grid: { left: 36, right: 8, top: 12, bottom: 24 },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: unknown) => `${formatCount(Number(v))} events`,
          textStyle: { fontSize: 12 },
        },
        xAxis: {
          type: 'category',
          data: data.map((d) => formatMonth(d.month)),
          axisTick: { show: false },
          axisLine: { lineStyle: { color: line } },
          axisLabel: { color: muted, fontSize: 11, interval: data.length <= 14 ? 0 : 'auto' },
        },
        yAxis: {
          type: 'value',
          minInterval: 1,
          splitNumber: 3,
          splitLine: { lineStyle: { color: line } },
          axisLabel: { color: muted, fontSize: 11 },
        },
        series: [
          {
            type: 'bar',
            name: 'Activity',
            data: data.map((d) => d.count),
            barMaxWidth: 22,
            itemStyle: { color: accent, borderRadius: [2, 2, 0, 0] },
          },
        ],
      },
      true,
    );
  }, [data]);

  return <div ref={el} className="chart" role="img" aria-label="Activity by month" data-testid="activity-chart" />;
}
