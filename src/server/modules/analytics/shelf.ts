import type { AssetClass, Product } from '../../../core/portfolio/allocation/types.js';
import type { AdjustedSeries, ShelfProduct } from '../products/service.js';

/**
 * Asset class of each demo product type. Bank wealth-management products rated R3 carry some equity or
 * convertible exposure, so they count as fixed income plus; R1–R2 ones as fixed income. Insurance and paid
 * advisory portfolios are not bought through an allocation (contracts and subscriptions), so they have none.
 */
export const assetClassOf = (type: string, risk: string): AssetClass | null => {
  switch (type) {
    case 'money_market':
      return 'cash';
    case 'short_bond':
    case 'pure_bond':
      return 'fixed_income';
    case 'bank_wm':
      return risk === 'R3' || risk === 'R4' || risk === 'R5' ? 'fixed_income_plus' : 'fixed_income';
    case 'bond_plus':
      return 'fixed_income_plus';
    case 'hybrid':
    case 'equity':
    case 'index':
    case 'sector':
      return 'equity';
    case 'qdii':
      return 'overseas';
    default:
      return null;
  }
};

/** Products that may be bought in a proposal: open for subscription, with a class and a NAV history. */
export const allocationShelf = (
  rows: readonly ShelfProduct[],
  navs: ReadonlyMap<string, AdjustedSeries>,
): Product[] => {
  const out: Product[] = [];
  for (const r of rows) {
    const cls = assetClassOf(r.type, r.risk_level);
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
