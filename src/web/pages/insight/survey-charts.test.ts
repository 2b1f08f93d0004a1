import { describe, expect, it } from 'vitest';
import { distributionOption, topicOption, whiskerOption } from './survey-charts.js';
import type { Driver, Summary } from './survey-charts.js';

const summary: Summary = {
  responses: 6,
  nps_score: 0,
  promoters: 2,
  passives: 2,
  detractors: 2,
  distribution: [1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
  csat: [],
  topics: [{ topic: 'app', zh: 'App 体验', en: 'App experience', positive: 1, neutral: 0, negative: 3 }],
};

const driver = (key: string, estimate: number | null, lo: number | null, hi: number | null): Driver => ({
  key,
  source: 'operational',
  status: estimate === null ? 'insufficient_evidence' : 'estimated',
  estimate,
  ci_low: lo,
  ci_high: hi,
  unit: '0 → 1',
  reason: null,
});

type Series = { type: string; data: unknown[]; name?: string };

describe('survey tab charts', () => {
  it('colours NPS answers by class: 0–6 detractors, 7–8 passives, 9–10 promoters', () => {
    const o = distributionOption(summary) as {
      series: Array<{ data: Array<{ itemStyle: { color: string } }> }>;
    };
    const colours = o.series[0]!.data.map((d) => d.itemStyle.color);
    expect(new Set(colours.slice(0, 7)).size).toBe(1);
    expect(colours[7]).toBe(colours[8]);
    expect(colours[9]).toBe(colours[10]);
    expect(new Set([colours[0], colours[7], colours[9]]).size).toBe(3);
  });

  it('stacks topic counts by sentiment in the language asked for', () => {
    const o = topicOption(summary, false, { positive: 'P', neutral: 'N', negative: 'X' }) as {
      yAxis: { data: string[] };
      series: Series[];
    };
    expect(o.yAxis.data).toEqual(['App experience']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['X', [3]],
      ['N', [0]],
      ['P', [1]],
    ]);
  });

  it('draws a point and a whisker per estimated driver and leaves out insufficient evidence', () => {
    const o = whiskerOption(
      [
        driver('coupon', 0.3, 0.1, 0.5),
        driver('rm_contact', null, null, null),
        driver('price', -0.3, -0.4, -0.2),
      ],
      (k) => k.toUpperCase(),
    ) as { yAxis: { data: string[] }; series: Series[] };
    expect(o.yAxis.data).toEqual(['COUPON', 'PRICE']);
    expect(o.series[0]!.data).toEqual([
      [0.3, 'COUPON'],
      [-0.3, 'PRICE'],
    ]);
    expect(o.series.slice(1).map((s) => s.data)).toEqual([
      [
        [0.1, 'COUPON'],
        [0.5, 'COUPON'],
      ],
      [
        [-0.4, 'PRICE'],
        [-0.2, 'PRICE'],
      ],
    ]);
  });
});
