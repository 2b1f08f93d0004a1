import { badInput } from '../../errors.js';
import { CLASS_EN, CLASS_ZH, wholeYuan } from './labels.js';
import { isSuitable, rankClass, returnCorrelation, type Ranked } from './product-ranking.js';
import {
  ASSET_CLASSES,
  type AllocationConfig,
  type AssetClass,
  type Holding,
  type Product,
  type InvestorLevel,
  type Trade,
} from './types.js';

/** Where a class's money goes when no suitable product of that class is on the shelf. */
const FALLBACK: Record<AssetClass, AssetClass | null> = {
  overseas: 'equity',
  equity: 'fixed_income_plus',
  alternatives: 'fixed_income_plus',
  fixed_income_plus: 'fixed_income',
  fixed_income: 'cash',
  cash: null,
};

export type Position = {
  product: Product;
  amount: number;
  kept: boolean;
  ranked: Ranked | null;
  /** A holding that cannot be redeemed before this date (closed-end before its open date): fixed in the plan. */
  lockedUntil: string | null;
};

export type Plan = {
  targets: Record<AssetClass, number>;
  positions: Position[];
  trades: Trade[];
  nextSteps: Array<{ asset_class: AssetClass; amount: number }>;
  uninvested: number;
};

const floorTo = (v: number, step: number): number => Math.floor(v / step + 1e-9) * step;

/** Moves the target of classes without a suitable, rankable product down the fallback chain. */
const reallocate = (
  targets: Record<AssetClass, number>,
  ranked: Record<AssetClass, Ranked[]>,
): Record<AssetClass, number> => {
  const t = { ...targets };
  for (const c of ASSET_CLASSES) {
    let from: AssetClass = c;
    while (t[from] > 0 && ranked[from].length === 0) {
      const to = FALLBACK[from];
      if (!to)
        throw badInput('products', `no suitable ${CLASS_EN[from]} product on the shelf for this investor`);
      t[to] += t[from];
      t[from] = 0;
      from = to;
    }
  }
  return t;
};

/**
 * Class targets around the locked holdings, which the plan cannot change: a class holds at least its locked
 * amount, and the money left over is spread over the remaining needs in proportion, so the total stays.
 */
const aroundLocked = (
  targets: Record<AssetClass, number>,
  locked: Record<AssetClass, number>,
  total: number,
): Record<AssetClass, number> => {
  const lockedSum = ASSET_CLASSES.reduce((a, c) => a + locked[c], 0);
  if (lockedSum === 0) return targets;
  const need = Object.fromEntries(
    ASSET_CLASSES.map((c) => [c, Math.max(0, targets[c] - locked[c])]),
  ) as Record<AssetClass, number>;
  const needSum = ASSET_CLASSES.reduce((a, c) => a + need[c], 0);
  const free = Math.max(0, total - lockedSum);
  const scale = needSum > 0 ? free / needSum : 0;
  return Object.fromEntries(ASSET_CLASSES.map((c) => [c, locked[c] + need[c] * scale])) as Record<
    AssetClass,
    number
  >;
};

/** The date a holding is locked until, or null when it can be redeemed on `asOf`. */
export const lockOf = (h: Holding, asOf: string): string | null =>
  h.lockedUntil != null && h.lockedUntil > asOf ? h.lockedUntil : null;

type Inputs = {
  total: number;
  classTargets: Record<AssetClass, number>;
  holdings: readonly Holding[];
  products: readonly Product[];
  level: InvestorLevel;
  asOf: string;
  cfg: AllocationConfig;
};

const sellReason = (p: Product, level: InvestorLevel, full: boolean) =>
  !isSuitable(p, level)
    ? {
        zh: `${p.name} 风险等级 ${p.risk} 高于这笔资金适用的风险等级 ${level}，建议赎回后按方案重新配置。`,
        en: `${p.name} is rated ${p.risk}, above the ${level} level that applies to this money; redeem and reallocate.`,
      }
    : {
        zh: `${CLASS_ZH[p.assetClass]}类占比高于目标，${full ? '赎回' : '部分赎回'} ${p.name} 以平衡配置。`,
        en: `${CLASS_EN[p.assetClass]} is above target; ${full ? 'redeem' : 'partly redeem'} ${p.name} to rebalance.`,
      };

