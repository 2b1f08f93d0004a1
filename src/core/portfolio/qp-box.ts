import { cholesky, choleskySolve, dotRange } from '../linalg.js';
import { PD_TOL, solve } from './linalg.js';

/**
 * Fast path for QPs with only equality constraints and bounds — every long-only min-volatility and max-Sharpe
 * problem: the primal–dual active-set method of Hintermüller, Ito & Kunisch (SIAM J. Optim. 13, 2003).
 * Each iteration guesses the bound-active sets from x − D⁻¹y (y the reduced gradient), then solves the
 * equality-constrained KKT system on the free variables exactly (Cholesky + Schur complement on the few
 * equalities). When the guess repeats, the KKT conditions are checked; the answer is exact to rounding.
 * Returns null when it does not settle (the caller then runs the general dual active-set solver).
 */
export const solveBoxQp = (
  P: Float64Array,
  q: Float64Array,
  A: Float64Array,
  b: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  maxIter = 60,
): { x: Float64Array; state: Int8Array } | null => {
  const n = q.length;
  const me = b.length;
  const state = new Int8Array(n); // −1 at lower, +1 at upper, 0 free
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let prev = '';
  for (let it = 0; it < maxIter; it++) {
    const lam = solveFree(P, q, A, b, lower, upper, state, x, n, me);
    if (!lam) return null;
    // y = Px + q + A'λ: the negative multiplier of each bound (zero on free variables up to rounding).
    for (let i = 0; i < n; i++) {
      let s = q[i]! + dotRange(P, i * n, x, 0, n);
      for (let k = 0; k < me; k++) s += A[k * n + i]! * lam[k]!;
      y[i] = s;
    }
    const next = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const v = x[i]! - y[i]! / P[i * n + i]!;
      next[i] = v < lower[i]! ? -1 : v > upper[i]! ? 1 : 0;
    }
    const key = next.join('');
    if (key === prev || next.every((s, i) => s === state[i])) {
      return kktHolds(x, y, state, lower, upper, A, b, n, me) ? { x, state } : null;
    }
    prev = state.join('');
    state.set(next);
  }
  return null;
};

/** Solves the KKT system with the bound-active variables fixed; writes x, returns λ (null if singular). */
const solveFree = (
  P: Float64Array,
  q: Float64Array,
  A: Float64Array,
  b: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  state: Int8Array,
  x: Float64Array,
  n: number,
  me: number,
): Float64Array | null => {
  const free: number[] = [];
  const fixed: number[] = []; // at a bound
  for (let i = 0; i < n; i++) {
    if (state[i] === -1) x[i] = lower[i]!;
    else if (state[i] === 1) x[i] = upper[i]!;
    if (state[i] === 0) free.push(i);
    else fixed.push(i);
  }
  const nf = free.length;
  // A bound at zero (the long-only lower bound) contributes nothing to the right-hand sides: skipped, which
  // leaves every sum unchanged and saves most of the work in a process where these loops run cold.
  const moved = fixed.filter((j) => x[j] !== 0);
  // With every variable free (the first guess), P_FF is P itself: no n² copy.
  const Pff = nf === n ? P : new Float64Array(nf * nf);
  const r1 = new Float64Array(nf);
  for (let a = 0; a < nf; a++) {
    const row = free[a]! * n;
    let s = -q[free[a]!]!;
    for (const j of moved) s -= P[row + j]! * x[j]!;
    r1[a] = s;
    if (Pff !== P) for (let c = 0; c < nf; c++) Pff[a * nf + c] = P[row + free[c]!]!;
  }
  const r2 = new Float64Array(me);
  for (let k = 0; k < me; k++) {
    let s = b[k]!;
    for (const j of moved) s -= A[k * n + j]! * x[j]!;
    r2[k] = s;
  }
  const l = nf > 0 ? cholesky(Pff, nf, PD_TOL) : new Float64Array(0);
  if (!l) return null;
  // x_F = P⁻¹(r1 − A_F'λ) with (A_F P⁻¹ A_F') λ = A_F P⁻¹ r1 − r2.
  const u = nf > 0 ? choleskySolve(l, r1, nf) : new Float64Array(0);
  const W: Float64Array[] = [];
  for (let k = 0; k < me; k++) {
    const af = new Float64Array(nf); // a loop: Float64Array.from with a mapping function calls back per entry
    for (let a = 0; a < nf; a++) af[a] = A[k * n + free[a]!]!;
    W.push(nf > 0 ? choleskySolve(l, af, nf) : new Float64Array(0));
  }
  const S = new Float64Array(me * me);
  const rhs = new Float64Array(me);
  for (let k = 0; k < me; k++) {
    let s = -r2[k]!;
    for (let a = 0; a < nf; a++) s += A[k * n + free[a]!]! * u[a]!;
    rhs[k] = s;
    for (let m = 0; m < me; m++) {
      let t = 0;
      for (let a = 0; a < nf; a++) t += A[k * n + free[a]!]! * W[m]![a]!;
      S[k * me + m] = t;
    }
  }
  const lam = me > 0 ? solve(S, rhs, me) : new Float64Array(0);
  if (!lam || lam.some((v) => !Number.isFinite(v))) return null;
  for (let a = 0; a < nf; a++) {
    let v = u[a]!;
    for (let k = 0; k < me; k++) v -= W[k]![a]! * lam[k]!;
    x[free[a]!] = v;
  }
  return lam;
};

/** KKT check: bounds and equalities hold, bound multipliers have the right sign (relative tolerances). */
const kktHolds = (
  x: Float64Array,
  y: Float64Array,
  state: Int8Array,
  lower: Float64Array,
  upper: Float64Array,
  A: Float64Array,
  b: Float64Array,
  n: number,
  me: number,
): boolean => {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(y[i]!));
  const dualTol = 1e-9 * (1 + scale);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const tol = 1e-11 * (1 + Math.abs(xi));
    if (xi < lower[i]! - tol || xi > upper[i]! + tol) return false;
    if (state[i] === -1 && y[i]! < -dualTol) return false;
    if (state[i] === 1 && y[i]! > dualTol) return false;
  }
  for (let k = 0; k < me; k++) {
    let s = -b[k]!;
    for (let i = 0; i < n; i++) s += A[k * n + i]! * x[i]!;
    if (Math.abs(s) > 1e-10 * (1 + Math.abs(b[k]!))) return false;
  }
  return true;
};
