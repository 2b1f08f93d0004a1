import type { RegressorFactory } from '../../ml/index.js';
import { aipwAtt, aipwScores } from './aipw.js';
import type { CausalData } from './data.js';
import { appendColumns, countTreated, subsetRows } from './data.js';
import type { Nuisances } from './nuisance.js';
import type { EffectMethod, EffectResult } from './result.js';
import { ifSe, withCi } from './result.js';

export type MetaLearner = 's-learner' | 't-learner' | 'x-learner' | 'r-learner' | 'dr-learner';

const fitPredict = (
  make: RegressorFactory,
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  xNew: Float64Array,
  nNew: number,
  w?: Float64Array,
): Float64Array => {
  const reg = make();
  reg.fit(x, n, p, y, w);
  return reg.predict(xNew, nNew);
};

/** S-learner: one model μ(x, t) on [X, t]; τ(x) = μ(x, 1) − μ(x, 0), predicted out of fold. */
const sLearner = (d: CausalData, nu: Nuisances, make: RegressorFactory): Float64Array => {
  const k = nu.folds.reduce((m, f) => Math.max(m, f), 0) + 1;
  const cate = new Float64Array(d.n);
  const xt = appendColumns(d.x, d.n, d.p, [d.t]);
  const full: CausalData = { ...d, x: xt, p: d.p + 1 };
  for (let f = 0; f < k; f++) {
    const test = Array.from(d.t.keys()).filter((i) => k === 1 || nu.folds[i] === f);
    const train = k === 1 ? test : Array.from(d.t.keys()).filter((i) => nu.folds[i] !== f);
    const tr = subsetRows(full, train);
    const reg = make();
    reg.fit(tr.x, tr.n, tr.p, tr.y);
    const te = subsetRows(d, test);
    const p1 = reg.predict(appendColumns(te.x, te.n, d.p, [new Float64Array(te.n).fill(1)]), te.n);
    const p0 = reg.predict(appendColumns(te.x, te.n, d.p, [new Float64Array(te.n)]), te.n);
    test.forEach((i, j) => (cate[i] = p1[j]! - p0[j]!));
  }
  return cate;
};

/** X-learner (Künzel et al. 2019): impute effects per arm, regress them on X, blend by the propensity. */
const xLearner = (d: CausalData, nu: Nuisances, make: RegressorFactory): Float64Array => {
  const treated = Array.from(d.t.keys()).filter((i) => d.t[i] === 1);
  const control = Array.from(d.t.keys()).filter((i) => d.t[i] === 0);
  const d1 = subsetRows(d, treated);
  const d0 = subsetRows(d, control);
  const imp1 = Float64Array.from(treated, (i) => d.y[i]! - nu.mu0[i]!);
  const imp0 = Float64Array.from(control, (i) => nu.mu1[i]! - d.y[i]!);
  const tau1 = fitPredict(make, d1.x, d1.n, d.p, imp1, d.x, d.n);
  const tau0 = fitPredict(make, d0.x, d0.n, d.p, imp0, d.x, d.n);
  return tau1.map((v, i) => nu.e[i]! * tau0[i]! + (1 - nu.e[i]!) * v);
};

/**
 * R-learner (Nie & Wager 2021): minimise Σ(ỹ − τ(x)ṽ)², i.e. regress ỹ/ṽ on X with weights ṽ², where
 * ỹ = y − m̂(x), ṽ = t − ê(x) are cross-fitted residuals.
 */
const rLearner = (d: CausalData, nu: Nuisances, make: RegressorFactory): Float64Array => {
  const target = new Float64Array(d.n);
  const w = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    const v = d.t[i]! - nu.e[i]!;
    target[i] = (d.y[i]! - nu.m[i]!) / v;
    w[i] = v * v;
  }
  return fitPredict(make, d.x, d.n, d.p, target, d.x, d.n, w);
};

/**
 * Meta-learner CATE τ̂(x) and ATE. The DR-learner (Kennedy 2023) regresses the AIPW pseudo-outcome on X
 * and reports ATE = mean(φ); the others report ATE = mean τ̂(x). The SE of every meta-learner ATE is the
 * efficient-influence-function SE sd(φ)/√n evaluated at the same cross-fitted nuisances.
 */
export const metaLearner = (
  kind: MetaLearner,
  d: CausalData,
  nu: Nuisances,
  make: RegressorFactory,
): EffectResult => {
  const phi = aipwScores(d, nu);
  let cate: Float64Array;
  if (kind === 's-learner') cate = sLearner(d, nu, make);
  else if (kind === 't-learner') cate = nu.mu1.map((v, i) => v - nu.mu0[i]!);
  else if (kind === 'x-learner') cate = xLearner(d, nu, make);
  else if (kind === 'r-learner') cate = rLearner(d, nu, make);
  else cate = fitPredict(make, d.x, d.n, d.p, phi, d.x, d.n);
  const source = kind === 'dr-learner' ? phi : cate;
  let ate = 0;
  for (let i = 0; i < d.n; i++) ate += source[i]!;
  ate /= d.n;
  const n1 = countTreated(d.t);
  let att = 0;
  for (let i = 0; i < d.n; i++) att += d.t[i]! * cate[i]!;
  att /= n1;
  const method: EffectMethod = kind;
  return withCi(method, ate, ifSe(phi, d.clusters), {
    att,
    att_se: aipwAtt(d, nu).se,
    n: d.n,
    n_treated: n1,
    cate,
  });
};
