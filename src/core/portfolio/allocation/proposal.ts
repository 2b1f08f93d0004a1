import { badInput } from '../../errors.js';
import { portfolioPerformance } from '../efficient-frontier.js';
import { DEFAULT_CONFIG } from './assumptions.js';
import { backtestMix } from './backtest.js';
import { classCovariance, classFrontier, effectiveLevel, strategicWeights } from './class-weights.js';
import { CLASS_EN, CLASS_ZH, PURPOSE_EN, PURPOSE_ZH, pct, wholeYuan } from './labels.js';
import { planTrades, type Position } from './plan.js';
import { isSuitable, productStats, rankClass } from './product-ranking.js';
import {
  ASSET_CLASSES,
  INVESTOR_LEVELS,
  type AllocationConfig,
  type AssetClass,
  type InvestorProfile,
  type MoneyBucket,
  type Pick,
  type Product,
  type Proposal,
  type InvestorLevel,
} from './types.js';

export type ProposalInput = {
  profile: InvestorProfile;
  bucket: MoneyBucket;
  products: readonly Product[];
  /** ISO date the proposal is made on (NAVs after it are ignored). */
  asOf: string;
  config?: Partial<AllocationConfig>;
};

const validate = (inp: ProposalInput): void => {
  const { profile, bucket } = inp;
  if (!INVESTOR_LEVELS.includes(profile.riskLevel)) throw badInput('profile.riskLevel', 'expected C1…C5');
  if (!INVESTOR_LEVELS.includes(bucket.riskAppetite)) throw badInput('bucket.riskAppetite', 'expected C1…C5');
  if (!(bucket.amount > 0)) throw badInput('bucket.amount', 'must be a positive amount in yuan');
  if (!(bucket.horizonMonths > 0))
    throw badInput('bucket.horizonMonths', 'must be a positive number of months');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(inp.asOf)) throw badInput('asOf', 'expected an ISO date YYYY-MM-DD');
  for (const h of profile.holdings)
    if (!(h.amount >= 0)) throw badInput('holdings', `amount of ${h.code} must be ≥ 0`);
};

/** Why a held position stays: locked until its open date, partly redeemed, or kept to save trades. */
const keptText = (pos: Position, level: InvestorLevel, partlySold: boolean) => {
  const p = pos.product;
  if (pos.lockedUntil !== null) {
    const above = !isSuitable(p, level);
    return {
      zh: `封闭期至 ${pos.lockedUntil}，此前不可赎回，方案按现有金额保留并据此配置其余资金${above ? `；其风险等级 ${p.risk} 高于适用等级 ${level}，开放后建议赎回` : ''}；`,
      en: `Closed until ${pos.lockedUntil} and not redeemable before, so the plan keeps it as it is and allocates the rest around it${above ? `; rated ${p.risk}, above the ${level} level, redeem it once open` : ''}. `,
    };
  }
  if (!pos.kept) return { zh: '', en: '' };
  return partlySold
    ? {
        zh: '您已持有，部分赎回后保留其余部分；',
        en: 'You already hold it; part is redeemed and the rest kept. ',
      }
    : { zh: '您已持有，保留可减少交易；', en: 'You already hold it; keeping it saves trades. ' };
};

const pickReasons = (
  pos: Position,
  weight: number,
  level: InvestorLevel,
  bucket: MoneyBucket,
  partlySold: boolean,
) => {
  const p = pos.product;
  const s = pos.ranked?.stats;
  const perf = s
    ? `近${s.observations >= 600 ? '3' : '1'}年年化收益 ${pct(s.annual_return)}、年化波动 ${pct(s.volatility)}、最大回撤 ${pct(Math.abs(s.max_drawdown))}、夏普比率 ${s.sharpe.toFixed(2)}，在同类可选产品中综合评分较高`
    : '历史数据不足一年，未参与排名';
  const perfEn = s
    ? `over the look-back it returned ${pct(s.annual_return)} a year with ${pct(s.volatility)} volatility, a ${pct(Math.abs(s.max_drawdown))} maximum drawdown and a Sharpe ratio of ${s.sharpe.toFixed(2)}, scoring well among suitable peers`
    : 'less than a year of history, so it was not ranked';
  const { zh: keep, en: keepEn } = keptText(pos, level, partlySold);
  return {
    zh: `${keep}作为${PURPOSE_ZH[bucket.purpose]}资金中的${CLASS_ZH[p.assetClass]}部分（占 ${pct(weight)}，${wholeYuan(pos.amount)} 元）；${perf}${isSuitable(p, level) ? `；风险等级 ${p.risk}，不高于适用等级 ${level}` : ''}；起购金额 ${wholeYuan(p.minPurchase)} 元。过往业绩不预示未来表现。`,
    en: `${keepEn}Holds the ${CLASS_EN[p.assetClass]} part of your ${PURPOSE_EN[bucket.purpose]} money (${pct(weight)}, ${wholeYuan(pos.amount)} yuan); ${perfEn}${isSuitable(p, level) ? `; rated ${p.risk}, within the ${level} level` : ''}; minimum purchase ${wholeYuan(p.minPurchase)} yuan. Past performance does not indicate future results.`,
  };
};

