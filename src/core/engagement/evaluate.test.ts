import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yuanText } from './evaluate.js';

describe('yuanText (amounts in MOT scripts and messages)', () => {
  it('groups thousands of the rounded yuan amount', () => {
    expect(yuanText(600_000)).toBe('600,000');
    expect(yuanText(1_234_567.5)).toBe('1,234,568');
    expect(yuanText(-2_500.4)).toBe('-2,500');
    expect(yuanText(999)).toBe('999');
  });

  it('writes exactly what toLocaleString wrote before the shared formatter', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        expect(yuanText(x)).toBe(Math.round(x).toLocaleString('en-US', { maximumFractionDigits: 0 }));
      }),
      { numRuns: 2000 },
    );
  });
});
