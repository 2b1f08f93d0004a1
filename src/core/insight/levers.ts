import { AppError, badInput } from '../errors.js';
import type { LeverKey } from './factors.js';
import { LEVERS } from './factors.js';

/** Per-contact cost of each lever in yuan (defaults; a study may override them). */
export const DEFAULT_LEVER_COST: Readonly<Record<LeverKey, number>> = {
  coupon: 50,
  rm_call: 30,
  livestream_invite: 5,
};

export type LeverScores = { customerId: number; pOutcome: number; cate: Record<LeverKey, number> };

export type StrategyRow = {
  customer_id: number;
  p_outcome: number;
  best_lever: LeverKey | null;
  chosen: boolean;
  cost: number;
} & Record<`cate_${LeverKey}`, number>;

export type Strategy = { rows: StrategyRow[]; expected_incremental: number; cost: number };

/**
 * Budgeted strategy list: each customer's best lever is the one with the largest expected uplift per yuan
 * (CATE / cost, positive uplifts only); customers are then taken greedily by that ratio until the budget is
 * spent (the fractional-knapsack greedy, exact when contacts are small next to the budget). Without a budget
 * every customer with a positive best lever is chosen. Rows keep the input order.
 */
export const budgetedStrategy = (
  scores: readonly LeverScores[],
  budget: number | null,
  costs: Readonly<Record<LeverKey, number>> = DEFAULT_LEVER_COST,
): Strategy => {
  const best = scores.map((s) => {
    let lever: LeverKey | null = null;
    let ratio = 0;
    for (const { key } of LEVERS) {
      const r = s.cate[key] / costs[key];
      if (s.cate[key] > 0 && r > ratio) {
        ratio = r;
        lever = key;
      }
    }
    return { lever, ratio };
  });
  const order = best.map((_, i) => i).sort((a, b) => best[b]!.ratio - best[a]!.ratio || a - b);
  const chosen = new Set<number>();
  let spent = 0;
  let gain = 0;
  for (const i of order) {
    const lever = best[i]!.lever;
    if (lever === null) break;
    if (budget !== null && spent + costs[lever] > budget) continue;
    chosen.add(i);
    spent += costs[lever];
    gain += scores[i]!.cate[lever];
  }
  const rows = scores.map((s, i) => {
    const lever = best[i]!.lever;
    const row = {
      customer_id: s.customerId,
      p_outcome: s.pOutcome,
      best_lever: lever,
      chosen: chosen.has(i),
      cost: chosen.has(i) && lever ? costs[lever] : 0,
    } as StrategyRow;
    for (const { key } of LEVERS) row[`cate_${key}`] = s.cate[key];
    return row;
  });
  return { rows, expected_incremental: gain, cost: spent };
};

/** Spearman rank correlation (average ranks for ties): the Pearson correlation of the ranks. */
export const spearman = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const rank = (v: ArrayLike<number>): Float64Array => {
    const idx = Array.from({ length: v.length }, (_, i) => i).sort((i, j) => v[i]! - v[j]!);
    const r = new Float64Array(v.length);
    for (let s = 0; s < idx.length;) {
      let e = s;
      while (e + 1 < idx.length && v[idx[e + 1]!] === v[idx[s]!]) e++;
      for (let k = s; k <= e; k++) r[idx[k]!] = (s + e) / 2 + 1;
      s = e + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = ra.length;
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
};

export type LeverListEntry = { customer_id: number; p_outcome: number; uplift: number };
export type LeverList = {
  lever: LeverKey;
  unit_cost: number;
  budget: number;
  chosen: LeverListEntry[];
  expected_incremental: number;
  cost: number;
};

/**
 * One lever's target list under a budget: the customers with a positive predicted uplift of that lever, best
 * first (ties by customer id), as many as `floor(budget / unit cost)`. Greedy by uplift is optimal here because
 * every contact costs the same. A budget below one contact is a BAD_INPUT naming `budget`; no positive uplift at
 * all is INSUFFICIENT_EVIDENCE naming `lever` (sending it would be expected to change nothing).
 */
export const leverTargetList = (
  scores: readonly LeverScores[],
  lever: LeverKey,
  budget: number,
  unitCost: number = DEFAULT_LEVER_COST[lever],
): LeverList => {
  if (!(budget >= unitCost))
    throw badInput(
      'budget',
      `${budget} yuan buys no ${lever} contact (one costs ${unitCost} yuan); raise it`,
    );
  const positive = scores
    .filter((s) => s.cate[lever] > 0)
    .sort((a, b) => b.cate[lever] - a.cate[lever] || a.customerId - b.customerId);
  if (positive.length === 0)
    throw new AppError(
      'INSUFFICIENT_EVIDENCE',
      `lever: no customer has a positive predicted effect of ${lever}; choose another lever`,
      { field: 'lever' },
    );
  const take = positive.slice(0, Math.floor(budget / unitCost));
  const chosen = take.map((s) => ({
    customer_id: s.customerId,
    p_outcome: s.pOutcome,
    uplift: s.cate[lever],
  }));
  return {
    lever,
    unit_cost: unitCost,
    budget,
    chosen,
    expected_incremental: chosen.reduce((a, c) => a + c.uplift, 0),
    cost: chosen.length * unitCost,
  };
};
