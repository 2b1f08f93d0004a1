import { badInput } from '../../errors.js';
import { effectiveLevel } from '../../portfolio/allocation/class-weights.js';
import { ASSET_CLASSES, type AssetClass, type Purpose } from '../../portfolio/allocation/types.js';
import { adviceLevel, availableClasses, targetMix } from '../../portfolio/checkup/positions.js';
import { checkSuitability, type SuitabilityResult } from '../../suitability/check.js';
import { DEFAULT_POLICY } from '../../suitability/policy.js';
import { INVESTOR_LEVELS, levelRank, type InvestorLevel } from '../../suitability/types.js';
import { assessmentStatus, suitabilityInputOf } from '../assessment.js';
import { addDays } from '../days.js';
import { valueHolding } from '../holding.js';
import type { ProductFacts } from '../shelf-context.js';
import { render } from '../text.js';
import { REFUSAL_TEXT } from './messages.js';
import { qualityParts, qualityScore, type QualityParts } from './quality.js';
import { reasonsFor } from './reasons.js';
import {
  DEFAULT_RECOMMEND_POLICY,
  type Exclusion,
  type RecommendInput,
  type RecommendItem,
  type RecommendRefusal,
  type RecommendResult,
} from './types.js';

const PURPOSES: readonly Purpose[] = ['retirement', 'education', 'house', 'emergency', 'growth'];
const LIQUIDITY_FIT = {
  high: { instant: 1, short: 0.6, locked: 0.1 },
  medium: { instant: 0.8, short: 1, locked: 0.6 },
  low: { instant: 0.6, short: 1, locked: 1 },
} as const;

const validate = (input: RecommendInput): void => {
  addDays(input.asOf, 0, 'asOf');
  const r = input.request;
  if (!PURPOSES.includes(r.purpose))
    throw badInput('purpose', `expected ${PURPOSES.join('|')}, got "${String(r.purpose)}"`);
  if (!Number.isSafeInteger(r.amountFen) || r.amountFen <= 0)
    throw badInput('amount', 'must be a positive amount');
  if (!Number.isInteger(r.horizonMonths) || r.horizonMonths < 1 || r.horizonMonths > 600)
    throw badInput('horizonMonths', 'expected a whole number of months from 1 to 600');
  if (r.riskAppetite !== undefined && !INVESTOR_LEVELS.includes(r.riskAppetite))
    throw badInput('riskAppetite', 'expected C1..C5');
  if (r.limit !== undefined && (!Number.isInteger(r.limit) || r.limit < 1 || r.limit > 20))
    throw badInput('limit', 'expected a whole number from 1 to 20');
};

/** Current class amounts of the customer's holdings (fen) and the codes held. */
const currentMix = (input: RecommendInput) => {
  const amounts = Object.fromEntries(ASSET_CLASSES.map((c) => [c, 0])) as Record<AssetClass, number>;
  const held = new Set<string>();
  input.holdings.forEach((h, k) => {
    const v = valueHolding(input.shelf, h, `holdings[${k}]`);
    held.add(v.code);
    if (v.facts.assetClass !== null) amounts[v.facts.assetClass] += v.valueFen;
  });
  return { amounts, held };
};

type Candidate = {
  f: ProductFacts;
  q: QualityParts;
  fit: number;
  quality: number;
  score: number;
  enhanced: boolean;
};

/**
 * The suitability of the customer's products within one call, by what the check reads of a product (risk, type,
 * term): a shelf holds many products of one profile, and the check is the ranker's largest cost.
 */
type SuitabilityMemo = Map<string, SuitabilityResult>;

