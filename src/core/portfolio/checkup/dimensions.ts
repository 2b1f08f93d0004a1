import type { ShelfContext } from '../../advisory/shelf-context.js';
import { render } from '../../advisory/text.js';
import { DIMENSION_LABEL } from './messages.js';
import type { CheckupPolicy } from './policy.js';
import type { PortfolioView } from './positions.js';
import type { Dimension, DimensionKey, Finding } from './types.js';

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const score = (x01: number): number => Math.round(100 * clamp01(x01));

/**
 * Effective number of risky positions 1 / Σ sᵢ² (the inverse Herfindahl index), counting each group of
 * overlapping funds as one position; R1 (cash-like) holdings are left out as there is nothing to spread.
 */
export const effectiveHoldings = (v: PortfolioView, overlaps: readonly Finding[]): number | null => {
  const risky = v.positions.filter((x) => x.facts.product.risk !== 'R1');
  const total = risky.reduce((s, x) => s + x.valueFen, 0);
  if (total === 0) return null;
  const group = new Map<string, string>();
  overlaps.forEach((f, g) => f.products.forEach((c) => group.set(c, `g${g}`)));
  const shares = new Map<string, number>();
  for (const x of risky) {
    const key = group.get(x.code) ?? x.code;
    shares.set(key, (shares.get(key) ?? 0) + x.valueFen / total);
  }
  return 1 / [...shares.values()].reduce((s, w) => s + w * w, 0);
};

const weighted = (pairs: readonly { w: number; v: number }[]): number | null => {
  const wsum = pairs.reduce((s, p) => s + p.w, 0);
  return wsum > 0 ? pairs.reduce((s, p) => s + p.w * p.v, 0) / wsum : null;
};

/** The six dimension scores (0–100) of the check-up; docs/advisory.md gives each formula. */
export const dimensions = (
  v: PortfolioView,
  findings: readonly Finding[],
  assessmentInvalid: boolean,
  shelf: ShelfContext,
  p: CheckupPolicy,
): Dimension[] => {
  const mismatched = new Set(findings.filter((f) => f.code === 'risk_mismatch').flatMap((f) => f.products));
  const mismatchShare = v.positions.filter((x) => mismatched.has(x.code)).reduce((s, x) => s + x.share, 0);
  const nEff = effectiveHoldings(
    v,
    findings.filter((f) => f.code === 'overlap'),
  );
  const lockedShare = v.totalFen > 0 ? v.lockedFen / v.totalFen : 0;
  const liquidRatio = v.reserveFen > 0 ? v.instantFen / v.reserveFen : 1;
  const costRatio = weighted(
    v.positions.flatMap((x) => {
      const m = shelf.categories.get(x.facts.product.type)?.medianCost ?? null;
      return m === null || m <= 0 ? [] : [{ w: x.valueFen, v: x.facts.annualCost / m }];
    }),
  );
  const perf = weighted(
    v.positions
      .filter((x) => x.facts.peerPercentile !== null)
      .map((x) => ({ w: x.valueFen, v: x.facts.peerPercentile! })),
  );
  const risk = score(1 - 2 * mismatchShare);
  const raw: Record<DimensionKey, { s: number; n: Record<string, number | null> }> = {
    allocation: { s: score(1 - v.drift / 0.5), n: { drift: v.drift } },
    diversification: {
      s: nEff === null ? 100 : score((nEff - 1) / (p.diversification.targetEffectiveHoldings - 1)),
      n: { effective_holdings: nEff },
    },
    risk_match: { s: assessmentInvalid ? Math.min(risk, 40) : risk, n: { mismatch_share: mismatchShare } },
    liquidity: {
      s: Math.max(0, score(liquidRatio) - (lockedShare > p.maxLockedShare ? 25 : 0)),
      n: { liquid_ratio: liquidRatio, locked_share: lockedShare },
    },
    cost: {
      s: costRatio === null ? 100 : score((100 - 60 * (costRatio - 0.5)) / 100),
      n: { cost_to_median: costRatio },
    },
    performance: { s: perf === null ? 50 : Math.round(perf), n: { peer_percentile: perf } },
  };
  return (Object.keys(raw) as DimensionKey[]).map((key) => ({
    key,
    score: raw[key].s,
    weight: p.weights[key],
    label: render(DIMENSION_LABEL[key]),
    numbers: raw[key].n,
  }));
};
