import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from './random.js';

describe('seeded random numbers', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('draws uniforms in [0,1) with mean near 1/2 and normals with unit variance', () => {
    const r = createRng(7);
    let sum = 0;
    let sq = 0;
    let sumU = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      sumU += u;
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(sumU / n).toBeCloseTo(0.5, 2);
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sq / n).toBeCloseTo(1, 1);
  });

  it('shuffles to a permutation of the input', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffleInPlace([...xs], createRng(1));
    expect([...out].sort((p, q) => p - q)).toEqual(xs);
    expect(out).not.toEqual(xs);
  });
});
