import { describe, expect, it } from 'vitest';
import { readBenchmarkJson, readBenchmarkText, readPricePanel } from '../../../test/support/finance-data.js';
import {
  absoluteViews,
  blackLitterman,
  blWeights,
  idzorekOmega,
  marketImpliedPriorReturns,
} from './black-litterman.js';
import { maxSharpe, minVolatility, portfolioPerformance, riskContributions } from './efficient-frontier.js';
import { emaHistoricalReturn, meanOfReturns } from './expected-returns.js';
import { clusterVariance, hrpWeights } from './hrp.js';
import { lastRows, returnsFromPrices, selectAssets } from './prices.js';
import { covOfReturns, sampleCov } from './risk-models.js';
import { riskBudgetWeights } from './risk-parity.js';
import { ledoitWolf } from './shrinkage.js';

type Vector = {
  test: string;
  expected_perf?: number[];
  expected?: unknown;
  mcaps?: Record<string, number>;
  expected_vol?: number;
};
const vectors = readBenchmarkJson<{ vectors: Vector[]; tickers_order: string[] }>(
  'portfolio',
  'pypfopt_test_vectors.json',
);
const prices = readPricePanel('portfolio', 'pypfopt_stock_prices.csv');
const hrpCsv = readBenchmarkText('portfolio', 'pypfopt_weights_hrp.csv');
const rfPrices = readPricePanel('portfolio', 'riskfolio_stock_prices.csv');
const rpCsv = readBenchmarkText('portfolio', 'riskfolio_Classic_RP.csv');
const minRiskCsv = readBenchmarkText('portfolio', 'riskfolio_Classic_MinRisk.csv');
const sharpeCsv = readBenchmarkText('portfolio', 'riskfolio_Classic_Sharpe.csv');
const vec = (name: string): Vector => vectors!.vectors.find((x) => x.test === name)!;

/** Two-column CSV (asset, value) → map. */
const csvMap = (text: string): Record<string, number> =>
  Object.fromEntries(
    text
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(','))
      .map((c) => [c[0]!, Number(c[1])]),
  );

describe.skipIf(!vectors || !prices || !hrpCsv)('HRP against PyPortfolioOpt', () => {
  it('reproduces weights_hrp.csv, the quasi-diagonal order and the cluster variance', () => {
    const r = returnsFromPrices(prices!);
    const { weights, order } = hrpWeights(r);
    const expected = csvMap(hrpCsv!);
    prices!.assets.forEach((a, i) => expect(Math.abs(weights[i]! - expected[a]!)).toBeLessThan(1e-12));
    expect(order.slice(0, 5)).toEqual([12, 6, 15, 14, 2]);
    const cluster = ['SHLD', 'AMD', 'BBY', 'RRC', 'FB', 'WMT', 'T', 'BABA', 'PFE', 'UAA'].map((a) =>
      prices!.assets.indexOf(a),
    );
    expect(
      Math.abs(
        clusterVariance(covOfReturns(r, 1).data, 20, cluster) - (vec('test_cluster_var').expected as number),
      ),
    ).toBeLessThan(1e-15);
    const p = portfolioPerformance(
      weights,
      meanOfReturns(r, { compounding: false }),
      covOfReturns(r).data,
      0.02,
    );
    const e = vec('test_portfolio_performance').expected_perf!;
    [p.expectedReturn, p.volatility, p.sharpe].forEach((v, i) =>
      expect(Math.abs(v - e[i]!)).toBeLessThan(1e-6),
    );
  });

  it('accepts a Ledoit–Wolf covariance instead of the sample one', () => {
    const lw = ledoitWolf(prices!).data;
    const { weights } = hrpWeights(returnsFromPrices(prices!), lw);
    const vol = Math.sqrt(
      weights.reduce((s, wi, i) => s + wi * weights.reduce((t, wj, j) => t + lw[i * 20 + j]! * wj, 0), 0),
    );
    expect(Math.abs(vol - vec('test_pass_cov_matrix').expected_vol!)).toBeLessThan(1e-6);
  });
});

