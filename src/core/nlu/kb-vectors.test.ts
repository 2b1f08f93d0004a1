import { describe, expect, it } from 'vitest';
import { buildVectorIndex, centroidCosine, cosineScores } from './kb-vectors.js';

/** Reference: dense TF-IDF vectors (sublinear tf, smooth idf, L2) and their dot products. */
const denseCosines = (docs: string[][], query: string[]): number[] => {
  const n = docs.length;
  const vocab = [...new Set([...docs.flat(), ...query])];
  const df = (t: string): number => docs.filter((d) => d.includes(t)).length;
  const idf = (t: string): number => Math.log((1 + n) / (1 + df(t))) + 1;
  const vec = (terms: string[]): number[] => {
    const v = vocab.map((t) => {
      const c = terms.filter((x) => x === t).length;
      return c > 0 ? (1 + Math.log(c)) * idf(t) : 0;
    });
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return norm > 0 ? v.map((x) => x / norm) : v;
  };
  const q = vec(query);
  return docs.map((d) => vec(d).reduce((s, x, j) => s + x * q[j]!, 0));
};

describe('kb-vectors', () => {
  const docs = [
    ['赎回', '到账', '赎回'],
    ['申购', '费率'],
    ['赎回', '费率', '费率'],
    ['定投', '扣款'],
  ];
  const index = buildVectorIndex(docs, Int32Array.from([0, 0, 1, 2]), 3);

  it('scores a query with repeated and unseen terms as the dense cosine does', () => {
    for (const query of [
      ['赎回', '费率', '赎回', '没见过', '没见过', '也没见过'],
      ['没见过'],
      [],
      ['扣款', '定投', '扣款'],
      // More unseen terms than the linear search handles, some repeated after the switch to a map.
      [...Array.from({ length: 40 }, (_, i) => `生词${i}`), '赎回', '生词3', '生词39', '生词39', '到账'],
    ]) {
      const out = new Float64Array(docs.length).fill(7);
      cosineScores(index, query, out);
      const want = denseCosines(docs, query);
      out.forEach((v, d) => expect(v).toBeCloseTo(want[d]!, 12));
    }
  });

  it('leaves no state behind between queries', () => {
    const a = new Float64Array(docs.length);
    const b = new Float64Array(docs.length);
    cosineScores(index, ['赎回', '到账'], a);
    cosineScores(index, ['申购', '申购', '到账'], b);
    cosineScores(index, ['赎回', '到账'], b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('gives the centroid cosine with and without one question', () => {
    const out = new Float64Array(docs.length);
    cosineScores(index, ['赎回', '费率'], out);
    const whole = centroidCosine(index, out[0]! + out[1]!, 0, -1);
    const without = centroidCosine(index, out[0]!, 0, 1);
    expect(without).toBeCloseTo(out[0]!, 12); // item 0 minus question 1 is question 0 alone
    expect(whole).toBeGreaterThan(0);
  });
});
