import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { InsightDataset } from './dataset.js';
import { FACTORS } from './factors.js';
import { factorEffect, runStudy } from './study.js';
import { insightWhatIf } from './whatif.js';

/**
 * A synthetic decision table with every factor: the coupon is randomised and raises the outcome by 0.2; the RM
 * flag is a deterministic function of age (no overlap); everything else is noise.
 */
const synthetic = (n: number, seed: number): InsightDataset => {
  const rng = createRng(seed);
  const names = FACTORS.map((f) => f.key);
  const cols = names.map(() => new Float64Array(n));
  const col = (k: string) => cols[names.indexOf(k)]!;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    names.forEach(
      (k, j) => (cols[j]![i] = FACTORS[j]!.kind === 'binary' ? (rng.next() < 0.5 ? 1 : 0) : rng.normal()),
    );
    col('age')[i] = 25 + rng.int(50);
    col('rm_contact')[i] = col('age')[i]! > 50 ? 1 : 0;
    col('list_price_yuan')[i] = col('price')[i]! * 100;
    y[i] = rng.next() < 0.3 + 0.2 * col('coupon')[i]! ? 1 : 0;
  }
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  return { names, n, cols, y, customerIds: ids, decisionIds: ids, dates: ids.map(() => '2026-01-01') };
};

describe('insight studies on a synthetic table with a known effect', () => {
  const d = synthetic(800, 3);

  it('recovers a randomised coupon effect of +0.2 within its CI and reports the naive difference beside it', () => {
    const e = factorEffect(d, 'coupon');
    expect(e.status).toBe('estimated');
    expect(e.ci_low!).toBeLessThan(0.2);
    expect(e.ci_high!).toBeGreaterThan(0.2);
    expect(e.naive.ci_low).toBeLessThan(0.2);
    expect(e.naive.ci_high).toBeGreaterThan(0.2);
  });

  it('names its estimand, and counts a customer with repeated decisions once in the CI (clustered by customer)', () => {
    const d = synthetic(1200, 11);
    const once = factorEffect(d, 'coupon');
    expect(once.estimand).toMatch(/^ATE: mean over the decisions/);
    expect(factorEffect(d, 'sessions_per_month').estimand).toMatch(/per unit/);
    // Every customer's row three times under the same customer id: no new information, so no narrower CI.
    const rows = Array.from({ length: d.n * 3 }, (_, k) => Math.floor(k / 3));
    const thrice: InsightDataset = {
      ...d,
      n: rows.length,
      cols: d.cols.map((c) => Float64Array.from(rows, (i) => c[i]!)),
      y: Float64Array.from(rows, (i) => d.y[i]!),
      customerIds: rows.map((i) => d.customerIds[i]!),
      decisionIds: rows.map((_, k) => k + 1),
      dates: rows.map((i) => d.dates[i]!),
    };
    const ratio = factorEffect(thrice, 'coupon').se! / once.se!;
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
    const w1 = insightWhatIf(d, 'coupon=1');
    const w3 = insightWhatIf(thrice, 'coupon=1');
    expect((w3.ci_high - w3.ci_low) / (w1.ci_high - w1.ci_low)).toBeGreaterThan(0.8);
  });

  it('says "insufficient evidence" instead of a number when a lever has no overlap', () => {
    const e = factorEffect(d, 'rm_contact');
    expect(e.status).toBe('insufficient_evidence');
    expect(e.ate).toBeNull();
    expect(e.reason).toMatch(/insufficient evidence/);
  });

  it('simulates giving everyone the coupon as about half the effect (half already had it), within its CI', () => {
    const w = insightWhatIf(d, 'coupon=1');
    expect(w.intervened - w.baseline).toBeCloseTo(w.effect, 12);
    expect(w.ci_low).toBeLessThan(0.1);
    expect(w.ci_high).toBeGreaterThan(0.1);
  });

  it('labels importance as not causal and builds a tiered graph; a non-actionable treatment is bad input', () => {
    const r = runStudy(d, 'renewal', { treatments: ['coupon'], graphBootstrap: 5 });
    expect(r.importance_note).toMatch(/not causal/);
    expect(r.graph.tiers.at(-1)).toEqual(['renewal']);
    for (const e of r.graph.edges) expect(e.from).not.toBe('renewal');
    expect(() => runStudy(d, 'renewal', { treatments: ['age'] })).toThrow(/not an actionable factor/);
  });
});
