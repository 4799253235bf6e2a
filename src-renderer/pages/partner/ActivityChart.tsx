/**
 * Bar chart of engagement events per month: every month, quiet ones as an empty slot; the
 * month under way drawn open and labelled "so far", so it does not read as a drop.
 * echarts is imported modularly to keep the bundle small.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { cssVar, useChart } from '../../components/useChart';
import { formatCount, formatMonth } from '../../lib/format';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const longMonth = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export default function ActivityChart({ data }: { data: { month: string; count: number; partial: boolean }[] }) {
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
        formatter: (items: unknown) => {
          const i = (Array.isArray(items) ? (items[0] as { dataIndex?: number } | undefined) : undefined)?.dataIndex ?? 0;
          const d = data[i];
          if (!d) return '';
          return `${formatMonth(d.month)}${d.partial ? ' (so far)' : ''}: ${formatCount(d.count)} ${d.count === 1 ? 'event' : 'events'}`;
        },
        textStyle: { fontSize: 12 },
      },
      xAxis: {
        type: 'category',
        data: data.map((d) => (d.partial ? `${formatMonth(d.month)}*` : formatMonth(d.month))),
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
          data: data.map((d) =>
            d.partial ? { value: d.count, itemStyle: { color: 'transparent', borderColor: accent, borderWidth: 1.5, borderType: 'dashed' as const } } : d.count,
          ),
          barMaxWidth: 22,
          itemStyle: { color: accent, borderRadius: [2, 2, 0, 0] },
        },
      ],
    },
    [data],
  );

  const partial = data.find((d) => d.partial);
  return (
    <>
      <div ref={el} className="chart" role="img" aria-label="Activity by month" data-testid="activity-chart" />
      {partial ? (
        <p className="chart-note" data-testid="activity-partial">
          * {longMonth.format(new Date(`${partial.month}-15T12:00:00Z`))} so far: the month is not over.
        </p>
      ) : null}
    </>
  );
}
