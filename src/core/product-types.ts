/**
 * The product shelf's types (one list for the database, the demo bank, the API contracts and the engines).
 * money_market … qdii are public funds; bank_wm are bank net-value wealth products (with term/maturity);
 * advisory is a paid advisory portfolio (基金投顾).
 */
export const PRODUCT_TYPES = [
  'money_market',
  'short_bond',
  'pure_bond',
  'bond_plus',
  'hybrid',
  'equity',
  'index',
  'sector',
  'qdii',
  'bank_wm',
  'insurance',
  'advisory',
] as const;

export type ProductType = (typeof PRODUCT_TYPES)[number];
