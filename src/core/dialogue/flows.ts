import { DEFAULT_QUESTIONNAIRE } from '../suitability/default-questionnaire.js';
import type { Questionnaire } from '../suitability/questionnaire.js';
import { parseFlow, type Flow, type FlowInput, type StepInput } from './flow-schema.js';

/**
 * The built-in flows, as data (the same JSON a deployment may load from files; parseFlow validates each).
 * Slots: amount (yuan), purpose, horizon_months, risk_appetite, percent, take_profit, stop_loss, product_code,
 * product_name, manager_name, category (a product type), complaint_text, and q_<id> for questionnaire answers.
 */

const ASSESSED = {
  any: [
    { customer: 'assessment', op: 'eq', value: 'valid' },
    { customer: 'assessment', op: 'eq', value: 'exempt' },
  ],
} as const;

const NEEDS_ASSESSMENT =
  '为您推荐产品或配置前，需要先完成有效的风险测评（您的测评已过期或尚未完成）。我们现在开始吧。';

const kbFlow = (name: string, title: string, intents: string[]): FlowInput => ({
  name,
  version: '1.0.0',
  title,
  intents,
  steps: [
    { id: 'answer', kind: 'action', tool: 'kb_answer' },
    { id: 'done', kind: 'end' },
  ],
});

const toolFlow = (
  name: string,
  title: string,
  intents: string[],
  tool: string,
  args: Record<string, string | number | { slot: string }> = {},
  assessed = false,
): FlowInput => ({
  name,
  version: '1.0.0',
  title,
  intents,
  ...(assessed ? { guard: ASSESSED, guard_fail: NEEDS_ASSESSMENT, guard_link: 'risk_assessment' } : {}),
  steps: [
    { id: 'run', kind: 'action', tool, args },
    { id: 'done', kind: 'end' },
  ],
});

/** The risk questionnaire as a conversation: one collect step (with a questionnaire card) per question. */
export const assessmentFlow = (qn: Questionnaire): FlowInput => ({
  name: 'risk_assessment',
  version: '1.0.0',
  title: '风险测评',
  description: `${qn.id} ${qn.version}`,
  intents: ['risk_assessment'],
  timeout_minutes: 60,
  steps: [
    {
      id: 'intro',
      kind: 'say',
      text: `好的，我们来做风险测评，共${qn.questions.length}题，请选择最符合您的选项。`,
    },
    ...qn.questions.map((q, k) => ({
      id: `ask_${q.id}`,
      kind: 'collect' as const,
      slot: `q_${q.id}`,
      prompt: `第${k + 1}题：${q.text.zh}`,
      always_ask: true,
      validation: {
        type: 'option' as const,
        options: q.options.map((o) => ({
          value: o.id,
          label: o.text.zh,
          words: [o.text.zh, o.id.toLowerCase()],
        })),
      },
      retries: 2,
      rejection: `请从选项中选择一项（${q.options.map((o) => o.id).join('/')}）。`,
      questionnaire: { question_id: q.id, index: k + 1, total: qn.questions.length },
    })),
    {
      id: 'score',
      kind: 'action',
      tool: 'score_assessment',
      args: Object.fromEntries(qn.questions.map((q) => [q.id, { slot: `q_${q.id}` }])),
    },
    { id: 'done', kind: 'end' },
  ],
});

const AMOUNT: StepInput = {
  id: 'ask_amount',
  kind: 'collect',
  slot: 'amount',
  prompt: '这笔钱大概有多少？（例如：50万）',
  validation: { type: 'amount', min: 1000, max: 1e10 },
  retries: 2,
  rejection: '没听清金额，请说一个具体数字，例如“30万”或“50000元”（至少1000元）。',
};
const PURPOSE: StepInput = {
  id: 'ask_purpose',
  kind: 'collect',
  slot: 'purpose',
  prompt: '这笔钱主要打算用来做什么？',
  validation: { type: 'purpose' },
  retries: 2,
  rejection: '请告诉我这笔钱的用途，例如养老、孩子教育、买房、应急备用或财富增值。',
  quick_replies: [
    { label: '养老', value: '养老用' },
    { label: '子女教育', value: '孩子上学用' },
    { label: '买房', value: '准备买房' },
    { label: '财富增值', value: '想让钱增值' },
  ],
};
const HORIZON: StepInput = {
  id: 'ask_horizon',
  kind: 'collect',
  slot: 'horizon_months',
  prompt: '这笔钱大概多久以后要用？',
  validation: { type: 'horizon', min: 1, max: 600 },
  retries: 2,
  rejection: '请告诉我大概的期限，例如“半年”“3年”或“5年以上”。',
  quick_replies: [
    { label: '1年内', value: '1年' },
    { label: '1-3年', value: '3年' },
    { label: '3-5年', value: '5年' },
    { label: '5年以上', value: '10年' },
  ],
};

