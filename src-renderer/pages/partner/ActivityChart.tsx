/** Bar chart of engagement events per month. echarts is imported modularly to keep the bundle small. */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { cssVar, useChart } from '../../components/useChart';
import { formatCount, formatMonth } from '../../lib/format';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function ActivityChart({ data }: { data: { month: string; count: number }[] }) {
  const accent = cssVar('--accent', '#3a63d0');
  const muted = cssVar('--text-3', '#8a93a0');
  const line = cssVar('--border', '#e3e6eb');
  const el = useChart(
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
    [data],
  );

  return <div ref={el} className="chart" role="img" aria-label="Activity by month" data-testid="activity-chart" />;
}
