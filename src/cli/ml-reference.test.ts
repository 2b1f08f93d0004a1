import { describe, expect, it } from 'vitest';
import { benchmarkFile } from '../../test/support/benchmarks.js';
import { fitLogistic, fitOls, logisticClassifier } from '../core/ml/index.js';
import { fitCox, kaplanMeier } from '../core/ml/survival.js';
import { numericColumn, readTable } from './io/table.js';

/** Reference numbers from statsmodels 0.13 / scikit-learn 1.2 run on the same file (bench/peers). */
const lalonde = benchmarkFile('causal', 'lalonde', 'lalonde_dw_nsw.csv');

const matrix = async (
  cols: string[],
): Promise<{ x: Float64Array; n: number; get: (c: string) => Float64Array }> => {
  const t = await readTable(lalonde!);
  const data = cols.map((c) => numericColumn(t, c, '--data'));
  const n = t.rows.length;
  const x = new Float64Array(n * cols.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols.length; j++) x[i * cols.length + j] = data[j]![i]!;
  return { x, n, get: (c) => numericColumn(t, c, '--data') };
};

describe.skipIf(!lalonde)('linear models on Lalonde match statsmodels and scikit-learn', () => {
  const covs = ['nodegr', 'black', 'hisp', 'age', 'educ', 'married'];

  it('OLS of re78 on treat + 6 covariates: coefficient 1671.13, classical and HC1 standard errors', async () => {
    const { x, n, get } = await matrix(['treat', ...covs]);
    const fit = fitOls(x, n, 7, get('re78'));
    expect(fit.coef[1]).toBeCloseTo(1671.13088412352, 6);
    expect(fit.coef[0]).toBeCloseTo(1168.0114816408523, 6);
    expect(fit.se[1]).toBeCloseTo(637.9729596764887, 6);
    expect(fit.seRobust[1]).toBeCloseTo(672.7008802773934, 6);
    expect(fit.r2).toBeCloseTo(0.04789204111216583, 10);
  });

  it('weighted least squares matches statsmodels WLS', async () => {
    const { x, n, get } = await matrix(['treat', ...covs]);
    const w = Float64Array.from({ length: n }, (_, i) => 0.5 + (1.5 * i) / (n - 1));
    const fit = fitOls(x, n, 7, get('re78'), { weights: w });
    expect(fit.coef[1]).toBeCloseTo(1734.056948634045, 6);
    expect(fit.se[1]).toBeCloseTo(684.0671209887378, 6);
  });

  it('unpenalised logit of treat matches statsmodels Logit (coefficients, standard errors, log-likelihood)', async () => {
    const { x, n, get } = await matrix(covs);
    const fit = fitLogistic(x, n, 6, get('treat'));
    expect(fit.coef[1]).toBeCloseTo(-0.8385523849313341, 8);
    expect(fit.se[1]).toBeCloseTo(0.3093833357842368, 7);
    expect(fit.logLik).toBeCloseTo(-294.7146391997376, 8);
  });

  it('standardised L2 logistic (C = 1) matches scikit-learn LogisticRegression (newton-cg) probabilities', async () => {
    const { x, n, get } = await matrix(covs);
    const clf = logisticClassifier({ l2: 1 });
    clf.fit(x, n, 6, get('treat'));
    const p = clf.predictProba(x, n);
    expect(p[0]).toBeCloseTo(0.4289207538115182, 9);
    expect(p[1]).toBeCloseTo(0.25912660315666813, 9);
    expect(p[2]).toBeCloseTo(0.5507694916290621, 9);
  });
});

const telco = benchmarkFile('causal', 'telco', 'Telco-Customer-Churn.csv');

describe.skipIf(!telco)('survival on Telco churn (tenure, Churn)', () => {
  const load = async (): Promise<{
    tenure: Float64Array;
    churn: Float64Array;
    t: Awaited<ReturnType<typeof readTable>>;
  }> => {
    const t = await readTable(telco!);
    const churn = Float64Array.from(t.rows, (r) => (r[t.columns.indexOf('Churn')] === 'Yes' ? 1 : 0));
    return { tenure: numericColumn(t, 'tenure', '--data'), churn, t };
  };

  it('Kaplan–Meier S(12)=0.8432, S(24)=0.7887, S(72)=0.5928 to 1e-4', async () => {
    const { tenure, churn } = await load();
    const km = kaplanMeier(tenure, churn);
    expect(Math.abs(km.at(12) - 0.8432)).toBeLessThan(1e-4);
    expect(Math.abs(km.at(24) - 0.7887)).toBeLessThan(1e-4);
    expect(Math.abs(km.at(72) - 0.5928)).toBeLessThan(1e-4);
  });

  it('Cox PH with Efron ties matches statsmodels PHReg (coefficients, SEs, log partial likelihood)', async () => {
    const { tenure, churn, t } = await load();
    const mc = numericColumn(t, 'MonthlyCharges', '--data');
    const sc = numericColumn(t, 'SeniorCitizen', '--data');
    const n = tenure.length;
    const x = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      x[i * 2] = mc[i]!;
      x[i * 2 + 1] = sc[i]!;
    }
    const fit = fitCox(x, n, 2, tenure, churn);
    expect(fit.coef[0]).toBeCloseTo(0.004780839087977718, 8);
    expect(fit.coef[1]).toBeCloseTo(0.46930855342766153, 7);
    expect(fit.se[1]).toBeCloseTo(0.05452392396321579, 7);
    expect(fit.logLik).toBeCloseTo(-15586.832769165696, 6);
  });
});
