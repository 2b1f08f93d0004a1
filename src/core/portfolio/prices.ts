/**
 * Asset price and return panels, stored by asset (one Float64Array per column, NaN = no observation).
 * Late listings are NaN before their first price, as in PyPortfolioOpt's test data.
 */
export type Panel = { assets: string[]; cols: Float64Array[] };

/**
 * `count` zeroed columns of `length` values, as views into one buffer: one large allocation instead of a few
 * hundred small ones, which the young-generation collector would otherwise copy while they live (a 500-asset
 * panel spent ≈ 10% of a cold `caiban optimize` in garbage collection).
 */
export const newColumns = (count: number, length: number): Float64Array[] => {
  const all = new Float64Array(count * length);
  return Array.from({ length: count }, (_, j) => all.subarray(j * length, (j + 1) * length));
};

/** Number of rows (dates) of a panel. */
export const rowsOf = (p: Panel): number => p.cols[0]?.length ?? 0;

/**
 * Simple returns p_t / p_{t−1} − 1 per asset, dropping the rows where every asset is missing
 * (pandas `pct_change(fill_method=None).dropna(how="all")`, PyPortfolioOpt `returns_from_prices`).
 * With `log`, ln(1 + r).
 */
export const returnsFromPrices = (prices: Panel, log = false): Panel => {
  const T = rowsOf(prices);
  const raw = newColumns(prices.cols.length, Math.max(0, T - 1));
  prices.cols.forEach((c, j) => {
    const r = raw[j]!;
    for (let t = 1; t < T; t++) {
      const v = c[t]! / c[t - 1]! - 1;
      r[t - 1] = log ? Math.log1p(v) : v;
    }
  });
  const keep: number[] = [];
  for (let t = 0; t < T - 1; t++) {
    for (const c of raw) {
      if (c[t] === c[t]) {
        keep.push(t);
        break;
      }
    }
  }
  if (keep.length === T - 1) return { assets: prices.assets, cols: raw };
  return { assets: prices.assets, cols: raw.map((c) => Float64Array.from(keep, (t) => c[t]!)) };
};

/** The last `n` rows of a panel. */
export const lastRows = (p: Panel, n: number): Panel => ({
  assets: p.assets,
  cols: p.cols.map((c) => c.slice(Math.max(0, c.length - n))),
});

/** A panel restricted to some assets, in the given order. */
export const selectAssets = (p: Panel, names: readonly string[]): Panel => ({
  assets: [...names],
  cols: names.map((a) => {
    const i = p.assets.indexOf(a);
    if (i < 0) throw new Error(`asset ${a} not in panel`);
    return p.cols[i]!;
  }),
});