/**
 * How much of a holding to sell so that `keep` stays: nothing when the excess is under `minTrade`, otherwise
 * the excess in whole hundreds; and the whole holding when what would stay is a sliver under `minTrade`
 * (never keep 70 yuan of a product while selling 551,200 of it).
 */
const sellAmount = (amount: number, keep: number, minTrade: number): number => {
  if (amount - keep < minTrade) return 0;
  const sell = Math.max(floorTo(amount - keep, 100), minTrade);
  return amount - sell < minTrade ? amount : sell;
};

/**
 * Keeps locked holdings whole, suitable holdings up to each class target (best-ranked first), and sells the
 * rest.
 */
const keepOrSell = (
  inp: Inputs,
  ranked: Record<AssetClass, Ranked[]>,
  targets: Record<AssetClass, number>,
) => {
  const byCode = new Map(inp.products.map((p) => [p.code, p]));
  const positions: Position[] = [];
  const sells: Trade[] = [];
  const kept: Record<AssetClass, number> = Object.fromEntries(ASSET_CLASSES.map((c) => [c, 0])) as Record<
    AssetClass,
    number
  >;
  const rankOf = (p: Product): number => ranked[p.assetClass].findIndex((r) => r.product.code === p.code);
  // Locked holdings first: they take their class's room before anything that could be sold.
  const holdings = [...inp.holdings].sort((a, b) => {
    const la = lockOf(a, inp.asOf) === null ? 1 : 0;
    const lb = lockOf(b, inp.asOf) === null ? 1 : 0;
    if (la !== lb) return la - lb;
    const pa = byCode.get(a.code);
    const pb = byCode.get(b.code);
    const ra = pa ? rankOf(pa) : -1;
    const rb = pb ? rankOf(pb) : -1;
    return (ra < 0 ? 1e9 : ra) - (rb < 0 ? 1e9 : rb) || (a.code < b.code ? -1 : 1);
  });
  const rankedOf = (p: Product): Ranked | null =>
    ranked[p.assetClass].find((r) => r.product.code === p.code) ?? null;
  for (const h of holdings) {
    const p = byCode.get(h.code);
    if (!p) throw badInput('holdings', `product ${h.code} is not on the shelf; add it to the product list`);
    const lockedUntil = lockOf(h, inp.asOf);
    if (lockedUntil !== null) {
      positions.push({ product: p, amount: h.amount, kept: true, ranked: rankedOf(p), lockedUntil });
      kept[p.assetClass] += h.amount;
      continue;
    }
    if (!isSuitable(p, inp.level)) {
      sells.push({
        action: 'sell',
        code: p.code,
        name: p.name,
        amount: h.amount,
        reason: sellReason(p, inp.level, true),
      });
      continue;
    }
    const room = Math.max(0, targets[p.assetClass] - kept[p.assetClass]);
    const keep = h.amount - sellAmount(h.amount, Math.min(h.amount, room), inp.cfg.minTrade);
    if (keep > 0) {
      positions.push({ product: p, amount: keep, kept: true, ranked: rankedOf(p), lockedUntil: null });
      kept[p.assetClass] += keep;
    }
    if (h.amount - keep > 0) {
      sells.push({
        action: 'sell',
        code: p.code,
        name: p.name,
        amount: h.amount - keep,
        reason: sellReason(p, inp.level, keep === 0),
      });
    }
  }
  return { positions, sells, kept };
};

