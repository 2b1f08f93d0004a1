/**
 * Dense linear algebra on row-major Float64Array matrices, enough for covariance work and the QP solver.
 * A square matrix of order n is a Float64Array of n·n with element (i, j) at i·n + j.
 */
export type SquareMatrix = Float64Array;

/** Pivot tolerance of the optimisers' Cholesky factorisations (relative to the largest diagonal entry). */
export const PD_TOL = 1e-14;

export const identity = (n: number): SquareMatrix => {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
};

/** y = A x for a square A of order n. */
export const matVec = (a: SquareMatrix, x: ArrayLike<number>, n: number): Float64Array => {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += a[row + j]! * x[j]!;
    y[i] = s;
  }
  return y;
};

/** x' A x. */
export const quadForm = (a: SquareMatrix, x: ArrayLike<number>, n: number): number => {
  const ax = matVec(a, x, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]! * ax[i]!;
  return s;
};

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** Solves A x = b for a general square A by Gaussian elimination with partial pivoting; null if singular. */
export const solve = (a: SquareMatrix, b: ArrayLike<number>, n: number): Float64Array | null => {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (Math.abs(m[p * n + c]!) < 1e-300) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k]!;
        m[c * n + k] = m[p * n + k]!;
        m[p * n + k] = t;
      }
      const t = x[c]!;
      x[c] = x[p]!;
      x[p] = t;
    }
    const piv = m[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / piv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] = m[r * n + k]! - f * m[c * n + k]!;
      x[r] = x[r]! - f * x[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * x[k]!;
    x[r] = s / m[r * n + r]!;
  }
  return x;
};

/** Inverse of a square matrix (column by column through `solve`); null if singular. */
export const inverse = (a: SquareMatrix, n: number): SquareMatrix | null => {
  const out = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = solve(a, e, n);
    if (!col) return null;
    for (let i = 0; i < n; i++) out[i * n + j] = col[i]!;
  }
  return out;
};

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: values ascending and the matching
 * eigenvectors as columns of a row-major matrix. Accurate to machine precision; O(n³) per sweep.
 */
export const symmetricEigen = (
  a: SquareMatrix,
  n: number,
): { values: Float64Array; vectors: SquareMatrix } => {
  const m = Float64Array.from(a);
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i * n + j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p]!;
          const akq = m[k * n + q]!;
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k]!;
          const aqk = m[q * n + k]!;
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[i * n + i]! - m[j * n + j]!);
  const values = Float64Array.from(order, (i) => m[i * n + i]!);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
};
