/**
 * NaN-aware descriptive statistics on plain number arrays (numpy `nanmean`/`nanstd`/`percentile`
 * semantics), the building blocks of the empyrical-compatible metrics.
 */
export type Series = ArrayLike<number>;

/** Arithmetic mean ignoring NaN; NaN when no finite-or-infinite observation is left. */
export const nanMean = (x: Series): number => {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
};

/** Number of non-NaN observations. */
export const countValid = (x: Series): number => {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) n++;
  return n;
};

/**
 * Standard deviation ignoring NaN, sqrt(Σ(x−x̄)²/(n−ddof)); NaN when n ≤ ddof. A series whose values are all
 * identical returns exactly 0 (numpy's pairwise summation gets exact zero there; naive summation may not).
 */
export const nanStd = (x: Series, ddof = 1): number => {
  const m = nanMean(x);
  let n = 0;
  let ss = 0;
  let first = NaN;
  let constant = true;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    if (n === 0) first = v;
    else if (v !== first) constant = false;
    const d = v - m;
    ss += d * d;
    n++;
  }
  if (n - ddof <= 0) return NaN;
  return constant ? 0 : Math.sqrt(ss / (n - ddof));
};

/** Values without NaN, as a new Float64Array. */
export const dropNaN = (x: Series): Float64Array => {
  const out = new Float64Array(countValid(x));
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) out[k++] = x[i]!;
  return out;
};

/** Percentile with linear interpolation between order statistics (numpy default), q in [0, 100]. */
export const percentile = (x: Series, q: number): number => {
  const v = Float64Array.from(dropNaN(x)).sort();
  if (v.length === 0) return NaN;
  const pos = ((v.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, v.length - 1);
  const frac = pos - lo;
  return v[lo]! + (v[hi]! - v[lo]!) * frac;
};

/** Element-wise x − y where y is a scalar or a series of the same length. */
export const subtract = (x: Series, y: number | Series): Float64Array => {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! - (typeof y === 'number' ? y : y[i]!);
  return out;
};

/** Pearson correlation on the pairs where both are present (pandas pairwise-complete). */
export const pairwiseCorrelation = (x: Series, y: Series): number => {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) continue;
    sx += x[i]!;
    sy += y[i]!;
    n++;
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!) || Number.isNaN(y[i]!)) continue;
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    cxy += dx * dy;
    cxx += dx * dx;
    cyy += dy * dy;
  }
  return cxy / Math.sqrt(cxx * cyy);
};
