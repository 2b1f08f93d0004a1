import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { QiniRow } from './qini.js';
import { qiniCurve } from './qini.js';

/** Customers whose true uplift is `u`; treated at random (half), responding with 0.2 + u when treated. */
const population = (n: number, seed: number): Array<QiniRow & { uplift: number }> => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const uplift = rng.next() * 0.4 - 0.1;
    const treated = rng.next() < 0.5;
    const outcome = rng.next() < 0.2 + (treated ? uplift : 0) ? 1 : 0;
    return { score: uplift, treated, outcome, uplift };
  });
};

describe('the Qini curve of an uplift ranking', () => {
  it('counts treated responders minus control responders scaled to the treated count, by hand', () => {
    const c = qiniCurve([
      { score: 4, treated: true, outcome: 1 },
      { score: 3, treated: false, outcome: 0 },
      { score: 2, treated: true, outcome: 0 },
      { score: 1, treated: false, outcome: 1 },
    ]);
    // k=1: no control yet → 0; k=2: 1 − 0; k=3: 1 − 0·2/1; k=4: 1 − 1·2/2 = 0.
    expect(c.points.map((p) => [p.k, p.qini])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
      [4, 0],
    ]);
    expect(c.points.map((p) => p.random)).toEqual([0, 0, 0, 0, 0]);
    // Trapezoids: (0+0)/2 + (0+1)/2 + (1+1)/2 + (1+0)/2 = 2 → 2 / 4² .
    expect(c.coefficient).toBeCloseTo(2 / 16, 12);
    expect([c.n, c.treated, c.control]).toEqual([4, 2, 2]);
  });

  it('ranks by the true uplift above random and the reversed ranking below it', () => {
    const rows = population(4000, 7);
    const good = qiniCurve(rows);
    const rng = createRng(3);
    const shuffled = qiniCurve(rows.map((r) => ({ ...r, score: rng.next() })));
    const reversed = qiniCurve(rows.map((r) => ({ ...r, score: -r.score })));
    expect(good.coefficient).toBeGreaterThan(0.01);
    expect(reversed.coefficient).toBeLessThan(-0.01);
    expect(Math.abs(shuffled.coefficient)).toBeLessThan(good.coefficient / 2);
    // Every curve ends at the same total incremental responders.
    const end = (c: typeof good) => c.points[c.points.length - 1]!.qini;
    expect(end(reversed)).toBeCloseTo(end(good), 9);
  });

  it('keeps tied scores together, so input order does not change the curve', () => {
    const rows: QiniRow[] = [
      { score: 1, treated: true, outcome: 1 },
      { score: 1, treated: false, outcome: 0 },
      { score: 0, treated: true, outcome: 0 },
      { score: 0, treated: false, outcome: 1 },
    ];
    expect(qiniCurve([...rows].reverse())).toEqual(qiniCurve(rows));
    expect(qiniCurve(rows).points.map((p) => p.k)).toEqual([0, 2, 4]);
  });

  it('thins to at most maxPoints points and keeps the last one', () => {
    const c = qiniCurve(population(1000, 1), 11);
    expect(c.points.length).toBeLessThanOrEqual(11);
    expect(c.points[c.points.length - 1]!.k).toBe(1000);
    expect(() => qiniCurve([])).toThrow(/no rows/);
  });
});