const suitabilityOf = (input: RecommendInput, p: ProductFacts['product'], memo: SuitabilityMemo) => {
  const key = `${p.risk}|${p.type}|${p.termDays ?? ''}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const term = p.termDays === null ? {} : { termMonths: p.termDays / 30.4 };
  const s = checkSuitability(
    suitabilityInputOf(
      input.customer,
      { risk: p.risk, type: p.type, ...term },
      input.asOf,
      'advisor',
      input.request.horizonMonths,
    ),
    input.suitabilityPolicy ?? DEFAULT_POLICY,
  );
  memo.set(key, s);
  return s;
};

const exclusionOf = (
  input: RecommendInput,
  f: ProductFacts,
  money: InvestorLevel,
  target: Record<AssetClass, number>,
  memo: SuitabilityMemo,
) => {
  const p = f.product;
  if (f.assetClass === null) return { reason: 'not_allocatable' as const };
  if (p.status !== 'open') return { reason: 'not_open' as const };
  if (f.lastIndex < 0) return { reason: 'no_nav' as const };
  if (p.minPurchaseFen > input.request.amountFen) return { reason: 'below_minimum' as const };
  const s = suitabilityOf(input, p, memo);
  if (!s.may_recommend)
    return { reason: 'suitability' as const, suitability_reasons: s.reasons, enhanced: false };
  if (levelRank(p.risk) > levelRank(money)) return { reason: 'above_money_level' as const };
  if (target[f.assetClass] === 0) return { reason: 'class_not_in_plan' as const };
  return { reason: null, enhanced: s.enhanced_duty };
};

/** Greedy pick by score under the per-type and per-class caps (no five funds of one kind). */
const diversify = (
  ranked: readonly Candidate[],
  limit: number,
  maxType: number,
  maxClass: number,
): Candidate[] => {
  const out: Candidate[] = [];
  const byType = new Map<string, number>();
  const byClass = new Map<string, number>();
  for (const c of ranked) {
    if (out.length >= limit) break;
    const t = c.f.product.type;
    const k = c.f.assetClass!;
    if ((byType.get(t) ?? 0) >= maxType || (byClass.get(k) ?? 0) >= maxClass) continue;
    out.push(c);
    byType.set(t, (byType.get(t) ?? 0) + 1);
    byClass.set(k, (byClass.get(k) ?? 0) + 1);
  }
  return out;
};

/** The plan for this money: its level (purpose and horizon caps), the target mix and the class gaps after it. */
const moneyPlan = (input: RecommendInput) => {
  const r = input.request;
  const level = adviceLevel(input.customer);
  const liquidity = r.liquidityNeed ?? 'medium';
  const appetite =
    r.riskAppetite !== undefined && levelRank(r.riskAppetite) < levelRank(level) ? r.riskAppetite : level;
  const horizon = r.horizonMonths;
  const money = effectiveLevel(
    { riskLevel: level, horizonMonths: horizon, liquidityNeed: liquidity, holdings: [] },
    { purpose: r.purpose, amount: r.amountFen / 100, horizonMonths: horizon, riskAppetite: appetite },
  );
  const available = availableClasses(input.shelf, money);
  const target = targetMix(money, horizon, liquidity, available, input.allocationConfig, r.purpose);
  const { amounts, held } = currentMix(input);
  const total = ASSET_CLASSES.reduce((s, c) => s + amounts[c], 0) + r.amountFen;
  const perClass = (fn: (c: AssetClass) => number) =>
    Object.fromEntries(ASSET_CLASSES.map((c) => [c, fn(c)])) as Record<AssetClass, number>;
  const current = perClass((c) => amounts[c] / total);
  const gaps = perClass((c) => Math.max(0, target[c] * total - amounts[c]));
  return { money, liquidity, horizon, target, current, gaps, total, held };
};

type Plan = ReturnType<typeof moneyPlan>;

/** Fit (gap of the class, liquidity, term within the horizon) and quality of one eligible product. */
const scoreCandidate = (input: RecommendInput, plan: Plan, f: ProductFacts, enhanced: boolean): Candidate => {
  const policy = input.policy ?? DEFAULT_RECOMMEND_POLICY;
  const cls = f.assetClass!;
  const maxGap = Math.max(...ASSET_CLASSES.map((c) => plan.gaps[c]));
  const maxTarget = Math.max(...ASSET_CLASSES.map((c) => plan.target[c]));
  const gapFit = maxGap > 0 ? plan.gaps[cls] / maxGap : plan.target[cls] / maxTarget;
  const term = f.product.termDays === null ? 0 : f.product.termDays / 30.4;
  const fw = policy.fitWeights;
  const fit =
    (fw.gap * gapFit +
      fw.liquidity * LIQUIDITY_FIT[plan.liquidity][f.liquidity] +
      fw.horizon * (term <= plan.horizon ? 1 : 0)) /
    (fw.gap + fw.liquidity + fw.horizon);
  const q = qualityParts(input.shelf, f, input.managers);
  const quality = qualityScore(q, policy.qualityWeights);
  const w = policy.weights;
  return {
    f,
    q,
    fit,
    quality,
    score: (100 * (w.fit * fit + w.quality * quality)) / (w.fit + w.quality),
    enhanced,
  };
};

/** One recommendation as the contract shows it, with its reasons. */
const toItem = (input: RecommendInput, plan: Plan, c: Candidate): RecommendItem => {
  const cls = c.f.assetClass!;
  const held = plan.held.has(c.f.product.code);
  return {
    product_code: c.f.product.code,
    name: c.f.product.name,
    type: c.f.product.type,
    risk_level: c.f.product.risk,
    asset_class: cls,
    score: Math.round(c.score * 10) / 10,
    fit: c.fit,
    quality: c.quality,
    held,
    enhanced_duty: c.enhanced,
    reasons: reasonsFor({
      f: c.f,
      q: c.q,
      level: input.customer.level,
      target: plan.target[cls],
      current: plan.current[cls],
      gapShare: plan.gaps[cls] / plan.total,
      horizonMonths: plan.horizon,
      held,
    }),
  };
};

/** A refusal (assessment expired or missing), or the plan and the diversified picks (and exclusions when asked). */
type Ranking =
  | { readonly refusal: RecommendRefusal }
  | { readonly plan: Plan; readonly picks: readonly Candidate[]; readonly excluded: readonly Exclusion[] };

const rank = (input: RecommendInput, withExclusions: boolean): Ranking => {
  validate(input);
  const policy = input.policy ?? DEFAULT_RECOMMEND_POLICY;
  const status = assessmentStatus(input.customer, input.asOf, input.suitabilityPolicy);
  if (status.status === 'expired' || status.status === 'missing') {
    const reason = status.status === 'expired' ? 'ASSESSMENT_EXPIRED' : 'ASSESSMENT_MISSING';
    return {
      refusal: {
        code: 'ASSESSMENT_EXPIRED',
        reason,
        valid_until: status.valid_until,
        message: render(REFUSAL_TEXT[reason], { valid_until: status.valid_until ?? '' }),
      },
    };
  }
  const plan = moneyPlan(input);
  const excluded: Exclusion[] = [];
  const candidates: Candidate[] = [];
  const memo: SuitabilityMemo = new Map();
  for (const f of input.shelf.products.values()) {
    const ex = exclusionOf(input, f, plan.money, plan.target, memo);
    if (ex.reason === null) candidates.push(scoreCandidate(input, plan, f, ex.enhanced ?? false));
    else if (withExclusions)
      excluded.push({
        product_code: f.product.code,
        reason: ex.reason,
        ...('suitability_reasons' in ex ? { suitability_reasons: ex.suitability_reasons } : {}),
      });
  }
  candidates.sort((a, b) => b.score - a.score || (a.f.product.code < b.f.product.code ? -1 : 1));
  const picks = diversify(
    candidates,
    input.request.limit ?? policy.limit,
    policy.maxPerCategory,
    policy.maxPerClass,
  );
  return { plan, picks, excluded };
};

/**
 * Product recommendations for one money purpose: candidates filtered by suitability (the institution
 * recommending: never above the customer's level, never on an invalid assessment — then a typed refusal,
 * 409 ASSESSMENT_EXPIRED) and by the level this money can take (purpose and horizon caps of the allocation
 * engine), scored by fit (the allocation gap of the product's class after this money, liquidity, term) and
 * quality against the product's type (Sharpe, drawdown, cost, 1-year track, manager), then diversified
 * (at most `maxPerCategory` of a type and `maxPerClass` of a class), each with bilingual reasons.
 */
export const recommendProducts = (input: RecommendInput): RecommendResult => {
  const r = rank(input, true);
  if ('refusal' in r) return { ok: false, refusal: r.refusal };
  const policy = input.policy ?? DEFAULT_RECOMMEND_POLICY;
  return {
    ok: true,
    items: r.picks.map((c) => toItem(input, r.plan, c)),
    excluded: r.excluded,
    effective_level: r.plan.money,
    target_weights: r.plan.target,
    current_weights: r.plan.current,
    policy_version: policy.version,
  };
};

/**
 * The codes `recommendProducts` would recommend, in its order, or null where it refuses — without the reasons'
 * texts and the exclusion list, which a caller that only sends the codes (MOT messages) never reads.
 */
export const recommendedProductCodes = (input: RecommendInput): string[] | null => {
  const r = rank(input, false);
  return 'refusal' in r ? null : r.picks.map((c) => c.f.product.code);
};
