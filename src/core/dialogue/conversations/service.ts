import type { Conversation } from './types.js';

export const SERVICE: Conversation[] = [
  {
    name: 'check-up card',
    customer: 'c3',
    turns: [
      {
        say: '帮我体检一下持仓',
        expect: { intent: 'portfolio_checkup', cards: ['checkup'], text: /体检得分/ },
      },
    ],
  },
  {
    name: 'check-up of an expired customer still works (service content)',
    customer: 'expired',
    turns: [{ say: '帮我的账户做个体检', expect: { cards: ['checkup'] } }],
  },
  {
    name: 'check-up without holdings offers an allocation',
    customer: 'c2',
    holdings: [],
    turns: [
      {
        say: '帮我体检一下持仓',
        expect: { cards: ['quick_replies'], noCards: ['checkup'], text: /没有持仓/ },
      },
    ],
  },
  {
    name: 'statement: holdings and returns',
    customer: 'c4',
    turns: [
      {
        say: '看看我的持仓',
        expect: { intent: 'holdings_query', cards: ['statement'], text: /时间加权收益率/ },
      },
    ],
  },
  {
    name: 'statement of the expired customer (holdings are service content)',
    customer: 'expired',
    turns: [{ say: '我现在持有哪些基金', expect: { cards: ['statement'] } }],
  },
  {
    name: 'why is it falling: names the worst holding with the decomposition',
    customer: 'c4',
    turns: [
      {
        say: '我的基金为什么跌了',
        expect: { intent: 'fund_drop_reason', cards: ['attribution'], text: /市场因素/ },
      },
    ],
  },
  {
    name: 'why is it falling for a named fund',
    customer: 'c3',
    turns: [
      { say: '易方达蓝筹精选混合最近为什么跌这么多', expect: { cards: ['attribution'], text: /易方达蓝筹/ } },
    ],
  },
  {
    name: 'why is it falling: the data failing gives a polite fallback',
    customer: 'c3',
    fail: 'holdings',
    turns: [
      { say: '我的基金为什么跌了', expect: { events: ['tool_error:explain_drop'], text: /出了点问题/ } },
    ],
  },
  {
    name: 'market view',
    customer: 'c3',
    turns: [{ say: '今天市场怎么样', expect: { intent: 'market_view', text: /沪深300/ } }],
  },
  {
    name: 'market view without index data',
    customer: 'c3',
    fail: 'indexLevels',
    turns: [
      { say: '今天大盘行情如何', expect: { intent: 'market_view', events: ['tool_error:market_view'] } },
    ],
  },
  {
    name: 'alerts: stop-loss on a named holding',
    customer: 'c3',
    turns: [
      {
        say: '005827跌了10%提醒我止损',
        expect: { events: ['end:alerts'], text: /已为易方达蓝筹精选混合设置提醒/ },
      },
    ],
  },
  {
    name: 'alerts: asks which holding when several',
    customer: 'c3',
    turns: [{ say: '帮我设置一个止盈提醒', expect: { events: ['end:alerts'], text: /要设置提醒的持仓/ } }],
  },
  {
    name: 'take-profit question goes to alerts',
    customer: 'c4',
    turns: [{ say: '赚了20%要不要止盈', expect: { events: ['start:alerts'] } }],
  },
  {
    name: 'risk level query (valid)',
    customer: 'c3',
    turns: [{ say: '我的风险等级是多少', expect: { intent: 'risk_level_query', text: /C3/ } }],
  },
  {
    name: 'risk level query (expired) offers a new assessment',
    customer: 'expired',
    turns: [{ say: '我的风险测评等级是什么', expect: { cards: ['quick_replies'], text: /过期/ } }],
  },
];
