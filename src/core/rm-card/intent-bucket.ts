import type { Liquidity } from '../conversation/types.js';
import type { Purpose, RiskAppetite } from '../nlu/types.js';
import type { MoneyBucket, Purpose as AllocationPurpose } from '../portfolio/allocation/types.js';
import { INVESTOR_LEVELS, type InvestorLevel } from '../suitability/types.js';

/** One stored money intent (心理账户) as the card builder reads it; amount in yuan. */
export type CardIntent = {
  readonly purpose: Purpose;
  readonly amount: number;
  readonly horizonMonths: number | null;
  readonly liquidity: Liquidity | null;
  readonly riskAppetite: RiskAppetite | null;
  readonly constraints: readonly string[];
};

/** The allocation engine knows five purposes; the language engine's others plan like these. */
const ALLOCATION_PURPOSE: Readonly<Record<Purpose, AllocationPurpose>> = {
  retirement: 'retirement',
  education: 'education',
  house: 'house',
  emergency: 'emergency',
  medical: 'emergency',
  growth: 'growth',
  travel: 'growth',
  other: 'growth',
};

/** A stated appetite as a level: conservative C2, moderate (balanced) C3, aggressive C4 — never C5 by itself. */
const APPETITE_LEVEL: Readonly<Record<RiskAppetite, InvestorLevel>> = {
  conservative: 'C2',
  moderate: 'C3',
  aggressive: 'C4',
};

/**
 * The appetite of money whose owner said nothing about risk: balanced (C3) for long-term goals such as
 * retirement, conservative (C2) for money that will be spent on a date (travel, a house, school fees) and
 * C1 for emergency and medical reserves. A high-level customer's retirement money thus still gets a balanced mix.
 */
const DEFAULT_APPETITE: Readonly<Record<Purpose, InvestorLevel>> = {
  retirement: 'C3',
  growth: 'C3',
  other: 'C3',
  education: 'C2',
  house: 'C2',
  travel: 'C2',
  emergency: 'C1',
  medical: 'C1',
};

/** Horizon assumed when none was said: by purpose, in months (the card says it was assumed). */
const DEFAULT_HORIZON: Readonly<Record<Purpose, number>> = {
  retirement: 120,
  education: 60,
  house: 36,
  growth: 36,
  other: 36,
  travel: 12,
  emergency: 12,
  medical: 12,
};

const lower = (a: InvestorLevel, b: InvestorLevel): InvestorLevel =>
  INVESTOR_LEVELS.indexOf(a) <= INVESTOR_LEVELS.indexOf(b) ? a : b;

export type IntentPlan = {
  readonly bucket: MoneyBucket;
  readonly liquidity: Liquidity;
  /** The level the appetite stands for (stated, or the purpose's default). */
  readonly appetiteLevel: InvestorLevel;
  /** The appetite capped by the customer's assessed level: what the plan may never exceed. */
  readonly cappedLevel: InvestorLevel;
  readonly horizonAssumed: boolean;
  readonly appetiteAssumed: boolean;
};

/** The allocation engine's money bucket for an intent, never above the customer's assessed level. */
export const planOfIntent = (intent: CardIntent, customerLevel: InvestorLevel): IntentPlan => {
  const appetiteLevel =
    intent.riskAppetite === null ? DEFAULT_APPETITE[intent.purpose] : APPETITE_LEVEL[intent.riskAppetite];
  const withConstraint = intent.constraints.includes('no_loss') ? lower(appetiteLevel, 'C2') : appetiteLevel;
  const cappedLevel = lower(withConstraint, customerLevel);
  const horizon = intent.horizonMonths ?? DEFAULT_HORIZON[intent.purpose];
  const liquidity: Liquidity =
    intent.liquidity ??
    (intent.constraints.includes('withdraw_anytime')
      ? 'high'
      : horizon <= 12
        ? 'high'
        : horizon <= 36
          ? 'medium'
          : 'low');
  return {
    bucket: {
      purpose: ALLOCATION_PURPOSE[intent.purpose],
      amount: intent.amount,
      horizonMonths: Math.max(1, horizon),
      riskAppetite: cappedLevel,
    },
    liquidity,
    appetiteLevel,
    cappedLevel,
    horizonAssumed: intent.horizonMonths === null,
    appetiteAssumed: intent.riskAppetite === null,
  };
};
