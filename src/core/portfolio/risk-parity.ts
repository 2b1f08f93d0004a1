import { AppError } from '../errors.js';
import { cholesky, choleskySolve } from '../linalg.js';
import { PD_TOL, dot, matVec } from './linalg.js';

/**
 * Risk budgeting (Maillard, Roncalli & Teïletche 2010): long-only weights whose variance contributions
 * w_i(Σw)_i / w'Σw equal the budgets b (Σb = 1; equal budgets = risk parity). Solved as the strictly convex
 * problem min ½x'Σx − Σ b_i ln x_i (Spinu 2013) by damped Newton steps, then w = x / Σx — converges
 * quadratically to machine precision.
 */
export const riskBudgetWeights = (cov: Float64Array, budgets?: Float64Array): Float64Array => {
  const n = Math.round(Math.sqrt(cov.length));
  const b = budgets ?? new Float64Array(n).fill(1 / n);
  let x = Float64Array.from(b, (bi, i) => bi / Math.sqrt(cov[i * n + i]!));
  const scale = Math.sqrt(dot(x, matVec(cov, x, n)));
  x = x.map((v) => v / scale);
  const f = (v: Float64Array): number =>
    0.5 * dot(v, matVec(cov, v, n)) - b.reduce((s, bi, i) => s + bi * Math.log(v[i]!), 0);
  for (let it = 0; it < 200; it++) {
    const sx = matVec(cov, x, n);
    const grad = Float64Array.from(x, (xi, i) => sx[i]! - b[i]! / xi);
    const H = cov.slice();
    for (let i = 0; i < n; i++) H[i * n + i] = H[i * n + i]! + b[i]! / (x[i]! * x[i]!);
    const l = cholesky(H, n, PD_TOL);
    if (!l) throw new AppError('BAD_INPUT', 'covariance matrix is not positive definite', { field: 'cov' });
    const step = choleskySolve(l, grad, n);
    const decrement = dot(grad, step);
    if (decrement < 1e-28) break;
    let t = 1;
    const f0 = f(x);
    for (;;) {
      const cand = Float64Array.from(x, (xi, i) => xi - t * step[i]!);
      if (cand.every((v) => v > 0) && f(cand) <= f0 - 0.25 * t * decrement) {
        x = cand;
        break;
      }
      t /= 2;
      if (t < 1e-12) {
        x = cand.map((v, i) => (v > 0 ? v : x[i]! / 2));
        break;
      }
    }
  }
  const s = x.reduce((a, v) => a + v, 0);
  return x.map((v) => v / s);
};
