/** Day-by-day money of one portfolio or product: values after each day's trades and that day's flows (fen). */
export type FlowSeries = {
  /** Market value at the close, after the day's transactions. */
  readonly value: ArrayLike<number>;
  /** Money paid in (purchases, fees included). */
  readonly inflow: ArrayLike<number>;
  /** Money paid out (redemptions net of fees, cash dividends, maturity payouts). */
  readonly outflow: ArrayLike<number>;
  /** Entry cost of the day's purchases: money paid in − value of the units bought at the trade NAV. */
  readonly entry: ArrayLike<number>;
};

/**
 * Time-weighted return over the valuation days (a, b] of `s`, sub-periods linked at every external flow
 * (GIPS daily valuation). A flow happens at the close at the trade NAV, so the day's sub-period ends just
 * before it:
 *
 *   1 + r_t = (V_t + OUT_t − (IN_t − E_t)) / (V_{t−1} + E_{t−1})
 *
 * where V_t + OUT_t − (IN_t − E_t) is the value of what was held before the day's trades (redemption fees
 * already lost) and V_{t−1} + E_{t−1} the money at work after the previous day's flows (a purchase's entry
 * cost E — its fee — is lost at the start of the next sub-period, so a large purchase into a small
 * portfolio cannot produce an absurd day). The segment's opening base has no carried entry cost and an entry
 * cost of its last day is charged by a closing factor V_b / (V_b + E_b), so segments (months) link exactly
 * into the period. Days without money at work (base 0) are skipped; null when there was none at all.
 */
export const linkTwr = (s: FlowSeries, a: number, b: number): number | null => {
  let growth = 1;
  let invested = false;
  for (let t = a + 1; t <= b; t++) {
    const base = s.value[t - 1]! + (t - 1 > a ? s.entry[t - 1]! : 0);
    if (base <= 0) continue;
    const end = s.value[t]! + s.outflow[t]! - (s.inflow[t]! - s.entry[t]!);
    growth *= end / base;
    invested = true;
  }
  const closing = s.value[b]! + s.entry[b]!;
  if (b > a && s.entry[b]! !== 0 && closing > 0) {
    growth *= s.value[b]! / closing;
    invested = true;
  }
  return invested ? growth - 1 : null;
};
