import type { CausalData } from './data.js';
import { countTreated, hasRepeatedClusters } from './data.js';
import type { Nuisances } from './nuisance.js';
import type { EffectResult } from './result.js';
import { ifSe, withCi } from './result.js';

/**
 * AIPW score per row (Robins, Rotnitzky & Zhao 1994) with normalised (Hájek) inverse weights:
 * φᵢ = μ̂₁ − μ̂₀ + tᵢ(yᵢ − μ̂₁)/(ê·w̄₁) − (1 − tᵢ)(yᵢ − μ̂₀)/((1 − ê)·w̄₀), w̄₁ = mean(t/ê), w̄₀ = mean((1−t)/(1−ê)).
 * Its mean is the doubly robust ATE (the normalisation keeps double robustness and tames extreme weights,
 * Robins et al. 2007); it is also the DR-learner pseudo-outcome.
 */
export const aipwScores = (d: CausalData, nu: Nuisances): Float64Array => {
  let w1 = 0;
  let w0 = 0;
  for (let i = 0; i < d.n; i++) {
    w1 += d.t[i]! / nu.e[i]!;
    w0 += (1 - d.t[i]!) / (1 - nu.e[i]!);
  }
  w1 /= d.n;
  w0 /= d.n;
  const phi = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    const t = d.t[i]!;
    const y = d.y[i]!;
    const e = nu.e[i]!;
    phi[i] =
      nu.mu1[i]! -
      nu.mu0[i]! +
      (t * (y - nu.mu1[i]!)) / (e * w1) -
      ((1 - t) * (y - nu.mu0[i]!)) / ((1 - e) * w0);
  }
  return phi;
};

/**
 * Doubly robust ATT (e.g. Chernozhukov et al. 2018, §5.1): τ = Σ[tᵢ(yᵢ − μ̂₀) − (1 − tᵢ)ê(yᵢ − μ̂₀)/(1 − ê)]/Σtᵢ,
 * SE from its influence function ψᵢ = [tᵢ(yᵢ − μ̂₀) − (1 − tᵢ)ê(yᵢ − μ̂₀)/(1 − ê) − tᵢτ]/p̂, p̂ = mean t.
 */
export const aipwAtt = (d: CausalData, nu: Nuisances): { att: number; se: number } => {
  const n1 = countTreated(d.t);
  const s = new Float64Array(d.n);
  let sum = 0;
  for (let i = 0; i < d.n; i++) {
    const t = d.t[i]!;
    const r = d.y[i]! - nu.mu0[i]!;
    const e = nu.e[i]!;
    s[i] = t * r - ((1 - t) * e * r) / (1 - e);
    sum += s[i]!;
  }
  const att = sum / n1;
  const p = n1 / d.n;
  const psi = s.map((v, i) => (v - d.t[i]! * att) / p);
  return { att, se: ifSe(psi, d.clusters) };
};

/** AIPW ATE with K-fold cross-fitted nuisances and influence-function SE, plus the DR ATT. */
export const aipw = (d: CausalData, nu: Nuisances): EffectResult => {
  const phi = aipwScores(d, nu);
  let ate = 0;
  for (let i = 0; i < d.n; i++) ate += phi[i]!;
  ate /= d.n;
  const { att, se: attSe } = aipwAtt(d, nu);
  return withCi('aipw', ate, ifSe(phi, d.clusters), {
    att,
    att_se: attSe,
    n: d.n,
    n_treated: countTreated(d.t),
  });
};

/**
 * Double ML for the partially linear model Y = θT + g(X) + ε (Chernozhukov et al. 2018, §4.1): with
 * cross-fitted residuals ỹ = y − m̂(x), ṽ = t − ê(x) (ê a regression for a continuous dose),
 * θ = Σṽỹ/Σṽ², SE² = mean(ψ²)/(mean(ṽ²))²/n with ψ = (ỹ − θṽ)ṽ (cluster-robust with `d.clusters`).
 */
export const dmlPartiallyLinear = (d: CausalData, m: Float64Array, tHat: Float64Array): EffectResult => {
  let num = 0;
  let den = 0;
  const v = new Float64Array(d.n);
  const r = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    v[i] = d.t[i]! - tHat[i]!;
    r[i] = d.y[i]! - m[i]!;
    num += v[i]! * r[i]!;
    den += v[i]! * v[i]!;
  }
  const theta = num / den;
  const j = den / d.n;
  let s = 0;
  for (let i = 0; i < d.n; i++) s += ((r[i]! - theta * v[i]!) * v[i]!) ** 2;
  // Influence function ψᵢ/J; cluster-robust when rows of a cluster repeat.
  const se = hasRepeatedClusters(d.clusters)
    ? ifSe(
        Float64Array.from({ length: d.n }, (_, i) => ((r[i]! - theta * v[i]!) * v[i]!) / j),
        d.clusters,
      )
    : Math.sqrt(s / d.n / (j * j) / d.n);
  const binary = d.t.every((x) => x === 0 || x === 1);
  return withCi('dml', theta, se, { n: d.n, n_treated: binary ? countTreated(d.t) : d.n });
};
