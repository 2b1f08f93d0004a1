import type { SuitabilityState } from '../../advisory/assessment.js';
import { valueHolding } from '../../advisory/holding.js';
import type { ProductFacts, ShelfContext } from '../../advisory/shelf-context.js';
import type { LiquidityClass } from '../../advisory/shelf.js';
import { badInput } from '../../errors.js';
import { INVESTOR_LEVELS, levelRank, type InvestorLevel } from '../../suitability/types.js';
import { DEFAULT_CONFIG } from '../allocation/assumptions.js';
import { strategicWeights } from '../allocation/class-weights.js';
import {
  ASSET_CLASSES,
  type AllocationConfig,
  type AssetClass,
  type LiquidityNeed,
  type Purpose,
} from '../allocation/types.js';
import type { CheckupPolicy } from './policy.js';
import type { CheckupInput } from './types.js';

export type Position = {
  readonly code: string;
  readonly facts: ProductFacts;
  readonly valueFen: number;
  readonly costFen: number;
  /** Share of the invested portfolio. */
  readonly share: number;
  readonly assetClass: AssetClass | null;
  readonly liquidity: LiquidityClass;
  readonly openedAt: string | null;
};

export type PortfolioView = {
  readonly positions: readonly Position[];
  readonly investedFen: number;
  readonly cashFen: number;
  /** Deposits plus instant-liquidity holdings (money-market funds). */
  readonly instantFen: number;
  readonly lockedFen: number;
  readonly totalFen: number;
  readonly reserveFen: number;
  readonly reserveMonths: number;
  readonly liquidityNeed: LiquidityNeed;
  readonly horizonMonths: number;
  /** The level that governs advice: C1 for the lowest category, at most C2 with limited civil capacity. */
  readonly adviceLevel: InvestorLevel;
  readonly classWeights: Record<AssetClass, number>;
  readonly targetWeights: Record<AssetClass, number>;
  /** Total-variation distance ½ Σ |w − w*| between the actual and the target class mix (0–1). */
  readonly drift: number;
};

/** The level that governs advice: C1 for the lowest category, at most C2 with limited civil capacity. */
export const adviceLevel = (c: SuitabilityState): InvestorLevel => {
  if (c.lowestCategory === true) return 'C1';
  if (c.civilCapacity === 'limited' && levelRank(c.level) > 2) return 'C2';
  return c.level;
};

const targetCache = new Map<string, Record<AssetClass, number>>();

/**
 * The target class mix of the allocation engine for this customer's level, horizon and liquidity need (a
 * long-term `growth` money bucket with the level as appetite), over the classes the shelf can fill at that
 * level. Deterministic, so memoised per key for the default configuration.
 */
export const targetMix = (
  level: InvestorLevel,
  horizonMonths: number,
  liquidityNeed: LiquidityNeed,
  available: ReadonlySet<AssetClass> = new Set(ASSET_CLASSES),
  config?: Partial<AllocationConfig>,
  purpose: Purpose = 'growth',
): Record<AssetClass, number> => {
  const key = `${level}|${horizonMonths}|${liquidityNeed}|${purpose}|${[...available].sort().join(',')}`;
  const cached = config === undefined ? targetCache.get(key) : undefined;
  if (cached !== undefined) return cached;
  const cfg = { ...DEFAULT_CONFIG, ...config };
  const w = strategicWeights(
    { riskLevel: level, horizonMonths, liquidityNeed, holdings: [] },
    { purpose, amount: 1, horizonMonths, riskAppetite: level },
    cfg,
    available,
  ).weights;
  if (config === undefined) {
    // Bounded: the key space (level × horizon × need × purpose × classes) is small in practice.
    if (targetCache.size >= 2000) targetCache.clear();
    targetCache.set(key, w);
  }
  return w;
};

const zeroWeights = (): Record<AssetClass, number> =>
  Object.fromEntries(ASSET_CLASSES.map((c) => [c, 0])) as Record<AssetClass, number>;

const positionOf = (
  h: CheckupInput['holdings'][number],
  k: number,
  input: CheckupInput,
): Omit<Position, 'share'> => {
  const v = valueHolding(input.shelf, h, `holdings[${k}]`);
  return {
    code: v.code,
    facts: v.facts,
    valueFen: v.valueFen,
    costFen: v.costFen,
    assetClass: v.facts.assetClass,
    liquidity: v.facts.liquidity,
    openedAt: v.openedAt,
  };
};

/** Classes with at least one open product on the shelf within the level (the target leaves the others out). */
export const availableClasses = (shelf: ShelfContext, level: InvestorLevel): Set<AssetClass> => {
  const out = new Set<AssetClass>();
  for (const f of shelf.products.values()) {
    if (f.assetClass !== null && f.product.status === 'open' && levelRank(f.product.risk) <= levelRank(level))
      out.add(f.assetClass);
  }
  return out;
};

/** Values the holdings at the latest unit NAV and derives the money view the findings and scores read. */
export const portfolioView = (input: CheckupInput, policy: CheckupPolicy): PortfolioView => {
  const c = input.customer;
  if (!INVESTOR_LEVELS.includes(c.level))
    throw badInput('customer.level', `expected C1..C5, got ${String(c.level)}`);
  for (const key of ['annualIncomeFen', 'cashFen'] as const) {
    if (!Number.isSafeInteger(c[key]) || c[key] < 0)
      throw badInput(`customer.${key}`, 'expected whole fen ≥ 0');
  }
  const raw = input.holdings.map((h, k) => positionOf(h, k, input)).filter((p) => p.valueFen > 0);
  const investedFen = raw.reduce((s, p) => s + p.valueFen, 0);
  const positions = raw
    .map((p) => ({ ...p, share: investedFen > 0 ? p.valueFen / investedFen : 0 }))
    .sort((a, b) => b.valueFen - a.valueFen || (a.code < b.code ? -1 : 1));
  const instant = positions.filter((p) => p.liquidity === 'instant').reduce((s, p) => s + p.valueFen, 0);
  const locked = positions.filter((p) => p.liquidity === 'locked').reduce((s, p) => s + p.valueFen, 0);
  const liquidityNeed = c.liquidityNeed ?? 'medium';
  const horizonMonths = c.horizonMonths ?? 60;
  const months = policy.reserveMonths[liquidityNeed];
  const reserve = Math.max(policy.minReserveFen, Math.round((c.annualIncomeFen / 12) * months));
  const level = adviceLevel(c);
  const target = targetMix(
    level,
    horizonMonths,
    liquidityNeed,
    availableClasses(input.shelf, level),
    input.allocationConfig,
  );
  const weights = zeroWeights();
  const classed = positions.filter((p) => p.assetClass !== null);
  const classedFen = classed.reduce((s, p) => s + p.valueFen, 0);
  if (classedFen > 0) for (const p of classed) weights[p.assetClass!] += p.valueFen / classedFen;
  else weights.cash = 1;
  const drift = 0.5 * ASSET_CLASSES.reduce((s, k) => s + Math.abs(weights[k] - target[k]), 0);
  return {
    positions,
    investedFen,
    cashFen: c.cashFen,
    instantFen: c.cashFen + instant,
    lockedFen: locked,
    totalFen: c.cashFen + investedFen,
    reserveFen: reserve,
    reserveMonths: months,
    liquidityNeed,
    horizonMonths,
    adviceLevel: level,
    classWeights: weights,
    targetWeights: target,
    drift,
  };
};
