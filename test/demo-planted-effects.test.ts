import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/testing.js';
import { trueEffects } from '../src/demo/truths.js';
import type { TrueEffects } from '../src/demo/truths.js';

/**
 * Issue 5 acceptance: the planted effects of the demo bank (docs/demo-data.md) are recovered within their 95% CIs
 * by `caiban causal effect` run on the table an analyst exports, and sessions per month shows no effect.
 *
 * Bank: 2,000 customers, seed 7 — the bank whose truths docs/demo-data.md publishes and src/demo/truths.test.ts
 * pins (665 decided renewals). The default 5,000-customer bank is measured in docs/causal.md: there the
 * live-stream effect is realised about two standard errors below its probability-scale truth by the Bernoulli
 * draws of the outcomes (even the correctly specified logistic model estimates +0.09), which a 95% CI is
 * allowed to miss one time in twenty; it is not an estimator defect.
 */
const BANK = { customers: 2000, seed: 7 };
// The adjustment set of the structural model: E confounds coupon, live stream and sessions; S, price and the
// portfolio return drive renewal (and S drives coupon use), so they sharpen the outcome model.
const CONFOUNDERS = 'engagement,price_sensitivity,portfolio_return,list_price_yuan,discount_rate';

type Effect = { method: string; ate: number; ci_low: number; ci_high: number; n: number };

let dir = '';
let csv = '';
let truth: TrueEffects;

const effect = async (treatment: string, extra: string[] = []): Promise<Effect> => {
  const args = ['causal', 'effect', '--data', csv, '--treatment', treatment, '--outcome', 'renewed'];
  const r = await runCli([...args, '--confounders', CONFOUNDERS, ...extra, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Effect;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caiban-planted-'));
  csv = join(dir, 'subscriptions.csv');
  const r = await runCli([
    'demo',
    'export',
    '--table',
    'subscriptions',
    '--customers',
    String(BANK.customers),
    '--seed',
    String(BANK.seed),
    '--out',
    csv,
    '--json',
  ]);
  expect(r.code, r.stderr).toBe(0);
  truth = trueEffects(BANK);
  expect((JSON.parse(r.stdout) as { decided: number }).decided).toBe(truth.n);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('caiban causal effect on the exported demo subscriptions (2,000 customers, seed 7)', () => {
  it('recovers the coupon effect on renewal within the AIPW 95% CI', async () => {
    const r = await effect('coupon_used');
    expect(r.method).toBe('aipw');
    expect(r.n).toBe(truth.n);
    expect(r.ci_low).toBeLessThanOrEqual(truth.coupon.ate);
    expect(r.ci_high).toBeGreaterThanOrEqual(truth.coupon.ate);
    // The effect is real: the interval excludes zero.
    expect(r.ci_low).toBeGreaterThan(0);
  }, 60_000);

  it('recovers the effect of attending a live stream with ≥ 2000 viewers within the 95% CI', async () => {
    const r = await effect('livestream_2000');
    expect(r.ci_low).toBeLessThanOrEqual(truth.livestream2000.ate);
    expect(r.ci_high).toBeGreaterThanOrEqual(truth.livestream2000.ate);
    expect(r.ci_low).toBeGreaterThan(0);
  }, 60_000);

  it('finds no effect of sessions per month once engagement is adjusted for, although the naive slope is positive', async () => {
    expect(truth.sessionsPerMonth.ate).toBe(0);
    const adjusted = await effect('sessions_per_month');
    expect(adjusted.method).toBe('dml');
    expect(adjusted.ci_low).toBeLessThanOrEqual(0);
    expect(adjusted.ci_high).toBeGreaterThanOrEqual(0);
    // Without the confounders the same estimator reports a clearly positive, spurious effect.
    const args = [
      'causal',
      'effect',
      '--data',
      csv,
      '--treatment',
      'sessions_per_month',
      '--outcome',
      'renewed',
    ];
    const r = await runCli([...args, '--confounders', '', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const naive = JSON.parse(r.stdout) as Effect;
    expect(naive.ci_low).toBeGreaterThan(0);
  }, 60_000);
});
