import {
  efficientFrontierCurve,
  efficientRisk,
  minVolatility,
  portfolioPerformance,
  type MeanVariance,
} from '../efficient-frontier.js';
import {
  ASSET_CLASSES,
  INVESTOR_LEVELS,
  type AllocationConfig,
  type AssetClass,
  type InvestorProfile,
  type MoneyBucket,
  type InvestorLevel,
} from './types.js';

const levelIndex = (l: InvestorLevel): number => INVESTOR_LEVELS.indexOf(l);

/**
 * Risk level that governs this bucket: the lowest of the investor's assessed level, the appetite for this money,
 * and caps from the horizon and purpose (money needed within a year, or emergency money, cannot ride equity
 * cycles). Never above the investor's level.
 */
export const effectiveLevel = (profile: InvestorProfile, bucket: MoneyBucket): InvestorLevel => {
  const horizon = Math.min(profile.horizonMonths, bucket.horizonMonths);
  let cap = 4;
  if (horizon < 12) cap = 1;
  else if (horizon < 36) cap = 2;
  else if (horizon < 60) cap = 3;
  if (bucket.purpose === 'emergency') cap = 0;
  if (bucket.purpose === 'house' || bucket.purpose === 'education') cap = Math.min(cap, 2);
  return INVESTOR_LEVELS[Math.min(levelIndex(profile.riskLevel), levelIndex(bucket.riskAppetite), cap)]!;
};

/** Minimum cash share from the stated liquidity need and the purpose. */
const minCash = (profile: InvestorProfile, bucket: MoneyBucket): number => {
  if (bucket.purpose === 'emergency') return 0.5;
  return profile.liquidityNeed === 'high' ? 0.3 : profile.liquidityNeed === 'medium' ? 0.1 : 0.05;
};

/** Class covariance Σ_ij = ρ_ij σ_i σ_j from the assumptions. */
export const classCovariance = (cfg: AllocationConfig): Float64Array => {
  const n = ASSET_CLASSES.length;
  const vol = ASSET_CLASSES.map((c) => cfg.assumptions.volatility[c]);
  return Float64Array.from(
    { length: n * n },
    (_, k) => cfg.assumptions.correlation[k]! * vol[Math.floor(k / n)]! * vol[k % n]!,
  );
};

/**
 * Strategic class weights: the highest-return mix whose volatility stays within the level's budget
 * (efficient risk on the capital-market assumptions, class caps and a cash floor), with a light L2 penalty so
 * the mix spreads across classes instead of piling into the best-looking one. Falls back to minimum volatility
 * when even that exceeds the budget. Classes outside `available` (no suitable product) are excluded.
 */
export const strategicWeights = (
  profile: InvestorProfile,
  bucket: MoneyBucket,
  cfg: AllocationConfig,
  available: ReadonlySet<AssetClass> = new Set(ASSET_CLASSES),
): {
  level: InvestorLevel;
  weights: Record<AssetClass, number>;
  expectedReturn: number;
  volatility: number;
} => {
  const level = effectiveLevel(profile, bucket);
  const budget = cfg.budgets[level];
  const mu = Float64Array.from(ASSET_CLASSES, (c) => cfg.assumptions.expectedReturn[c]);
  const cov = classCovariance(cfg);
  const lower = Float64Array.from(ASSET_CLASSES, (c) => (c === 'cash' ? minCash(profile, bucket) : 0));
  // Classes with no suitable product on the shelf get no weight (re-optimised, not patched afterwards).
  const upper = Float64Array.from(ASSET_CLASSES, (c, i) =>
    c !== 'cash' && !available.has(c) ? 0 : Math.max(budget.maxWeight[c], lower[i]!),
  );
  const mv: MeanVariance = { mu, cov, lower, upper, gamma: 0.02 };
  let w: Float64Array;
  try {
    w = efficientRisk(mv, budget.maxVolatility);
  } catch {
    w = minVolatility(mv);
  }
  // Whole-percent weights are what an advisor can explain; rounding keeps the sum at exactly 1.
  const rounded = roundWeights(w, 0.01);
  const perf = portfolioPerformance(rounded, mu, cov, 0);
  const weights = Object.fromEntries(ASSET_CLASSES.map((c, i) => [c, rounded[i]!])) as Record<
    AssetClass,
    number
  >;
  return { level, weights, expectedReturn: perf.expectedReturn, volatility: perf.volatility };
};

/** Rounds weights to a grid with the largest-remainder method (sum preserved, deterministic). */
export const roundWeights = (w: Float64Array, step: number): Float64Array => {
  const units = Math.round(1 / step);
  const raw = Array.from(w, (v) => Math.max(0, v) * units);
  const floor = raw.map(Math.floor);
  let left = units - floor.reduce((a, b) => a + b, 0);
  const order = raw.map((v, i) => i).sort((a, b) => raw[b]! - floor[b]! - (raw[a]! - floor[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floor[i] = floor[i]! + 1;
    left--;
  }
  return Float64Array.from(floor, (u) => u / units);
};

/**
 * The long-only efficient frontier of the asset classes under the market assumptions (for the proposal
 * page's chart, with the proposal's own return and volatility marked on it).
 */
export const classFrontier = (
  cfg: AllocationConfig,
  points = 20,
): Array<{ expected_return: number; volatility: number }> => {
  const mu = Float64Array.from(ASSET_CLASSES, (c) => cfg.assumptions.expectedReturn[c]);
  return efficientFrontierCurve({ mu, cov: classCovariance(cfg) }, points, 0).map((p) => ({
    expected_return: p.expectedReturn,
    volatility: p.volatility,
  }));
};
