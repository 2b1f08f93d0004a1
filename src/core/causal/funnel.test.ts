import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { analyzeFunnel, funnelFlows, highestStage, twoProportionTest, wilsonInterval } from './funnel.js';

const R = -Infinity;
const N = NaN;

describe('AIPL funnel', () => {
  it('assigns the highest stage reached even when earlier stage events are missing', () => {
    const inp = {
      stages: ['a', 'i', 'p', 'l'],
      reached: [
        [R, R, N, R],
        [N, R, N, N],
        [N, N, N, R],
        [N, N, R, N],
      ].map((c) => Float64Array.from(c)),
    };
    expect(Array.from(highestStage(inp))).toEqual([0, 1, 3, 2]);
    const r = analyzeFunnel(inp);
    expect(r.overall.counts).toEqual([4, 3, 2, 1]);
    expect(r.overall.rates).toEqual([1, 0.75, 2 / 3, 0.5]);
    expect(r.break_point.group).toBeNull();
    expect(r.break_point.step).toBe('l');
  });

  it('Wilson interval matches the textbook value and two-proportion test is symmetric', () => {
    // 8 successes of 10 at 95%: [0.4902, 0.9433] (Newcombe 1998, table I)
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
    const t1 = twoProportionTest(30, 100, 45, 100);
    const t2 = twoProportionTest(45, 100, 30, 100);
    expect(t1.p).toBeCloseTo(t2.p, 15);
    expect(t1.z).toBeCloseTo(-t2.z, 15);
  });

  it('finds the planted break point: one channel loses customers at the purchase step', () => {
    const rng = createRng(11);
    const n = 6000;
    const groups: string[] = [];
    const cols = [0, 1, 2, 3].map(() => new Float64Array(n).fill(NaN));
    for (let i = 0; i < n; i++) {
      const g = ['app', 'branch', 'wechat'][i % 3]!;
      groups.push(g);
      const conv = [1, 0.5, g === 'wechat' ? 0.15 : 0.4, 0.6];
      let t = 0;
      for (let s = 0; s < 4; s++) {
        if (rng.next() >= conv[s]!) break;
        t += 1 + rng.int(30);
        cols[s]![i] = t;
      }
    }
    const r = analyzeFunnel({ stages: ['a', 'i', 'p', 'l'], reached: cols, groups });
    expect(r.break_point).toMatchObject({ step: 'p', from: 'i', group: 'wechat' });
    expect(r.break_point.q_value!).toBeLessThan(0.05);
    expect(Object.keys(r.groups)).toEqual(['app', 'branch', 'wechat']);
    const flows = funnelFlows({ stages: ['a', 'i', 'p', 'l'], reached: cols, groups }, 10, 1000);
    const total = flows.matrix.flat().reduce((s, x) => s + x, 0);
    expect(total).toBe(n);
    // nobody moves backwards between the two dates
    flows.matrix.forEach((row, from) => row.forEach((c, to) => (to < from ? expect(c).toBe(0) : undefined)));
  });
});
