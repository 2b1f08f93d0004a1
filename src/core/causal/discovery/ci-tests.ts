import { normalCdf } from '../../experiment/distributions.js';
import { chiSquareSf } from '../../experiment/distributions.js';
import { cholesky, choleskyInverse } from '../../linalg.js';

/** Column-major view of the data for discovery: cols[j][i], n rows, and which columns are discrete. */
export type DiscoveryData = {
  names: string[];
  cols: Float64Array[];
  n: number;
  discrete: boolean[];
  /** Levels (0..k−1 codes) of each discrete column. */
  levels: number[];
};

/** Pearson correlation matrix (p×p, row-major). */
export const correlationMatrix = (cols: Float64Array[], n: number): Float64Array => {
  const p = cols.length;
  const z = cols.map((c) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i]!;
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (c[i]! - m) ** 2;
    const sd = Math.sqrt(s / n) || 1;
    return Float64Array.from(c, (v) => (v - m) / sd);
  });
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      const za = z[a]!;
      const zb = z[b]!;
      for (let i = 0; i < n; i++) s += za[i]! * zb[i]!;
      r[a * p + b] = r[b * p + a] = a === b ? 1 : s / n;
    }
  }
  return r;
};

/**
 * Partial correlation ρ(x, y | S) from the correlation matrix: invert the submatrix on {x, y} ∪ S,
 * ρ = −P_xy/√(P_xx P_yy). A singular submatrix (perfectly collinear conditioning set) gives 0.
 */
export const partialCorrelation = (
  corr: Float64Array,
  p: number,
  x: number,
  y: number,
  s: readonly number[],
): number => {
  if (s.length === 0) return corr[x * p + y]!;
  const idx = [x, y, ...s];
  const k = idx.length;
  const sub = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) sub[a * k + b] = corr[idx[a]! * p + idx[b]!]!;
  const l = cholesky(sub, k, 1e-10);
  if (!l) return 0;
  const inv = choleskyInverse(l, k);
  const r = -inv[1]! / Math.sqrt(inv[0]! * inv[k + 1]!);
  return Math.max(-1, Math.min(1, r));
};

/**
 * Fisher-z test of ρ(x, y | S) = 0 (Fisher 1924): z = ½ ln((1 + r)/(1 − r)) · √(n − |S| − 3), two-sided
 * normal p-value. For Gaussian data, conditional independence ⇔ zero partial correlation.
 */
export const fisherZ = (
  corr: Float64Array,
  p: number,
  n: number,
  x: number,
  y: number,
  s: readonly number[],
): number => {
  const r = partialCorrelation(corr, p, x, y, s);
  const dof = n - s.length - 3;
  if (dof <= 0) return 1;
  const rr = Math.min(0.9999999, Math.abs(r));
  const z = 0.5 * Math.log((1 + rr) / (1 - rr)) * Math.sqrt(dof);
  return 2 * normalCdf(-z);
};

/**
 * G² likelihood-ratio test of X ⟂ Y | S for discrete data (Spirtes et al. 2000, §5.5):
 * G² = 2 Σ O ln(O/E) over the strata of S with E = n_{xs} n_{ys}/n_s; df = (|X| − 1)(|Y| − 1) per non-empty
 * stratum; χ² p-value.
 */
export const gSquare = (d: DiscoveryData, x: number, y: number, s: readonly number[]): number => {
  const kx = d.levels[x]!;
  const ky = d.levels[y]!;
  const strata = new Map<number, Float64Array>();
  const cx = d.cols[x]!;
  const cy = d.cols[y]!;
  for (let i = 0; i < d.n; i++) {
    let key = 0;
    for (const j of s) key = key * d.levels[j]! + d.cols[j]![i]!;
    let tab = strata.get(key);
    if (!tab) {
      tab = new Float64Array(kx * ky);
      strata.set(key, tab);
    }
    tab[cx[i]! * ky + cy[i]!]! += 1;
  }
  let g2 = 0;
  let df = 0;
  for (const tab of strata.values()) {
    const rx = new Float64Array(kx);
    const ry = new Float64Array(ky);
    let tot = 0;
    for (let a = 0; a < kx; a++) {
      for (let b = 0; b < ky; b++) {
        const o = tab[a * ky + b]!;
        rx[a]! += o;
        ry[b]! += o;
        tot += o;
      }
    }
    const nzx = rx.filter((v) => v > 0).length;
    const nzy = ry.filter((v) => v > 0).length;
    df += Math.max(0, (nzx - 1) * (nzy - 1));
    for (let a = 0; a < kx; a++) {
      for (let b = 0; b < ky; b++) {
        const o = tab[a * ky + b]!;
        if (o > 0) g2 += 2 * o * Math.log((o * tot) / (rx[a]! * ry[b]!));
      }
    }
  }
  if (df === 0) return 1;
  return chiSquareSf(g2, df);
};

/** A conditional-independence test: p-value of X ⟂ Y | S. */
export type CiTest = (x: number, y: number, s: readonly number[]) => number;

/** G² when x, y and every member of S are discrete; Fisher-z otherwise (and for continuous data). */
export const mixedTest = (d: DiscoveryData): CiTest => {
  const corr = correlationMatrix(d.cols, d.n);
  const p = d.cols.length;
  return (x, y, s) =>
    d.discrete[x] && d.discrete[y] && s.every((j) => d.discrete[j])
      ? gSquare(d, x, y, s)
      : fisherZ(corr, p, d.n, x, y, s);
};
