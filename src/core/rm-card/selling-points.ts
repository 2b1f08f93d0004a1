import type { Bilingual } from '../advisory/text.js';
import { productStats } from '../portfolio/allocation/product-ranking.js';
import type { Product } from '../portfolio/allocation/types.js';

/** Fewest peers (same product type, other products) a comparison needs to be worth saying. */
export const MIN_PEERS = 4;
/** A comparison is a selling point only when the product beats at least this share of its peers. */
export const MIN_SHARE = 0.5;

export type PeerFigures = {
  readonly code: string;
  readonly category: string;
  /** Window statistics over `years` (null: not enough history). */
  readonly maxDrawdown: number | null;
  readonly volatility: number | null;
  readonly sharpe: number | null;
  /** Yearly running fees (management + custody + sales service), a fraction. */
  readonly runningFee: number;
};

export type PeerComparison = {
  readonly metric: 'max_drawdown' | 'volatility' | 'sharpe' | 'running_fee';
  /** Peers compared (same category, with the figure). */
  readonly peers: number;
  /** Peers the product is strictly better than. */
  readonly beaten: number;
  /** beaten / peers, rounded DOWN to whole percent: the claim is true by construction. */
  readonly percent: number;
};

export type SellingPoint = Bilingual & { readonly comparison: PeerComparison };

/** The look-back window statistics of a product's NAV (3 years when it has them, else 1). */
export const windowYears = (p: Product, asOf: string): 1 | 3 => {
  const s = productStats(p, asOf, 3);
  return s !== null && s.observations >= 600 ? 3 : 1;
};

const better = (metric: PeerComparison['metric'], a: number, b: number): boolean => {
  switch (metric) {
    case 'max_drawdown':
      return Math.abs(a) < Math.abs(b);
    case 'volatility':
    case 'running_fee':
      return a < b;
    case 'sharpe':
      return a > b;
  }
};

const valueOf = (f: PeerFigures, metric: PeerComparison['metric']): number | null => {
  switch (metric) {
    case 'max_drawdown':
      return f.maxDrawdown;
    case 'volatility':
      return f.volatility;
    case 'sharpe':
      return f.sharpe;
    case 'running_fee':
      return f.runningFee;
  }
};

/** How the product compares with the other products of its category on one metric (null: nothing to say). */
export const compareWithPeers = (
  self: PeerFigures,
  all: readonly PeerFigures[],
  metric: PeerComparison['metric'],
): PeerComparison | null => {
  const mine = valueOf(self, metric);
  if (mine === null || !Number.isFinite(mine)) return null;
  const peers = all
    .filter((f) => f.code !== self.code && f.category === self.category)
    .map((f) => valueOf(f, metric))
    .filter((v): v is number => v !== null && Number.isFinite(v));
  if (peers.length < MIN_PEERS) return null;
  const beaten = peers.filter((v) => better(metric, mine, v)).length;
  return { metric, peers: peers.length, beaten, percent: Math.floor((100 * beaten) / peers.length) };
};

const WINDOW_ZH = { 1: '近1年', 3: '近3年' } as const;
const WINDOW_EN = { 1: 'over the last year', 3: 'over the last 3 years' } as const;

const sentence = (c: PeerComparison, years: 1 | 3, categoryZh: string, categoryEn: string): Bilingual => {
  const w = WINDOW_ZH[years];
  const we = WINDOW_EN[years];
  switch (c.metric) {
    case 'max_drawdown':
      return {
        zh: `${w}最大回撤小于同类${c.percent}%的${categoryZh}`,
        en: `${we}, its maximum drawdown was smaller than that of ${c.percent}% of ${categoryEn}s on our shelf`,
      };
    case 'volatility':
      return {
        zh: `${w}年化波动低于同类${c.percent}%的${categoryZh}`,
        en: `${we}, its volatility was lower than that of ${c.percent}% of ${categoryEn}s on our shelf`,
      };
    case 'sharpe':
      return {
        zh: `${w}夏普比率高于同类${c.percent}%的${categoryZh}`,
        en: `${we}, its Sharpe ratio was higher than that of ${c.percent}% of ${categoryEn}s on our shelf`,
      };
    case 'running_fee':
      return {
        zh: `管理费、托管费与销售服务费合计低于同类${c.percent}%的${categoryZh}`,
        en: `its running fees are lower than those of ${c.percent}% of ${categoryEn}s on our shelf`,
      };
  }
};

/**
 * Selling points derived from the data: each is a comparison with the other products of the same category on
 * the shelf, stated with the share of peers beaten rounded down — so every sentence is true by construction —
 * and said only when there are enough peers and the product beats at least half of them. Best first.
 */
export const sellingPoints = (
  self: PeerFigures,
  all: readonly PeerFigures[],
  years: 1 | 3,
  category: Bilingual,
): SellingPoint[] => {
  const metrics: PeerComparison['metric'][] = ['max_drawdown', 'volatility', 'sharpe', 'running_fee'];
  return metrics
    .map((m) => compareWithPeers(self, all, m))
    .filter((c): c is PeerComparison => c !== null && c.percent >= MIN_SHARE * 100)
    .sort((a, b) => b.percent - a.percent)
    .map((c) => ({ ...sentence(c, years, category.zh, category.en), comparison: c }));
};
