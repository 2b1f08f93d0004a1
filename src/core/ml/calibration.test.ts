import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitIsotonic, fitPlatt } from './calibration.js';

describe('calibration', () => {
  it('isotonic PAV pools the violators of a textbook example', () => {
    // y = 1,3,2,4,3,5 → PAV fit 1, 2.5, 2.5, 3.5, 3.5, 5.
    const iso = fitIsotonic(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(1, 3, 2, 4, 3, 5));
    expect([1, 2, 3, 4, 5, 6].map((s) => iso.apply(s))).toEqual([1, 2.5, 2.5, 3.5, 3.5, 5]);
    expect(iso.apply(0)).toBe(1);
    expect(iso.apply(10)).toBe(5);
  });

  it('isotonic map is non-decreasing and never worse than the identity in squared error (any data)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 })), {
          minLength: 1,
          maxLength: 80,
        }),
        (rows) => {
          const s = Float64Array.from(rows, (r) => r[0]);
          const y = Float64Array.from(rows, (r) => r[1]);
          const iso = fitIsotonic(s, y);
          const sorted = [...s].sort((a, b) => a - b);
          for (let k = 1; k < sorted.length; k++) {
            expect(iso.apply(sorted[k]!)).toBeGreaterThanOrEqual(iso.apply(sorted[k - 1]!) - 1e-12);
          }
          let a = 0;
          let b = 0;
          for (let i = 0; i < s.length; i++) {
            a += (iso.apply(s[i]!) - y[i]!) ** 2;
            b += (s[i]! - y[i]!) ** 2;
          }
          expect(a).toBeLessThanOrEqual(b + 1e-9);
        },
      ),
    );
  });

  it('Platt scaling maps scores through a fitted sigmoid that ranks like the scores', () => {
    const s = Float64Array.from({ length: 200 }, (_, i) => (i - 100) / 20);
    const y = Float64Array.from(s, (v, i) => (v + ((i * 7919) % 13) / 6 - 1 > 0 ? 1 : 0));
    const platt = fitPlatt(s, y);
    expect(platt.a).toBeGreaterThan(0);
    expect(platt.apply(-5)).toBeLessThan(0.1);
    expect(platt.apply(5)).toBeGreaterThan(0.9);
  });
});
