/**
 * The one Cholesky of the code base (portfolio optimisers, learners, causal tests): factorisation, solve and
 * inverse of symmetric positive-definite matrices. Matrices are row-major Float64Array, order n, element
 * (i, j) at i·n + j. Argument order everywhere: matrix, right-hand side, order.
 */

/**
 * Σ a[ao + k]·b[bo + k] for k < len, unrolled by four (independent accumulators let V8 pipeline the adds);
 * the hot loop of Cholesky and triangular inversion.
 */
export const dotRange = (a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number => {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[ao + k]! * b[bo + k]!;
    s1 += a[ao + k + 1]! * b[bo + k + 1]!;
    s2 += a[ao + k + 2]! * b[bo + k + 2]!;
    s3 += a[ao + k + 3]! * b[bo + k + 3]!;
  }
  for (; k < len; k++) s0 += a[ao + k]! * b[bo + k]!;
  return s0 + s1 + s2 + s3;
};

/**
 * Cholesky factor L (lower, row-major) with A = L Lᵀ; null when A is not positive definite (a pivot ≤
 * tol · max diagonal), so callers can fall back or report collinearity.
 */
export const cholesky = (a: ArrayLike<number>, n: number, tol = 1e-12): Float64Array | null => {
  const l = new Float64Array(n * n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]!));
  const floor = tol * (maxDiag || 1);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    const d = a[rj + j]! - dotRange(l, rj, l, rj, j);
    if (!(d > floor)) return null;
    const ljj = Math.sqrt(d);
    l[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      l[ri + j] = (a[ri + j]! - dotRange(l, ri, l, rj, j)) / ljj;
    }
  }
  return l;
};

/** Solves A x = b given the Cholesky factor L of A. */
export const choleskySolve = (l: Float64Array, b: ArrayLike<number>, n: number): Float64Array => {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const ri = i * n;
    for (let k = 0; k < i; k++) s -= l[ri + k]! * y[k]!;
    y[i] = s / l[ri + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  return y;
};

/** A⁻¹ from the Cholesky factor L of A, column by column. */
export const choleskyInverse = (l: Float64Array, n: number): Float64Array => {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e, n);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i]!;
  }
  return inv;
};
