import { badInput } from '../../errors.js';
import type { ProductType } from '../../product-types.js';
import { render, type Bilingual } from '../text.js';

/** What the data tells about a fund manager (inputs only; the demo has names, a bank's data has the rest). */
export type ManagerRecord = {
  readonly name: string;
  /** Years managing public funds. */
  readonly tenureYears: number;
  /** Funds managed at the same time now. */
  readonly fundsManaged: number;
  /** Annualised return of the manager's funds minus their category average over the same dates (fraction). */
  readonly excessReturn?: number | null;
  /** Years the excess return covers. */
  readonly recordYears?: number | null;
  /** Main category, which sets the active risk used to judge the record. */
  readonly category?: ProductType;
};

export type ManagerScore = {
  readonly name: string;
  /** 0–100. */
  readonly score: number;
  readonly parts: { readonly tenure: number; readonly track: number; readonly breadth: number };
  /** Track record as a t-like statistic: excess / active risk × √years (null without a record). */
  readonly track_t: number | null;
  readonly notes: readonly Bilingual[];
};

/**
 * Typical active risk (tracking error against the category average, a year) by category, to judge a track
 * record: an excess of 2% a year means more for a bond fund than for a sector fund.
 */
export const ACTIVE_RISK: Readonly<Partial<Record<ProductType, number>>> = {
  money_market: 0.002,
  short_bond: 0.006,
  pure_bond: 0.01,
  bond_plus: 0.02,
  hybrid: 0.05,
  equity: 0.06,
  index: 0.02,
  sector: 0.08,
  qdii: 0.05,
};

const NOTES = {
  short: {
    zh: '任职年限较短（不足3年），历史记录参考价值有限',
    en: 'Short tenure (under 3 years): the record says little yet',
  },
  busy: { zh: '同时管理{n}只基金，精力相对分散', en: 'Manages {n} funds at once: attention is spread thin' },
} as const;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Manager score 0–100 = 100 × (0.35 tenure + 0.45 track + 0.20 breadth):
 * tenure = min(1, years / 7) (rating houses need 3 years of history for a rating; 7+ years spans a full
 * A-share cycle); track = logistic(t), t = excess / active risk × √record years, an information ratio scaled
 * to a t-statistic (Grinold & Kahn), 0.5 without a record; breadth = 1 up to 5 funds at once, falling
 * linearly to 0.5 at 15 or more.
 */
export const scoreManager = (m: ManagerRecord): ManagerScore => {
  if (!(m.tenureYears >= 0))
    throw badInput('manager.tenureYears', `expected years ≥ 0, got ${m.tenureYears}`);
  if (!Number.isInteger(m.fundsManaged) || m.fundsManaged < 0)
    throw badInput('manager.fundsManaged', `expected a whole number ≥ 0, got ${m.fundsManaged}`);
  const tenure = Math.min(1, m.tenureYears / 7);
  const years = m.recordYears ?? m.tenureYears;
  const active = ACTIVE_RISK[m.category ?? 'hybrid'] ?? 0.05;
  const t =
    m.excessReturn === undefined || m.excessReturn === null || !(years > 0)
      ? null
      : (m.excessReturn / active) * Math.sqrt(years);
  const track = t === null ? 0.5 : logistic(t);
  const breadth = m.fundsManaged <= 5 ? 1 : Math.max(0.5, 1 - (0.5 * (m.fundsManaged - 5)) / 10);
  const notes: Bilingual[] = [];
  if (m.tenureYears < 3) notes.push(NOTES.short);
  if (m.fundsManaged > 8) notes.push(render(NOTES.busy, { n: m.fundsManaged }));
  return {
    name: m.name,
    score: Math.round(100 * (0.35 * tenure + 0.45 * track + 0.2 * breadth)),
    parts: { tenure, track, breadth },
    track_t: t,
    notes,
  };
};
