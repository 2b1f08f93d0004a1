import type { Command } from 'commander';

/** A command group: its top-level name, the one-line summary `caiban --help` prints, and how to load it. */
export type CommandEntry = {
  name: string;
  summary: string;
  load: () => Promise<{ register: (program: Command) => void }>;
};

/**
 * Every top-level command, in help order. Static on purpose: `caiban --help` reads this list and imports
 * nothing else; a command's module (and its heavy dependencies) loads only when that command runs.
 * `manifest.test.ts` checks that each summary is the description the group registers.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'suitability',
    summary: 'Suitability rules engine / 适当性管理',
    load: () => import('./suitability.js'),
  },
  {
    name: 'compliance',
    summary: 'Marketing-compliance linter / 营销合规检查',
    load: () => import('./compliance.js'),
  },
  {
    name: 'metrics',
    summary: 'Return and risk metrics of a return or NAV series (empyrical conventions) / 收益风险指标',
    load: () => import('./metrics.js'),
  },
  {
    name: 'optimize',
    summary: 'Portfolio optimisation from a price table (PyPortfolioOpt conventions) / 组合优化',
    load: () => import('./optimize.js'),
  },
  {
    name: 'compare',
    summary: 'Fund PK: 2–5 NAV series on their common window / 基金PK',
    load: () => import('./compare.js'),
  },
  { name: 'db', summary: 'database administration / 数据库管理', load: () => import('./db.js') },
  { name: 'demo', summary: 'deterministic demo bank / 演示银行数据', load: () => import('./demo.js') },
  {
    name: 'start',
    summary: 'run the platform: migrations, demo bank on first run, web UI and API / 启动平台',
    load: () => import('./start.js'),
  },
  {
    name: 'nlu',
    summary: 'Intent classifier and slots / 意图识别与槽位抽取',
    load: () => import('./nlu.js'),
  },
  { name: 'kb', summary: 'Knowledge-base retrieval / 知识库检索', load: () => import('./kb.js') },
  {
    name: 'ask',
    summary: 'One turn with the AI advisor as a customer / 智能投顾对话',
    load: () => import('./ask.js'),
  },
  {
    name: 'abtest',
    summary: 'A/B test statistics from per-arm sufficient statistics (GrowthBook engine) / A/B 实验统计',
    load: () => import('./abtest.js'),
  },
  {
    name: 'funnel',
    summary: 'AIPL funnel: stage counts, conversion with Wilson CIs, break point per group / 漏斗分析',
    load: () => import('./funnel.js'),
  },
  {
    name: 'uplift',
    summary: 'Uplift model evaluation and targeting / 增量模型评估',
    load: () => import('./uplift.js'),
  },
  {
    name: 'causal',
    summary: 'Causal effects, factor graph and what-if / 因果分析',
    load: () => import('./causal.js'),
  },
  {
    name: 'model',
    summary: 'Binary classifiers: train with cross-validation, predict and explain / 模型训练与预测',
    load: () => import('./model.js'),
  },
  {
    name: 'conversations',
    summary: 'RM–customer conversation insight / 对话洞察 (objections, signals, per-money intents)',
    load: () => import('./conversations.js'),
  },
  {
    name: 'wecom',
    summary: 'WeCom (企业微信) callback cipher / 企业微信回调加解密',
    load: () => import('./wecom.js'),
  },
  {
    name: 'checkup',
    summary: 'Wealth check-up of a customer / 财富体检',
    load: () => import('./checkup.js'),
  },
  {
    name: 'statement',
    summary: 'Statement of a customer for any period / 对账单',
    load: () => import('./statement.js'),
  },
  {
    name: 'recommend',
    summary: 'Suitable product recommendations for a customer / 产品推荐',
    load: () => import('./recommend.js'),
  },
  {
    name: 'attribution',
    summary: 'Why a held fund moved: market, style and its own / 涨跌归因',
    load: () => import('./attribution.js'),
  },
  {
    name: 'segment',
    summary: 'Customer segments: count and export a rule / 客群圈选',
    load: () => import('./segment.js'),
  },
  {
    name: 'cdp',
    summary: 'Customer data platform: tiers, lifecycle, tags / 客户数据平台',
    load: () => import('./cdp.js'),
  },
  {
    name: 'events',
    summary: 'Behaviour and market events: ingest, replay dead letters / 事件接入',
    load: () => import('./events.js'),
  },
  {
    name: 'jobs',
    summary: 'Durable jobs: queues, schedules, run now / 后台任务',
    load: () => import('./jobs.js'),
  },
  {
    name: 'campaign',
    summary: 'Campaigns and experiments: list, results / 活动与实验',
    load: () => import('./campaign.js'),
  },
  {
    name: 'outbox',
    summary: 'The outbox: messages to customers and their reach / 触达',
    load: () => import('./outbox.js'),
  },
  {
    name: 'mot',
    summary: 'MOT rules: process what is due / 关键时刻规则',
    load: () => import('./mot.js'),
  },
  {
    name: 'leads',
    summary: 'RM leads from MOT rules / 线索',
    load: () => import('./leads.js'),
  },
  {
    name: 'insight',
    summary: 'Insight console: drivers, what-if, levers / 洞察分析',
    load: () => import('./insight.js'),
  },
];
