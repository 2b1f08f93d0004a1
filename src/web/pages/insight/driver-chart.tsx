import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../../components/echart.js';

export type DriverBar = { label: string; value: number; low: number; high: number };

/**
 * Horizontal bars of the estimated effects with their 95% CI drawn as whiskers (a custom series: a line from the
 * low to the high end with caps), the naive difference as a hollow marker beside each bar.
 */
export const DriverChart = ({ bars, naive }: { bars: DriverBar[]; naive?: number[] }) => {
  // The custom series does not widen the axis: its extent is set to cover every whisker, the bars and 0.
  const ends = bars.flatMap((b) => [b.low, b.high, b.value]).concat(naive ?? [], [0]);
  const pad = (Math.max(...ends) - Math.min(...ends)) * 0.05 || 0.01;
  const option: EChartsCoreOption = {
    grid: { left: 150, right: 30, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      min: +(Math.min(...ends) - pad).toFixed(4),
      max: +(Math.max(...ends) + pad).toFixed(4),
      axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(0)}%` },
    },
    yAxis: { type: 'category', data: bars.map((b) => b.label), inverse: true },
    series: [
      {
        type: 'bar',
        name: 'effect',
        data: bars.map((b) => +b.value.toFixed(4)),
        itemStyle: { color: '#1677ff' },
        barWidth: 14,
      },
      {
        type: 'custom',
        name: 'CI',
        data: bars.map((b, i) => [i, b.low, b.high]),
        renderItem: (
          _: unknown,
          api: {
            value: (d: number) => number;
            coord: (p: [number, number]) => [number, number];
            size: (p: [number, number]) => [number, number];
          },
        ) => {
          const i = api.value(0);
          const lo = api.coord([api.value(1), i]);
          const hi = api.coord([api.value(2), i]);
          const cap = 6;
          const style = { stroke: '#333', lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0], y1: lo[1] - cap, x2: lo[0], y2: lo[1] + cap }, style },
              { type: 'line', shape: { x1: hi[0], y1: hi[1] - cap, x2: hi[0], y2: hi[1] + cap }, style },
            ],
          };
        },
        z: 10,
      },
      ...(naive
        ? [
            {
              type: 'scatter',
              name: 'naive',
              data: naive.map((v) => +v.toFixed(4)),
              symbol: 'emptyCircle',
              symbolSize: 9,
              itemStyle: { color: '#fa8c16' },
            },
          ]
        : []),
    ],
  };
  return <EChart option={option} height={Math.max(160, 40 * bars.length + 50)} />;
};
