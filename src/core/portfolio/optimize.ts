import { badInput } from '../errors.js';
import {
  efficientReturn,
  efficientRisk,
  maxQuadraticUtility,
  maxSharpe,
  minVolatility,
  portfolioPerformance,
  riskContributions,
  type MeanVariance,
} from './efficient-frontier.js';
import { capmReturn, emaHistoricalReturn, meanOfReturns } from './expected-returns.js';
import { hrpWeights } from './hrp.js';
import { lastRows, returnsFromPrices, type Panel } from './prices.js';
import { covOfReturns, expCov, semicovariance } from './risk-models.js';
import { riskBudgetWeights } from './risk-parity.js';
import { ledoitWolf } from './shrinkage.js';

export type Objective =
  | 'min-volatility'
  | 'max-sharpe'
  | 'efficient-risk'
  | 'efficient-return'
  | 'max-quadratic-utility'
  | 'risk-parity'
  | 'hrp';
export type ReturnModel = 'mean-historical' | 'ema' | 'capm';
export type RiskModel = 'sample' | 'ledoit-wolf' | 'semicovariance' | 'exp';

export const OBJECTIVES: readonly Objective[] = [
  'min-volatility',
  'max-sharpe',
  'efficient-risk',
  'efficient-return',
  'max-quadratic-utility',
  'risk-parity',
  'hrp',
];

export type OptimizeRequest = {
  prices: Panel;
  objective: Objective;
  riskFreeRate?: number;
  targetVolatility?: number;
  targetReturn?: number;
  riskAversion?: number;
  frequency?: number;
  expectedReturns?: ReturnModel;
  cov?: RiskModel;
  /** Same bounds for every asset; ±Infinity for none. */
  bounds?: [number, number];
  /** Use only the last N returns (N + 1 prices). */
  last?: number;
  gamma?: number;
  groups?: MeanVariance['groups'];
};

export type OptimizeResult = {
  weights: Record<string, number>;
  expected_return: number;
  volatility: number;
  sharpe: number;
  risk_contributions: Record<string, number>;
};

/** Simple returns of a price panel, computed once and shared by the return and risk models that use them. */
const lazyReturns = (prices: Panel): (() => Panel) => {
  let r: Panel | undefined;
  return () => (r ??= returnsFromPrices(prices));
};

const returnModel = (
  prices: Panel,
  returns: () => Panel,
  model: ReturnModel,
  f: number,
  rf: number,
): Float64Array => {
  if (model === 'ema') return emaHistoricalReturn(prices, { frequency: f });
  if (model === 'capm') return capmReturn(prices, { frequency: f, riskFreeRate: rf });
  return meanOfReturns(returns(), { frequency: f }); // = meanHistoricalReturn(prices)
};

const riskModel = (prices: Panel, returns: () => Panel, model: RiskModel, f: number): Float64Array => {
  if (model === 'ledoit-wolf') return ledoitWolf(prices, 'constant_variance', f).data;
  if (model === 'semicovariance') return semicovariance(prices, { frequency: f }).data;
  if (model === 'exp') return expCov(prices, { frequency: f }).data;
  return covOfReturns(returns(), f).data; // = sampleCov(prices)
};

const required = (v: number | undefined, field: string): number => {
  if (v === undefined || !Number.isFinite(v)) throw badInput(field, 'is required for this objective');
  return v;
};

/**
 * One optimisation as `caiban optimize` and the API run it: estimate μ and Σ from prices (PyPortfolioOpt
 * defaults: CAGR, sample covariance, 252), optimise, and report weights, performance and risk contributions.
 */
export const optimizePortfolio = (req: OptimizeRequest): OptimizeResult => {
  const f = req.frequency ?? 252;
  const rf = req.riskFreeRate ?? 0.02;
  const prices = req.last !== undefined ? lastRows(req.prices, req.last + 1) : req.prices;
  prices.cols.forEach((c, i) => {
    let finite = 0;
    for (let t = 0; t < c.length && finite < 3; t++) if (Number.isFinite(c[t]!)) finite++;
    if (finite < 3) {
      throw badInput(
        'prices',
        `asset "${prices.assets[i]}" has fewer than 3 prices in the window; drop it or widen --last`,
      );
    }
  });
  const n = prices.assets.length;
  const returns = lazyReturns(prices);
  const mu = returnModel(prices, returns, req.expectedReturns ?? 'mean-historical', f, rf);
  const cov = riskModel(prices, returns, req.cov ?? 'sample', f);
  const [lo, hi] = req.bounds ?? [0, 1];
  const mv: MeanVariance = {
    mu,
    cov,
    lower: new Float64Array(n).fill(lo),
    upper: new Float64Array(n).fill(hi),
    gamma: req.gamma ?? 0,
    ...(req.groups ? { groups: req.groups } : {}),
  };
  let w: Float64Array;
  switch (req.objective) {
    case 'min-volatility':
      w = minVolatility(mv);
      break;
    case 'max-sharpe':
      w = maxSharpe(mv, rf);
      break;
    case 'efficient-risk':
      w = efficientRisk(mv, required(req.targetVolatility, 'target_volatility'));
      break;
    case 'efficient-return':
      w = efficientReturn(mv, required(req.targetReturn, 'target_return'));
      break;
    case 'max-quadratic-utility':
      w = maxQuadraticUtility(mv, req.riskAversion ?? 1);
      break;
    case 'risk-parity':
      w = riskBudgetWeights(cov);
      break;
    case 'hrp':
      w = hrpWeights(returns(), cov).weights;
      break;
  }
  const perf = portfolioPerformance(w, mu, cov, rf);
  const rc = riskContributions(w, cov);
  const named = (v: Float64Array): Record<string, number> =>
    Object.fromEntries(prices.assets.map((a, i) => [a, v[i]!]));
  return {
    weights: named(w),
    expected_return: perf.expectedReturn,
    volatility: perf.volatility,
    sharpe: perf.sharpe,
    risk_contributions: named(rc),
  };
};
