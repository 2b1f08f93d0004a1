import type { ProposalResponse } from '../../../contracts/analytics.js';

type T = (k: string) => string;
const pctAxis = { formatter: (v: number) => `${(v * 100).toFixed(0)}%` };
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Pie of the target asset-class weights. */
export const classPie = (p: ProposalResponse, t: T) => ({
  color: ['#8c8c8c', '#1f6fb2', '#13a8a8', '#c1381c', '#722ed1', '#f08a24'],
  tooltip: { trigger: 'item', valueFormatter: (v: number) => pct(v) },
  legend: { bottom: 0 },
  series: [
    {
      type: 'pie',
      radius: ['38%', '70%'],
      center: ['50%', '45%'],
      // Percentages on the ring, names in the legend: outside labels get cut at the card's edge.
      label: { position: 'inside', color: '#fff', formatter: (x: { value: number }) => pct(x.value) },
      data: Object.entries(p.classWeights)
        .filter(([, w]) => w > 0)
        .map(([c, w]) => ({ name: t(`analytics.classes.${c}`), value: w })),
    },
  ],
});

/** The long-only class frontier under the market assumptions, with the proposal marked. */
export const frontierChart = (p: ProposalResponse, t: T) => ({
  color: ['#1f6fb2', '#c1381c'],
  tooltip: {
    trigger: 'item',
    formatter: (x: { seriesName: string; value: [number, number] }) =>
      `${x.seriesName}<br/>${t('analytics.volatility')} ${pct(x.value[0])} · ${t('analytics.expectedReturn')} ${pct(x.value[1])}`,
  },
  legend: { top: 0 },
  grid: { left: 64, right: 24, top: 36, bottom: 44 },
  xAxis: {
    type: 'value',
    name: t('analytics.volatility'),
    nameLocation: 'middle',
    nameGap: 26,
    axisLabel: pctAxis,
    scale: true,
  },
  yAxis: {
    type: 'value',
    name: t('analytics.expectedReturn'),
    nameLocation: 'middle',
    nameGap: 40,
    axisLabel: pctAxis,
    scale: true,
  },
  series: [
    {
      name: t('analytics.frontier'),
      type: 'line',
      smooth: true,
      showSymbol: false,
      data: p.frontier.map((f) => [f.volatility, f.expectedReturn]),
    },
    {
      name: t('analytics.thisProposal'),
      type: 'scatter',
      symbolSize: 16,
      data: [[p.volatility, p.expectedReturn]],
    },
  ],
});

/** Three-year constant-mix backtest of the picks (rebased to 1). */
export const backtestChart = (p: ProposalResponse, t: T) => ({
  color: ['#c1381c'],
  tooltip: { trigger: 'axis' },
  grid: { left: 48, right: 24, top: 16, bottom: 40 },
  xAxis: { type: 'category', data: p.backtest?.dates ?? [], boundaryGap: false },
  yAxis: { type: 'value', scale: true },
  dataZoom: [{ type: 'inside' }],
  series: [{ name: t('analytics.backtest'), type: 'line', showSymbol: false, data: p.backtest?.nav ?? [] }],
});
