/**
 * Householder QR least squares for the learners (p ≲ a few hundred); Cholesky lives in src/core/linalg.ts.
 * Matrices are row-major.
 */

export type QrLeastSquares = {
  /** Solution β of min ‖Aβ − b‖₂. */
  beta: Float64Array;
  /** (AᵀA)⁻¹ = R⁻¹R⁻ᵀ (row-major p×p), for standard errors. */
  xtxInv: Float64Array;
  /** Residual sum of squares ‖Aβ − b‖². */
  rss: number;
};

/**
 * Least squares by Householder QR (Golub & Van Loan §5.3), which avoids squaring the condition number as the
 * normal equations do. A is row-major n×p (n ≥ p). Returns null when A is rank deficient (|R_jj| tiny).
 */
export const qrLeastSquares = (
  a: Float64Array,
  n: number,
  p: number,
  b: Float64Array,
): QrLeastSquares | null => {
  // Column-major working copy: each Householder reflection sweeps whole columns.
  const q = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) q[j * n + i] = a[i * p + j]!;
  const y = Float64Array.from(b);
  const r = new Float64Array(p * p);
  const colNorm0 = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += q[j * n + i]! ** 2;
    colNorm0[j] = Math.sqrt(s);
  }
  for (let k = 0; k < p; k++) {
    const off = k * n;
    let norm = 0;
    for (let i = k; i < n; i++) norm += q[off + i]! ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-10 * (colNorm0[k]! || 1))) return null;
    const alpha = q[off + k]! > 0 ? -norm : norm;
    q[off + k] = q[off + k]! - alpha; // v = x − αe₁ stored in place
    let vnorm2 = 0;
    for (let i = k; i < n; i++) vnorm2 += q[off + i]! ** 2;
    for (let j = k + 1; j < p; j++) reflect(q, off, j * n, k, n, vnorm2);
    reflect2(q, off, y, k, n, vnorm2);
    r[k * p + k] = alpha;
    for (let j = k + 1; j < p; j++) r[k * p + j] = q[j * n + k]!;
  }
  const beta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let j = i + 1; j < p; j++) s -= r[i * p + j]! * beta[j]!;
    beta[i] = s / r[i * p + i]!;
  }
  let rss = 0;
  for (let i = p; i < n; i++) rss += y[i]! ** 2;
  return { beta, xtxInv: upperInverseGram(r, p), rss };
};

const reflect = (q: Float64Array, vOff: number, cOff: number, k: number, n: number, vnorm2: number): void => {
  let dot = 0;
  for (let i = k; i < n; i++) dot += q[vOff + i]! * q[cOff + i]!;
  const f = (2 * dot) / vnorm2;
  for (let i = k; i < n; i++) q[cOff + i] = q[cOff + i]! - f * q[vOff + i]!;
};

const reflect2 = (
  q: Float64Array,
  vOff: number,
  y: Float64Array,
  k: number,
  n: number,
  vnorm2: number,
): void => {
  let dot = 0;
  for (let i = k; i < n; i++) dot += q[vOff + i]! * y[i]!;
  const f = (2 * dot) / vnorm2;
  for (let i = k; i < n; i++) y[i] = y[i]! - f * q[vOff + i]!;
};

/** R⁻¹R⁻ᵀ for upper-triangular R (row-major p×p). */
const upperInverseGram = (r: Float64Array, p: number): Float64Array => {
  const ri = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    ri[j * p + j] = 1 / r[j * p + j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[i * p + k]! * ri[k * p + j]!;
      ri[i * p + j] = -s / r[i * p + i]!;
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = j; k < p; k++) s += ri[i * p + k]! * ri[j * p + k]!;
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
};
