import { lastIndexOnOrBefore } from '../days.js';
import type { ProductFacts } from '../shelf-context.js';

/**
 * Returns of a dated level series over the product's own observation intervals: for each i, level at the last
 * date ≤ dates[i] over level at the last date ≤ dates[i−1], minus 1 (NaN where either is missing). Aligns an
 * index or a peer on the fund's calendar whatever theirs is.
 */
export const alignedReturns = (
  dates: readonly string[],
  from: number,
  to: number,
  levelDates: readonly string[],
  level: ArrayLike<number>,
): Float64Array => {
  const out = new Float64Array(to - from);
  let prev = lastIndexOnOrBefore(levelDates, dates[from]!);
  for (let i = from + 1; i <= to; i++) {
    const cur = lastIndexOnOrBefore(levelDates, dates[i]!);
    out[i - from - 1] = prev < 0 || cur < 0 ? NaN : level[cur]! / level[prev]! - 1;
    prev = cur;
  }
  return out;
};

/** Equal-weight mean of the peers' aligned returns, ignoring peers without data on an interval. */
export const categoryReturns = (
  dates: readonly string[],
  from: number,
  to: number,
  peers: readonly ProductFacts[],
): Float64Array => {
  const sum = new Float64Array(to - from);
  const n = new Float64Array(to - from);
  for (const p of peers) {
    const r = alignedReturns(dates, from, to, p.product.nav.dates, p.product.nav.adjusted);
    for (let i = 0; i < r.length; i++) {
      if (Number.isFinite(r[i]!)) {
        sum[i]! += r[i]!;
        n[i]!++;
      }
    }
  }
  return sum.map((s, i) => (n[i]! > 0 ? s / n[i]! : NaN));
};

/** Compounded return Π(1 + r) − 1, NaN counting as 0. */
export const compound = (r: ArrayLike<number>): number => {
  let g = 1;
  for (let i = 0; i < r.length; i++) if (Number.isFinite(r[i]!)) g *= 1 + r[i]!;
  return g - 1;
};
