/**
 * Exactness check of the demo generator's planted renewal truth (issue 15): every decided subscription year has a
 * planted renewal probability p (`renewalProbability` of its stored row) and a realised outcome y drawn from it, so
 * the outcome noise mean(y − p) of any group defined before the draw averages 0 over banks. A systematic difference
 * (y drawn from another probability than the published one, a random stream shared between a treatment draw and the
 * renewal draw, a size-dependent branch) shows up here as a mean many standard errors from 0. Generator only, no
 * database. Prints as JSON, for the live stream (audience ≥ 2000) and the coupon, the mean over banks of the noise of
 * the treated minus that of the untreated, the overall noise, each with its SE over banks and z, plus the CPU time
 * and the machine load. Seed 1 (the evaluation bank) is refused.
 * Run: npx tsx bench/demo-outcome-noise.ts [--seeds 1001-1200] [--customers 3500] [--per-bank]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildBankContext, DEMO_DEFAULTS, generateBundle } from '../src/demo/bank.js';
import { renewalProbability } from '../src/demo/subscriptions.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1001-1200' },
    customers: { type: 'string', default: '3500' },
    'per-bank': { type: 'boolean', default: false },
  },
});
const range = (s: string): number[] =>
  s.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a) || (b !== undefined && !Number.isInteger(b)))
      throw new Error(`--seeds: "${part}" is not a seed or a range like 1001-1200`);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, k) => a! + k);
  });
const seeds = range(values.seeds);
const customers = Number(values.customers);
if (seeds.includes(1)) throw new Error('--seeds: seed 1 is the evaluation bank; leave it out');
if (!Number.isInteger(customers) || customers < 100) throw new Error('--customers: give an integer ≥ 100');

type Decision = { noise: number; live: boolean; coupon: boolean };

/** Mean noise of the group minus mean noise of the rest (NaN when a side is empty). */
const gap = (rows: readonly Decision[], inGroup: (d: Decision) => boolean): number => {
  let s1 = 0;
  let n1 = 0;
  let s0 = 0;
  let n0 = 0;
  for (const d of rows)
    if (inGroup(d)) {
      s1 += d.noise;
      n1++;
    } else {
      s0 += d.noise;
      n0++;
    }
  return s1 / n1 - s0 / n0;
};

const summary = (v: readonly number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const se = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1) / v.length);
  return { mean: +m.toFixed(5), se: +se.toFixed(5), z: +(m / se).toFixed(2) };
};

const load0 = loadavg();
const cpu0 = process.cpuUsage();
const perBank: { seed: number; decisions: number; live: number; coupon: number; overall: number }[] = [];
for (const seed of seeds) {
  const ctx = buildBankContext(seed, DEMO_DEFAULTS.asOf);
  const rows: Decision[] = [];
  for (let i = 0; i < customers; i++)
    for (const s of generateBundle(ctx, i).subscriptions) {
      if (s.renewed === null) continue;
      const p = renewalProbability({ ...s, coupon: s.couponUsed, livestream2000: s.livestream2000 });
      rows.push({ noise: (s.renewed ? 1 : 0) - p, live: s.livestream2000, coupon: s.couponUsed });
    }
  perBank.push({
    seed,
    decisions: rows.length,
    live: gap(rows, (d) => d.live),
    coupon: gap(rows, (d) => d.coupon),
    overall: rows.reduce((a, d) => a + d.noise, 0) / rows.length,
  });
}
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify(
    {
      seeds: values.seeds,
      customers,
      banks: perBank.length,
      meanDecisions: Math.round(perBank.reduce((a, b) => a + b.decisions, 0) / perBank.length),
      liveMinusOthers: summary(perBank.map((b) => b.live)),
      couponMinusOthers: summary(perBank.map((b) => b.coupon)),
      overall: summary(perBank.map((b) => b.overall)),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
      loadavg: { start: load0.map((x) => +x.toFixed(2)), end: loadavg().map((x) => +x.toFixed(2)) },
      ...(values['per-bank'] ? { perBank } : {}),
    },
    null,
    2,
  ),
);
