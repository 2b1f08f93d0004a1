import { AppError } from '../errors.js';
import { cholesky, choleskySolve, dotRange } from '../linalg.js';
import { PD_TOL } from './linalg.js';
import { solveBoxQp } from './qp-box.js';

/**
 * A convex quadratic programme
 *   minimise ½ x'Px + q'x  subject to  A x = b,  G x ≤ h,  lower ≤ x ≤ upper,
 * with P symmetric positive definite (n×n row-major). Rows of A and G are row-major blocks; infinite bounds
 * are ignored.
 */
export type QpProblem = {
  P: Float64Array;
  q: Float64Array;
  A?: Float64Array;
  b?: Float64Array;
  G?: Float64Array;
  h?: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
};

export type QpSolution = {
  x: Float64Array;
  objective: number;
  /** Constraint ids active at the solution: 'eq:i', 'ineq:i', 'lower:i', 'upper:i'. */
  active: string[];
  iterations: number;
};

/**
 * Internal constraint k in the form n_k'x ≥ c_k. Ids: [0, me) equalities, [me, me+mi) general inequalities
 * (−G x ≥ −h), then n lower bounds (x_i ≥ l_i) and n upper bounds (−x_i ≥ −u_i).
 */
type Constraints = {
  n: number;
  me: number;
  mi: number;
  A: Float64Array;
  b: Float64Array;
  G: Float64Array;
  h: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** ±1 per equality: its orientation once the solver chose one. */
  eqSign: Float64Array;
};

const slack = (c: Constraints, k: number, x: Float64Array): number => {
  const { n, me, mi } = c;
  if (k < me) {
    let s = -c.b[k]!;
    for (let j = 0; j < n; j++) s += c.A[k * n + j]! * x[j]!;
    return c.eqSign[k]! * s;
  }
  if (k < me + mi) {
    const r = k - me;
    let s = c.h[r]!;
    for (let j = 0; j < n; j++) s -= c.G[r * n + j]! * x[j]!;
    return s;
  }
  const i = k - me - mi;
  return i < n ? x[i]! - c.lower[i]! : c.upper[i - n]! - x[i - n]!;
};

/** d = J' n_k with J stored column-major (column j at j·n). Unit normals cost O(n). */
const jtNormal = (c: Constraints, k: number, J: Float64Array, d: Float64Array): void => {
  const { n, me, mi } = c;
  if (k >= me + mi) {
    const i = (k - me - mi) % n;
    const sgn = k - me - mi < n ? 1 : -1;
    for (let j = 0; j < n; j++) d[j] = sgn * J[j * n + i]!;
    return;
  }
  const row = k < me ? c.A.subarray(k * n, k * n + n) : c.G.subarray((k - me) * n, (k - me) * n + n);
  const sgn = k < me ? c.eqSign[k]! : -1;
  for (let j = 0; j < n; j++) {
    let s = 0;
    const col = j * n;
    for (let i = 0; i < n; i++) s += J[col + i]! * row[i]!;
    d[j] = sgn * s;
  }
};

/** Applies the Givens rotation (c, s) to columns a and b of the column-major J. */
const rotateColumns = (J: Float64Array, n: number, a: number, b: number, cs: number, sn: number): void => {
  const ca = a * n;
  const cb = b * n;
  for (let i = 0; i < n; i++) {
    const x = J[ca + i]!;
    const y = J[cb + i]!;
    J[ca + i] = cs * x + sn * y;
    J[cb + i] = -sn * x + cs * y;
  }
};

/** The dual active-set state: J = L^{-T}Q, R upper triangular (column-major, column j at j·n), multipliers. */
type State = { J: Float64Array; R: Float64Array; active: Int32Array; u: Float64Array; nact: number };

const addConstraint = (st: State, n: number, d: Float64Array, k: number, mult: number): void => {
  const q = st.nact;
  for (let j = n - 1; j > q; j--) {
    const a = d[j - 1]!;
    const b = d[j]!;
    if (b === 0) continue;
    const h = Math.hypot(a, b);
    const cs = a / h;
    const sn = b / h;
    d[j - 1] = h;
    d[j] = 0;
    rotateColumns(st.J, n, j - 1, j, cs, sn);
  }
  for (let i = 0; i <= q; i++) st.R[q * n + i] = d[i]!;
  st.active[q] = k;
  st.u[q] = mult;
  st.nact = q + 1;
};

