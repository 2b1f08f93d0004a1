import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchmarkFile } from '../../test/support/benchmarks.js';
import { createRng } from '../core/random.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'caiban-causal-'));

/**
 * A subscriptions export: text traits, a yes/no treatment and outcome, an id column, a status column that
 * restates the outcome, planted effect +0.15.
 */
const subscriptions = (n: number, seed: number): string => {
  const rng = createRng(seed);
  const rows = ['customer_id,segment,age,aum,advised,renewed,status'];
  for (let i = 0; i < n; i++) {
    const seg = ['mass', 'affluent', 'private'][rng.int(3)]!;
    const age = 25 + rng.int(50);
    const aum = rng.next() < 0.05 ? '' : (Math.exp(rng.normal()) * 10).toFixed(2);
    const s = (seg === 'private' ? 1 : seg === 'affluent' ? 0.5 : 0) + (age - 50) / 50;
    const advised = rng.next() < 1 / (1 + Math.exp(-s)) ? 'Yes' : 'No';
    const pr = 0.3 + 0.2 * s * 0.5 + (advised === 'Yes' ? 0.15 : 0);
    const renewed = rng.next() < Math.min(0.95, Math.max(0.02, pr));
    rows.push(
      `C${i},${seg},${age},${aum},${advised},${renewed ? 'Yes' : 'No'},${renewed ? 'renewed' : 'cancelled'}`,
    );
  }
  return rows.join('\n');
};

describe('caiban causal effect', () => {
  it('estimates a planted effect from a subscriptions export (text traits, yes/no, id column skipped)', async () => {
    const f = join(dir, 'subs.csv');
    writeFileSync(f, subscriptions(3000, 1));
    const cate = join(dir, 'cate.csv');
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--treatment',
      'advised',
      '--outcome',
      'renewed',
      '--method',
      'dr-learner',
      '--learner',
      'linear',
      '--refute',
      '--simulations',
      '2',
      '--cate-out',
      cate,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      ate: number;
      ci_low: number;
      ci_high: number;
      skipped: string[];
      confounders: string[];
      overlap: { ok: boolean };
      refutations: {
        placebo: { effect: number; p_value: number };
        random_common_cause: { effect: number };
        subset: { effect: number };
      };
    };
    for (const k of [
      'method',
      'ate',
      'se',
      'ci_low',
      'ci_high',
      'att',
      'n',
      'n_treated',
      'overlap',
      'refutations',
    ])
      expect(out).toHaveProperty(k);
    expect(out.ci_low).toBeLessThan(0.15);
    expect(out.ci_high).toBeGreaterThan(0.15);
    expect(out.skipped).toEqual(['customer_id', 'status']);
    expect(r.stderr).toContain('copies of the outcome: status');
    expect(out.confounders).toContain('aum_missing');
    expect(Math.abs(out.refutations.placebo.effect)).toBeLessThan(0.05);
    expect(readFileSync(cate, 'utf8').split('\n').length).toBe(3002);
  });

  it('reads a header-less file with --no-header (IHDP, columns c0…)', async () => {
    const f = benchmarkFile('causal', 'ihdp', 'ihdp_npci_1.csv');
    if (!f) return;
    const conf = Array.from({ length: 25 }, (_, j) => `c${j + 5}`).join(',');
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--no-header',
      '--treatment',
      'c0',
      '--outcome',
      'c1',
      '--confounders',
      conf,
      '--method',
      'regression',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ate: number; n: number };
    expect(out.n).toBe(747);
    expect(Math.abs(out.ate - 4.016)).toBeLessThan(0.5);
  });

  it('answers "insufficient evidence" (exit 1, overlap details) when the arms do not overlap', async () => {
    const rows = ['x,t,y'];
    for (let i = 0; i < 400; i++) rows.push(`${i},${i < 200 ? 0 : 1},${i % 7}`);
    const f = join(dir, 'sep.csv');
    writeFileSync(f, rows.join('\n'));
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--treatment',
      't',
      '--outcome',
      'y',
      '--learner',
      'linear',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { error: { code: string; details: { overlap: { ok: boolean } } } };
    expect(out.error.code).toBe('INSUFFICIENT_EVIDENCE');
    expect(out.error.details.overlap.ok).toBe(false);
  });

  it('rejects an unknown column with exit code 2 naming the flag', async () => {
    const f = join(dir, 'subs2.csv');
    writeFileSync(f, subscriptions(50, 2));
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--treatment',
      'nope',
      '--outcome',
      'renewed',
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--treatment');
  });
});

/**
 * A subscriptions export shaped like the demo bank's (platform docs/demo-data.md): engagement confounds coupon,
 * live stream and sessions; coupons help more for price-sensitive customers; sessions have no effect; running
 * subscriptions have a blank outcome. Returns the file and the exact average effect of the coupon.
 */
