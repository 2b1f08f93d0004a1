import { badInput } from '../../errors.js';
import { yuanText } from '../../money.js';
import { render, type Bilingual } from '../text.js';
import type { InsuranceOffer } from './insurance.js';

export type ComparisonRowKey =
  | 'annual_premium_fen'
  | 'cover_fen'
  | 'cover_per_1000_premium'
  | 'total_premium_fen'
  | 'term_years'
  | 'payment_years'
  | 'waiting_days'
  | 'entry_age'
  | 'renewable'
  | 'exclusion_count';

export type ComparisonRow = {
  readonly key: ComparisonRowKey;
  readonly label: Bilingual;
  /** One value per product, in the order given (term null = whole life). */
  readonly values: readonly (number | string | boolean | null)[];
  /** Index of the most favourable value, null when they tie or the row has no direction. */
  readonly best: number | null;
};

export type InsuranceComparison = {
  readonly codes: readonly string[];
  readonly rows: readonly ComparisonRow[];
  /** Every exclusion clause met in any of the policies, and which policies carry it. */
  readonly exclusions: readonly { readonly text: string; readonly present: readonly boolean[] }[];
  readonly highlights: readonly Bilingual[];
};

const LABEL: Readonly<Record<ComparisonRowKey, Bilingual>> = {
  annual_premium_fen: { zh: '年缴保费', en: 'Annual premium' },
  cover_fen: { zh: '保额', en: 'Cover' },
  cover_per_1000_premium: { zh: '每千元年缴保费对应保额', en: 'Cover per 1,000 yuan of annual premium' },
  total_premium_fen: { zh: '总保费', en: 'Total premium' },
  term_years: { zh: '保障期限（年）', en: 'Term (years)' },
  payment_years: { zh: '缴费期（年）', en: 'Payment years' },
  waiting_days: { zh: '等待期（天）', en: 'Waiting period (days)' },
  entry_age: { zh: '投保年龄', en: 'Entry age' },
  renewable: { zh: '可续保', en: 'Renewable' },
  exclusion_count: { zh: '责任免除条数', en: 'Exclusions' },
};

const HIGHLIGHT = {
  cheapest: {
    zh: '{name}年缴保费较低（{value}元）',
    en: '{name} has the lower annual premium ({value} yuan)',
  },
  cover: { zh: '{name}保额较高（{value}元）', en: '{name} has the higher cover ({value} yuan)' },
  waiting: {
    zh: '{name}等待期较短（{value}天）',
    en: '{name} has the shorter waiting period ({value} days)',
  },
  fewer: { zh: '{name}责任免除条款较少（{value}条）', en: '{name} has fewer exclusions ({value})' },
} as const;

/** Index of the unique best value (`dir` +1: larger is better, −1: smaller); null on a tie. */
const bestOf = (xs: readonly number[], dir: 1 | -1): number | null => {
  const target = dir === 1 ? Math.max(...xs) : Math.min(...xs);
  const at = xs.flatMap((x, i) => (x === target ? [i] : []));
  return at.length === 1 ? at[0]! : null;
};

/** Whole-life policies count as 100 years of cover when ranked on term. */
const termRank = (t: number | null): number => t ?? 100;

/** Short factual highlights: where one policy is more favourable (premium, cover, waiting, exclusions). */
const highlightsOf = (offers: readonly InsuranceOffer[], rows: readonly ComparisonRow[]): Bilingual[] => {
  const out: Bilingual[] = [];
  const add = (
    key: ComparisonRowKey,
    t: (typeof HIGHLIGHT)[keyof typeof HIGHLIGHT],
    fmt: (v: number) => string | number,
  ) => {
    const row = rows.find((r) => r.key === key)!;
    if (row.best !== null)
      out.push(render(t, { name: offers[row.best]!.name, value: fmt(row.values[row.best] as number) }));
  };
  add('annual_premium_fen', HIGHLIGHT.cheapest, yuanText);
  add('cover_fen', HIGHLIGHT.cover, yuanText);
  add('waiting_days', HIGHLIGHT.waiting, (v) => v);
  add('exclusion_count', HIGHLIGHT.fewer, (v) => v);
  return out;
};

/**
 * Insurance PK (保险PK): two to five policies side by side — premium, cover, cover per premium, total premium,
 * term, payment years, waiting period, entry age, renewability and the exclusion clauses (union, with which
 * policy carries each) — and short factual highlights of where each one is more favourable. Pure; it ranks
 * nothing overall (suitability and needs decide that).
 */
export const compareInsurance = (offers: readonly InsuranceOffer[]): InsuranceComparison => {
  if (offers.length < 2 || offers.length > 5) throw badInput('codes', 'pick 2 to 5 policies to compare');
  if (new Set(offers.map((o) => o.code)).size !== offers.length)
    throw badInput('codes', 'each policy may appear once');
  const premium = offers.map((o) => o.annualPremiumFen);
  const cover = offers.map((o) => o.coverFen);
  const per1000 = offers.map((o) => Math.round((o.coverFen / o.annualPremiumFen) * 1000));
  const total = offers.map((o) => o.annualPremiumFen * o.paymentYears);
  const waiting = offers.map((o) => o.waitingDays);
  const exCount = offers.map((o) => new Set(o.exclusions.map((e) => e.trim())).size);
  const row = (
    key: ComparisonRowKey,
    values: ComparisonRow['values'],
    best: number | null,
  ): ComparisonRow => ({
    key,
    label: LABEL[key],
    values,
    best,
  });
  const rows = [
    row('annual_premium_fen', premium, bestOf(premium, -1)),
    row('cover_fen', cover, bestOf(cover, 1)),
    row('cover_per_1000_premium', per1000, bestOf(per1000, 1)),
    row('total_premium_fen', total, bestOf(total, -1)),
    row(
      'term_years',
      offers.map((o) => o.termYears),
      bestOf(
        offers.map((o) => termRank(o.termYears)),
        1,
      ),
    ),
    row(
      'payment_years',
      offers.map((o) => o.paymentYears),
      null,
    ),
    row('waiting_days', waiting, bestOf(waiting, -1)),
    row(
      'entry_age',
      offers.map((o) => `${o.entryAge[0]}-${o.entryAge[1]}`),
      null,
    ),
    row(
      'renewable',
      offers.map((o) => o.renewable ?? null),
      null,
    ),
    row('exclusion_count', exCount, bestOf(exCount, -1)),
  ];
  const texts = [...new Set(offers.flatMap((o) => o.exclusions.map((e) => e.trim())))];
  const exclusions = texts.map((text) => ({
    text,
    present: offers.map((o) => o.exclusions.some((e) => e.trim() === text)),
  }));
  const highlights = highlightsOf(offers, rows);
  return { codes: offers.map((o) => o.code), rows, exclusions, highlights };
};
