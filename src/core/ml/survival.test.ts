import { describe, expect, it } from 'vitest';
import { fitCox, kaplanMeier, psi } from './survival.js';
import { createRng } from '../random.js';

describe('survival', () => {
  it('Kaplan–Meier matches the product-limit hand calculation with censoring and ties', () => {
    // times 1,2,2,3+,4,5+ (+ censored): S(1)=5/6, S(2)=5/6·2/4... at t=2 two events of 5 at risk.
    const km = kaplanMeier(Float64Array.of(1, 2, 2, 3, 4, 5), Float64Array.of(1, 1, 1, 0, 1, 0));
    expect(km.at(0.5)).toBe(1);
    expect(km.at(1)).toBeCloseTo(5 / 6, 12);
    expect(km.at(2)).toBeCloseTo((5 / 6) * (3 / 5), 12);
    expect(km.at(3.5)).toBeCloseTo((5 / 6) * (3 / 5), 12);
    expect(km.at(4)).toBeCloseTo((5 / 6) * (3 / 5) * (1 / 2), 12);
    expect([...km.atRisk]).toEqual([6, 5, 2]);
  });

  it('Cox PH recovers a planted log hazard ratio and its standard error covers it', () => {
    const rng = createRng(5);
    const n = 3000;
    const x = new Float64Array(n);
    const time = new Float64Array(n);
    const event = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = rng.next() < 0.5 ? 1 : 0;
      const t = -Math.log(1 - rng.next()) / Math.exp(0.7 * x[i]!);
      const c = -Math.log(1 - rng.next()) * 2;
      // Rounded times create ties, which Efron's method handles.
      time[i] = Math.ceil(Math.min(t, c) * 20) / 20;
      event[i] = t <= c ? 1 : 0;
    }
    const fit = fitCox(x, n, 1, time, event);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.coef[0]! - 0.7)).toBeLessThan(3 * fit.se[0]!);
  });

  it('PSI is ~0 for the same distribution and large for a shifted one', () => {
    const rng = createRng(8);
    const a = Float64Array.from({ length: 5000 }, () => rng.normal());
    const b = Float64Array.from({ length: 5000 }, () => rng.normal());
    const c = Float64Array.from({ length: 5000 }, () => rng.normal() + 1);
    expect(psi(a, b)).toBeLessThan(0.02);
    expect(psi(a, c)).toBeGreaterThan(0.25);
  });
});
