import type { Conversation } from './types.js';

export const HUMAN: Conversation[] = [
  {
    name: 'hand-off on request',
    customer: 'c3',
    turns: [{ say: '转人工', expect: { intent: 'human_handoff', cards: ['handoff'], handoff: true } }],
  },
  {
    name: 'hand-off by action',
    customer: 'c3',
    turns: [{ action: { type: 'handoff', value: 'rm' }, expect: { cards: ['handoff'], handoff: true } }],
  },
  {
    name: 'complaint capture: ticket, then hand-off',
    customer: 'c4',
    turns: [
      { say: '我要投诉', expect: { intent: 'complaint', flow: 'complaint', step: 'ask_text' } },
      {
        say: '上周买的基金一直没有确认份额，打了三次电话也没人处理',
        expect: { flow: null, cards: ['handoff'], handoff: true, text: /工单号/ },
      },
    ],
  },
  {
    name: 'complaint during an allocation: the allocation waits',
    customer: 'c3',
    turns: [
      { say: '帮我做个资产配置', expect: { step: 'ask_amount' } },
      { say: '我要投诉你们的服务', expect: { flow: 'complaint' } },
      { say: '理财经理推荐的产品和说的不一样，亏了很多', expect: { handoff: true, cards: ['handoff'] } },
    ],
  },
  {
    name: 'two misunderstandings in a row hand off',
    customer: 'c3',
    turns: [
      { say: 'asdfgh', expect: { events: ['not_understood'], handoff: false } },
      { say: 'zxcvbn qwe', expect: { handoff: true, cards: ['handoff'] } },
    ],
  },
  {
    name: 'strong negative sentiment hands off',
    customer: 'c3',
    turns: [
      { say: '你们这什么破系统，骗子', expect: { handoff: true, events: ['handoff:negative_sentiment'] } },
    ],
  },
  {
    name: 'during a hand-off the advisor only acknowledges',
    customer: 'c3',
    turns: [
      { say: '转人工', expect: { handoff: true } },
      { say: '在吗', expect: { events: ['in_handoff'], cards: ['handoff'], handoff: false } },
    ],
  },
  {
    name: 'complaint ticket failure falls back politely',
    customer: 'c3',
    fail: 'createTicket',
    turns: [
      { say: '我要投诉', expect: { flow: 'complaint' } },
      {
        say: '你们扣了我两次手续费，请退还',
        expect: { events: ['tool_error:create_ticket'], text: /出了点问题/ },
      },
    ],
  },
];

export const SMALLTALK: Conversation[] = [
  {
    name: 'greeting',
    customer: 'c3',
    turns: [{ say: '你好', expect: { intent: 'greeting', cards: ['quick_replies'] } }],
  },
  {
    name: 'goodbye',
    customer: 'c3',
    turns: [{ say: '好的谢谢，再见', expect: { intent: 'thanks_goodbye', flow: null } }],
  },
  {
    name: 'chit-chat steers back',
    customer: 'c3',
    turns: [{ say: '你叫什么名字呀', expect: { cards: ['quick_replies'] } }],
  },
  {
    name: 'out of scope steers back with quick replies',
    customer: 'c3',
    turns: [{ say: '今天天气怎么样', expect: { events: ['not_understood'], cards: ['quick_replies'] } }],
  },
  {
    name: 'out of scope then a real question resets the count',
    customer: 'c3',
    turns: [
      { say: '帮我订一张去北京的机票', expect: { events: ['not_understood'] } },
      { say: '看看我的持仓', expect: { cards: ['statement'], handoff: false } },
      { say: '今天天气怎么样', expect: { events: ['not_understood'], handoff: false } },
    ],
  },
  {
    name: 'greeting in the middle of a flow is an interruption with a resume offer',
    customer: 'c3',
    turns: [
      { say: '帮我做个资产配置', expect: { step: 'ask_amount' } },
      {
        say: '你好',
        expect: { intent: 'greeting', events: ['interrupt:allocation', 'offer_resume:allocation'] },
      },
      { say: '好的', expect: { flow: 'allocation', step: 'ask_amount' } },
    ],
  },
];
