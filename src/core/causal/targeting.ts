import { badInput } from '../errors.js';
import type { UpliftData } from './uplift.js';

export type DecileRow = {
  bin: number;
  n: number;
  n_treated: number;
  n_control: number;
  mean_score: number;
  response_treated: number;
  response_control: number;
  uplift: number;
};

const orderDesc = (score: Float64Array): Uint32Array =>
  Uint32Array.from(score.keys()).sort((a, b) => score[b]! - score[a]! || a - b);

/**
 * Observed uplift by score bin: rows ranked by score (descending) and cut into `bins` groups of equal size
 * (the first n mod bins groups get one extra row); uplift = mean outcome treated − mean outcome control.
 */
export const upliftByBin = (d: UpliftData, bins = 10): DecileRow[] => {
  const n = d.score.length;
  if (bins < 1 || bins > n) throw badInput('bins', `expected 1 ≤ bins ≤ n (${n})`);
  const order = orderDesc(d.score);
  const rows: DecileRow[] = [];
  let start = 0;
  for (let b = 0; b < bins; b++) {
    const size = Math.floor(n / bins) + (b < n % bins ? 1 : 0);
    let nt = 0;
    let yt = 0;
    let yc = 0;
    let s = 0;
    for (let r = start; r < start + size; r++) {
      const i = order[r]!;
      const w = d.treatment[i]!;
      nt += w;
      yt += w * d.outcome[i]!;
      yc += (1 - w) * d.outcome[i]!;
      s += d.score[i]!;
    }
    const nc = size - nt;
    const rt = nt ? yt / nt : NaN;
    const rc = nc ? yc / nc : NaN;
    rows.push({
      bin: b + 1,
      n: size,
      n_treated: nt,
      n_control: nc,
      mean_score: s / size,
      response_treated: rt,
      response_control: rc,
      uplift: rt - rc,
    });
    start += size;
  }
  return rows;
};

export type ProfitPoint = { targeted: number; fraction: number; incremental: number; profit: number };

/**
 * Profit of contacting the top k customers by score, for k on a grid of `points` fractions:
 * incremental(k) = k·(Ȳ_T(k) − Ȳ_C(k)) (causalml cumulative gain), profit = value·incremental − cost·k.
 * `value` is the value of one extra conversion (or one unit of outcome), `cost` the cost of one contact.
 */
export const profitCurve = (d: UpliftData, value: number, cost: number, points = 20): ProfitPoint[] => {
  const n = d.score.length;
  const order = orderDesc(d.score);
  const marks = new Set<number>();
  for (let j = 1; j <= points; j++) marks.add(Math.round((j * n) / points));
  const out: ProfitPoint[] = [{ targeted: 0, fraction: 0, incremental: 0, profit: 0 }];
  let nt = 0;
  let yt = 0;
  let yc = 0;
  for (let k = 1; k <= n; k++) {
    const i = order[k - 1]!;
    const w = d.treatment[i]!;
    nt += w;
    yt += w * d.outcome[i]!;
    yc += (1 - w) * d.outcome[i]!;
    if (!marks.has(k)) continue;
    const nc = k - nt;
    const inc = nt > 0 && nc > 0 ? (yt / nt - yc / nc) * k : 0;
    out.push({ targeted: k, fraction: k / n, incremental: inc, profit: value * inc - cost * k });
  }
  return out;
};

export type TargetingChoice = { index: number; score: number; expected_profit: number };

/**
 * Targeting list under a budget: customers ranked by predicted uplift (score = expected extra conversions
 * per contact), kept while value·score > cost (contact pays for itself) and the spend stays within budget.
 */
export const targetingList = (
  score: Float64Array,
  value: number,
  cost: number,
  budget: number,
): TargetingChoice[] => {
  if (!(cost > 0)) throw badInput('--cost', 'contact cost must be positive');
  if (!(budget >= 0)) throw badInput('--budget', 'budget must be non-negative');
  const maxContacts = Math.floor(budget / cost + 1e-9);
  const out: TargetingChoice[] = [];
  for (const i of orderDesc(score)) {
    if (out.length >= maxContacts) break;
    const profit = value * score[i]! - cost;
    if (profit <= 0) break;
    out.push({ index: i, score: score[i]!, expected_profit: profit });
  }
  return out;
};
