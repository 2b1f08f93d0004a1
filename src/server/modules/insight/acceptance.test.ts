import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support/db.js';
import type { TestDb } from '../../../../test/support/db.js';
import {
  couponCateSpearman,
  idealEstimates,
  plantedLiveChange,
} from '../../../../test/support/planted-renewal.js';
import type { InsightDataset } from '../../../core/insight/dataset.js';
import { seedDemoBank } from '../../../demo/index.js';
import { trueEffects } from '../../../demo/truths.js';
import type { FactorEffect, StudyResult } from '../../../core/insight/study.js';
import { runStudy } from '../../../core/insight/study.js';
import { insightWhatIf } from '../../../core/insight/whatif.js';
import { seedingPort } from '../../db/seeding.js';
import { buildDataset } from './dataset.js';

const BANK = { customers: 5000, seed: 1 } as const;
const AS_OF = '2026-10-30';
const truth = trueEffects(BANK);

const covers = (e: FactorEffect, v: number): boolean => e.ci_low! <= v && v <= e.ci_high!;

// Issue 15 acceptance on the default demo bank (5,000 customers, seed 1) on PGlite: the study's estimates against
// the planted truths (docs/demo-data.md). The point-in-time builder is the same SQL on both engines (leakage and
// studies tests run on both); the estimation is pure. Slow (seeding ≈ 1 min): run with `nice`.
describe('the renewal study on the default demo bank', () => {
  let db: TestDb;
  let data: InsightDataset;
  let study: StudyResult;
  const effect = (f: string): FactorEffect => study.effects.find((e) => e.factor === f)!;
  beforeAll(async () => {
    db = await createTestDb('pglite', { content: 'migrated' });
    await seedDemoBank(seedingPort(db), BANK);
    data = await buildDataset(db, { outcome: 'renewal', asOf: AS_OF, oracle: true });
    study = runStudy(data, 'renewal', { oracle: true });
  }, 600_000);
  afterAll(async () => db?.close());

  it('studies every decided subscription year, with the naive differences of the published table', () => {
    expect(study.n).toBe(truth.n);
    expect(effect('coupon').naive.estimate).toBeCloseTo(truth.naive.coupon, 9);
    expect(effect('livestream_audience_2000').naive.estimate).toBeCloseTo(truth.naive.livestream2000, 9);
  });

  it('covers the planted coupon and price effects with its CIs, from observables only', () => {
    expect(covers(effect('coupon'), truth.coupon.ate)).toBe(true);
    expect(covers(effect('price'), truth.pricePlus100Yuan.ate)).toBe(true);
  });

  // KNOWN MISS on this bank (reported; not tuned away): 0.093 [0.047, 0.140] against 0.142. The ideal oracle — the
  // same AIPW with the generator's TRUE propensity and planted probabilities, nothing estimated — lands at 0.091: on
  // these 1,762 decisions the live-stream attendees renewed 2.4 points below their planted probabilities and the
  // others 2.3 above, an outcome-noise draw about 2.6 sd out that no estimator can remove. On 24 other banks (seeds
  // 101–124) the CI covered the truth 24/24, and the study sits 0.001 ± 0.007 from the ideal (docs/insight.md).
  it.fails('covers the planted live-stream ≥ 2000 effect with its CI', () => {
    expect(covers(effect('livestream_audience_2000'), truth.livestream2000.ate)).toBe(true);
  });

  it('pulls the sessions-per-month estimate well below the naive difference', () => {
    expect(effect('sessions_per_month').ate!).toBeLessThan(effect('sessions_per_month').naive.estimate / 2);
  });

  // KNOWN MISS on this bank (reported): 0.021 [0.004, 0.037] per session. The ideal oracle (true E[M | E] and
  // planted probabilities) gives +0.013 here (outcome noise); the rest, +0.008, is the double-ML bias the coverage
  // study measures on seeds 101–124: +0.006 ± 0.001 (engagement proxied with error; 22/24 CIs cover 0).
  it.fails(
    'reports sessions per month as having no effect, from observables and with the oracle (CIs cover 0)',
    () => {
      expect(covers(effect('sessions_per_month'), 0)).toBe(true);
      const o = effect('sessions_per_month').oracle!;
      expect(o.ci_low <= 0 && 0 <= o.ci_high).toBe(true);
    },
  );

  // KNOWN MISS on this bank (reported): 0.057 [0.025, 0.087] against the planted +0.087; the ideal oracle gives
  // 0.057 too (the same outcome noise as the live-stream effect). Covered on 24/24 of seeds 101–124.
  it.fails('simulates "audience ≥ 2000 for everyone" within its CI of the planted change', () => {
    const w = insightWhatIf(data, 'livestream_audience_2000=1');
    const change = plantedLiveChange(data);
    expect(w.ci_low).toBeLessThanOrEqual(change);
    expect(w.ci_high).toBeGreaterThanOrEqual(change);
  });

  // The estimation error proper: distance to the ideal oracle (the same estimators with the generator's true
  // nuisances). 0.02 is about 3 sd of that error on the coverage banks (seeds 101–124; not chosen on this bank).
  it('lands within 0.02 of the ideal oracle on every check, so what it misses here is outcome noise', () => {
    const ideal = idealEstimates(data);
    expect(Math.abs(effect('coupon').ate! - ideal.coupon)).toBeLessThan(0.02);
    expect(Math.abs(effect('livestream_audience_2000').ate! - ideal.live)).toBeLessThan(0.02);
    expect(Math.abs(effect('sessions_per_month').ate! - ideal.sessions)).toBeLessThan(0.02);
    expect(Math.abs(insightWhatIf(data, 'livestream_audience_2000=1').effect - ideal.whatif)).toBeLessThan(
      0.02,
    );
  });

  let rho = Number.NaN;
  it('ranks customers by predicted coupon effect in the same direction as the planted per-customer effect', async () => {
    const target = await buildDataset(db, {
      outcome: 'renewal',
      asOf: AS_OF,
      oracle: true,
      population: 'scoring',
    });
    rho = couponCateSpearman(data, target);
    expect(rho).toBeGreaterThan(0.1);
  });

  // The coupon effect grows with price sensitivity; its point-in-time proxy is the share of app use on fee and
  // coupon pages (app_usage_monthly), a declared modifier of the coupon lever's logistic S-learner.
  it('reaches Spearman ≥ 0.5 between predicted and planted per-customer coupon effects', () => {
    expect(rho).toBeGreaterThanOrEqual(0.5);
  });
});
