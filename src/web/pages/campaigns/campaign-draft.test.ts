import { describe, expect, it } from 'vitest';
import { campaignIssues } from '../../../core/engagement/campaign.js';
import { rateChartOption } from './campaign-charts.js';
import { definitionOf, newArm, newDraft } from './campaign-draft.js';

describe('campaign form', () => {
  it('turns a filled draft into a definition the core accepts, and an empty one into paths to fix', () => {
    const d = { ...newDraft(new Date('2026-03-01T01:00:00Z')), key: 'spring', name: '春季', segmentId: 3 };
    d.arms = [{ ...newArm(0), products: ['F001'] }, newArm(1)];
    expect(campaignIssues(definitionOf(d))).toEqual([]);
    expect(definitionOf(d)).toMatchObject({
      target: { segmentId: 3 },
      holdout: 0.1,
      arms: [{ key: 'a' }, { key: 'b' }],
    });
    const empty = campaignIssues(definitionOf(newDraft(new Date('2026-03-01T01:00:00Z')))).map((i) => i.path);
    expect(empty).toEqual(
      expect.arrayContaining(['campaign.key', 'campaign.name', 'campaign.target.segmentId']),
    );
  });

  it('draws each arm’s rate with a whisker from the low to the high end of its interval', () => {
    const arm = (a: string, rate: number, ci: [number, number]) => ({
      arm: a,
      holdout: a === 'holdout',
      assigned: 100,
      exposures: 0,
      suppressed: 0,
      conversions: rate * 100,
      rate,
      rateCi: ci,
      vsHoldout: null,
    });
    const o = rateChartOption({
      campaignId: 1,
      status: 'running',
      measuredAt: '',
      windowDays: 14,
      arms: [arm('holdout', 0.1, [0.05, 0.17]), arm('a', 0.2, [0.13, 0.29])],
      srm: { p: 0.5, warning: false, expected: [], observed: [] },
      suppressionReasons: [],
      daily: [],
    }) as { series: { type: string; data: unknown[] }[] };
    expect(o.series[0]!.data).toEqual([10, 20]);
    expect(o.series[2]!.data).toEqual([
      ['a', 13],
      ['a', 29],
    ]);
  });
});
