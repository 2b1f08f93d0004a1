import type { Rng } from '../core/random.js';

/**
 * Daily market factors of the demo bank over a window of trading days. Fat tails come from Student-t
 * innovations; the window contains scripted regimes placed at fixed fractions of its length so that any
 * `asOf` gets them: an equity bear phase, a bond sell-off (which pushes young bank-WM products below par),
 * and a gradual fall in money-market yields.
 */
export type MarketFactors = {
  days: readonly string[];
  equity: Float64Array;
  bond: Float64Array;
  overseas: Float64Array;
  /** Annualised money-market yield for each trading day (fraction, e.g. 0.018). */
  moneyYield: Float64Array;
  /** Index of the first and last day of each scripted regime (for docs and tests). */
  regimes: { bear: [number, number]; bondSelloff: [number, number] };
};

/**
 * Student-t variate with `df` degrees of freedom scaled to unit variance: z / sqrt(chi2_df / df) ×
 * sqrt((df − 2) / df). Chi-square drawn as a sum of squared normals (integer part) plus a gamma-free
 * correction for the fractional part via a normal approximation, adequate for df ≥ 3.
 */
export const studentT = (rng: Rng, df: number): number => {
  const k = Math.floor(df);
  let chi = 0;
  for (let i = 0; i < k; i++) {
    const z = rng.normal();
    chi += z * z;
  }
  const frac = df - k;
  if (frac > 0) chi += Math.max(0, frac + Math.sqrt(2 * frac) * rng.normal());
  const t = rng.normal() / Math.sqrt(Math.max(chi, 1e-9) / df);
  return t * Math.sqrt((df - 2) / df);
};

export const REGIMES = {
  bear: [0.12, 0.3] as const,
  bondSelloff: [0.62, 0.67] as const,
};

const span = (n: number, [a, b]: readonly [number, number]): [number, number] => [
  Math.floor(a * n),
  Math.floor(b * n),
];

export const generateMarket = (rng: Rng, days: readonly string[]): MarketFactors => {
  const n = days.length;
  const bear = span(n, REGIMES.bear);
  const sell = span(n, REGIMES.bondSelloff);
  const equity = new Float64Array(n);
  const bond = new Float64Array(n);
  const overseas = new Float64Array(n);
  const moneyYield = new Float64Array(n);
  let vol = 0.012;
  let y = 0.021;
  for (let i = 0; i < n; i++) {
    const inBear = i >= bear[0] && i <= bear[1];
    const rebound = i > bear[1] && i <= bear[1] + 40;
    const inSell = i >= sell[0] && i <= sell[1];
    // GARCH-like volatility clustering: vol mean-reverts to a regime level and jumps with big moves.
    const target = inBear ? 0.018 : 0.011;
    const eqDrift = inBear ? -0.0018 : rebound ? 0.0022 : 0.0004;
    const shock = studentT(rng, 4);
    equity[i] = eqDrift + vol * shock;
    vol = Math.min(0.04, Math.max(0.006, vol + 0.08 * (target - vol) + 0.12 * vol * (Math.abs(shock) - 0.8)));
    bond[i] = inSell ? -0.0011 + 0.0012 * studentT(rng, 4) : 0.00013 + 0.0005 * studentT(rng, 5);
    overseas[i] = 0.0004 + 0.0095 * studentT(rng, 4) + 0.25 * equity[i]!;
    y = Math.max(0.011, y + (0.0135 - y) * 0.004 + 0.00008 * rng.normal());
    moneyYield[i] = y;
  }
  return { days, equity, bond, overseas, moneyYield, regimes: { bear, bondSelloff: sell } };
};
