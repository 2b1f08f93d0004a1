import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { InsightDataset } from './dataset.js';
import { customerShap } from './shap.js';

/** Customers 1..n with one decided row each: the outcome follows `a` (strongly), `b` is noise. */
const dataset = (n: number, seed: number): InsightDataset => {
  const rng = createRng(seed);
  const a = Float64Array.from({ length: n }, () => rng.next());
  const b = Float64Array.from({ length: n }, () => rng.next());
  const y = Float64Array.from(a, (v) => (rng.next() < (v > 0.5 ? 0.9 : 0.1) ? 1 : 0));
  return {
    names: ['a', 'b'],
    n,
    cols: [a, b],
    y,
    customerIds: Array.from({ length: n }, (_, i) => i + 1),
    decisionIds: Array.from({ length: n }, (_, i) => i + 1),
    dates: Array.from({ length: n }, () => '2026-01-31'),
  };
};

describe('one customer’s SHAP waterfall', () => {
  const d = dataset(600, 5);
  const target: InsightDataset = {
    names: ['a', 'b'],
    n: 1,
    cols: [Float64Array.of(0.95), Float64Array.of(0.5)],
    y: Float64Array.of(Number.NaN),
    customerIds: [7],
    decisionIds: [9001],
    dates: ['2026-12-31'],
  };

  it('adds up from the base to the customer’s margin, and the driving factor leads', () => {
    const s = customerShap(d, target, 7, 1);
    expect(s.pending).toBe(true);
    expect(s.date).toBe('2026-12-31');
    const sum = s.contributions.reduce((acc, c) => acc + c.shap, s.base);
    expect(sum).toBeCloseTo(s.margin, 9);
    expect(s.contributions[0]!.factor).toBe('a');
    expect(s.contributions[0]!.value).toBe(0.95);
    expect(s.contributions[0]!.shap).toBeGreaterThan(0);
    expect(s.probability).toBeGreaterThan(0.5);
  });

  it('explains the latest decided row when the customer has nothing pending, and refuses an unknown customer', () => {
    const s = customerShap(d, target, 3, 1);
    expect(s.pending).toBe(false);
    const low = d.cols[0]![2]! <= 0.5;
    expect(s.contributions.find((c) => c.factor === 'a')!.shap < 0).toBe(low);
    expect(() => customerShap(d, target, 99_999, 1)).toThrow(/no decision/);
  });
});
