import { describe, expect, it } from 'vitest';
import { readBenchmarkJson } from '../../../test/support/causal-data.js';
import {
  assignVariation,
  bucketRanges,
  chooseVariation,
  equalWeights,
  hashToUnit,
  inNamespace,
} from './hashing.js';

type Cases = {
  hash: Array<[string, string, number, number | null]>;
  getBucketRange: Array<[string, [number, number, number[] | null], Array<[number, number]>]>;
  chooseVariation: Array<[string, number, Array<[number, number]>, number]>;
  getEqualWeights: Array<[number, number[]]>;
  inNamespace: Array<[string, string, [string, number, number], boolean]>;
};

const cases = readBenchmarkJson<Cases>('experiment', 'growthbook_sdk_cases.json');

describe.skipIf(!cases)('GrowthBook SDK conformance cases', () => {
  it('hash (FNV-1a v1 and v2, unknown version → null) matches every case', () => {
    for (const [seed, value, version, expected] of cases!.hash) {
      const h = hashToUnit(seed, value, version);
      if (expected === null) expect(h).toBeNull();
      else expect(h).toBeCloseTo(expected, 9);
    }
  });
  it('getBucketRange matches every case', () => {
    for (const [name, [n, coverage, weights], expected] of cases!.getBucketRange) {
      const r = bucketRanges(n, coverage, weights);
      expect(r.length, name).toBe(expected.length);
      r.forEach(([s, e], i) => {
        expect(s, name).toBeCloseTo(expected[i]![0], 9);
        expect(e, name).toBeCloseTo(expected[i]![1], 9);
      });
    }
  });
  it('chooseVariation matches every case', () => {
    for (const [name, n, ranges, expected] of cases!.chooseVariation)
      expect(chooseVariation(n, ranges), name).toBe(expected);
  });
  it('equal weights and namespaces match every case', () => {
    for (const [n, expected] of cases!.getEqualWeights) {
      const w = equalWeights(n);
      expect(w.length).toBe(expected.length);
      w.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 8));
    }
    for (const [name, id, ns, expected] of cases!.inNamespace)
      expect(inNamespace(id, ns), name).toBe(expected);
  });
});

describe('assignment', () => {
  it('is deterministic and splits traffic close to the weights', () => {
    const counts = [0, 0];
    for (let i = 0; i < 20_000; i++) {
      const v = assignVariation('exp-1', `user-${i}`, 2, { weights: [0.3, 0.7] });
      expect(v).toBe(assignVariation('exp-1', `user-${i}`, 2, { weights: [0.3, 0.7] }));
      counts[v]! += 1;
    }
    expect(counts[0]! / 20_000).toBeGreaterThan(0.28);
    expect(counts[0]! / 20_000).toBeLessThan(0.32);
  });
});
