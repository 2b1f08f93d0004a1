import type { EChartsCoreOption } from 'echarts/core';

/** ECharts options of the survey tab (pure: tested without a browser). */
export type Counts = { positive: number; neutral: number; negative: number };
export type Summary = {
  responses: number;
  nps_score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  distribution: number[];
  csat: Array<{ item: string; mean: number | null; answered: number }>;
  topics: Array<{ topic: string; zh: string; en: string } & Counts>;
};
export type Driver = {
  key: string;
  source: 'operational' | 'survey';
  status: 'estimated' | 'insufficient_evidence';
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  unit: string;
  reason: string | null;
};

/** NPS answers 0–10 as bars coloured by class (detractor, passive, promoter). */
export const distributionOption = (s: Summary): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 40, right: 16, top: 16, bottom: 28 },
  xAxis: { type: 'category', data: s.distribution.map((_, i) => String(i)) },
  yAxis: { type: 'value' },
  series: [
    {
      type: 'bar',
      data: s.distribution.map((v, i) => ({
        value: v,
        itemStyle: { color: i <= 6 ? '#cf1322' : i <= 8 ? '#d4b106' : '#389e0d' },
      })),
    },
  ],
});

/** Topic × sentiment as stacked horizontal bars. */
export const topicOption = (
  s: Summary,
  zh: boolean,
  names: Record<keyof Counts, string>,
): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  legend: {},
  grid: { left: 110, right: 16, top: 32, bottom: 24 },
  xAxis: { type: 'value' },
  yAxis: { type: 'category', data: s.topics.map((t) => (zh ? t.zh : t.en)) },
  series: (['negative', 'neutral', 'positive'] as const).map((k) => ({
    type: 'bar',
    stack: 'all',
    name: names[k],
    itemStyle: { color: k === 'negative' ? '#cf1322' : k === 'neutral' ? '#bfbfbf' : '#389e0d' },
    data: s.topics.map((t) => t[k]),
  })),
});

/** Estimated drivers as points with their 95 % CI whiskers (one row a driver; units in the table below). */
export const whiskerOption = (ds: Driver[], label: (k: string) => string): EChartsCoreOption => {
  const est = ds.filter((d) => d.status === 'estimated' && d.estimate !== null);
  const names = est.map((d) => label(d.key));
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 150, right: 24, top: 16, bottom: 28 },
    xAxis: { type: 'value', scale: true },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        type: 'scatter',
        symbolSize: 9,
        data: est.map((d, i) => [d.estimate, names[i]]),
        itemStyle: { color: '#1677ff' },
      },
      ...est.map((d, i) => ({
        type: 'line',
        symbol: 'rect',
        symbolSize: [2, 10],
        lineStyle: { color: '#333', width: 2 },
        itemStyle: { color: '#333' },
        tooltip: { show: false },
        data: [
          [d.ci_low, names[i]],
          [d.ci_high, names[i]],
        ],
      })),
    ],
  };
};
