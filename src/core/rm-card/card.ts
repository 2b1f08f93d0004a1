import type { Bilingual } from '../advisory/text.js';
import { typeLabel } from '../advisory/shelf.js';
import { completeText } from '../guard/complete.js';
import { guardOutbound } from '../guard/guard.js';
import type { GuardCustomer, GuardResult, SuitabilityFinding } from '../guard/types.js';
import { CLASS_EN, CLASS_ZH, pct, wholeYuan } from '../portfolio/allocation/labels.js';
import { proposeAllocation } from '../portfolio/allocation/proposal.js';
import { productStats } from '../portfolio/allocation/product-ranking.js';
import {
  ASSET_CLASSES,
  type AssetClass,
  type InvestorLevel,
  type Product,
} from '../portfolio/allocation/types.js';
import type { ProductType } from '../product-types.js';
import type { SuitabilityPolicy } from '../suitability/policy.js';
import { INVESTOR_LEVELS, type ProductRiskLevel } from '../suitability/types.js';
import { planOfIntent, type CardIntent } from './intent-bucket.js';
import { sellingPoints, windowYears, type PeerFigures, type SellingPoint } from './selling-points.js';

export type { CardIntent } from './intent-bucket.js';

/** Key facts of a shelf product (fees are fractions: 0.012 = 1.2% a year). */
export type CardProductFacts = {
  readonly code: string;
  readonly name: string;
  readonly type: ProductType;
  readonly risk: ProductRiskLevel;
  readonly minPurchase: number;
  readonly termDays: number | null;
  readonly benchmark: string;
  readonly fees: {
    readonly purchase: number;
    readonly redemption: number;
    readonly management: number;
    readonly custody: number;
    readonly salesService: number;
  };
};

export type CardInput = {
  readonly intent: CardIntent;
  readonly customer: GuardCustomer;
  /** The allocation shelf: open products with their adjusted NAV histories. */
  readonly shelf: readonly Product[];
  /** Facts of every shelf product (the picks' and their peers'). */
  readonly facts: ReadonlyMap<string, CardProductFacts>;
  /** Date of the NAVs the card is computed on. */
  readonly asOf: string;
  /** Business date or instant of the check (guard). */
  readonly now: string;
  readonly policy?: SuitabilityPolicy;
};

export type CardProduct = {
  readonly code: string;
  readonly name: string;
  readonly type: ProductType;
  readonly typeLabel: Bilingual;
  readonly assetClass: AssetClass;
  readonly risk: ProductRiskLevel;
  readonly amount: number;
  readonly weight: number;
  readonly minPurchase: number;
  readonly termDays: number | null;
  readonly benchmark: string;
  readonly fees: CardProductFacts['fees'];
  /** Window figures: `years` 1 or 3 (近1年/近3年). */
  readonly figures: {
    readonly years: 1 | 3;
    readonly annualReturn: number;
    readonly volatility: number;
    readonly maxDrawdown: number;
    readonly sharpe: number;
  } | null;
  readonly sellingPoints: readonly SellingPoint[];
  readonly reasons: Bilingual;
  readonly suitability: {
    readonly decision: string;
    readonly mayRecommend: boolean;
    readonly enhancedDuty: boolean;
    readonly messages: readonly Bilingual[];
  };
};

/** A recommendation card for one money intent: what the RM shows, says and must disclose. */
export type RmCard = {
  readonly version: 1;
  readonly asOf: string;
  readonly intent: CardIntent;
  readonly customerLevel: InvestorLevel;
  /** Level of the appetite for this money (stated, or the purpose's default). */
  readonly appetiteLevel: InvestorLevel;
  /** The level the plan was built for: the lowest of customer, appetite, horizon and purpose caps. */
  readonly planLevel: InvestorLevel;
  readonly horizonMonths: number;
  readonly horizonAssumed: boolean;
  readonly appetiteAssumed: boolean;
  readonly title: Bilingual;
  readonly summary: Bilingual;
  readonly classWeights: Readonly<Record<AssetClass, number>>;
  readonly volatility: number;
  readonly estimatedWorstDrawdown: number;
  readonly products: readonly CardProduct[];
  readonly uninvested: number;
  /** Required disclosures (risk warnings, past-performance disclaimer), the rule set's own words. */
  readonly disclosures: readonly Bilingual[];
  /** The customer-facing text exactly as checked by the guard (summary, products, disclosures). */
  readonly text: Bilingual;
  /** The RM's talking script, checked by the guard too (it is said to the customer). */
  readonly script: Bilingual;
  readonly guard: GuardResult;
  /** True when the guard allowed the whole card: only then may it be shared. */
  readonly allowed: boolean;
};

