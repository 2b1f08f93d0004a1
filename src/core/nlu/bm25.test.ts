import { describe, expect, it } from 'vitest';
import { buildBm25, queryWeight, scoreBm25 } from './bm25.js';

describe('BM25', () => {
  const docs = [['a', 'b'], ['a', 'c', 'c', 'd'], ['e']];
  const index = buildBm25(docs, { k1: 1.2, b: 0.75 });

  it('matches the formula on a hand-computed case', () => {
    const out = new Float64Array(3);
    scoreBm25(index, ['c'], out);
    // N = 3, df(c) = 1 → idf = ln(1 + 2.5/1.5); doc 1: tf 2, |d| 4, avgdl 7/3.
    const idf = Math.log(1 + 2.5 / 1.5);
    const norm = 1.2 * (1 - 0.75 + (0.75 * 4) / (7 / 3));
    expect(out[1]).toBeCloseTo((idf * 2 * 2.2) / (2 + norm), 12);
    expect(out[0]).toBe(0);
    expect(out[2]).toBe(0);
  });

  it('scales by the weight and counts a repeated query term once', () => {
    const one = new Float64Array(3);
    scoreBm25(index, ['a', 'c'], one);
    const half = new Float64Array(3);
    scoreBm25(index, ['a', 'c', 'c', 'a'], half, 0.5);
    for (let d = 0; d < 3; d++) expect(half[d]).toBeCloseTo(one[d]! / 2, 12);
    expect(one[1]).toBeGreaterThan(one[0]!);
  });

  it('ranks the shorter of two documents with the same term higher', () => {
    const out = new Float64Array(3);
    scoreBm25(index, ['a'], out);
    expect(out[0]).toBeGreaterThan(out[1]!);
  });

  it('weights unseen query terms like the rarest term', () => {
    expect(queryWeight(index, ['zzz'])).toBeGreaterThan(queryWeight(index, ['a']));
  });
});
