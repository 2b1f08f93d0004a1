import { describe, expect, it } from 'vitest';
import { readNumericCsv } from '../../../../test/support/causal-data.js';
import type { NumericTable } from '../../../../test/support/causal-data.js';
import type { CausalData } from './data.js';
import { estimateEffect } from './estimate.js';
import type { EffectMethod } from './result.js';

const toData = (t: NumericTable, cov: string[], treat: string, outcome: string): CausalData => {
  const x = new Float64Array(t.n * cov.length);
  for (let i = 0; i < t.n; i++) cov.forEach((c, j) => (x[i * cov.length + j] = t.data.get(c)![i]!));
  return { x, n: t.n, p: cov.length, t: t.data.get(treat)!, y: t.data.get(outcome)!, names: cov };
};

/** Small nuisance GBDTs keep these tests fast; bench/causal.ts runs the full-size ones. */
const SMALL_GBDT = { numRounds: 60, learningRate: 0.15, numLeaves: 8, maxBin: 64 };

const lalonde = readNumericCsv(['causal', 'lalonde', 'lalonde_dw_nsw.csv']);

describe.skipIf(!lalonde)('Lalonde (NSW experimental sample)', () => {
  // A skipped describe still runs its body to collect the tests: build the data only when the file is there.
  const d = lalonde
    ? toData(lalonde, ['nodegr', 'black', 'hisp', 'age', 'educ', 'married'], 'treat', 're78')
    : (null as unknown as CausalData);

  it('difference in means is 1794.34 and OLS adjustment with the 6 covariates is 1671.13', () => {
    expect(estimateEffect(d, { method: 'difference' }).ate).toBeCloseTo(1794.34, 2);
    expect(Math.abs(estimateEffect(d, { method: 'regression' }).ate - 1671.13)).toBeLessThanOrEqual(0.01);
  });

  it('normalised IPW with a logistic propensity lies in [1600, 1680] (DoWhy: 1634.99)', () => {
    const r = estimateEffect(d, { method: 'ipw' });
    expect(r.ate).toBeGreaterThanOrEqual(1600);
    expect(r.ate).toBeLessThanOrEqual(1680);
  });

  it('every estimator’s 95% CI contains the experimental 1794', () => {
    const methods: EffectMethod[] = [
      'difference',
      'regression',
      'ipw',
      'ipw-ht',
      'matching',
      'aipw',
      'dml',
      's-learner',
      't-learner',
      'x-learner',
      'r-learner',
      'dr-learner',
    ];
    for (const method of methods) {
      const r = estimateEffect(d, { method, learner: 'linear', seed: 1 });
      expect(r.ci_low, method).toBeLessThan(1794);
      expect(r.ci_high, method).toBeGreaterThan(1794);
      expect(r.overlap?.ok, method).toBe(true);
    }
  });
});

const TRUE_ATE = [4.016, 4.051, 4.099, 4.274, 4.162, 4.004, 3.991, 3.854, 10.466];
const ihdp = (rep: number): { d: CausalData; tau: Float64Array } | null => {
  const t = readNumericCsv(['causal', 'ihdp', `ihdp_npci_${rep}.csv`], { header: false });
  if (!t) return null;
  const cov = Array.from({ length: 25 }, (_, j) => `c${j + 5}`);
  const mu0 = t.data.get('c3')!;
  return { d: toData(t, cov, 'c0', 'c1'), tau: t.data.get('c4')!.map((v, i) => v - mu0[i]!) };
};
const hasIhdp = ihdp(1) !== null;
const rootPehe = (cate: Float64Array, tau: Float64Array): number =>
  Math.sqrt(cate.reduce((s, v, i) => s + (v - tau[i]!) ** 2, 0) / tau.length);

describe.skipIf(!hasIhdp)('IHDP (Hill 2011, semi-synthetic)', () => {
  it('AIPW with GBDT outcome models (5-fold cross-fitting) is within 0.3 of the true ATE in reps 1–8', () => {
    for (let rep = 1; rep <= 8; rep++) {
      const { d } = ihdp(rep)!;
      const r = estimateEffect(d, {
        method: 'aipw',
        learner: 'gbdt',
        propensityLearner: 'linear',
        gbdt: SMALL_GBDT,
        folds: 5,
      });
      expect(Math.abs(r.ate - TRUE_ATE[rep - 1]!), `rep ${rep}: ${r.ate}`).toBeLessThan(0.3);
    }
  });

  it('rep 9: the DR-learner’s √PEHE is far below the linear T-learner’s 11.57', () => {
    const { d, tau } = ihdp(9)!;
    const linear = estimateEffect(d, {
      method: 't-learner',
      learner: 'linear',
      folds: 1,
      overlapGate: false,
    });
    expect(rootPehe(linear.cate!, tau)).toBeCloseTo(11.57, 2);
    const dr = estimateEffect(d, {
      method: 'dr-learner',
      learner: 'gbdt',
      propensityLearner: 'linear',
      gbdt: SMALL_GBDT,
      folds: 5,
    });
    expect(rootPehe(dr.cate!, tau)).toBeLessThan(0.75 * 11.57);
  });
});

const synth = readNumericCsv(['causal', 'synthetic', 'causalml_synth_mode3_n2000_p8_seed42.csv']);

describe.skipIf(!synth)('causalml synthetic mode 3 (confounded, constant effect 1.0)', () => {
  it('naive difference has the wrong sign; AIPW recovers 1.0 with a CI that contains it', () => {
    const d = toData(synth!, ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'], 'w', 'y');
    expect(estimateEffect(d, { method: 'difference' }).ate).toBeCloseTo(-0.267, 3);
    const r = estimateEffect(d, {
      method: 'aipw',
      learner: 'gbdt',
      propensityLearner: 'linear',
      gbdt: SMALL_GBDT,
    });
    expect(Math.abs(r.ate - 1)).toBeLessThan(0.1);
    expect(r.ci_low).toBeLessThan(1);
    expect(r.ci_high).toBeGreaterThan(1);
  });
});
