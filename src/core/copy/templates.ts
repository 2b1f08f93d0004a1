import { typeLabel } from '../advisory/shelf.js';
import { fill, type Template } from '../advisory/text.js';
import type { ProductType } from '../product-types.js';
import type { ProductRiskLevel } from '../suitability/types.js';

/** Customer segments of the customers table and the channels copy is written for. */
export const SEGMENTS = ['mass', 'affluent', 'wealth', 'private'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const COPY_CHANNELS = ['sms', 'wechat', 'app_push'] as const;
export type CopyChannel = (typeof COPY_CHANNELS)[number];

export type CopyProduct = {
  readonly code: string;
  readonly name: string;
  readonly type: ProductType;
  readonly risk: ProductRiskLevel;
  /** Minimum first purchase, yuan. */
  readonly minPurchase: number;
};

/** How each segment is addressed and what it cares about (template data, not code). */
const SEGMENT_VOICE: Readonly<Record<Segment, { greeting: string; angle: string }>> = {
  mass: { greeting: '您好', angle: '起购门槛低，适合从小额开始规划' },
  affluent: { greeting: '尊敬的客户', angle: '可作为家庭资产配置中的一部分' },
  wealth: { greeting: '尊敬的财富客户', angle: '可与您现有配置搭配，分散单一资产的波动' },
  private: { greeting: '尊敬的私行客户', angle: '专属顾问可结合您的整体资产为您做配置检视' },
};

/** One template per channel: SMS short with the sender and the opt-out, WeChat and push a little longer. */
const CHANNEL_TEMPLATE: Readonly<Record<CopyChannel, Template>> = {
  sms: {
    zh: '【财伴】{greeting}，{name}（{type}，风险等级{risk}）现可申购，起购{min}元，{angle}。详情请咨询您的理财经理。拒收请回复R',
    en: '[Caiban] {name} ({type}, risk {risk}) is open, from {min} yuan. Ask your RM. Reply R to opt out',
  },
  wechat: {
    zh: '{greeting}！向您介绍{name}（{type}，风险等级{risk}）：起购{min}元，{angle}。购买前请阅读产品说明书，确认产品风险等级与您的风险承受能力相匹配。如有兴趣可以回复我，我为您详细说明。',
    en: '{name} ({type}, risk {risk}): from {min} yuan. Please read the prospectus and check the risk level matches your tolerance before buying. Reply and I will explain.',
  },
  app_push: {
    zh: '{name}（{type}，风险等级{risk}）开放申购，起购{min}元，{angle}。',
    en: '{name} ({type}, risk {risk}) is open for subscription, from {min} yuan.',
  },
};

/**
 * Copy for one segment × product × channel from the templates: the default generator (no model needed). The
 * caller completes and checks it with the guard; the result is a draft for maker/checker approval.
 */
export const templateCopy = (
  segment: Segment,
  product: CopyProduct,
  channel: CopyChannel,
): { zh: string; en: string } => {
  const v = SEGMENT_VOICE[segment];
  const label = typeLabel(product.type);
  const params = {
    greeting: v.greeting,
    angle: v.angle,
    name: product.name,
    risk: product.risk,
    min: Math.round(product.minPurchase).toLocaleString('en-US'),
  };
  const t = CHANNEL_TEMPLATE[channel];
  return { zh: fill(t.zh, { ...params, type: label.zh }), en: fill(t.en, { ...params, type: label.en }) };
};

/** What each channel allows, for the LLM's brief (the same shape the templates follow). */
const CHANNEL_BRIEF: Readonly<Record<CopyChannel, string>> = {
  sms: '短信：70字以内，以【财伴】开头，结尾写“拒收请回复R”。',
  wechat: '企业微信：150字以内，语气亲切，结尾邀请客户回复咨询。',
  app_push: 'App推送：50字以内，一句话。',
};

/**
 * The brief for an LLM draft of segment × product × channel: only the product facts given here may be stated;
 * no promise of return or principal, no ranking words. The draft is then reviewed like any copy (reviewCopy
 * with aiGenerated = true) and goes through maker/checker. Pure.
 */
export const copyPrompt = (
  segment: Segment,
  product: CopyProduct,
  channel: CopyChannel,
): { system: string; user: string } => {
  const v = SEGMENT_VOICE[segment];
  return {
    system: [
      '你是银行理财营销文案撰写员。只写文案正文（中文），不要解释。',
      '只能使用下面给出的产品事实；不得承诺收益或保本，不得使用“最好”“稳赚”“零风险”等用语，不得编造业绩数字。',
      CHANNEL_BRIEF[channel],
    ].join('\n'),
    user: [
      `客群：${segment}（称呼：${v.greeting}；角度：${v.angle}）`,
      `产品：${product.name}（代码 ${product.code}）`,
      `类型：${typeLabel(product.type).zh}`,
      `风险等级：${product.risk}`,
      `起购金额：${Math.round(product.minPurchase).toLocaleString('en-US')}元`,
    ].join('\n'),
  };
};
