import { chiSquareSf } from './distributions.js';

/**
 * Sample-ratio mismatch check: Pearson χ² goodness of fit of observed users per variation against the
 * configured traffic weights, over variations with weight > 0 (weights renormalised), df = k − 1.
 * Fewer than two valid variations or no users → p = 1 (GrowthBook `check_srm`).
 */
export const srmPValue = (users: readonly number[], weights: readonly number[]): number => {
  const idx: number[] = [];
  for (let i = 0; i < Math.min(users.length, weights.length); i++) if ((weights[i] ?? 0) > 0) idx.push(i);
  if (idx.length < 2) return 1;
  const total = idx.reduce((s, i) => s + users[i]!, 0);
  const wSum = idx.reduce((s, i) => s + weights[i]!, 0);
  if (total <= 0) return 1;
  let chi2 = 0;
  for (const i of idx) {
    const expected = (total * weights[i]!) / wSum;
    chi2 += (users[i]! - expected) ** 2 / expected;
  }
  return chiSquareSf(chi2, idx.length - 1);
};
