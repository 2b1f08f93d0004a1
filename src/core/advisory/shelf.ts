import type { ProductType as ComplianceType } from '../compliance/types.js';
import type { AssetClass } from '../portfolio/allocation/types.js';
import { PRODUCT_TYPES, type ProductType } from '../product-types.js';
import type { ProductRiskLevel } from '../suitability/types.js';
import type { Bilingual } from './text.js';

/** How fast money in a product can be turned into cash (checked by the liquidity dimension of the check-up). */
export type LiquidityClass = 'instant' | 'short' | 'locked';

type TypeFacts = {
  readonly label: Bilingual;
  /** Which required disclosures a text about this product type needs (compliance rule set). */
  readonly compliance: ComplianceType;
  readonly liquidity: LiquidityClass;
  /** Held products of this type are checked for return overlap (funds whose holdings may coincide). */
  readonly overlapChecked: boolean;
  /** Counts as a "fund" in customer wording (您持有的3只权益基金). */
  readonly isFund: boolean;
};

/**
 * Facts about each shelf product type, as data. Liquidity: money-market funds redeem T+0/T+1 (`instant`),
 * open-ended funds T+1 to T+4 (`short`; QDII up to T+10), closed-end bank WM until maturity and insurance
 * policies (surrender value) are `locked` (open-ended bank WM is overridden by the product's term).
 */
export const TYPE_FACTS: Readonly<Record<ProductType, TypeFacts>> = {
  money_market: fact('货币基金', 'money-market fund', 'fund', 'instant', false, true),
  short_bond: fact('短债基金', 'short-term bond fund', 'fund', 'short', false, true),
  pure_bond: fact('纯债基金', 'pure bond fund', 'fund', 'short', true, true),
  bond_plus: fact('固收+基金', 'bond-plus fund', 'fund', 'short', true, true),
  hybrid: fact('混合基金', 'hybrid fund', 'fund', 'short', true, true),
  equity: fact('股票基金', 'equity fund', 'fund', 'short', true, true),
  index: fact('指数基金', 'index fund', 'fund', 'short', true, true),
  sector: fact('行业主题基金', 'sector fund', 'fund', 'short', true, true),
  qdii: fact('QDII基金', 'QDII fund', 'fund', 'short', true, true),
  bank_wm: fact('银行理财', 'bank wealth product', 'bank_wm', 'short', false, false),
  insurance: fact('保险', 'insurance', 'insurance', 'locked', false, false),
  advisory: fact('基金投顾组合', 'fund advisory portfolio', 'fund', 'short', false, false),
};

function fact(
  zh: string,
  en: string,
  compliance: ComplianceType,
  liquidity: LiquidityClass,
  overlapChecked: boolean,
  isFund: boolean,
): TypeFacts {
  return { label: { zh, en }, compliance, liquidity, overlapChecked, isFund };
}

export const isProductType = (v: unknown): v is ProductType =>
  typeof v === 'string' && (PRODUCT_TYPES as readonly string[]).includes(v);

/**
 * Asset class of a product for allocation purposes. Bank WM rated R3 and above carries some equity or
 * convertible exposure (fixed income plus); R1–R2 is fixed income. Insurance and paid advisory portfolios
 * are not bought through an allocation: null.
 */
export const assetClassOf = (type: ProductType, risk: ProductRiskLevel): AssetClass | null => {
  switch (type) {
    case 'money_market':
      return 'cash';
    case 'short_bond':
    case 'pure_bond':
      return 'fixed_income';
    case 'bank_wm':
      return risk === 'R1' || risk === 'R2' ? 'fixed_income' : 'fixed_income_plus';
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

/**
 * Liquidity of one product: its type's class, except that a product with a term (closed-end bank WM) is
 * `locked` until maturity and an open-ended one is `short`.
 */
export const liquidityOf = (type: ProductType, termDays: number | null): LiquidityClass =>
  type === 'bank_wm' ? (termDays !== null && termDays > 0 ? 'locked' : 'short') : TYPE_FACTS[type].liquidity;

/** The compliance product type of a shelf type (which disclosures its texts need). */
export const complianceTypeOf = (type: ProductType): ComplianceType => TYPE_FACTS[type].compliance;

/** Bilingual label of a product type. */
export const typeLabel = (type: ProductType): Bilingual => TYPE_FACTS[type].label;