/** Buys for one class gap: the best-ranked product whose minimum fits, split over two low-correlated ones when large. */
const buysFor = (
  c: AssetClass,
  gap: number,
  total: number,
  ranked: Ranked[],
  held: Set<string>,
  sold: Set<string>,
): Array<{ r: Ranked; amount: number }> => {
  const fits = ranked.filter(
    (r) => !sold.has(r.product.code) && (r.product.minPurchase <= gap || held.has(r.product.code)),
  );
  const first = fits[0];
  if (!first) return [];
  const large = gap >= 0.25 * total && (c === 'equity' || c === 'fixed_income' || c === 'fixed_income_plus');
  if (large) {
    const second = fits.find(
      (r) =>
        r !== first &&
        r.product.minPurchase <= gap / 2 &&
        first.product.minPurchase <= gap / 2 &&
        !(returnCorrelation(first.stats, r.stats) > 0.9),
    );
    if (second) {
      const half = floorTo(gap / 2, 100);
      return [
        { r: first, amount: floorTo(gap - half, 100) },
        { r: second, amount: half },
      ];
    }
  }
  return [{ r: first, amount: floorTo(gap, 100) }];
};

/**
 * Turns class targets into positions and the fewest trades that reach them from the current holdings:
 * suitable holdings are kept up to their class target, unsuitable ones are sold, each remaining gap is
 * bought in one (or, when large, two) best-ranked products whose minimum purchase fits; gaps under
 * `minTrade` are ignored. When more than `maxTrades` trades result, the smallest buys become next steps
 * and the sells they would have funded shrink accordingly.
 */
export const planTrades = (inp: Inputs): Plan => {
  const ranked = Object.fromEntries(
    ASSET_CLASSES.map((c) => [c, rankClass(inp.products, c, inp.level, inp.asOf, inp.cfg.lookbackYears)]),
  ) as Record<AssetClass, Ranked[]>;
  const byCode = new Map(inp.products.map((p) => [p.code, p]));
  const locked = Object.fromEntries(ASSET_CLASSES.map((c) => [c, 0])) as Record<AssetClass, number>;
  for (const h of inp.holdings) {
    const p = byCode.get(h.code);
    if (p && lockOf(h, inp.asOf) !== null) locked[p.assetClass] += h.amount;
  }
  const targets = aroundLocked(reallocate(inp.classTargets, ranked), locked, inp.total);
  const { positions, sells, kept } = keepOrSell(inp, ranked, targets);
  const held = new Set(positions.map((p) => p.product.code));
  const sold = new Set(sells.map((s) => s.code));
  let buys: Array<{ c: AssetClass; r: Ranked; amount: number }> = [];
  for (const c of ASSET_CLASSES) {
    const gap = targets[c] - kept[c];
    if (gap < inp.cfg.minTrade) continue;
    for (const b of buysFor(c, gap, inp.total, ranked[c], held, sold)) buys.push({ c, ...b });
  }
  // Slivers kept above target (not worth a sell) must come out of the buys: trim the largest buy.
  const budget = inp.total - ASSET_CLASSES.reduce((a, c) => a + kept[c], 0);
  const over = buys.reduce((a, b) => a + b.amount, 0) - budget;
  if (over > 0 && buys.length > 0) {
    const largest = buys.reduce((m, b) => (b.amount > m.amount ? b : m));
    largest.amount = Math.max(0, largest.amount - Math.ceil(over / 100) * 100);
  }
  const nextSteps: Array<{ asset_class: AssetClass; amount: number }> = [];
  const mandatory = sells.filter(
    (s) =>
      !isSuitable(
        inp.products.find((p) => p.code === s.code)!,
        inp.level,
      ),
  );
  const optional = sells.filter((s) => !mandatory.includes(s));
  buys = fitTradeLimit(buys, mandatory.length + optional.length, inp.cfg.maxTrades, (dropped, merged) => {
    nextSteps.push({ asset_class: dropped.c, amount: dropped.amount });
    if (!merged) shrinkSells(optional, positions, dropped.amount, inp.products, inp.cfg.minTrade);
  });
  // A sell shrunk to keep a postponed buy's money may have kept a little more than that money: buy less.
  const overInvested =
    positions.reduce((s, p) => s + p.amount, 0) + buys.reduce((s, b) => s + b.amount, 0) - inp.total;
  if (overInvested > 0.5 && buys.length > 0) {
    const largest = buys.reduce((m, b) => (b.amount > m.amount ? b : m));
    largest.amount = Math.max(0, largest.amount - Math.ceil(overInvested / 100) * 100);
  }
  buys = buys.filter((b) => b.amount > 0);
  const activeSells = [...mandatory, ...optional.filter((s) => s.amount > 0)];
  for (const b of buys) {
    const existing = positions.find((p) => p.product.code === b.r.product.code);
    if (existing) existing.amount += b.amount;
    else
      positions.push({ product: b.r.product, amount: b.amount, kept: false, ranked: b.r, lockedUntil: null });
  }
  const trades: Trade[] = [
    ...activeSells,
    ...buys.map((b) => ({
      action: 'buy' as const,
      code: b.r.product.code,
      name: b.r.product.name,
      amount: b.amount,
      reason: {
        zh: `补足${CLASS_ZH[b.c]}类配置 ${wholeYuan(b.amount)} 元。`,
        en: `Fill the ${CLASS_EN[b.c]} allocation with ${wholeYuan(b.amount)} yuan.`,
      },
    })),
  ];
  const invested = positions.reduce((s, p) => s + p.amount, 0);
  return { targets, positions, trades, nextSteps, uninvested: Math.max(0, inp.total - invested) };
};