const horizonText = (months: number): Bilingual =>
  months % 12 === 0
    ? { zh: `约${months / 12}年`, en: `about ${months / 12} year${months === 12 ? '' : 's'}` }
    : { zh: `约${months}个月`, en: `about ${months} months` };

const PURPOSE_TEXT: Readonly<Record<CardIntent['purpose'], Bilingual>> = {
  retirement: { zh: '养老', en: 'retirement' },
  education: { zh: '子女教育', en: 'education' },
  house: { zh: '购房', en: 'a home' },
  emergency: { zh: '应急备用', en: 'emergencies' },
  growth: { zh: '财富增值', en: 'growth' },
  travel: { zh: '旅行', en: 'travel' },
  medical: { zh: '医疗备用', en: 'medical costs' },
  other: { zh: '其他安排', en: 'other plans' },
};

const LEVEL_TEXT: Readonly<Record<InvestorLevel, Bilingual>> = {
  C1: { zh: '保守型', en: 'conservative' },
  C2: { zh: '稳健型', en: 'cautious' },
  C3: { zh: '平衡型', en: 'balanced' },
  C4: { zh: '成长型', en: 'growth' },
  C5: { zh: '进取型', en: 'aggressive' },
};

const peerFigures = (p: Product, f: CardProductFacts, asOf: string, years: 1 | 3): PeerFigures => {
  const s = productStats(p, asOf, years);
  return {
    code: p.code,
    category: f.type,
    maxDrawdown: s?.max_drawdown ?? null,
    volatility: s?.volatility ?? null,
    sharpe: s?.sharpe ?? null,
    runningFee: f.fees.management + f.fees.custody + f.fees.salesService,
  };
};

const feeText = (fees: CardProductFacts['fees']): Bilingual => ({
  zh: `申购费率 ${pct(fees.purchase, 2)}，赎回费率 ${pct(fees.redemption, 2)}，管理费 ${pct(fees.management, 2)}/年，托管费 ${pct(fees.custody, 2)}/年，销售服务费 ${pct(fees.salesService, 2)}/年`,
  en: `purchase fee ${pct(fees.purchase, 2)}, redemption fee ${pct(fees.redemption, 2)}, management ${pct(fees.management, 2)}/yr, custody ${pct(fees.custody, 2)}/yr, sales service ${pct(fees.salesService, 2)}/yr`,
});

const productParagraph = (p: CardProduct): Bilingual => {
  const fig = p.figures;
  const w =
    fig === null
      ? null
      : fig.years === 3
        ? { zh: '近3年', en: 'last 3 years' }
        : { zh: '近1年', en: 'last year' };
  const perf =
    fig === null || w === null
      ? { zh: '成立不足一年，暂无完整业绩数据', en: 'less than a year of history' }
      : {
          zh: `${w.zh}年化收益 ${pct(fig.annualReturn)}、年化波动 ${pct(fig.volatility)}、最大回撤 ${pct(Math.abs(fig.maxDrawdown))}`,
          en: `${w.en}: ${pct(fig.annualReturn)} a year, ${pct(fig.volatility)} volatility, ${pct(Math.abs(fig.maxDrawdown))} maximum drawdown`,
        };
  const term =
    p.termDays === null
      ? { zh: '开放式', en: 'open-ended' }
      : { zh: `期限 ${p.termDays} 天`, en: `term ${p.termDays} days` };
  const fees = feeText(p.fees);
  const points = p.sellingPoints;
  return {
    zh: `${p.name}（${p.code}，${p.typeLabel.zh}，风险等级 ${p.risk}，${term.zh}）：配置 ${wholeYuan(p.amount)} 元（${pct(p.weight)}）。${perf.zh}。${points.map((s) => `${s.zh}。`).join('')}${fees.zh}；起购 ${wholeYuan(p.minPurchase)} 元。`,
    en: `${p.name} (${p.code}, ${p.typeLabel.en}, risk ${p.risk}, ${term.en}): ${wholeYuan(p.amount)} yuan (${pct(p.weight)}). ${perf.en}. ${points.map((s) => `${s.en[0]!.toUpperCase()}${s.en.slice(1)}. `).join('')}Fees: ${fees.en}; minimum ${wholeYuan(p.minPurchase)} yuan.`,
  };
};

/**
 * Class names in the card's Chinese text: the compliance linter reads "收益 21%" as a performance figure, so
 * fixed income is named by what it holds (债券).
 */
const CARD_CLASS_ZH: Readonly<Record<AssetClass, string>> = { ...CLASS_ZH, fixed_income: '债券' };

const weightsText = (w: Readonly<Record<AssetClass, number>>): Bilingual => {
  const parts = ASSET_CLASSES.filter((c) => w[c] >= 0.005);
  return {
    zh: parts.map((c) => `${CARD_CLASS_ZH[c]}占 ${pct(w[c], 0)}`).join('、'),
    en: parts.map((c) => `${CLASS_EN[c]} ${pct(w[c], 0)}`).join(', '),
  };
};

