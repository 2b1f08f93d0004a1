/** Investor risk tolerance, C1 (conservative) … C5 (aggressive). */
export type InvestorLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
/** Product risk rating, R1 (lowest) … R5 (highest). */
export type ProductRiskLevel = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';
/** `bank`: bank WM and NFRA-regulated products; `securities`: funds and broker products (CSRC). */
export type Channel = 'bank' | 'securities';
/** Who asked for the product: the customer on their own, or the advisor/institution. */
export type Initiator = 'customer' | 'advisor';
export type CivilCapacity = 'full' | 'limited' | 'none';
export type Decision = 'ALLOW' | 'WARN_CONFIRM' | 'DENY';

export const INVESTOR_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const satisfies readonly InvestorLevel[];
export const PRODUCT_RISK_LEVELS = [
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
] as const satisfies readonly ProductRiskLevel[];
export const CHANNELS: readonly Channel[] = ['bank', 'securities'];
export const INITIATORS: readonly Initiator[] = ['customer', 'advisor'];
export const CIVIL_CAPACITIES: readonly CivilCapacity[] = ['full', 'limited', 'none'];

/** Numeric rank 1–5 of a C or R level. */
export const levelRank = (level: InvestorLevel | ProductRiskLevel): number => Number(level.slice(1));

export const isInvestorLevel = (v: unknown): v is InvestorLevel =>
  typeof v === 'string' && (INVESTOR_LEVELS as readonly string[]).includes(v);
export const isProductRiskLevel = (v: unknown): v is ProductRiskLevel =>
  typeof v === 'string' && (PRODUCT_RISK_LEVELS as readonly string[]).includes(v);

/** Bilingual text: Chinese first (the product's default language), English second. */
export type LocalizedText = { readonly zh: string; readonly en: string };