const toPick = (
  pos: Position,
  total: number,
  level: InvestorLevel,
  inp: ProposalInput,
  years: number,
  partlySold: boolean,
): Pick => {
  const weight = pos.amount / total;
  const s = pos.ranked?.stats ?? productStats(pos.product, inp.asOf, years);
  return {
    code: pos.product.code,
    name: pos.product.name,
    asset_class: pos.product.assetClass,
    risk: pos.product.risk,
    amount: Math.round(pos.amount),
    weight,
    kept: pos.kept,
    locked_until: pos.lockedUntil,
    metrics: s
      ? {
          annual_return: s.annual_return,
          volatility: s.volatility,
          max_drawdown: s.max_drawdown,
          sharpe: s.sharpe,
        }
      : null,
    reasons: pickReasons(pos, weight, level, inp.bucket, partlySold),
  };
};

const nextStepText = (n: { asset_class: AssetClass; amount: number }) => ({
  ...n,
  amount: Math.round(n.amount),
  zh: `下一步可再配置${CLASS_ZH[n.asset_class]}类约 ${wholeYuan(n.amount)} 元；本次为减少交易次数，这部分暂由风险相近的产品承接或暂不调整。`,
  en: `Next step: add about ${wholeYuan(n.amount)} yuan of ${CLASS_EN[n.asset_class]}; postponed to keep this round's trades few (held meanwhile in the nearest-risk product, or left as is).`,
});

const notes = (level: InvestorLevel) => ({
  zh: `方案按适用风险等级 ${level}（取客户风险承受能力、这笔资金的风险偏好与期限中较低者）配置；收益区间依据资本市场长期假设测算，仅供参考，实际收益可能低于区间下限甚至出现亏损。过往业绩不预示未来表现，投资有风险。`,
  en: `Allocated for the ${level} level (the lowest of the customer's tolerance, the appetite for this money and its horizon); the return range comes from long-run market assumptions and is indicative only: actual returns may fall below it or be negative. Past performance does not indicate future results; investing involves risk.`,
});

/** Class weights reached by the picks (uninvested money counts as cash) and their assumed return and risk. */
const achievedRisk = (picks: readonly Pick[], uninvested: number, total: number, cfg: AllocationConfig) => {
  const achieved = Object.fromEntries(ASSET_CLASSES.map((c) => [c, 0])) as Record<AssetClass, number>;
  for (const p of picks) achieved[p.asset_class] += p.weight;
  achieved.cash += uninvested / total;
  const mu = Float64Array.from(ASSET_CLASSES, (c) => cfg.assumptions.expectedReturn[c]);
  const w = Float64Array.from(ASSET_CLASSES, (c) => achieved[c]);
  return { achieved, perf: portfolioPerformance(w, mu, classCovariance(cfg), 0) };
};

/**
 * The allocation engine: investor profile + money bucket → class weights from the capital-market assumptions
 * and the level's risk budget, concrete suitable products per class, the fewest trades from the current
 * holdings, a 3-year backtest and reasons for every pick. Pure and deterministic for the same inputs.
 */
export const proposeAllocation = (inp: ProposalInput): Proposal => {
  validate(inp);
  const cfg: AllocationConfig = { ...DEFAULT_CONFIG, ...inp.config };
  const { profile, bucket } = inp;
  const total = Math.max(
    bucket.amount,
    profile.holdings.reduce((s, h) => s + h.amount, 0),
  );
  const lvl = effectiveLevel(profile, bucket);
  const available = new Set(
    ASSET_CLASSES.filter((c) => rankClass(inp.products, c, lvl, inp.asOf, cfg.lookbackYears).length > 0),
  );
  const strategic = strategicWeights(profile, bucket, cfg, available);
  const level = strategic.level;
  const classTargets = Object.fromEntries(
    ASSET_CLASSES.map((c) => [c, strategic.weights[c] * total]),
  ) as Record<AssetClass, number>;
  const plan = planTrades({
    total,
    classTargets,
    holdings: profile.holdings,
    products: inp.products,
    level,
    asOf: inp.asOf,
    cfg,
  });
  const positions = plan.positions.filter((p) => p.amount > 0);
  const sold = new Set(plan.trades.filter((t) => t.action === 'sell').map((t) => t.code));
  const picks = positions.map((pos) =>
    toPick(pos, total, level, inp, cfg.lookbackYears, sold.has(pos.product.code)),
  );
  const { achieved, perf } = achievedRisk(picks, plan.uninvested, total, cfg);
  const legs = positions
    .map((pos) => ({
      weight: pos.amount / total,
      stats: pos.ranked?.stats ?? productStats(pos.product, inp.asOf, cfg.lookbackYears),
    }))
    .filter((l): l is { weight: number; stats: NonNullable<typeof l.stats> } => l.stats !== null);
  const backtest = backtestMix(legs);
  // Worse of the realised 3-year drawdown and a one-year 99% normal loss μ − 2.326σ.
  const parametric = Math.min(0, perf.expectedReturn - 2.326 * perf.volatility);
  return {
    as_of: inp.asOf,
    effective_level: level,
    class_weights: strategic.weights,
    achieved_class_weights: achieved,
    picks,
    trades: plan.trades.map((t) => ({ ...t, amount: Math.round(t.amount) })),
    next_steps: plan.nextSteps.map(nextStepText),
    expected_return: perf.expectedReturn,
    return_range: [
      perf.expectedReturn - 1.2816 * perf.volatility,
      perf.expectedReturn + 1.2816 * perf.volatility,
    ],
    volatility: perf.volatility,
    estimated_worst_drawdown: Math.min(parametric, backtest?.max_drawdown ?? 0),
    backtest,
    uninvested: Math.round(plan.uninvested),
    frontier: classFrontier(cfg),
    notes: notes(level),
  };
};
