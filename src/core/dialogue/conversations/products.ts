import type { Conversation } from './types.js';

export const PRODUCTS: Conversation[] = [
  {
    name: 'recommend: products within the level, then carry-over to another category',
    customer: 'c4',
    turns: [
      {
        say: '有什么推荐的股票基金',
        expect: { intent: 'product_recommend', flow: null, cards: ['product'], events: ['end:recommend'] },
      },
      {
        say: '那债券基金呢？',
        expect: { flow: null, cards: ['product'], events: ['carry_over:recommend'], text: /纯债基金/ },
      },
    ],
  },
  {
    name: 'recommend: a C3 customer gets no equity fund (above the level)',
    customer: 'c3',
    turns: [
      {
        say: '有什么推荐的股票基金',
        expect: { flow: null, noCards: ['product'], text: /没有合适的股票基金/ },
      },
    ],
  },
  {
    name: 'recommend: the expired assessment goes to the questionnaire, no product card',
    customer: 'expired',
    turns: [
      {
        say: '推荐几只基金给我',
        expect: { flow: 'risk_assessment', noCards: ['product'], events: ['guard_failed:recommend'] },
      },
    ],
  },
  {
    name: 'recommend: a C1 customer is offered R1 products only',
    customer: 'c1',
    turns: [
      {
        say: '有什么适合我的理财产品推荐吗',
        expect: { intent: 'product_recommend', events: ['end:recommend'] },
      },
    ],
  },
  {
    name: 'recommend: amount and horizon in the question',
    customer: 'c5',
    turns: [{ say: '我有20万三年不用，推荐点产品', expect: { cards: ['product'], text: /20万元/ } }],
  },
  {
    name: 'fund PK by codes',
    customer: 'c3',
    turns: [
      { say: '对比一下005827和110011哪个好', expect: { intent: 'fund_compare', cards: ['comparison'] } },
    ],
  },
  {
    name: 'fund PK of a category without names takes the top two',
    customer: 'c4',
    turns: [{ say: '几只指数基金对比一下哪个好', expect: { cards: ['comparison'] } }],
  },
  {
    name: 'fund PK of an above-level product is refused by the guard',
    customer: 'c2',
    turns: [{ say: '对比一下161725和003096', expect: { noCards: ['comparison'], text: /不适合向您推荐/ } }],
  },
  {
    name: 'fund PK without products asks for them',
    customer: 'c3',
    turns: [{ say: '帮我比较两只基金', expect: { noCards: ['comparison'] } }],
  },
  {
    name: 'product facts by code',
    customer: 'c3',
    turns: [{ say: '005827这只基金风险等级是多少', expect: { cards: ['product'], text: /R3/ } }],
  },
  {
    name: 'product facts of a product above the level: card removed',
    customer: 'c2',
    turns: [{ say: '161725这只基金怎么样，介绍一下', expect: { noCards: ['product'] } }],
  },
  {
    name: 'product facts: unknown product',
    customer: 'c3',
    turns: [{ say: '999999这只基金的详细信息', expect: { noCards: ['product'] } }],
  },
  {
    name: 'fund manager by name',
    customer: 'c3',
    turns: [
      { say: '张坤管理的基金怎么样', expect: { intent: 'fund_manager', cards: ['product'], text: /张坤/ } },
    ],
  },
  {
    name: 'fund manager of a product above the level shows no product card',
    customer: 'c1',
    turns: [{ say: '葛兰这个基金经理怎么样', expect: { intent: 'fund_manager', noCards: ['product'] } }],
  },
  {
    name: 'SIP: monthly amount asked, then a plan',
    customer: 'c4',
    turns: [
      {
        say: '我想做基金定投',
        expect: { intent: 'sip_plan', flow: 'sip', step: 'ask_monthly', cards: ['quick_replies'] },
      },
      { say: '每月2000元', expect: { flow: null, cards: ['product'], text: /定投计划/ } },
    ],
  },
  {
    name: 'SIP: the expired customer is sent to the questionnaire',
    customer: 'expired',
    turns: [{ say: '每个月定投怎么弄', expect: { flow: 'risk_assessment', noCards: ['product'] } }],
  },
  {
    name: 'SIP: a category in the answer',
    customer: 'c5',
    turns: [
      { say: '想定投指数基金', expect: { flow: 'sip', step: 'ask_monthly' } },
      { say: '1000元', expect: { flow: null, events: ['end:sip'] } },
    ],
  },
];
