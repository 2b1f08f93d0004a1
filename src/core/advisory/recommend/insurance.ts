import { badInput } from '../../errors.js';
import type { ProductRiskLevel } from '../../suitability/types.js';
import { yuanText } from '../../money.js';
import { pct, render, type Bilingual } from '../text.js';
import {
  DEFAULT_PROTECTION_RULES,
  NEED_TEXT,
  PROTECTION_KINDS,
  type ProtectionKind,
  type ProtectionRules,
} from './protection-rules.js';

export type ProtectionProfile = {
  readonly age: number;
  readonly annualIncomeFen: number;
  /** People who depend on the customer's income (children, a non-earning spouse, parents). */
  readonly dependents: number;
  readonly debtsFen: number;
  /** Deposits and investments that could be used at once. */
  readonly liquidAssetsFen: number;
  readonly retirementAge?: number;
  /** Share of income the basic pension will replace (0–1). */
  readonly pensionReplacement?: number;
  /** Cover already held per kind, fen (medical: the yearly limit; annuity: savings earmarked for retirement). */
  readonly existingCover?: Readonly<Partial<Record<ProtectionKind, number>>>;
};

export type ProtectionNeed = {
  readonly kind: ProtectionKind;
  /** 1 = first: medical, critical illness, accident, life, annuity (protect the income before saving). */
  readonly priority: number;
  readonly needed_fen: number;
  readonly existing_fen: number;
  readonly gap_fen: number;
  readonly message: Bilingual;
  readonly rule_source: string;
};

/** An insurance policy on offer, quoted for this customer. */
export type InsuranceOffer = {
  readonly code: string;
  readonly name: string;
  readonly kind: ProtectionKind;
  readonly insurer: string;
  readonly risk?: ProductRiskLevel;
  readonly annualPremiumFen: number;
  readonly coverFen: number;
  /** Years of cover; null = whole life. */
  readonly termYears: number | null;
  readonly paymentYears: number;
  readonly waitingDays: number;
  readonly entryAge: readonly [number, number];
  readonly renewable?: boolean;
  readonly exclusions: readonly string[];
};

export type InsurancePick = {
  readonly kind: ProtectionKind;
  readonly code: string;
  readonly annual_premium_fen: number;
  readonly cover_fen: number;
  /** Share of the gap this policy closes. */
  readonly gap_covered: number;
  readonly score: number;
};

export type ProtectionPlan = {
  readonly rules_version: string;
  readonly needs: readonly ProtectionNeed[];
  readonly picks: readonly InsurancePick[];
  readonly budget_fen: number;
  readonly premium_fen: number;
  /** Needs with a gap but no pick (nothing on offer fits, or over budget). */
  readonly unmet: readonly ProtectionKind[];
};

const validateProfile = (p: ProtectionProfile): void => {
  if (!Number.isInteger(p.age) || p.age < 0 || p.age > 110)
    throw badInput('age', 'expected whole years 0..110');
  for (const k of ['annualIncomeFen', 'debtsFen', 'liquidAssetsFen'] as const)
    if (!Number.isSafeInteger(p[k]) || p[k] < 0) throw badInput(k, 'expected whole fen ≥ 0');
  if (!Number.isInteger(p.dependents) || p.dependents < 0)
    throw badInput('dependents', 'expected a whole number ≥ 0');
  if (p.pensionReplacement !== undefined && !(p.pensionReplacement >= 0 && p.pensionReplacement <= 1))
    throw badInput('pensionReplacement', 'expected a share from 0 to 1');
};

const neededFor = (
  kind: ProtectionKind,
  p: ProtectionProfile,
  r: ProtectionRules,
): { need: number; multiple: number } => {
  const income = p.annualIncomeFen;
  switch (kind) {
    case 'medical':
      return { need: r.medicalLimitFen, multiple: 0 };
    case 'critical_illness': {
      const m = p.age < 50 ? r.criticalIllnessMultiple.under50 : r.criticalIllnessMultiple.from50;
      return { need: Math.max(r.criticalIllnessMinFen, m * income), multiple: m };
    }
    case 'accident':
      return { need: r.accidentMultiple * income, multiple: r.accidentMultiple };
    case 'life':
      if (p.dependents === 0 && p.debtsFen === 0) return { need: 0, multiple: r.lifeMultiple };
      return {
        need: Math.max(0, r.lifeMultiple * income + p.debtsFen - p.liquidAssetsFen),
        multiple: r.lifeMultiple,
      };
    case 'annuity': {
      const retire = p.retirementAge ?? r.defaultRetirementAge;
      if (p.age >= retire || p.age < 30) return { need: 0, multiple: 0 };
      const pension = p.pensionReplacement ?? r.defaultPensionReplacement;
      return {
        need: Math.max(0, r.retirementReplacement - pension) * income * r.retirementYears,
        multiple: 0,
      };
    }
  }
};

