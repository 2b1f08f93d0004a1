import type { Rule } from '../segment/rule.js';
import type { MotRule } from './mot-rule.js';

/**
 * The built-in MOT rules (../shared/CLI.md "Engagement": the keys are part of the contract), as issue 14 sets
 * them out. They are the version-1 definitions; operations change them through `PUT /api/mot/rules/:key`, which
 * stores a new version that then wins over these.
 */

/** Product types whose asset class is equity (core/advisory assetClassOf): the "equity-type funds". */
export const EQUITY_FUND_TYPES = ['hybrid', 'equity', 'index', 'sector'] as const;

const holdsEquity: Rule = { any: EQUITY_FUND_TYPES.map((t) => ({ holds: { product_type: t } })) };

export const BUILTIN_RULES: readonly MotRule[] = [
  {
    key: 'large_inflow',
    name: { zh: '大额资金转入（行外吸金）', en: 'Large inflow' },
    trigger: { event: 'large_transfer_in', where: [{ field: 'amount', op: 'gte', value: 500_000 }] },
    actions: {
      lead: {
        script: {
          zh: '{name}您好，看到您有一笔{amount}元资金到账，我帮您做一下资金规划，看看哪种安排更合适？',
          en: 'Hello {name}, I noticed {amount} yuan arrived in your account; may I help you plan it?',
        },
        slaHours: 24,
      },
      message: {
        channel: 'sms',
        purpose: 'marketing',
        template: {
          zh: '您近期有一笔资金到账，我们按您的风险等级挑选了几款理财产品，详情请登录手机银行查看。',
          en: 'Funds recently arrived in your account; we picked a few products that match your risk level. See the app for details.',
        },
        products: 'recommend',
      },
    },
    priority: 900,
    dedupeWindowDays: 7,
    version: 1,
    enabled: true,
  },
  {
    key: 'large_outflow',
    name: { zh: '大额资金转出（AUM维稳）', en: 'Large outflow (AUM retention)' },
    trigger: { event: 'large_transfer_out', where: [{ field: 'amount', op: 'gte', value: 500_000 }] },
    actions: {
      lead: {
        script: {
          zh: '{name}您好，注意到您转出了{amount}元，想了解一下您的资金安排，看看我们还能为您做些什么。',
          en: 'Hello {name}, I saw {amount} yuan leave your account; is there anything we can do for you?',
        },
        slaHours: 24,
      },
    },
    priority: 850,
    dedupeWindowDays: 7,
    version: 1,
    enabled: true,
  },
  {
    key: 'maturity_7d',
    name: { zh: '产品7天内到期', en: 'Product maturing within 7 days' },
    trigger: { schedule: 'daily', scan: 'maturity', days: 7 },
    actions: {
      lead: {
        script: {
          zh: '{name}您好，您持有的{product}将于{date}到期，到期资金您有什么安排吗？我可以为您介绍续接方案。',
          en: 'Hello {name}, your {product} matures on {date}; shall we plan what comes next?',
        },
        slaHours: 72,
      },
      message: {
        channel: 'app',
        purpose: 'service',
        template: {
          zh: '您持有的{product}将于{date}到期，到期资金将按约定返还至您的账户。',
          en: 'Your {product} matures on {date}; the proceeds will be returned to your account as agreed.',
        },
        products: 'none',
      },
    },
    priority: 700,
    dedupeWindowDays: 30,
    version: 1,
    enabled: true,
  },
  {
    key: 'repeat_view_no_buy',
    name: { zh: '反复浏览未购买（购买断点）', en: 'Viewed repeatedly, not bought' },
    trigger: { schedule: 'daily', scan: 'repeat_view', days: 7, minCount: 3 },
    actions: {
      lead: {
        script: {
          zh: '{name}您好，看到您近期多次关注{product}，有什么疑问我可以为您详细解答。',
          en: 'Hello {name}, you looked at {product} several times lately; can I answer any questions?',
        },
        slaHours: 48,
      },
    },
    priority: 600,
    dedupeWindowDays: 14,
    version: 1,
    enabled: true,
  },
  {
    key: 'abandoned_purchase',
    name: { zh: '购买流程中断', en: 'Abandoned purchase' },
    trigger: { event: 'purchase_abandoned' },
    actions: {
      lead: {
        script: {
          zh: '{name}您好，看到您在购买{product}时没有完成，是遇到什么问题了吗？我来协助您。',
          en: 'Hello {name}, your purchase of {product} was not completed; can I help?',
        },
        slaHours: 24,
      },
      message: {
        channel: 'app',
        purpose: 'marketing',
        template: {
          zh: '您在购买{product}时尚未完成。如仍有意向，可在手机银行中继续办理，或联系您的理财经理。',
          en: 'Your purchase of {product} was not completed. If you still wish to buy, continue in the app or ask your relationship manager.',
        },
        products: 'held',
      },
    },
    priority: 650,
    dedupeWindowDays: 3,
    version: 1,
    enabled: true,
  },
  {
    key: 'holding_drawdown',
    name: { zh: '持仓回撤超过10%', en: 'Holding down more than 10%' },
    trigger: { schedule: 'daily', scan: 'drawdown', threshold: 0.1 },
    actions: {
      message: {
        channel: 'app',
        purpose: 'service',
        template: {
          zh: '您持有的{product}较持仓成本下跌{change}。{attribution}市场有波动，请结合自身情况理性看待。',
          en: 'Your {product} is {change} below its cost. {attribution}Markets move; please keep your plan in view.',
        },
        products: 'none',
      },
    },
    priority: 500,
    dedupeWindowDays: 30,
    version: 1,
    enabled: true,
  },
  {
    key: 'market_move',
    name: { zh: '市场大幅波动解读', en: 'Market move commentary' },
    trigger: { market: 'index_move', minAbsChange: 0.02 },
    conditions: holdsEquity,
    actions: {
      message: {
        channel: 'app',
        purpose: 'service',
        template: { zh: '{commentary}', en: '{commentary}' },
        products: 'none',
      },
    },
    priority: 400,
    dedupeWindowDays: 1,
    version: 1,
    enabled: true,
  },
  {
    key: 'assessment_expiring',
    name: { zh: '风险测评30天内到期', en: 'Risk assessment expiring within 30 days' },
    trigger: { schedule: 'daily', scan: 'assessment_expiry', days: 30 },
    actions: {
      message: {
        channel: 'app',
        purpose: 'service',
        template: {
          zh: '您的风险承受能力评估将于{date}到期，请及时重新评估，以免影响后续购买。',
          en: 'Your risk assessment expires on {date}; please take it again to keep buying without interruption.',
        },
        products: 'none',
      },
    },
    priority: 300,
    dedupeWindowDays: 30,
    version: 1,
    enabled: true,
  },
  {
    key: 'birthday',
    name: { zh: '客户生日', en: 'Birthday' },
    trigger: { schedule: 'daily', scan: 'birthday' },
    actions: {
      message: {
        channel: 'app',
        purpose: 'service',
        template: { zh: '{name}，祝您生日快乐，身体健康，万事顺意！', en: 'Happy birthday, {name}!' },
        products: 'none',
      },
    },
    priority: 200,
    dedupeWindowDays: 300,
    version: 1,
    enabled: true,
  },
];

/** The built-in rule of a key, if there is one. */
export const builtinRule = (key: string): MotRule | undefined => BUILTIN_RULES.find((r) => r.key === key);