/** Classes whose risk is closest, in order: a postponed buy's money goes to the first of these being bought. */
const NEAREST: Record<AssetClass, AssetClass[]> = {
  cash: ['fixed_income', 'fixed_income_plus'],
  fixed_income: ['cash', 'fixed_income_plus'],
  fixed_income_plus: ['fixed_income', 'cash'],
  equity: ['overseas', 'fixed_income_plus'],
  alternatives: ['fixed_income_plus', 'fixed_income'],
  overseas: ['equity'],
};

type Buy = { c: AssetClass; r: Ranked; amount: number };

/**
 * Keeps the trade count within the limit: first undo two-product splits (one product per class), then
 * postpone the smallest buys, moving their money into the buy of the nearest-risk class when there is one
 * (so the portfolio's risk stays near target) and otherwise selling less (`onDrop`).
 */
const fitTradeLimit = (
  buys: Buy[],
  sells: number,
  maxTrades: number,
  onDrop: (b: Buy, merged: boolean) => void,
): Buy[] => {
  let out = [...buys].sort((a, b) => b.amount - a.amount || (a.r.product.code < b.r.product.code ? -1 : 1));
  const over = (): boolean => sells + out.length > maxTrades;
  for (const c of ASSET_CLASSES) {
    if (!over()) break;
    const legs = out.filter((b) => b.c === c);
    if (legs.length < 2) continue;
    legs[0]!.amount += legs.slice(1).reduce((s, b) => s + b.amount, 0);
    out = out.filter((b) => b.c !== c || b === legs[0]);
  }
  while (out.length > 0 && over()) {
    const dropped = out.pop()!;
    const host = NEAREST[dropped.c].map((c) => out.find((b) => b.c === c)).find((b) => b !== undefined);
    if (host) host.amount += dropped.amount;
    onDrop(dropped, host !== undefined);
  }
  return out;
};

/**
 * When a buy is postponed, sell that much less (the money stays in the overweight holding). A sell is
 * either cancelled or left at `minTrade` or more, and what stays of a holding is never a sliver under
 * `minTrade`; a sell that cannot be shrunk that way is left as it is.
 */
const shrinkSells = (
  optional: Trade[],
  positions: Position[],
  amount: number,
  products: readonly Product[],
  minTrade: number,
): void => {
  let left = amount;
  for (const s of [...optional].reverse()) {
    if (left <= 0) break;
    let cut = Math.min(s.amount, left);
    if (s.amount - cut < minTrade) cut = s.amount;
    const pos = positions.find((p) => p.product.code === s.code);
    if ((pos?.amount ?? 0) + cut < minTrade) continue;
    s.amount -= cut;
    left -= cut;
    if (pos) pos.amount += cut;
    else
      positions.push({
        product: products.find((p) => p.code === s.code)!,
        amount: cut,
        kept: true,
        ranked: null,
        lockedUntil: null,
      });
  }
};