const RAW_FLOWS: readonly FlowInput[] = [
  {
    name: 'greeting',
    version: '1.0.0',
    title: '问候',
    intents: ['greeting'],
    steps: [
      {
        id: 'hello',
        kind: 'say',
        text: '您好，我是财伴，您的理财助手。我可以帮您做资产配置、体检持仓、解读基金涨跌、解答交易规则。',
        quick_replies: [
          { label: '资产配置', value: '帮我做个资产配置' },
          { label: '持仓体检', value: '帮我体检一下持仓' },
          { label: '基金为什么跌', value: '我的基金为什么跌了' },
        ],
      },
      { id: 'done', kind: 'end' },
    ],
  },
  {
    name: 'goodbye',
    version: '1.0.0',
    title: '道别',
    intents: ['thanks_goodbye'],
    resumable: false,
    interrupts: false,
    steps: [
      { id: 'bye', kind: 'say', text: '不客气，随时找我。祝您生活愉快！' },
      { id: 'done', kind: 'end' },
    ],
  },
  {
    name: 'chitchat',
    version: '1.0.0',
    title: '闲聊',
    intents: ['chitchat'],
    resumable: false,
    interrupts: false,
    steps: [
      {
        id: 'steer',
        kind: 'say',
        text: '哈哈，这个我不太在行。我更擅长理财方面的问题，比如：',
        quick_replies: [
          { label: '看看我的持仓', value: '看看我的持仓' },
          { label: '资产配置', value: '帮我做个资产配置' },
          { label: '今天市场怎么样', value: '今天市场怎么样' },
        ],
      },
      { id: 'done', kind: 'end' },
    ],
  },
  assessmentFlow(DEFAULT_QUESTIONNAIRE),
  toolFlow('risk_level', '风险等级查询', ['risk_level_query'], 'risk_level'),
  {
    name: 'allocation',
    version: '1.0.0',
    title: '资产配置',
    description: 'Amount, purpose and horizon across turns, then a proposal within the customer’s level.',
    intents: ['allocation_advice', 'pension_planning'],
    guard: ASSESSED,
    guard_fail: NEEDS_ASSESSMENT,
    guard_link: 'risk_assessment',
    steps: [
      AMOUNT,
      PURPOSE,
      HORIZON,
      {
        id: 'short_money',
        kind: 'branch',
        cases: [{ when: { slot: 'horizon_months', op: 'lt', value: 6 }, goto: 'say_short' }],
        else: 'propose',
      },
      {
        id: 'say_short',
        kind: 'say',
        text: '半年内要用的钱，以流动性和安全为先，建议以现金管理类产品为主。',
        next: 'propose',
      },
      {
        id: 'propose',
        kind: 'action',
        tool: 'allocation',
        args: {
          amount: { slot: 'amount' },
          purpose: { slot: 'purpose' },
          horizon_months: { slot: 'horizon_months' },
        },
      },
      { id: 'done', kind: 'end' },
    ],
  },
  toolFlow(
    'recommend',
    '产品推荐',
    ['product_recommend'],
    'recommend',
    {
      purpose: { slot: 'purpose' },
      amount: { slot: 'amount' },
      horizon_months: { slot: 'horizon_months' },
      category: { slot: 'category' },
    },
    true,
  ),
  toolFlow('fund_compare', '基金PK', ['fund_compare'], 'fund_compare', { category: { slot: 'category' } }),
  toolFlow('product_facts', '产品信息', ['product_info'], 'product_facts', {
    product_code: { slot: 'product_code' },
    product_name: { slot: 'product_name' },
    category: { slot: 'category' },
  }),
  toolFlow('fund_manager', '基金经理', ['fund_manager'], 'fund_manager', {
    manager_name: { slot: 'manager_name' },
    product_code: { slot: 'product_code' },
    product_name: { slot: 'product_name' },
  }),
  toolFlow('checkup', '资产体检', ['portfolio_checkup'], 'checkup'),
  toolFlow('statement', '持仓与收益', ['holdings_query'], 'statement'),
  toolFlow('why_falling', '基金为什么跌', ['fund_drop_reason'], 'explain_drop', {
    product_code: { slot: 'product_code' },
    product_name: { slot: 'product_name' },
  }),
  toolFlow('market_view', '市场观点', ['market_view'], 'market_view'),
  {
    name: 'alerts',
    version: '1.0.0',
    title: '止盈止损提醒',
    intents: ['alert_setup', 'take_profit_stop_loss'],
    steps: [
      {
        id: 'set',
        kind: 'action',
        tool: 'alert_setup',
        args: {
          product_code: { slot: 'product_code' },
          product_name: { slot: 'product_name' },
          take_profit: { slot: 'take_profit' },
          stop_loss: { slot: 'stop_loss' },
        },
      },
      { id: 'done', kind: 'end' },
    ],
  },
  {
    name: 'sip',
    version: '1.0.0',
    title: '定投',
    intents: ['sip_plan'],
    guard: ASSESSED,
    guard_fail: NEEDS_ASSESSMENT,
    guard_link: 'risk_assessment',
    steps: [
      {
        id: 'ask_monthly',
        kind: 'collect',
        slot: 'amount',
        prompt: '每个月打算定投多少钱？',
        always_ask: true,
        validation: { type: 'amount', min: 10, max: 1e7 },
        retries: 2,
        rejection: '请告诉我每月的定投金额，例如“每月1000元”（至少10元）。',
        quick_replies: [
          { label: '500元', value: '500元' },
          { label: '1000元', value: '1000元' },
          { label: '3000元', value: '3000元' },
        ],
      },
      {
        id: 'plan',
        kind: 'action',
        tool: 'sip_plan',
        args: {
          amount: { slot: 'amount' },
          horizon_months: { slot: 'horizon_months' },
          category: { slot: 'category' },
        },
      },
      { id: 'done', kind: 'end' },
    ],
  },
  kbFlow('trade_rules', '交易规则', [
    'purchase_howto',
    'redemption',
    'fees',
    'product_maturity',
    'account_service',
  ]),
  kbFlow('education', '投资者教育', ['investor_education', 'insurance_select']),
  {
    name: 'complaint',
    version: '1.0.0',
    title: '投诉',
    intents: ['complaint'],
    resumable: false,
    steps: [
      {
        id: 'ask_text',
        kind: 'collect',
        slot: 'complaint_text',
        prompt: '非常抱歉给您带来不好的体验。请描述一下您遇到的问题，我会记录下来并请您的理财经理跟进。',
        validation: { type: 'text', min: 4 },
        retries: 1,
        rejection: '请再具体描述一下问题（发生了什么、涉及哪笔交易或产品）。',
      },
      { id: 'ticket', kind: 'action', tool: 'create_ticket', args: { text: { slot: 'complaint_text' } } },
      { id: 'handoff', kind: 'action', tool: 'handoff', args: { reason: 'complaint' } },
      { id: 'done', kind: 'end' },
    ],
  },
  {
    name: 'handoff',
    version: '1.0.0',
    title: '转人工',
    intents: ['human_handoff'],
    resumable: false,
    steps: [
      { id: 'handoff', kind: 'action', tool: 'handoff', args: { reason: 'request' } },
      { id: 'done', kind: 'end' },
    ],
  },
];

export const BUILTIN_FLOWS: readonly Flow[] = RAW_FLOWS.map(parseFlow);

export type FlowSet = {
  readonly byName: ReadonlyMap<string, Flow>;
  readonly byIntent: ReadonlyMap<string, Flow>;
};

export const flowSet = (flows: readonly Flow[]): FlowSet => {
  const byName = new Map<string, Flow>();
  const byIntent = new Map<string, Flow>();
  for (const f of flows) {
    if (byName.has(f.name)) throw new Error(`duplicate flow ${f.name}`);
    byName.set(f.name, f);
    for (const i of f.intents) {
      if (byIntent.has(i))
        throw new Error(`intent ${i} starts two flows (${byIntent.get(i)!.name}, ${f.name})`);
      byIntent.set(i, f);
    }
  }
  for (const f of flows)
    for (const s of f.steps)
      if ((s.kind === 'link' || s.kind === 'call') && !byName.has(s.flow))
        throw new Error(`flow ${f.name} step ${s.id}: unknown flow ${s.flow}`);
  return { byName, byIntent };
};
