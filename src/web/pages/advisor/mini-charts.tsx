import { EChart } from '../../components/echart.js';

/**
 * The chat cards' small charts. This module is loaded lazily by chat-cards.tsx (React.lazy), so ECharts is
 * fetched only once a card with a chart arrives and the chat page's first download stays small.
 */

const PALETTE = ['#c1381c', '#f08a24', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#faad14', '#eb2f96'];

export const AllocationPie = ({ picks }: { picks: { name: string; weight: number }[] }) => (
  <EChart
    height={150}
    option={{
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          label: { show: false },
          data: picks.map((p) => ({ name: p.name, value: Math.round(p.weight * 1000) / 10 })),
        },
      ],
    }}
  />
);

/** Horizontal bars (the check-up's score and findings by severity; the attribution's decomposition). */
export const Bars = ({
  labels,
  values,
  percent,
  max,
}: {
  labels: string[];
  values: number[];
  percent?: boolean;
  max?: number;
}) => (
  <EChart
    height={Math.max(90, labels.length * 30 + 20)}
    option={{
      grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', show: false, ...(max === undefined ? {} : { max }) },
      yAxis: { type: 'category', data: labels, inverse: true, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barWidth: 14,
          data: values.map((v) => ({
            value: percent ? Math.round(v * 10000) / 100 : v,
            itemStyle: { color: v < 0 ? '#389e0d' : '#c1381c' },
          })),
          label: { show: true, position: 'right', formatter: percent ? '{c}%' : '{c}' },
        },
      ],
    }}
  />
);

/** A NAV sparkline without axes. */
export const Sparkline = ({ values }: { values: number[] }) => (
  <EChart
    height={56}
    option={{
      grid: { left: 0, right: 0, top: 4, bottom: 4 },
      xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
      yAxis: { type: 'value', show: false, scale: true },
      series: [
        {
          type: 'line',
          data: values,
          symbol: 'none',
          lineStyle: { width: 1.5, color: '#1677ff' },
          areaStyle: { color: 'rgba(22,119,255,0.08)' },
        },
      ],
    }}
  />
);