const joinZh = (xs: readonly string[]): string => xs.join('');
const joinEn = (xs: readonly string[]): string => xs.join(' ');

/**
 * Builds the recommendation card of one money intent: the allocation engine's proposal for the intent's
 * money within its appetite and never above the customer's assessed level; each product with its key facts
 * (risk, fees, term, window figures) and selling points computed against its category; a talking script for
 * the RM; the suitability result of every product and the required disclosures. The customer text and the
 * script both pass the one outbound guard, whose result decides `allowed`. Pure and deterministic.
 */
export const buildCard = (input: CardInput): RmCard => {
  const { intent, customer, shelf, facts, asOf } = input;
  const plan = planOfIntent(intent, customer.level);
  const proposal = proposeAllocation({
    profile: {
      riskLevel: customer.level,
      horizonMonths: plan.bucket.horizonMonths,
      liquidityNeed: plan.liquidity,
      holdings: [],
    },
    bucket: plan.bucket,
    products: shelf.filter((p) => facts.has(p.code)),
    asOf,
  });
  const planLevel = proposal.effective_level;
  if (INVESTOR_LEVELS.indexOf(planLevel) > INVESTOR_LEVELS.indexOf(customer.level))
    throw new Error(`plan level ${planLevel} above the customer's ${customer.level}`);
  const byCode = new Map(shelf.map((p) => [p.code, p]));
  const picks = proposal.picks.map((k) => {
    const f = facts.get(k.code)!;
    const p = byCode.get(k.code)!;
    const years = windowYears(p, asOf);
    const peers = shelf
      .filter((q) => facts.get(q.code)?.type === f.type)
      .map((q) => peerFigures(q, facts.get(q.code)!, asOf, years));
    const self = peers.find((q) => q.code === k.code)!;
    const s = productStats(p, asOf, years);
    return {
      k,
      f,
      product: {
        code: k.code,
        name: f.name,
        type: f.type,
        typeLabel: typeLabel(f.type),
        assetClass: k.asset_class,
        risk: f.risk,
        amount: k.amount,
        weight: k.weight,
        minPurchase: f.minPurchase,
        termDays: f.termDays,
        benchmark: f.benchmark,
        fees: f.fees,
        figures:
          s === null
            ? null
            : {
                years,
                annualReturn: s.annual_return,
                volatility: s.volatility,
                maxDrawdown: s.max_drawdown,
                sharpe: s.sharpe,
              },
        sellingPoints: sellingPoints(self, peers, years, typeLabel(f.type)),
        reasons: k.reasons,
      },
    };
  });
  const amount = wholeYuan(intent.amount);
  const purpose = PURPOSE_TEXT[intent.purpose];
  const horizon = horizonText(plan.bucket.horizonMonths);
  const weights = weightsText(proposal.class_weights);
  const level = LEVEL_TEXT[planLevel];
  const title = {
    zh: `${purpose.zh}资金 ${amount} 元 · ${horizon.zh}`,
    en: `${purpose.en}: ${amount} yuan · ${horizon.en}`,
  };
  const summary = {
    zh: `这笔 ${amount} 元用于${purpose.zh}，${horizon.zh}后使用${plan.horizonAssumed ? '（期限为估计，请与您确认）' : ''}。结合您的风险承受能力（${customer.level}）和这笔钱的用途与期限，方案按${level.zh}（${planLevel}）配置：${weights.zh}。组合按资本市场长期假设估算的年化波动约 ${pct(proposal.volatility)}，不利情况下可能出现约 ${pct(Math.abs(proposal.estimated_worst_drawdown))} 的回撤。`,
    en: `These ${amount} yuan are for ${purpose.en}, needed in ${horizon.en}${plan.horizonAssumed ? ' (an estimate to confirm with you)' : ''}. Given your risk tolerance (${customer.level}) and this money's purpose and horizon, the plan is ${level.en} (${planLevel}): ${weights.en}. On long-run market assumptions its volatility is about ${pct(proposal.volatility)} a year, and in a bad year it could fall by about ${pct(Math.abs(proposal.estimated_worst_drawdown))}.`,
  };
  const products = picks.map((x) => x.product);
  const paragraphs = products.map((p) => ({ ...productParagraph({ ...p, suitability: NO_SUITABILITY }) }));
  const types = [...new Set(products.map((p) => p.type))];
  const body = {
    zh: joinZh([summary.zh, ...paragraphs.map((p) => p.zh)]),
    en: joinEn([summary.en, ...paragraphs.map((p) => p.en)]),
  };
  const completed = completeText(body, { productTypes: types });
  const scriptBody = talkingScript(
    intent,
    plan.cappedLevel,
    planLevel,
    customer.level,
    products,
    horizon,
    purpose,
  );
  const script = completeText(scriptBody, { productTypes: types }).text;
  const guard = guardOutbound({
    content: {
      texts: [
        { id: 'card', text: completed.text.zh, productTypes: types },
        { id: 'script', text: script.zh, productTypes: types },
      ],
      products: products.map((p) => ({
        code: p.code,
        risk: p.risk,
        type: p.type,
        role: 'offer' as const,
        ...(p.termDays === null ? {} : { termMonths: Math.ceil(p.termDays / 30) }),
      })),
    },
    customer: { ...customer, horizonMonths: plan.bucket.horizonMonths },
    now: input.now,
    ...(input.policy === undefined ? {} : { suitabilityPolicy: input.policy }),
  });
  const suit = new Map(
    guard.findings
      .filter((f): f is SuitabilityFinding => f.kind === 'suitability')
      .map((f) => [f.product_code, f]),
  );
  return {
    version: 1,
    asOf,
    intent,
    customerLevel: customer.level,
    appetiteLevel: plan.appetiteLevel,
    planLevel,
    horizonMonths: plan.bucket.horizonMonths,
    horizonAssumed: plan.horizonAssumed,
    appetiteAssumed: plan.appetiteAssumed,
    title,
    summary,
    classWeights: proposal.class_weights,
    volatility: proposal.volatility,
    estimatedWorstDrawdown: proposal.estimated_worst_drawdown,
    products: products.map((p) => {
      const s = suit.get(p.code);
      return {
        ...p,
        suitability:
          s === undefined
            ? NO_SUITABILITY
            : {
                decision: s.decision,
                mayRecommend: s.may_recommend,
                enhancedDuty: s.enhanced_duty,
                messages: s.messages,
              },
      };
    }),
    uninvested: proposal.uninvested,
    disclosures: completed.added,
    text: completed.text,
    script,
    guard,
    allowed: guard.allowed,
  };
};

