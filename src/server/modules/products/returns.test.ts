import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthsBefore, navPerformance } from './returns.js';

describe('NAV performance', () => {
  it('clamps month arithmetic to the end of shorter months', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2026-01-15', 12)).toBe('2025-01-15');
  });

  it('measures a period return from the last NAV on or before the period start', () => {
    const dates = ['2025-10-28', '2025-10-31', '2025-11-03', '2026-10-30'];
    const adj = Float64Array.from([1.0, 1.1, 1.2, 1.32]);
    const p = navPerformance(dates, adj);
    expect(p.y1).toBeCloseTo(1.32 / 1.0 - 1, 12);
    expect(p.sinceStart).toBeCloseTo(0.32, 12);
    // No NAV inside the last month: the period starts at the last NAV before it (1.2 on 2025-11-03).
    expect(p.m1).toBeCloseTo(1.32 / 1.2 - 1, 12);
  });

  it('reports a drawdown between −1 and 0 and null periods longer than the series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 2, maxLength: 60 }),
        (xs) => {
          const dates = xs.map((_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
          const p = navPerformance(dates, Float64Array.from(xs));
          expect(p.maxDrawdown!).toBeLessThanOrEqual(0);
          expect(p.maxDrawdown!).toBeGreaterThan(-1);
          expect(p.y1).toBeNull();
        },
      ),
    );
  });
});
