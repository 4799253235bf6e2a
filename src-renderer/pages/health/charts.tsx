/** echarts pieces for the health pages, imported modularly (lazy-loaded by the pages). */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect } from 'react';
import { cssVar, useChart } from '../../components/useChart';
import {
  HEALTH_BAND_LABELS,
  HEALTH_COMPONENTS,
  HEALTH_COMPONENT_LABELS,
  type CamRollup,
  type HealthSettings,
  type TrendPoint,
} from '../../../src-shared/methods/health';
import { BAND_COLORS } from './bits';
import { useCalendar } from '../../api/calendar';
import { quarterText } from '../../../src-shared/domain/fiscal-text';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

const css = cssVar;

const COMPONENT_COLORS = ['#3a63d0', '#7c5cc4', '#1f8a9e', '#c07a1a', '#8a93a0'];

export function TrendChart({ trend, settings }: { trend: TrendPoint[]; settings: HealthSettings }) {
  const muted = css('--text-3', '#7c8594');
  const line = css('--border', '#e2e5ea');
  const calendar = useCalendar();
  const el = useChart(
    {
      animationDuration: 300,
      grid: { left: 34, right: 12, top: 30, bottom: 24 },
      legend: {
        top: 0,
        right: 0,
        itemWidth: 12,
        itemHeight: 8,
        textStyle: { fontSize: 11, color: muted },
        data: ['Score', ...HEALTH_COMPONENTS.map((c) => HEALTH_COMPONENT_LABELS[c])],
        selected: Object.fromEntries(HEALTH_COMPONENTS.map((c) => [HEALTH_COMPONENT_LABELS[c], false])),
      },
      tooltip: { trigger: 'axis', textStyle: { fontSize: 12 } },
      xAxis: {
        type: 'category',
        data: trend.map((t) => quarterText(t.quarter, calendar, 'axis')),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: line } },
        axisLabel: { color: muted, fontSize: 11 },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        interval: 20,
        splitLine: { lineStyle: { color: line } },
        axisLabel: { color: muted, fontSize: 11 },
      },
      series: [
        {
          type: 'line',
          name: 'Score',
          data: trend.map((t) => t.score),
          symbolSize: 7,
          lineStyle: { width: 2.5, color: '#1c2128' },
          itemStyle: { color: '#1c2128' },
          label: { show: true, position: 'top', fontSize: 11, color: '#1c2128' },
          markArea: {
            silent: true,
            data: [
              [{ yAxis: settings.bands.healthy, itemStyle: { color: 'rgba(47,158,106,0.08)' } }, { yAxis: 100 }],
              [{ yAxis: settings.bands.watch, itemStyle: { color: 'rgba(224,165,38,0.08)' } }, { yAxis: settings.bands.healthy }],
              [{ yAxis: 0, itemStyle: { color: 'rgba(214,69,58,0.07)' } }, { yAxis: settings.bands.watch }],
            ],
          },
        },
        ...HEALTH_COMPONENTS.map((c, i) => ({
          type: 'line' as const,
          name: HEALTH_COMPONENT_LABELS[c],
          data: trend.map((t) => (t.components ? t.components[c] : null)),
          symbolSize: 4,
          lineStyle: { width: 1.5, type: 'dashed' as const, color: COMPONENT_COLORS[i] },
          itemStyle: { color: COMPONENT_COLORS[i] },
        })),
      ],
    },
    [trend, settings, calendar],
  );
  return <div ref={el} className="hl-chart hl-chart-trend" role="img" aria-label="Health score, last 8 quarters" data-testid="health-trend-chart" />;
}

const KIND_COLORS: Record<string, string> = {
  portal_login: '#3a63d0',
  content_download: '#7c5cc4',
  webinar: '#1f8a9e',
  training_started: '#e0a526',
  training_completed: '#2f9e6a',
};
const KIND_LABELS: Record<string, string> = {
  portal_login: 'Portal logins',
  content_download: 'Downloads',
  webinar: 'Webinars',
  training_started: 'Training started',
  training_completed: 'Training completed',
};

export function TimelineChart({ timeline }: { timeline: { week: string; counts: Record<string, number>; total: number }[] }) {
  const muted = css('--text-3', '#7c8594');
  const line = css('--border', '#e2e5ea');
  const kinds = Object.keys(KIND_LABELS);
  const el = useChart(
    {
      animationDuration: 300,
      grid: { left: 30, right: 8, top: 28, bottom: 22 },
      legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 11, color: muted } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontSize: 12 } },
      xAxis: {
        type: 'category',
        data: timeline.map((t) => t.week.slice(5)),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: line } },
        axisLabel: { color: muted, fontSize: 10, interval: 3 },
      },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 3, splitLine: { lineStyle: { color: line } }, axisLabel: { color: muted, fontSize: 11 } },
      series: kinds.map((k) => ({
        type: 'bar' as const,
        name: KIND_LABELS[k],
        stack: 'events',
        barMaxWidth: 14,
        data: timeline.map((t) => t.counts[k] ?? 0),
        itemStyle: { color: KIND_COLORS[k] },
      })),
    },
    [timeline],
  );
  return <div ref={el} className="hl-chart" role="img" aria-label="Engagement per week, last 26 weeks" data-testid="health-timeline-chart" />;
}

export function BandsByCamChart({ cams, onPick }: { cams: CamRollup[]; onPick?: (ownerId: string) => void }) {
  const muted = css('--text-3', '#7c8594');
  const line = css('--border', '#e2e5ea');
  const sorted = [...cams].sort((a, b) => b.bands.at_risk / Math.max(1, b.partners) - a.bands.at_risk / Math.max(1, a.partners)).reverse();
  const el = useChart(
    {
      animationDuration: 300,
      grid: { left: 140, right: 16, top: 26, bottom: 8, containLabel: false },
      legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 11, color: muted } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontSize: 12 } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: line } }, axisLabel: { color: muted, fontSize: 11 } },
      yAxis: {
        type: 'category',
        data: sorted.map((c) => (c.unassigned ? 'No owner' : c.owner_name)),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: line } },
        axisLabel: { color: '#4b5563', fontSize: 11, width: 130, overflow: 'truncate' },
      },
      series: (['healthy', 'watch', 'at_risk'] as const).map((b) => ({
        type: 'bar' as const,
        name: HEALTH_BAND_LABELS[b],
        stack: 'bands',
        barMaxWidth: 16,
        data: sorted.map((c) => c.bands[b]),
        itemStyle: { color: BAND_COLORS[b] },
      })),
    },
    [cams],
  );
  useEffect(() => {
    const node = el.current;
    if (!node || !onPick) return;
    const c = echarts.getInstanceByDom(node);
    const handler = (p: { dataIndex?: number }) => {
      const cam = p.dataIndex !== undefined ? sorted[p.dataIndex] : undefined;
      if (cam) onPick(cam.owner_id);
    };
    c?.on('click', handler);
    return () => {
      c?.off('click', handler);
    };
  });
  return (
    <div
      ref={el}
      className="hl-chart"
      style={{ height: Math.max(160, 40 + sorted.length * 22) }}
      role="img"
      aria-label="Health bands per CAM"
      data-testid="team-bands-chart"
    />
  );
}