const NO_SUITABILITY: CardProduct['suitability'] = {
  decision: 'NOT_CHECKED',
  mayRecommend: false,
  enhancedDuty: false,
  messages: [],
};

/** The RM's script: the customer's own words first, then the plan, the product facts, and the risks. */
const talkingScript = (
  intent: CardIntent,
  capped: InvestorLevel,
  planLevel: InvestorLevel,
  customerLevel: InvestorLevel,
  products: readonly Omit<CardProduct, 'suitability'>[],
  horizon: Bilingual,
  purpose: Bilingual,
): Bilingual => {
  const amount = wholeYuan(intent.amount);
  const lead = products[0];
  const point = lead?.sellingPoints[0];
  const lowered = INVESTOR_LEVELS.indexOf(planLevel) < INVESTOR_LEVELS.indexOf(customerLevel);
  const zh = [
    `您之前提到，有 ${amount} 元是为${purpose.zh}准备的，${horizon.zh}后要用。`,
    lowered
      ? `虽然您的风险承受能力评估为 ${customerLevel}，这笔钱有明确用途，我们按${LEVEL_TEXT[planLevel].zh}来配置，不追求高波动。`
      : `按您的风险承受能力 ${customerLevel}，这笔钱按${LEVEL_TEXT[planLevel].zh}来配置。`,
    `主要放在${products.map((p) => p.name).join('、')}。`,
    lead && point ? `比如${lead.name}，${point.zh}。` : '',
    intent.constraints.includes('no_loss') || capped === 'C1' || capped === 'C2'
      ? '需要跟您说明，这些产品都不保证本金和收益，净值会有波动。'
      : '需要跟您说明，这些产品不保证本金和收益，市场下跌时净值会回撤，建议按计划长期持有。',
    '费用和赎回规则我都写在卡片里了，您看一下有没有问题。',
  ];
  const en = [
    `You mentioned that ${amount} yuan are meant for ${purpose.en}, needed in ${horizon.en}.`,
    lowered
      ? `Your assessed risk tolerance is ${customerLevel}, but this money has a clear purpose, so the plan is ${LEVEL_TEXT[planLevel].en} and does not chase volatility.`
      : `In line with your risk tolerance ${customerLevel}, this money is planned as ${LEVEL_TEXT[planLevel].en}.`,
    `It goes mainly into ${products.map((p) => p.name).join(', ')}.`,
    lead && point ? `For example ${lead.name}: ${point.en}.` : '',
    'Please note these products guarantee neither principal nor return; their value moves with the market.',
    'Fees and redemption rules are on the card; please have a look.',
  ];
  return { zh: joinZh(zh.filter((s) => s !== '')), en: joinEn(en.filter((s) => s !== '')) };
};