const dropConstraint = (st: State, n: number, pos: number): void => {
  const q = st.nact;
  for (let j = pos; j < q - 1; j++) {
    st.active[j] = st.active[j + 1]!;
    st.u[j] = st.u[j + 1]!;
    for (let i = 0; i <= j + 1; i++) st.R[j * n + i] = st.R[(j + 1) * n + i]!;
  }
  for (let j = pos; j < q - 1; j++) {
    const a = st.R[j * n + j]!;
    const b = st.R[j * n + j + 1]!;
    if (b === 0) continue;
    const h = Math.hypot(a, b);
    const cs = a / h;
    const sn = b / h;
    for (let k = j; k < q - 1; k++) {
      const x = st.R[k * n + j]!;
      const y = st.R[k * n + j + 1]!;
      st.R[k * n + j] = cs * x + sn * y;
      st.R[k * n + j + 1] = -sn * x + cs * y;
    }
    rotateColumns(st.J, n, j, j + 1, cs, sn);
  }
  st.nact = q - 1;
};

/**
 * Takes primal/dual steps until constraint k is active (Goldfarb & Idnani 1983, steps 2–3), dropping
 * blocking active inequalities on the way. Returns false when the problem is infeasible.
 */
const enforce = (c: Constraints, st: State, x: Float64Array, k: number, work: Work): boolean => {
  const { n, me } = c;
  const { d, z, r } = work;
  let uPlus = 0;
  let s = slack(c, k, x);
  for (let guard = 0; guard < 10 * (n + 10); guard++) {
    jtNormal(c, k, st.J, d);
    const q = st.nact;
    z.fill(0);
    let zn = 0;
    let dd = 0;
    for (let j = 0; j < n; j++) dd += d[j]! * d[j]!;
    for (let j = q; j < n; j++) {
      const dj = d[j]!;
      if (dj === 0) continue;
      zn += dj * dj;
      const col = j * n;
      for (let i = 0; i < n; i++) z[i] = z[i]! + dj * st.J[col + i]!;
    }
    for (let i = q - 1; i >= 0; i--) {
      let v = d[i]!;
      for (let j = i + 1; j < q; j++) v -= st.R[j * n + i]! * r[j]!;
      r[i] = v / st.R[i * n + i]!;
    }
    const t2 = zn > 1e-13 * dd ? -s / zn : Infinity;
    let t1 = Infinity;
    let drop = -1;
    for (let j = 0; j < q; j++) {
      if (st.active[j]! < me || !(r[j]! > 0)) continue;
      const ratio = st.u[j]! / r[j]!;
      if (ratio < t1) {
        t1 = ratio;
        drop = j;
      }
    }
    const t = Math.min(t1, t2);
    if (!Number.isFinite(t)) return false;
    for (let j = 0; j < q; j++) st.u[j] = st.u[j]! - t * r[j]!;
    uPlus += t;
    if (Number.isFinite(t2)) for (let i = 0; i < n; i++) x[i] = x[i]! + t * z[i]!;
    if (t2 <= t1) {
      addConstraint(st, n, d, k, uPlus);
      return true;
    }
    dropConstraint(st, n, drop);
    s = slack(c, k, x);
  }
  throw new AppError('INTERNAL', 'QP solver did not converge (cycling in the active set)');
};

type Work = { d: Float64Array; z: Float64Array; r: Float64Array };

const buildConstraints = (p: QpProblem, n: number): Constraints => {
  const A = p.A ?? new Float64Array(0);
  const G = p.G ?? new Float64Array(0);
  return {
    n,
    me: A.length / n,
    mi: G.length / n,
    A,
    b: p.b ?? new Float64Array(0),
    G,
    h: p.h ?? new Float64Array(0),
    lower: p.lower ?? new Float64Array(n).fill(-Infinity),
    upper: p.upper ?? new Float64Array(n).fill(Infinity),
    eqSign: new Float64Array(A.length / n).fill(1),
  };
};

/**
 * J = L^{-T}, column-major: column j of J is row j of L^{-1}. Column c of L^{-1} comes from forward
 * substitution along the rows of L (contiguous reads); its entries scatter into row c of J's storage.
 */
const initialJ = (l: Float64Array, n: number): Float64Array => {
  const J = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    y[c] = 1 / l[c * n + c]!;
    J[c * n + c] = y[c]!;
    for (let i = c + 1; i < n; i++) {
      const ri = i * n;
      y[i] = -dotRange(l, ri + c, y, c, i - c) / l[ri + i]!;
      J[i * n + c] = y[i]!;
    }
  }
  return J;
};

const idOf = (c: Constraints, k: number): string => {
  if (k < c.me) return `eq:${k}`;
  if (k < c.me + c.mi) return `ineq:${k - c.me}`;
  const i = k - c.me - c.mi;
  return i < c.n ? `lower:${i}` : `upper:${i - c.n}`;
};

