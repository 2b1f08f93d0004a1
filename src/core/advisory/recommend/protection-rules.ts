import type { Template } from '../text.js';

export type ProtectionKind = 'medical' | 'critical_illness' | 'accident' | 'life' | 'annuity';
export const PROTECTION_KINDS: readonly ProtectionKind[] = [
  'medical',
  'critical_illness',
  'accident',
  'life',
  'annuity',
];

/**
 * Rules of thumb for the cover a household needs, as data an institution may replace. They are planning
 * heuristics, not actuarial results; each names where it comes from.
 */
export type ProtectionRules = {
  readonly version: string;
  /** Supplementary medical cover (百万医疗) limit in fen when the customer has none. */
  readonly medicalLimitFen: number;
  /** Critical-illness cover as a multiple of annual income (3–5×: treatment plus income lost while recovering). */
  readonly criticalIllnessMultiple: { readonly under50: number; readonly from50: number };
  readonly criticalIllnessMinFen: number;
  /** Accident cover as a multiple of annual income. */
  readonly accidentMultiple: number;
  /** Life cover: multiple of annual income plus debts, minus liquid assets, when someone depends on the income. */
  readonly lifeMultiple: number;
  /** Retirement income target as a share of current income, and the years it must last after retirement. */
  readonly retirementReplacement: number;
  readonly retirementYears: number;
  /** Share of pre-retirement income the basic pension replaces when the customer gives none. */
  readonly defaultPensionReplacement: number;
  readonly defaultRetirementAge: number;
  /** Annual premiums should stay within this share of income (the "双十原则" ten-percent half). */
  readonly premiumBudgetShare: number;
  readonly sources: Readonly<Record<ProtectionKind | 'budget', string>>;
};

export const DEFAULT_PROTECTION_RULES: ProtectionRules = {
  version: 'caiban-protection-2026.1',
  medicalLimitFen: 200_000_000,
  criticalIllnessMultiple: { under50: 5, from50: 3 },
  criticalIllnessMinFen: 30_000_000,
  accidentMultiple: 5,
  lifeMultiple: 10,
  retirementReplacement: 0.7,
  retirementYears: 20,
  defaultPensionReplacement: 0.4,
  defaultRetirementAge: 63,
  premiumBudgetShare: 0.1,
  sources: {
    medical:
      'Market practice: supplementary "million" medical policies (百万医疗) pay 2–6 million yuan a year above social medical insurance.',
    critical_illness:
      'Planning rule of thumb used by Chinese insurers and planners: critical-illness cover of 3–5 years of income (treatment plus income lost during recovery).',
    accident: 'Planning rule of thumb: accident cover of about 5× annual income.',
    life: 'The "double ten" rule (双十原则) of Chinese insurance planning: life cover about 10× annual income, premiums about 10% of income; debts added and liquid assets deducted as in the needs (DIME) method.',
    annuity:
      'Replacement-rate planning: a 70% target of pre-retirement income is common in retirement planning; ILO Convention 102 sets 40% as the minimum a basic pension should replace.',
    budget: 'The "double ten" rule (双十原则): total annual premiums about 10% of household income.',
  },
};

export const NEED_TEXT: Readonly<Record<ProtectionKind, Template>> = {
  medical: {
    zh: '医疗：建议补充一份保额约{need}元的医疗保险，用于社保报销之外的大额医疗费用（现有{have}元）',
    en: 'Medical: a supplementary medical policy of about {need} yuan for large bills beyond social insurance (now {have} yuan)',
  },
  critical_illness: {
    zh: '重疾：建议保额约{need}元（约{multiple}倍年收入），现有{have}元，缺口约{gap}元',
    en: 'Critical illness: about {need} yuan ({multiple}× annual income); you have {have} yuan, a gap of about {gap} yuan',
  },
  accident: {
    zh: '意外：建议保额约{need}元（约{multiple}倍年收入），现有{have}元，缺口约{gap}元',
    en: 'Accident: about {need} yuan ({multiple}× annual income); you have {have} yuan, a gap of about {gap} yuan',
  },
  life: {
    zh: '寿险：家人依靠您的收入，建议保额约{need}元（{multiple}倍年收入加负债，减去可用资产），现有{have}元，缺口约{gap}元',
    en: 'Life: your family depends on your income; about {need} yuan ({multiple}× income plus debts, less liquid assets); you have {have} yuan, a gap of about {gap} yuan',
  },
  annuity: {
    zh: '养老：按退休后收入达到目前{target}的目标、基本养老金替代约{pension}估算，约需补充{need}元养老储备，现有{have}元',
    en: 'Retirement: to reach {target} of today’s income with a basic pension of about {pension}, about {need} yuan of extra retirement savings are needed; you have {have} yuan',
  },
};
