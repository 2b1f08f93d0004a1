/**
 * Holm (1979) step-down adjusted p-values, controlling the family-wise error rate:
 * p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)) in ascending order of p.
 */
export const holmAdjust = (p: readonly number[]): number[] => {
  const m = p.length;
  const order = [...p.keys()].sort((i, j) => p[i]! - p[j]!);
  const out = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[idx]!));
    out[idx] = running;
  });
  return out;
};

/**
 * Benjamini–Hochberg (1995) adjusted p-values (q-values), controlling the false discovery rate:
 * q_(i) = min_{j ≥ i} min(1, m p_(j) / j) in ascending order of p.
 */
export const benjaminiHochberg = (p: readonly number[]): number[] => {
  const m = p.length;
  const order = [...p.keys()].sort((i, j) => p[i]! - p[j]!);
  const out = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank]!;
    running = Math.min(running, (m * p[idx]!) / (rank + 1));
    out[idx] = Math.min(1, running);
  }
  return out;
};
