import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyBinMapper, binCount, fitBinMapper, numericBin, numericUpperBounds } from './gbdt-binning.js';

describe('GBDT binning', () => {
  it('gives every distinct value its own bin when there are few, with missing in bin 0', () => {
    const u = numericUpperBounds(Float64Array.of(3, 1, 2, 2, NaN, 1), 255);
    expect([...u]).toEqual([1.5, 2.5, Infinity]);
    expect([NaN, 1, 2, 3, 99].map((v) => numericBin(u, v))).toEqual([0, 1, 2, 3, 3]);
  });

  it('never exceeds maxBin bins and the fast matrix binning equals the reference search (any data)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            fc.constant(NaN),
            fc.integer({ min: 0, max: 5 }),
          ),
          {
            minLength: 1,
            maxLength: 600,
          },
        ),
        fc.integer({ min: 2, max: 255 }),
        (vals, maxBin) => {
          const x = Float64Array.from(vals);
          const m = fitBinMapper(x, x.length, 1, [false], maxBin);
          expect(binCount(m.features[0]!)).toBeLessThanOrEqual(maxBin + 1);
          const bins = applyBinMapper(m, x, x.length);
          const f = m.features[0]!;
          if (f.kind !== 'numeric') throw new Error('expected numeric');
          x.forEach((v, i) => expect(bins[i]).toBe(numericBin(f.upper, v)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('maps categorical codes by frequency and sends unseen codes to bin 0', () => {
    const x = Float64Array.of(4, 4, 4, 7, 7, 1, NaN);
    const m = fitBinMapper(x, 7, 1, [true]);
    const bins = applyBinMapper(m, Float64Array.of(4, 7, 1, 9, NaN), 5);
    expect([...bins]).toEqual([1, 2, 3, 0, 0]);
    expect(() => fitBinMapper(Float64Array.of(1.5), 1, 1, [true])).toThrow(/non-negative integer code/);
  });
});
