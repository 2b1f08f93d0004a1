import { returnsFromPrices, rowsOf, type Panel } from './prices.js';

/**
 * Mean historical return per asset from prices (PyPortfolioOpt `mean_historical_return`).
 * Compounded (default): (Π(1 + r))^(F / count) − 1, the CAGR over each asset's own observations;
 * arithmetic: mean(r)·F. F = periods per year (252).
 */
export const meanHistoricalReturn = (
  prices: Panel,
  opts: { compounding?: boolean; frequency?: number } = {},
): Float64Array => meanOfReturns(returnsFromPrices(prices), opts);

/** The same estimator on a returns panel. */
export const meanOfReturns = (
  returns: Panel,
  opts: { compounding?: boolean; frequency?: number } = {},
): Float64Array => {
  const f = opts.frequency ?? 252;
  return Float64Array.from(returns.cols, (c) => {
    let prod = 1;
    let sum = 0;
    let n = 0;
    for (let t = 0; t < c.length; t++) {
      const v = c[t]!;
      if (Number.isNaN(v)) continue;
      prod *= 1 + v;
      sum += v;
      n++;
    }
    return opts.compounding === false ? (sum / n) * f : prod ** (f / n) - 1;
  });
};

/**
 * Exponentially weighted mean of a column as pandas `ewm(span, adjust=True).mean().iloc[-1]` with
 * ignore_na=False: weights (1 − α)^(T−1−t), α = 2/(span + 1), missing values skipped but still ageing the rest.
 */
export const ewmLast = (x: Float64Array, span: number): number => {
  const decay = 1 - 2 / (span + 1);
  let num = 0;
  let den = 0;
  let w = 1;
  for (let t = x.length - 1; t >= 0; t--) {
    const v = x[t]!;
    if (!Number.isNaN(v)) {
      num += w * v;
      den += w;
    }
    w *= decay;
  }
  return den === 0 ? NaN : num / den;
};

/**
 * Exponentially weighted mean historical return (PyPortfolioOpt `ema_historical_return`):
 * compounded (1 + EWMA(r))^F − 1, or EWMA(r)·F.
 */
export const emaHistoricalReturn = (
  prices: Panel,
  opts: { span?: number; compounding?: boolean; frequency?: number } = {},
): Float64Array => {
  const f = opts.frequency ?? 252;
  const r = returnsFromPrices(prices);
  return Float64Array.from(r.cols, (c) => {
    const m = ewmLast(c, opts.span ?? 500);
    return opts.compounding === false ? m * f : (1 + m) ** f - 1;
  });
};

const pairCov = (x: Float64Array, y: Float64Array): number => {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let t = 0; t < x.length; t++) {
    if (Number.isNaN(x[t]!) || Number.isNaN(y[t]!)) continue;
    sx += x[t]!;
    sy += y[t]!;
    n++;
  }
  const mx = sx / n;
  const my = sy / n;
  let s = 0;
  for (let t = 0; t < x.length; t++) {
    if (Number.isNaN(x[t]!) || Number.isNaN(y[t]!)) continue;
    s += (x[t]! - mx) * (y[t]! - my);
  }
  return s / (n - 1);
};

/**
 * CAPM expected returns (PyPortfolioOpt `capm_return`): μ_i = rf + β_i (E[R_m] − rf) with
 * β_i = cov(r_i, r_m)/var(r_m) (pairwise-complete sample moments). Without market prices the market is the
 * equal-weighted mean of the available asset returns each day. E[R_m] is compounded (CAGR) by default.
 */
export const capmReturn = (
  prices: Panel,
  opts: {
    marketPrices?: Float64Array;
    riskFreeRate?: number;
    compounding?: boolean;
    frequency?: number;
  } = {},
): Float64Array => {
  const f = opts.frequency ?? 252;
  const rf = opts.riskFreeRate ?? 0.02;
  const r = returnsFromPrices(prices);
  const T = rowsOf(r);
  let mkt: Float64Array;
  if (opts.marketPrices) {
    const m = returnsFromPrices({ assets: ['mkt'], cols: [opts.marketPrices] }).cols[0]!;
    mkt = m.length === T ? m : m.slice(m.length - T);
  } else {
    mkt = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let s = 0;
      let n = 0;
      for (const c of r.cols) {
        if (!Number.isNaN(c[t]!)) {
          s += c[t]!;
          n++;
        }
      }
      mkt[t] = n === 0 ? NaN : s / n;
    }
  }
  const varM = pairCov(mkt, mkt);
  const [mktMean] = meanOfReturns(
    { assets: ['mkt'], cols: [mkt] },
    { compounding: opts.compounding ?? true, frequency: f },
  );
  return Float64Array.from(r.cols, (c) => rf + (pairCov(c, mkt) / varM) * (mktMean! - rf));
};
