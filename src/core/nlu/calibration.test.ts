import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { fitTemperature, softmax } from './calibration.js';

describe('temperature scaling', () => {
  it('recovers the temperature that generated the labels', () => {
    const rng = createRng(11);
    const n = 4000;
    const K = 4;
    const trueT = 2;
    const scores = new Float64Array(n * K);
    const labels = new Int32Array(n);
    const p = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) scores[i * K + k] = 3 * rng.normal();
      softmax(scores.subarray(i * K, i * K + K), trueT, p);
      let u = rng.next();
      let k = 0;
      while (k < K - 1 && u > p[k]!) u -= p[k++]!;
      labels[i] = k;
    }
    expect(fitTemperature(scores, labels, K)).toBeCloseTo(trueT, 0);
  });

  it('softmax is a probability vector for any scores and temperature', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (s, t) => {
          const out = new Float64Array(s.length);
          softmax(s, t, out);
          expect([...out].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
          for (const v of out) expect(v).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
