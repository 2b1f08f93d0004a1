import { buildBankContext, DEMO_DEFAULTS, generateBundle, validateDemoOptions } from './bank.js';
import type { DemoSubscription } from './subscriptions.js';
import { renewalProbability } from './subscriptions.js';

/** A true average effect on the renewal probability (difference of two potential-outcome probabilities). */
export type TrueEffect = { ate: number; att: number; atc: number; nTreated: number; nControl: number };

export type TrueEffects = {
  /** Number of subscription years whose renewal was decided by asOf (the analysis population). */
  n: number;
  renewalRate: number;
  /** coupon_used: 1 vs 0 for everyone. */
  coupon: TrueEffect & { bySensitivity: { low: number; mid: number; high: number } };
  /** livestream_2000: attended a live stream with ≥ 2000 audience, 1 vs 0. */
  livestream2000: TrueEffect;
  /** sessions_per_month: effect of one more session a month (exactly 0 by construction). */
  sessionsPerMonth: { ate: number; naiveRenewedMinusCancelled: number };
  /** list price +100 yuan (before discount): average change of renewal probability. */
  pricePlus100Yuan: { ate: number };
  /** Observed (confounded) differences in renewal rate, to compare with the true effects. */
  naive: { coupon: number; livestream2000: number };
};

type Decided = DemoSubscription & { renewed: boolean };

const mean = (xs: number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

const effect = (
  rows: Decided[],
  treated: (s: Decided) => boolean,
  diff: (s: Decided) => number,
): TrueEffect => {
  const t = rows.filter(treated);
  const c = rows.filter((s) => !treated(s));
  return {
    ate: mean(rows.map(diff)),
    att: mean(t.map(diff)),
    atc: mean(c.map(diff)),
    nTreated: t.length,
    nControl: c.length,
  };
};

const rate = (rows: Decided[]): number => mean(rows.map((s) => (s.renewed ? 1 : 0)));

/**
 * The true effects of the planted renewal model for the subscriptions of one generated bank, computed exactly
 * from the structural equation by evaluating both potential outcomes for every decided subscription year
 * (sample average treatment effects; no estimation, no randomness).
 */
export const trueEffectsOf = (subscriptions: readonly DemoSubscription[]): TrueEffects => {
  const rows = subscriptions.filter((s): s is Decided => s.renewed !== null);
  const p = (
    s: Decided,
    over: Partial<{ coupon: boolean; livestream2000: boolean; sessionsPerMonth: number; priceFen: number }>,
  ) => renewalProbability({ ...s, coupon: s.couponUsed, livestream2000: s.livestream2000, ...over });
  const couponDiff = (s: Decided) => p(s, { coupon: true }) - p(s, { coupon: false });
  const terc = (lo: number, hi: number) =>
    mean(rows.filter((s) => s.priceSensitivity >= lo && s.priceSensitivity < hi).map(couponDiff));
  const sessionsHi = rows.filter((s) => s.renewed).map((s) => s.sessionsPerMonth);
  const sessionsLo = rows.filter((s) => !s.renewed).map((s) => s.sessionsPerMonth);
  return {
    n: rows.length,
    renewalRate: rate(rows),
    coupon: {
      ...effect(rows, (s) => s.couponUsed, couponDiff),
      bySensitivity: { low: terc(0, 1 / 3), mid: terc(1 / 3, 2 / 3), high: terc(2 / 3, 1.0001) },
    },
    livestream2000: effect(
      rows,
      (s) => s.livestream2000,
      (s) => p(s, { livestream2000: true }) - p(s, { livestream2000: false }),
    ),
    sessionsPerMonth: {
      ate: mean(rows.map((s) => p(s, { sessionsPerMonth: s.sessionsPerMonth + 1 }) - p(s, {}))),
      naiveRenewedMinusCancelled: mean(sessionsHi) - mean(sessionsLo),
    },
    pricePlus100Yuan: { ate: mean(rows.map((s) => p(s, { priceFen: s.priceFen + 10_000 }) - p(s, {}))) },
    naive: {
      coupon: rate(rows.filter((s) => s.couponUsed)) - rate(rows.filter((s) => !s.couponUsed)),
      livestream2000:
        rate(rows.filter((s) => s.livestream2000)) - rate(rows.filter((s) => !s.livestream2000)),
    },
  };
};

/** True effects of the bank `seedDemoBank(db, opts)` generates (regenerates it in memory; no database). */
export const trueEffects = (opts: { customers?: number; seed?: number; asOf?: string } = {}): TrueEffects => {
  const customers = opts.customers ?? DEMO_DEFAULTS.customers;
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
  validateDemoOptions({ customers, seed, asOf });
  const ctx = buildBankContext(seed, asOf);
  const subs: DemoSubscription[] = [];
  for (let i = 0; i < customers; i++) subs.push(...generateBundle(ctx, i).subscriptions);
  return trueEffectsOf(subs);
};
