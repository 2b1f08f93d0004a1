import { describe, expect, it } from 'vitest';
import { readBenchmarkJson, readPricePanel } from '../../../test/support/finance-data.js';
import * as ef from './efficient-frontier.js';
import { capmReturn, meanHistoricalReturn } from './expected-returns.js';
import { solve } from './linalg.js';
import { expCov, sampleCov, semicovariance } from './risk-models.js';
import { ledoitWolf } from './shrinkage.js';

type Vector = { test: string; expected_perf?: number[]; expected?: unknown; setup?: string };
const vectors = readBenchmarkJson<{ vectors: Vector[] }>('portfolio', 'pypfopt_test_vectors.json');
const prices = readPricePanel('portfolio', 'pypfopt_stock_prices.csv');
const ready = vectors !== null && prices !== null;

const vec = (name: string): Vector => {
  const v = vectors!.vectors.find((x) => x.test === name);
  if (!v) throw new Error(`vector ${name} missing`);
  return v;
};

describe.skipIf(!ready)(
  'PyPortfolioOpt reference vectors (efficient frontier, CLA, risk and return models)',
  () => {
    const n = 20;
    const mu = ready ? meanHistoricalReturn(prices) : new Float64Array(0);
    const S = ready ? sampleCov(prices).data : new Float64Array(0);
    const base = { mu, cov: S };
    const free = { lower: new Float64Array(n).fill(-Infinity), upper: new Float64Array(n).fill(Infinity) };
    const pm1 = { lower: new Float64Array(n).fill(-1), upper: new Float64Array(n).fill(1) };

    /** (return, volatility, Sharpe at rf 0.02) within 1e-6 absolute, the acceptance tolerance. */
    const expectPerf = (name: string, w: Float64Array, cov = S): void => {
      const p = ef.portfolioPerformance(w, mu, cov, 0.02);
      const e = vec(name).expected_perf!;
      expect(Math.abs(p.expectedReturn - e[0]!), `${name} return`).toBeLessThan(1e-6);
      expect(Math.abs(p.volatility - e[1]!), `${name} volatility`).toBeLessThan(1e-6);
      expect(Math.abs(p.sharpe - e[2]!), `${name} sharpe`).toBeLessThan(1e-6);
      expect(Math.abs(w.reduce((a, b) => a + b, 0) - (name.includes('market_neutral') ? 0 : 1))).toBeLessThan(
        1e-9,
      );
    };

    it('reproduces mean historical (CAGR) and CAPM expected returns', () => {
      const exp = vec('test_mean_historical_returns').expected as number[];
      exp.forEach((e, i) => expect(Math.abs(mu[i]! - e)).toBeLessThan(1.5e-6));
      const capm = capmReturn(prices!, { riskFreeRate: 0.02 });
      (vec('test_capm_no_benchmark').expected as number[]).forEach((e, i) =>
        expect(Math.abs(capm[i]! - e)).toBeLessThan(1.5e-6),
      );
    });

    it('min volatility: long-only, unbounded, with L2 regularisation', () => {
      expectPerf('test_min_volatility', ef.minVolatility(base));
      expectPerf('test_min_volatility_short', ef.minVolatility({ ...base, ...free }));
      expectPerf('test_min_volatility_L2_reg', ef.minVolatility({ ...base, gamma: 1 }));
      expectPerf('test_cla_min_volatility', ef.minVolatility(base));
    });

    it('max Sharpe: long-only, unbounded, with L2 regularisation, and CLA tangency at rf 0', () => {
      expectPerf('test_max_sharpe_long_only', ef.maxSharpe(base, 0.02));
      expectPerf('test_max_sharpe_short', ef.maxSharpe({ ...base, ...free }, 0.02));
      expectPerf('test_max_sharpe_L2_reg', ef.maxSharpe({ ...base, gamma: 5 }, 0.02));
      expectPerf('test_cla_max_sharpe_long_only', ef.maxSharpe(base, 0));
      expectPerf('test_cla_max_sharpe_short', ef.maxSharpe({ ...base, ...pm1 }, 0));
    });

    it('max quadratic utility with and without shorts', () => {
      expectPerf('test_max_quadratic_utility', ef.maxQuadraticUtility(base, 2));
      expectPerf('test_max_quadratic_utility_with_shorts', ef.maxQuadraticUtility({ ...base, ...pm1 }, 1));
    });

    it('efficient risk (long-only, long/short, market neutral) hits the target volatility', () => {
      expectPerf('test_efficient_risk', ef.efficientRisk(base, 0.19));
      expectPerf('test_efficient_risk_short', ef.efficientRisk({ ...base, ...pm1 }, 0.19));
      expectPerf(
        'test_efficient_risk_market_neutral',
        ef.efficientRisk({ ...base, ...pm1, marketNeutral: true }, 0.21),
      );
      for (const target of [0.16, 0.21, 0.3]) {
        const w = ef.efficientRisk(base, target);
        expect(Math.abs(ef.portfolioPerformance(w, mu, S).volatility - target)).toBeLessThan(1e-9);
      }
    });

    it('efficient return (plain, L2, market neutral, long/short toy problem)', () => {
      expectPerf('test_efficient_return', ef.efficientReturn(base, 0.25));
      expectPerf('test_efficient_return_L2_reg', ef.efficientReturn({ ...base, gamma: 1 }, 0.25));
      expectPerf(
        'test_efficient_return_market_neutral',
        ef.efficientReturn({ ...base, ...pm1, marketNeutral: true }, 0.25),
      );
      const toyMu = Float64Array.of(-0.15, -0.12, -0.1, -0.05, -0.01, 0.02, 0.03, 0.04, 0.05);
      const diag = [0.2, 0.2, 0.4, 0.3, 0.1, 0.5, 0.2, 0.3, 0.1];
      const toyCov = new Float64Array(81);
      diag.forEach((d, i) => (toyCov[i * 9 + i] = d));
      const w = ef.efficientReturn(
        {
          mu: toyMu,
          cov: toyCov,
          lower: new Float64Array(9).fill(-1),
          upper: new Float64Array(9).fill(1),
          marketNeutral: true,
        },
        0.08,
      );
      const p = ef.portfolioPerformance(w, toyMu, toyCov, 0.02);
      const e = vec('test_efficient_return_longshort_target').expected_perf!;
      [p.expectedReturn, p.volatility, p.sharpe].forEach((v, i) =>
        expect(Math.abs(v - e[i]!)).toBeLessThan(1e-6),
      );
    });

    it('unbounded efficient return equals the closed-form Lagrangian solution', () => {
      for (const neutral of [false, true]) {
        const w = ef.efficientReturn({ ...base, ...free, marketNeutral: neutral }, 0.25);
        // w = Σ⁻¹[μ 1] M⁻¹ [target, budget]' with M = [μ 1]'Σ⁻¹[μ 1].
        const a = solve(S, mu, n)!;
        const b = solve(S, new Float64Array(n).fill(1), n)!;
        const m11 = mu.reduce((s, v, i) => s + v * a[i]!, 0);
        const m12 = b.reduce((s, v, i) => s + v * mu[i]!, 0);
        const m22 = b.reduce((s, v) => s + v, 0);
        const lam = solve(Float64Array.of(m11, m12, m12, m22), Float64Array.of(0.25, neutral ? 0 : 1), 2)!;
        w.forEach((wi, i) => expect(Math.abs(wi - (lam[0]! * a[i]! + lam[1]! * b[i]!))).toBeLessThan(1e-9));
      }
    });

    it('alternative risk models: semicovariance, Ledoit–Wolf single factor and constant correlation, exponential', () => {
      const semi = semicovariance(prices!, { benchmark: 0 }).data;
      expectPerf('test_max_sharpe_semicovariance', ef.maxSharpe({ mu, cov: semi }, 0.02), semi);
      const cc = ledoitWolf(prices!, 'constant_correlation').data;
      expectPerf('test_min_volatility_shrunk_L2_reg', ef.minVolatility({ mu, cov: cc, gamma: 1 }), cc);
      const sf = ledoitWolf(prices!, 'single_factor').data;
      expectPerf('test_efficient_return_shrunk', ef.efficientReturn({ mu, cov: sf }, 0.22), sf);
      // The vector file annotates span=500, but its numbers are those of exp_cov's default span (180).
      const ec = expCov(prices!).data;
      expectPerf('test_max_sharpe_exp_cov', ef.maxSharpe({ mu, cov: ec }, 0.02), ec);
      expectPerf('test_cla_min_volatility_exp_cov_short', ef.minVolatility({ mu, cov: ec, ...pm1 }), ec);
    });

    it('Ledoit–Wolf constant-variance shrinkage matches scikit-learn and stays in (0, 1)', () => {
      const lw = ledoitWolf(prices!);
      // scikit-learn 1.2 `ledoit_wolf(np.nan_to_num(returns))` on this data: δ = 0.006256103367537105.
      expect(Math.abs(lw.delta - 0.006256103367537105)).toBeLessThan(1e-12);
      for (const t of ['single_factor', 'constant_correlation'] as const) {
        const d = ledoitWolf(prices!, t).delta;
        expect(d).toBeGreaterThan(0);
        expect(d).toBeLessThan(1);
      }
    });

    it('min volatility has lower volatility than max Sharpe (PyPortfolioOpt issue #75)', () => {
      const m = Float64Array.of(0.043622, 0.120588, 0.072331, 0.056586);
      const c = Float64Array.of(
        0.000859,
        -0.000941,
        0.001494,
        -0.000062,
        -0.000941,
        0.0224,
        -0.002184,
        0.005747,
        0.001494,
        -0.002184,
        0.011518,
        -0.000129,
        -0.000062,
        0.005747,
        -0.000129,
        0.002287,
      );
      const vMin = ef.portfolioPerformance(ef.minVolatility({ mu: m, cov: c }), m, c).volatility;
      const vMax = ef.portfolioPerformance(ef.maxSharpe({ mu: m, cov: c }, 0), m, c).volatility;
      expect(vMin).toBeLessThan(vMax);
    });
  },
);
