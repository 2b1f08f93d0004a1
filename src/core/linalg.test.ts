import { describe, expect, it } from 'vitest';
import { gramUpper } from './linalg.js';
import { createRng } from './random.js';

const plainDot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t]! * b[t]!;
  return s;
};

describe('gramUpper, the blocked covariance kernel', () => {
  it('gives every present pair exactly the plain loop’s sum, once, with missing columns and odd sizes', () => {
    const rng = createRng(11);
    for (const [n, len] of [
      [1, 5],
      [2, 3],
      [7, 10],
      [13, 33],
      [30, 101],
    ] as const) {
      const cols = Array.from({ length: n }, () =>
        rng.next() < 0.2 ? null : Float64Array.from({ length: len }, () => rng.normal()),
      );
      const seen = new Map<string, number>();
      gramUpper(cols, (i, j, dot) => {
        expect(i).toBeLessThanOrEqual(j);
        expect(seen.has(`${i},${j}`)).toBe(false);
        seen.set(`${i},${j}`, dot);
      });
      for (let i = 0; i < n; i++)
        for (let j = i; j < n; j++) {
          const a = cols[i];
          const b = cols[j];
          if (a && b) expect(seen.get(`${i},${j}`)).toBe(plainDot(a, b));
          else expect(seen.has(`${i},${j}`)).toBe(false);
        }
    }
  });
});