const demoLike = (n: number, seed: number): { csv: string; couponAte: number } => {
  const rng = createRng(seed);
  const sig = (v: number): number => 1 / (1 + Math.exp(-v));
  const rows = [
    'subscription_id,engagement,price_sensitivity,price_k,coupon_used,livestream2000,sessions_per_month,renewed',
  ];
  let truth = 0;
  for (let i = 0; i < n; i++) {
    const e = rng.next();
    const s = sig(0.6 + 0.8 * rng.normal());
    const price = [0.299, 0.499, 0.999][rng.int(3)]!;
    const c = rng.next() < sig(-1.6 + 1.6 * s + 1.8 * e);
    const l = rng.next() < sig(-1.8 + 2.6 * e);
    const m = Math.max(0, 0.5 + 9 * e + 1.2 * rng.normal());
    const eta = (cc: boolean): number =>
      -1 + 2.2 * e + (cc ? 0.3 + 1.2 * s : 0) + (l ? 0.7 : 0) - 1.6 * s * price;
    truth += sig(eta(true)) - sig(eta(false));
    const running = rng.next() < 0.2;
    const renewed = running ? '' : rng.next() < sig(eta(c)) ? 'true' : 'false';
    rows.push(`S${i},${e.toFixed(4)},${s.toFixed(4)},${price},${c},${l},${m.toFixed(2)},${renewed}`);
  }
  return { csv: rows.join('\n'), couponAte: truth / n };
};

describe('caiban causal effect on a demo-bank-like subscriptions export', () => {
  const { csv, couponAte } = demoLike(4000, 21);
  const f = join(dir, 'demo-subs.csv');
  writeFileSync(f, csv);

  it('recovers the planted coupon effect within its CI, leaving out running subscriptions', async () => {
    const conf = 'engagement,price_sensitivity,price_k,livestream2000';
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--treatment',
      'coupon_used',
      '--outcome',
      'renewed',
      '--confounders',
      conf,
      '--learner',
      'linear',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\d+ rows without coupon_used or renewed left out/);
    const out = JSON.parse(r.stdout) as {
      method: string;
      ate: number;
      ci_low: number;
      ci_high: number;
      treatment: { treated: string };
    };
    expect(out.method).toBe('aipw');
    expect(out.treatment.treated).toBe('true');
    expect(out.ci_low).toBeLessThan(couponAte);
    expect(out.ci_high).toBeGreaterThan(couponAte);
  });

  it('finds no effect of sessions per month (a continuous dose → double ML by default)', async () => {
    const conf = 'engagement,price_sensitivity,price_k,coupon_used,livestream2000';
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--treatment',
      'sessions_per_month',
      '--outcome',
      'renewed',
      '--confounders',
      conf,
      '--learner',
      'linear',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { method: string; ate: number; ci_low: number; ci_high: number };
    expect(out.method).toBe('dml');
    expect(out.ci_low).toBeLessThan(0);
    expect(out.ci_high).toBeGreaterThan(0);
  });
});

describe('caiban causal effect with a multi-arm treatment', () => {
  it('reports one contrast per arm against --control', async () => {
    const rng = createRng(31);
    const rows = ['x,channel,y'];
    const lift: Record<string, number> = { none: 0, sms: 0.5, call: 1.5 };
    for (let i = 0; i < 1500; i++) {
      const x = rng.normal();
      const ch = ['none', 'sms', 'call'][rng.next() < 1 / (1 + Math.exp(-x)) ? 1 + rng.int(2) : 0]!;
      rows.push(`${x},${ch},${x + lift[ch]! + rng.normal()}`);
    }
    const f = join(dir, 'arms.csv');
    writeFileSync(f, rows.join('\n'));
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--treatment',
      'channel',
      '--outcome',
      'y',
      '--control',
      'none',
      '--learner',
      'linear',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      control: string;
      contrasts: Array<{ arm: string; ci_low: number; ci_high: number }>;
    };
    expect(out.control).toBe('none');
    const byArm = Object.fromEntries(out.contrasts.map((c) => [c.arm, c]));
    expect(Object.keys(byArm).sort()).toEqual(['call', 'sms']);
    for (const arm of ['sms', 'call']) {
      expect(byArm[arm]!.ci_low).toBeLessThan(lift[arm]!);
      expect(byArm[arm]!.ci_high).toBeGreaterThan(lift[arm]!);
    }
  });
});

describe('caiban causal effect --threads 2 (worker-thread cross-fitting)', () => {
  it('fits the folds of 10,000 rows on worker threads and recovers the effect', async () => {
    const rng = createRng(41);
    const rows = ['x1,x2,t,y'];
    for (let i = 0; i < 10_000; i++) {
      const x1 = rng.normal();
      const x2 = rng.normal();
      const t = rng.next() < 1 / (1 + Math.exp(-x1)) ? 1 : 0;
      rows.push(`${x1},${x2},${t},${x1 + 0.5 * x2 + 0.3 * t + rng.normal()}`);
    }
    const f = join(dir, 'big.csv');
    writeFileSync(f, rows.join('\n'));
    const r = await runCli([
      'causal',
      'effect',
      '--data',
      f,
      '--treatment',
      't',
      '--outcome',
      'y',
      '--learner',
      'linear',
      '--threads',
      '2',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('fitting in process');
    const out = JSON.parse(r.stdout) as { ate: number; ci_low: number; ci_high: number; n: number };
    expect(out.n).toBe(10_000);
    expect(out.ci_low).toBeLessThan(0.3);
    expect(out.ci_high).toBeGreaterThan(0.3);
  });
});