/**
 * Solves a strictly convex QP exactly (to rounding) with the dual active-set method of Goldfarb & Idnani
 * (Math. Programming 27, 1983): start from the unconstrained minimum −P⁻¹q, add the most violated constraint,
 * keep J = L^{-T}Q and R updated with Givens rotations. O(n³) set-up, O(n·(n − active)) per change of the
 * active set; bound constraints cost O(n) to test. Throws BAD_INPUT when P is not positive definite or the
 * constraints are infeasible.
 */
export const solveQp = (problem: QpProblem): QpSolution => {
  if ((problem.G?.length ?? 0) === 0) {
    const fast = boxPath(problem, problem.q.length);
    if (fast) return fast;
  }
  return solveQpDualActiveSet(problem);
};

/** The general solver (any linear constraints), without the bound-only fast path. */
export const solveQpDualActiveSet = (problem: QpProblem): QpSolution => {
  const n = problem.q.length;
  const l = cholesky(problem.P, n, PD_TOL);
  if (!l) throw new AppError('BAD_INPUT', 'QP matrix P is not positive definite', { field: 'P' });
  const c = buildConstraints(problem, n);
  const x = choleskySolve(l, problem.q, n).map((v) => -v);
  const st: State = {
    J: initialJ(l, n),
    R: new Float64Array(n * n),
    active: new Int32Array(n),
    u: new Float64Array(n),
    nact: 0,
  };
  const work: Work = { d: new Float64Array(n), z: new Float64Array(n), r: new Float64Array(n) };
  let iterations = 0;
  for (let k = 0; k < c.me; k++) {
    if (slack(c, k, x) > 0) c.eqSign[k] = -1;
    if (!enforce(c, st, x, k, work)) throw infeasible();
    iterations++;
  }
  const isActive = new Uint8Array(c.me + c.mi + 2 * n);
  for (let j = 0; j < st.nact; j++) isActive[st.active[j]!] = 1;
  const total = c.me + c.mi + 2 * n;
  for (;;) {
    let worst = -1;
    let worstS = 0;
    for (let k = c.me; k < total; k++) {
      if (isActive[k]) continue;
      const i = k - c.me - c.mi;
      if (i >= 0 && !Number.isFinite(i < n ? c.lower[i]! : c.upper[i - n]!)) continue;
      const s = slack(c, k, x) / (1 + Math.abs(k < c.me + c.mi ? c.h[k - c.me]! : 0));
      if (s < worstS) {
        worstS = s;
        worst = k;
      }
    }
    if (worst < 0 || worstS > -1e-14) break;
    if (!enforce(c, st, x, worst, work)) throw infeasible();
    isActive.fill(0);
    for (let j = 0; j < st.nact; j++) isActive[st.active[j]!] = 1;
    if (++iterations > 50 * (total + 10))
      throw new AppError('INTERNAL', 'QP solver exceeded its iteration limit');
  }
  let objective = 0;
  for (let i = 0; i < n; i++) {
    let px = 0;
    for (let j = 0; j < n; j++) px += problem.P[i * n + j]! * x[j]!;
    objective += x[i]! * (0.5 * px + problem.q[i]!);
  }
  return { x, objective, active: Array.from(st.active.subarray(0, st.nact), (k) => idOf(c, k)), iterations };
};

/** Equality + bounds only: try the primal–dual active-set fast path (exact when it returns). */
const boxPath = (p: QpProblem, n: number): QpSolution | null => {
  const lower = p.lower ?? new Float64Array(n).fill(-Infinity);
  const upper = p.upper ?? new Float64Array(n).fill(Infinity);
  const res = solveBoxQp(p.P, p.q, p.A ?? new Float64Array(0), p.b ?? new Float64Array(0), lower, upper);
  if (!res) return null;
  const me = (p.b ?? []).length;
  const active = Array.from({ length: me }, (_, k) => `eq:${k}`);
  res.state.forEach((s, i) => {
    if (s === -1) active.push(`lower:${i}`);
    else if (s === 1) active.push(`upper:${i}`);
  });
  let objective = 0;
  for (let i = 0; i < n; i++) objective += res.x[i]! * (0.5 * dotRange(p.P, i * n, res.x, 0, n) + p.q[i]!);
  return { x: res.x, objective, active, iterations: 0 };
};

const infeasible = (): AppError =>
  new AppError('BAD_INPUT', 'the constraints cannot all be met (infeasible bounds, groups or targets)', {
    field: 'constraints',
  });