/**
 * Protection needs of a household by the rules of thumb of `rules` (medical, critical illness, accident,
 * life when someone depends on the income, retirement savings from 30 until retirement), each with the cover
 * needed, what exists, the gap and the rule's source. Amounts are estimates for a conversation, not quotes.
 */
export const protectionNeeds = (
  p: ProtectionProfile,
  rules: ProtectionRules = DEFAULT_PROTECTION_RULES,
): ProtectionNeed[] => {
  validateProfile(p);
  return PROTECTION_KINDS.flatMap((kind, k) => {
    const { need, multiple } = neededFor(kind, p, rules);
    if (need <= 0) return [];
    const have = p.existingCover?.[kind] ?? 0;
    const gap = Math.max(0, need - have);
    const pension = p.pensionReplacement ?? rules.defaultPensionReplacement;
    return [
      {
        kind,
        priority: k + 1,
        needed_fen: Math.round(need),
        existing_fen: have,
        gap_fen: Math.round(gap),
        message: render(NEED_TEXT[kind], {
          need: yuanText(need),
          have: yuanText(have),
          gap: yuanText(gap),
          multiple,
          target: pct(rules.retirementReplacement, 0),
          pension: pct(pension, 0),
        }),
        rule_source: rules.sources[kind],
      },
    ];
  });
};

/** How well one offer closes a gap: cover up to the gap (not beyond), cover per premium, short waiting period. */
const offerScore = (
  o: InsuranceOffer,
  gap: number,
  bestValue: number,
): { score: number; covered: number } => {
  const covered = gap > 0 ? Math.min(1, o.coverFen / gap) : 0;
  const value = o.coverFen / Math.max(1, o.annualPremiumFen);
  const waiting = 1 - Math.min(1, o.waitingDays / 365);
  return { score: 0.5 * covered + 0.35 * (value / bestValue) + 0.15 * waiting, covered };
};

/**
 * Picks at most one policy per need with a gap, in priority order, while the annual premiums stay within the
 * budget (a share of income): among the offers of that kind the customer's age may buy, the one that best
 * closes the gap for the premium.
 */
export const selectInsurance = (
  p: ProtectionProfile,
  offers: readonly InsuranceOffer[],
  rules: ProtectionRules = DEFAULT_PROTECTION_RULES,
): ProtectionPlan => {
  const needs = protectionNeeds(p, rules);
  const budget = Math.round(rules.premiumBudgetShare * p.annualIncomeFen);
  const picks: InsurancePick[] = [];
  const unmet: ProtectionKind[] = [];
  let premium = 0;
  offers.forEach((o, k) => {
    if (!(o.annualPremiumFen > 0) || !(o.coverFen > 0))
      throw badInput(`offers[${k}]`, 'premium and cover must be positive');
  });
  for (const n of needs.filter((x) => x.gap_fen > 0)) {
    const eligible = offers.filter(
      (o) =>
        o.kind === n.kind &&
        p.age >= o.entryAge[0] &&
        p.age <= o.entryAge[1] &&
        premium + o.annualPremiumFen <= budget,
    );
    if (eligible.length === 0) {
      unmet.push(n.kind);
      continue;
    }
    const bestValue = Math.max(...eligible.map((o) => o.coverFen / o.annualPremiumFen));
    const ranked = eligible
      .map((o) => ({ o, ...offerScore(o, n.gap_fen, bestValue) }))
      .sort((a, b) => b.score - a.score || (a.o.code < b.o.code ? -1 : 1));
    const best = ranked[0]!;
    premium += best.o.annualPremiumFen;
    picks.push({
      kind: n.kind,
      code: best.o.code,
      annual_premium_fen: best.o.annualPremiumFen,
      cover_fen: best.o.coverFen,
      gap_covered: best.covered,
      score: Math.round(best.score * 1000) / 10,
    });
  }
  return { rules_version: rules.version, needs, picks, budget_fen: budget, premium_fen: premium, unmet };
};
