import { choleskyWasm, gramUpperWasm } from './linalg-kernel.js';

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

/** Σ_t a[t]·b[t] in t order. */
const dotAll = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += a[t]! * b[t]!;
  return s;
};

/**
 * Upper triangle of the Gram matrix of equal-length columns: for i ≤ j with both columns present,
 * `visit(i, j, Σ_t cols[i][t]·cols[j][t])`, each sum accumulated in t order (so results equal the plain loop's
 * bit for bit). Two columns i against four columns j per pass (eight products from six loads) — the covariance
 * kernel of the portfolio risk models, ≈ 2.5× faster than pair by pair on 500 assets × 1,000 days.
 * Missing columns (null) are skipped; the caller handles their pairs.
 */
export const gramUpper = (
  cols: readonly (Float64Array | null)[],
  visit: (i: number, j: number, dot: number) => void,
): void => {
  const n = cols.length;
  // Large tables go to the WebAssembly SIMD kernel (same sums in the same order, ≈ 3× faster); small ones stay
  // here, where compiling a module would cost more than it saves.
  const len = cols.find((c) => c !== null)?.length ?? 0;
  if (n * n * len >= GRAM_WASM_WORK && gramUpperWasm(cols, visit)) return;
  gramUpperJs(cols, visit);
};

/** Work (n²·T) from which `gramUpper` uses the WebAssembly kernel. */
export const GRAM_WASM_WORK = 1 << 22;

/** The JavaScript loop of `gramUpper` (also the reference the kernel's test compares against). */
export const gramUpperJs = (
  cols: readonly (Float64Array | null)[],
  visit: (i: number, j: number, dot: number) => void,
): void => {
  const n = cols.length;
  const row = (i: number, from: number): void => {
    const a = cols[i]!;
    for (let j = from; j < n; j++) {
      const b = cols[j];
      if (b) visit(i, j, dotAll(a, b));
    }
  };
  let i = 0;
  while (i < n) {
    const a0 = cols[i];
    const a1 = i + 1 < n ? cols[i + 1] : null;
    if (!a0) {
      i += 1;
      continue;
    }
    if (!a1) {
      row(i, i);
      i += 1;
      continue;
    }
    visit(i, i, dotAll(a0, a0));
    visit(i, i + 1, dotAll(a0, a1));
    visit(i + 1, i + 1, dotAll(a1, a1));
    const len = a0.length;
    let j = i + 2;
    while (j < n) {
      const b0 = cols[j];
      const b1 = j + 1 < n ? cols[j + 1] : null;
      const b2 = j + 2 < n ? cols[j + 2] : null;
      const b3 = j + 3 < n ? cols[j + 3] : null;
      if (b0 && b1 && b2 && b3) {
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0; // prettier-ignore
        let s10 = 0, s11 = 0, s12 = 0, s13 = 0; // prettier-ignore
        for (let t = 0; t < len; t++) {
          const u = a0[t]!;
          const v = a1[t]!;
          const x0 = b0[t]!;
          const x1 = b1[t]!;
          const x2 = b2[t]!;
          const x3 = b3[t]!;
          s00 += u * x0;
          s01 += u * x1;
          s02 += u * x2;
          s03 += u * x3;
          s10 += v * x0;
          s11 += v * x1;
          s12 += v * x2;
          s13 += v * x3;
        }
        visit(i, j, s00);
        visit(i, j + 1, s01);
        visit(i, j + 2, s02);
        visit(i, j + 3, s03);
        visit(i + 1, j, s10);
        visit(i + 1, j + 1, s11);
        visit(i + 1, j + 2, s12);
        visit(i + 1, j + 3, s13);
        j += 4;
      } else {
        if (b0) {
          visit(i, j, dotAll(a0, b0));
          visit(i + 1, j, dotAll(a1, b0));
        }
        j += 1;
      }
    }
    i += 2;
  }
};

/**
 * Cholesky factor L (lower, row-major) with A = L Lᵀ; null when A is not positive definite (a pivot ≤
 * tol · max diagonal), so callers can fall back or report collinearity.
 */
export const cholesky = (a: ArrayLike<number>, n: number, tol = 1e-12): Float64Array | null => {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]!));
  const floor = tol * (maxDiag || 1);
  if (n >= CHOLESKY_WASM_ORDER) {
    const l = choleskyWasm(a, n, floor); // the same operations in the same order, ≈ 2× faster
    if (l !== undefined) return l;
  }
  return choleskyJs(a, n, floor);
};

/** Order from which `cholesky` uses the WebAssembly kernel. */
export const CHOLESKY_WASM_ORDER = 32;

/** The JavaScript loop of `cholesky` with pivots above `floor` (the reference of the kernel's test). */
export const choleskyJs = (a: ArrayLike<number>, n: number, floor: number): Float64Array | null => {
  const l = new Float64Array(n * n);
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
