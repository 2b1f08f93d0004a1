import { assetClassOf, isProductType } from '../../../core/advisory/shelf.js';
import type { AssetClass, Product } from '../../../core/portfolio/allocation/types.js';
import { isProductRiskLevel } from '../../../core/suitability/types.js';
import type { AdjustedSeries, ShelfProduct } from '../products/service.js';

/** The allocation class of a stored product row (core/advisory/shelf); null for an unknown type or risk level. */
const classOfRow = (type: string, risk: string): AssetClass | null =>
  isProductType(type) && isProductRiskLevel(risk) ? assetClassOf(type, risk) : null;

/** Products that may be bought in a proposal: open for subscription, with a class and a NAV history. */
export const allocationShelf = (
  rows: readonly ShelfProduct[],
  navs: ReadonlyMap<string, AdjustedSeries>,
): Product[] => {
  const out: Product[] = [];
  for (const r of rows) {
    const cls = classOfRow(r.type, r.risk_level);
    const nav = navs.get(r.code);
    if (cls === null || r.status !== 'open' || nav === undefined || nav.dates.length < 2) continue;
    out.push({
      code: r.code,
      name: r.name,
      assetClass: cls,
      risk: r.risk_level,
      minPurchase: Number(r.min_purchase_fen) / 100,
      dates: nav.dates,
      nav: nav.nav,
    });
  }
  return out;
};

/** The latest NAV date of the shelf: the business date analytics and proposals are computed as of. */
export const shelfAsOf = (navs: ReadonlyMap<string, AdjustedSeries>): string => {
  let last = '';
  for (const s of navs.values()) {
    const d = s.dates[s.dates.length - 1];
    if (d !== undefined && d > last) last = d;
  }
  return last;
};