describe.skipIf(!vectors || !prices)('Black–Litterman against PyPortfolioOpt', () => {
  const S = prices ? sampleCov(prices).data : new Float64Array(0);
  const idx = (a: string): number => prices!.assets.indexOf(a);
  const fiveViews = (): ReturnType<typeof absoluteViews> =>
    absoluteViews(20, [
      { asset: idx('AAPL'), value: 0.2 },
      { asset: idx('BBY'), value: -0.3 },
      { asset: idx('BAC'), value: 0 },
      { asset: idx('SBUX'), value: -0.2 },
      { asset: idx('T'), value: 0.131321 },
    ]);

  it('market-implied prior π = δΣw + rf and the posterior portfolio', () => {
    const v = vec('test_market_implied_prior');
    const caps = prices!.assets.map((a) => v.mcaps![a]!);
    // δ from SPY (not shipped) is 2.68549 rounded to 5 decimals; its rounding moves π by < 6e-7.
    const pi = marketImpliedPriorReturns(caps, 2.68549, S, 0.02);
    (v.expected as number[]).forEach((e, i) => expect(Math.abs(pi[i]! - e)).toBeLessThan(1.5e-6));
    const views = absoluteViews(20, [
      { asset: idx('GOOG'), value: 0.4 },
      { asset: idx('AAPL'), value: -0.3 },
      { asset: idx('FB'), value: 0.3 },
      { asset: idx('BABA'), value: 0 },
    ]);
    const post = blackLitterman({ cov: S, pi, views });
    const w = blWeights(S, post.posteriorReturns, 2.68549);
    const p = portfolioPerformance(w, post.posteriorReturns, post.posteriorCov, 0.02);
    const e = vec('test_bl_market_prior').expected_perf!;
    [p.expectedReturn, p.volatility, p.sharpe].forEach((x, i) =>
      expect(Math.abs(x - e[i]!)).toBeLessThan(1e-6),
    );
  });

  it('equal prior and zero prior with five absolute views', () => {
    const post = blackLitterman({ cov: S, pi: new Float64Array(20).fill(1 / 20), views: fiveViews() });
    const w = blWeights(S, post.posteriorReturns, 1);
    const p = portfolioPerformance(w, post.posteriorReturns, post.posteriorCov, 0.02);
    const e = vec('test_bl_equal_prior').expected_perf!;
    [p.expectedReturn, p.volatility, p.sharpe].forEach((x, i) =>
      expect(Math.abs(x - e[i]!)).toBeLessThan(1e-6),
    );
    const zero = blackLitterman({ cov: S, pi: new Float64Array(20), views: fiveViews() });
    const wz = blWeights(S, zero.posteriorReturns, 3);
    const exp = vec('test_bl_weights').expected as Record<string, number>;
    prices!.assets.forEach((a, i) => {
      const cleaned = Math.abs(wz[i]!) < 1e-4 ? 0 : Math.round(wz[i]! * 1e5) / 1e5;
      expect(cleaned).toBeCloseTo(exp[a] ?? 0, 10);
    });
  });

  it('posterior returns with a view on every asset (EMA prior, Ledoit–Wolf covariance)', () => {
    const lw = ledoitWolf(prices!).data;
    const pi = emaHistoricalReturn(prices!, { span: 500 });
    const views = absoluteViews(
      20,
      Array.from({ length: 20 }, (_, i) => ({ asset: i, value: 0.1 })),
    );
    const post = blackLitterman({ cov: lw, pi, views });
    (vec('test_bl_returns_all_views').expected as number[]).forEach((e, i) =>
      expect(Math.abs(post.posteriorReturns[i]! - e)).toBeLessThan(1.5e-6),
    );
  });

  it('Idzorek confidences move the posterior linearly from the prior to the view', () => {
    const I = new Float64Array(25);
    for (let i = 0; i < 5; i++) I[i * 6] = 1;
    const views = absoluteViews(
      5,
      Array.from({ length: 5 }, (_, i) => ({ asset: i, value: 0.3 })),
    );
    const pi = new Float64Array(5).fill(0.1);
    for (let k = 0; k <= 5; k++) {
      const c = k * 0.2;
      const omega = idzorekOmega(I, views, new Float64Array(5).fill(c));
      const post = blackLitterman({ cov: I, pi, views, omega });
      expect(post.posteriorReturns[0]).toBeCloseTo(0.1 + c * 0.2, c === 0 ? 6 : 12);
    }
  });
});

describe.skipIf(!rfPrices || !rpCsv)('risk parity against Riskfolio-Lib', () => {
  it('matches Classic_RP (MV) within 1e-5 with equal risk contributions', () => {
    const stocks = rfPrices!.assets.filter((a) => a !== 'SPY');
    const r = lastRows(returnsFromPrices(selectAssets(rfPrices!, stocks)), 200);
    const cov = covOfReturns(r, 1).data;
    const w = riskBudgetWeights(cov);
    const gold = csvMap(rpCsv!);
    stocks.forEach((a, i) => expect(Math.abs(w[i]! - gold[a]!)).toBeLessThan(1e-5));
    riskContributions(w, cov).forEach((rc) => expect(Math.abs(rc - 0.1)).toBeLessThan(1e-12));
  });

  it.skipIf(!minRiskCsv || !sharpeCsv)(
    'matches Classic_MinRisk and Classic_Sharpe (MV) weights within 1e-6',
    () => {
      const stocks = rfPrices!.assets.filter((a) => a !== 'SPY');
      const r = lastRows(returnsFromPrices(selectAssets(rfPrices!, stocks)), 200);
      const cov = covOfReturns(r, 1).data;
      const mu = meanOfReturns(r, { compounding: false, frequency: 1 });
      const minRisk = csvMap(minRiskCsv!);
      const sharpe = csvMap(sharpeCsv!);
      const w1 = minVolatility({ mu, cov });
      const w2 = maxSharpe({ mu, cov }, 0);
      stocks.forEach((a, i) => {
        expect(Math.abs(w1[i]! - minRisk[a]!)).toBeLessThan(1e-6);
        expect(Math.abs(w2[i]! - sharpe[a]!)).toBeLessThan(1e-6);
      });
    },
  );

  it('honours unequal risk budgets', () => {
    const cov = Float64Array.of(0.04, 0.006, 0.002, 0.006, 0.09, 0.009, 0.002, 0.009, 0.01);
    const b = Float64Array.of(0.5, 0.3, 0.2);
    const rc = riskContributions(riskBudgetWeights(cov, b), cov);
    b.forEach((bi, i) => expect(rc[i]).toBeCloseTo(bi, 12));
  });
});
