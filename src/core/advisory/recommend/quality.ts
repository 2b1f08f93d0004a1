import type { ProductType } from '../../product-types.js';
import { peerPercentile, type ProductFacts, type ShelfContext } from '../shelf-context.js';
import type { ManagerRecord } from './manager.js';
import { scoreManager } from './manager.js';
import type { RecommendPolicy } from './types.js';

export type QualityParts = {
  /** Percentiles 0–1 within the product type (null without enough history). */
  readonly sharpe: number | null;
  readonly drawdown: number | null;
  readonly cost: number | null;
  readonly track: number | null;
  readonly manager: number | null;
  readonly managerRecord: ManagerRecord | null;
  readonly peers: number;
  readonly medianCost: number | null;
};

type CategoryStats = { sharpe: number[]; drawdown: number[]; cost: number[] };
const cache = new WeakMap<ShelfContext, Map<ProductType, CategoryStats>>();

/** Per product type, the values peers are ranked on (memoised per shelf context: the shelf is immutable). */
const categoryStats = (shelf: ShelfContext, type: ProductType): CategoryStats => {
  let byType = cache.get(shelf);
  if (byType === undefined) {
    byType = new Map();
    cache.set(shelf, byType);
  }
  let s = byType.get(type);
  if (s === undefined) {
    const facts = (shelf.categories.get(type)?.codes ?? []).map((c) => shelf.products.get(c)!);
    s = {
      sharpe: facts.flatMap((f) => (f.sharpe !== null && Number.isFinite(f.sharpe) ? [f.sharpe] : [])),
      drawdown: facts.flatMap((f) => (f.maxDrawdown !== null ? [f.maxDrawdown] : [])),
      cost: facts.map((f) => f.annualCost),
    };
    byType.set(type, s);
  }
  return s;
};

const pctOf = (x: number | null, peers: readonly number[], minPeers: number): number | null =>
  x === null || !Number.isFinite(x) || peers.length < minPeers ? null : peerPercentile(x, peers)! / 100;

/** Quality parts of one product against its type: Sharpe, drawdown, cost (lower is better), track and manager. */
export const qualityParts = (
  shelf: ShelfContext,
  f: ProductFacts,
  managers: ReadonlyMap<string, ManagerRecord> | undefined,
): QualityParts => {
  const s = categoryStats(shelf, f.product.type);
  const min = shelf.options.minPeers;
  const costPct = pctOf(f.annualCost, s.cost, min);
  const record = managers?.get(f.product.manager) ?? null;
  return {
    sharpe: pctOf(f.sharpe, s.sharpe, min),
    drawdown: pctOf(f.maxDrawdown, s.drawdown, min),
    cost: costPct === null ? null : 1 - costPct,
    track: f.peerPercentile === null ? null : f.peerPercentile / 100,
    manager: record === null ? null : scoreManager({ category: f.product.type, ...record }).score / 100,
    managerRecord: record,
    peers: s.cost.length,
    medianCost: shelf.categories.get(f.product.type)?.medianCost ?? null,
  };
};

/** Weighted mean of the known parts (unknown ones count as the neutral 0.5). */
export const qualityScore = (q: QualityParts, w: RecommendPolicy['qualityWeights']): number => {
  const parts: [number | null, number][] = [
    [q.sharpe, w.sharpe],
    [q.drawdown, w.drawdown],
    [q.cost, w.cost],
    [q.track, w.track],
    [q.manager, w.manager],
  ];
  const wsum = parts.reduce((s, [, wi]) => s + wi, 0);
  return parts.reduce((s, [v, wi]) => s + wi * (v ?? 0.5), 0) / wsum;
};
