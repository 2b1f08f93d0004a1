import { describe, expect, it } from 'vitest';
import { readBenchmarkJson, readPricePanel } from '../../../test/support/finance-data.js';
import { meanHistoricalReturn } from './expected-returns.js';
import { symmetricEigen } from './linalg.js';
import { returnsFromPrices, type Panel } from './prices.js';
import { covOfReturns, fixNonPsd, sampleCov } from './risk-models.js';
import { shrunkCovariance } from './shrinkage.js';

type Vector = { test: string; setup?: string; expected?: unknown } & Record<string, unknown>;
const vectors = readBenchmarkJson<{ vectors: Vector[] }>('portfolio', 'pypfopt_test_vectors.json');
const prices = readPricePanel('portfolio', 'pypfopt_stock_prices.csv');
const vec = (name: string): Vector => vectors!.vectors.find((v) => v.test === name)!;

/** Rows of prices → panel by asset. */
const panel = (rows: number[][]): Panel => ({
  assets: rows[0]!.map((_, j) => `a${j}`),
  cols: rows[0]!.map((_, j) => Float64Array.from(rows, (r) => r[j]!)),
});

const DUMMY = [
  [4.0, 2.0, 0.6, -12],
  [4.2, 2.1, 0.59, -13.2],
  [3.9, 2.0, 0.58, -11.3],
  [4.3, 2.1, 0.62, -11.7],
  [4.1, 2.2, 0.63, -10.1],
];

describe.skipIf(!vectors)('risk and return models on PyPortfolioOpt dummy data', () => {
  it('mean historical return, compounded and arithmetic (frequency 1)', () => {
    const v = vec('test_mean_historical_returns_dummy');
    const c = meanHistoricalReturn(panel(DUMMY), { frequency: 1 });
    const a = meanHistoricalReturn(panel(DUMMY), { frequency: 1, compounding: false });
    (v.expected_compounding_f1 as number[]).forEach((e, i) =>
      expect(Math.abs(c[i]! - e) / Math.abs(e)).toBeLessThan(1e-3),
    );
    (v.expected_arithmetic_f1 as number[]).forEach((e, i) =>
      expect(Math.abs(a[i]! - e) / Math.abs(e)).toBeLessThan(1e-3),
    );
  });

  it('sample covariance of simple and log returns', () => {
    const three = panel(DUMMY.map((r) => r.slice(0, 3)));
    const s = sampleCov(three, 1).data;
    (vec('test_sample_cov_dummy').expected as number[][])
      .flat()
      .forEach((e, k) => expect(Math.abs(s[k]! - e)).toBeLessThan(1e-15));
    const logCov = covOfReturns(returnsFromPrices(three, true), 1).data;
    (vec('test_sample_cov_log_dummy').expected as number[][])
      .flat()
      .forEach((e, k) => expect(Math.abs(logCov[k]! - e)).toBeLessThan(1e-5));
  });
});

describe.skipIf(!prices)('covariance utilities on the 20-asset prices', () => {
  it('manual shrinkage: δ = 0 is the sample covariance, δ = 1 the scaled identity', () => {
    const S = sampleCov(prices!).data;
    const s0 = shrunkCovariance(prices!, 0).data;
    s0.forEach((v, k) => expect(v).toBeCloseTo(S[k]!, 14));
    const s1 = shrunkCovariance(prices!, 1).data;
    let tr = 0;
    for (let i = 0; i < 20; i++) tr += S[i * 21]!;
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) expect(s1[i * 20 + j]).toBeCloseTo(i === j ? tr / 20 : 0, 14);
    }
  });

  it('log returns: the last SBUX log return matches PyPortfolioOpt', () => {
    const r = returnsFromPrices(prices!, true);
    const sbux = r.cols[r.assets.indexOf('SBUX')]!;
    expect(sbux[sbux.length - 1]).toBeCloseTo(0.0001682740081102576, 15);
  });
});

describe('PSD repair', () => {
  it('clips negative eigenvalues and leaves PSD matrices untouched', () => {
    const bad = Float64Array.of(1, 0.9, 0.2, 0.9, 1, 0.9, 0.2, 0.9, 1); // eigenvalue < 0
    expect(symmetricEigen(bad, 3).values[0]).toBeLessThan(0);
    const fixed = fixNonPsd({ assets: ['a', 'b', 'c'], n: 3, data: bad }).data;
    expect(symmetricEigen(fixed, 3).values[0]).toBeGreaterThan(-1e-12);
    const good = Float64Array.of(1, 0.5, 0.5, 1);
    expect(fixNonPsd({ assets: ['a', 'b'], n: 2, data: good }).data).toBe(good);
  });
});
