import { badInput } from '../../errors.js';
import { dayNumber } from '../days.js';

export type DatedFlow = { readonly date: string; readonly amount: number };

/** Why an IRR is not defined: nothing flows, every flow has the same sign, or no root in the searched range. */
export type XirrStatus = 'ok' | 'no_flows' | 'no_sign_change' | 'no_root';

export type XirrResult =
  | { readonly rate: number; readonly status: 'ok'; readonly iterations: number }
  | { readonly rate: null; readonly status: Exclude<XirrStatus, 'ok'>; readonly iterations: number };

/**
 * Brent's method (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4): inverse quadratic
 * interpolation or secant steps guarded by bisection on a bracket [a, b] with f(a)·f(b) ≤ 0. Converges
 * whenever the bracket holds a root; never leaves it.
 */
export const brentRoot = (
  f: (x: number) => number,
  lo: number,
  hi: number,
  tol = 1e-13,
  maxIter = 200,
): { x: number; iterations: number } => {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return { x: a, iterations: 0 };
  if (fb === 0) return { x: b, iterations: 0 };
  if (fa * fb > 0) throw new RangeError('brentRoot: the interval does not bracket a root');
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 1; it <= maxIter; it++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      [a, b, c] = [b, c, b];
      [fa, fb, fc] = [fb, fc, fb];
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol1 || fb === 0) return { x: b, iterations: it };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : m > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return { x: b, iterations: maxIter };
};

/** Grid of log-growth rates scanned outward from 0 for a sign change (x = ln(1 + r)). */
const GRID = [
  0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 12, 20, 35, 60, 100, 200,
];

/**
 * XIRR: the annual rate r with Σ cᵢ (1 + r)^(−tᵢ) = 0, tᵢ = (dayᵢ − day₀)/365 (ACT/365, day₀ the earliest
 * date), as Excel's XIRR. Solved in x = ln(1 + r), where the NPV Σ cᵢ e^(−x tᵢ) is smooth on the whole line:
 * the grid is scanned outward from x = 0 (r = 0) and the bracket nearest to 0 is refined by Brent's method,
 * so with several roots the one closest to zero is reported. Not defined (rate null) when there are no flows,
 * when all flows have one sign, or when no root lies in the searched range (|x| ≤ min(200, 700/t_max)).
 */
export const xirr = (flows: readonly DatedFlow[]): XirrResult => {
  const live = flows.filter((f) => f.amount !== 0);
  live.forEach((f, k) => {
    if (!Number.isFinite(f.amount)) throw badInput(`flows[${k}].amount`, 'expected a finite number');
  });
  if (live.length === 0) return { rate: null, status: 'no_flows', iterations: 0 };
  if (!live.some((f) => f.amount > 0) || !live.some((f) => f.amount < 0)) {
    return { rate: null, status: 'no_sign_change', iterations: 0 };
  }
  const days = live.map((f, k) => dayNumber(f.date, `flows[${k}].date`));
  const d0 = Math.min(...days);
  const t = days.map((d) => (d - d0) / 365);
  const c = live.map((f) => f.amount);
  const npv = (x: number): number => {
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i]! * Math.exp(-x * t[i]!);
    return s;
  };
  const tMax = Math.max(...t);
  const limit = tMax > 0 ? Math.min(200, 700 / tMax) : 200;
  const f0 = npv(0);
  if (f0 === 0) return { rate: 0, status: 'ok', iterations: 0 };
  let prevPos = 0;
  let prevNeg = 0;
  let fPos = f0;
  let fNeg = f0;
  for (const g of GRID) {
    const x = Math.min(g, limit);
    const fp = npv(x);
    if (fPos * fp <= 0) return solved(npv, prevPos, x);
    const fn = npv(-x);
    if (fNeg * fn <= 0) return solved(npv, -x, prevNeg);
    prevPos = x;
    prevNeg = -x;
    fPos = fp;
    fNeg = fn;
    if (x === limit) break;
  }
  return { rate: null, status: 'no_root', iterations: 0 };
};

const solved = (npv: (x: number) => number, lo: number, hi: number): XirrResult => {
  const { x, iterations } = brentRoot(npv, lo, hi);
  return { rate: Math.expm1(x), status: 'ok', iterations };
};
