import type { Conversation } from './types.js';

export const ALLOCATION: Conversation[] = [
  {
    name: 'allocation: amount, purpose and horizon across turns; a fee question interrupts; resume; correction; carry-over',
    customer: 'c3',
    turns: [
      {
        say: '我有50万想做个配置',
        expect: {
          intent: 'allocation_advice',
          flow: 'allocation',
          step: 'ask_purpose',
          cards: ['quick_replies'],
        },
      },
      {
        say: '给孩子上学用',
        expect: { flow: 'allocation', step: 'ask_horizon', events: ['filled:purpose'] },
      },
      {
        say: '赎回要多少手续费',
        expect: {
          intent: 'fees',
          flow: null,
          cards: ['kb_answer', 'quick_replies'],
          events: ['interrupt:allocation', 'offer_resume:allocation'],
        },
      },
      { say: '继续', expect: { flow: 'allocation', step: 'ask_horizon', events: ['resume:allocation'] } },
      {
        say: '3年',
        expect: { flow: null, cards: ['allocation'], events: ['end:allocation'], text: /50万元/ },
      },
      {
        say: '不对，是30万',
        expect: { flow: null, cards: ['allocation'], events: ['correction:allocation'], text: /30万元/ },
      },
    ],
  },
  {
    name: 'allocation: everything in one message',
    customer: 'c3',
    turns: [
      {
        say: '我有50万想三年后给孩子上学用',
        expect: { intent: 'allocation_advice', flow: null, cards: ['allocation'] },
      },
    ],
  },
  {
    name: 'allocation: a correction while collecting changes the amount',
    customer: 'c4',
    turns: [
      { say: '我有20万想做个资产配置', expect: { flow: 'allocation', step: 'ask_purpose' } },
      {
        say: '不对，是30万',
        expect: { flow: 'allocation', step: 'ask_purpose', events: ['correction:amount'] },
      },
      { say: '养老用', expect: { step: 'ask_horizon' } },
      { say: '10年', expect: { flow: null, cards: ['allocation'], text: /30万元/ } },
    ],
  },
  {
    name: 'allocation: a bad amount is rejected, then accepted',
    customer: 'c2',
    turns: [
      { say: '帮我做个资产配置', expect: { flow: 'allocation', step: 'ask_amount' } },
      { say: '嗯……不知道', expect: { step: 'ask_amount', events: ['retry:amount'], text: /具体数字/ } },
      { say: '10万', expect: { step: 'ask_purpose' } },
      { say: '应急备用', expect: { step: 'ask_horizon' } },
      { say: '两年', expect: { flow: null, cards: ['allocation'] } },
    ],
  },
  {
    name: 'allocation: retries exhausted end the flow',
    customer: 'c3',
    turns: [
      { say: '帮我做个资产配置', expect: { step: 'ask_amount' } },
      { say: '随便', expect: { step: 'ask_amount', events: ['retry:amount'] } },
      { say: '随便吧', expect: { step: 'ask_amount', events: ['retry:amount'] } },
      { say: '随便随便', expect: { flow: null, events: ['retries_exhausted:allocation'] } },
    ],
  },
  {
    name: 'allocation: an expired assessment links to the questionnaire',
    customer: 'expired',
    turns: [
      {
        say: '我有50万想三年后给孩子上学用',
        expect: {
          flow: 'risk_assessment',
          events: ['guard_failed:allocation'],
          cards: ['questionnaire'],
          noCards: ['allocation'],
        },
      },
    ],
  },
  {
    name: 'pension planning uses the allocation flow with the purpose filled',
    customer: 'c3',
    turns: [
      { say: '养老怎么规划', expect: { intent: 'pension_planning', flow: 'allocation', step: 'ask_amount' } },
      { say: '100万', expect: { step: 'ask_horizon' } },
      { say: '15年', expect: { flow: null, cards: ['allocation'] } },
    ],
  },
  {
    name: 'allocation: remembered amount is reused by a later allocation',
    customer: 'c3',
    turns: [
      { say: '我有50万想三年后给孩子上学用', expect: { cards: ['allocation'] } },
      { say: '谢谢', expect: { intent: 'thanks_goodbye', flow: null } },
      { say: '帮我做个资产配置', expect: { flow: null, cards: ['allocation'], text: /50万元/ } },
    ],
  },
  {
    name: 'allocation: a timeout expires the waiting flow',
    customer: 'c3',
    gapMinutes: 45,
    turns: [
      { say: '帮我做个资产配置', expect: { step: 'ask_amount' } },
      { say: '你好', expect: { intent: 'greeting', flow: null, events: ['timeout:allocation'] } },
    ],
  },
  {
    name: 'allocation: cancel by action',
    customer: 'c3',
    turns: [
      { say: '帮我做个资产配置', expect: { step: 'ask_amount' } },
      { action: { type: 'cancel', value: 'cancel' }, expect: { flow: null, events: ['cancel:allocation'] } },
    ],
  },
  {
    name: 'allocation: quick-reply taps fill purpose and horizon',
    customer: 'c4',
    turns: [
      { say: '我有80万闲钱', expect: { flow: 'allocation', step: 'ask_purpose' } },
      { action: { type: 'reply', value: '想让钱增值' }, expect: { step: 'ask_horizon' } },
      { action: { type: 'reply', value: '5年' }, expect: { flow: null, cards: ['allocation'] } },
    ],
  },
  {
    name: 'allocation: declining the resume offer drops the interrupted flow',
    customer: 'c3',
    turns: [
      { say: '帮我做个资产配置', expect: { step: 'ask_amount' } },
      {
        say: '基金赎回几天到账',
        expect: { flow: null, cards: ['kb_answer'], events: ['offer_resume:allocation'] },
      },
      { say: '不用了', expect: { flow: null, events: ['drop_resume:allocation'] } },
    ],
  },
  {
    name: 'allocation: the proposal engine failing gives a polite fallback',
    customer: 'c3',
    fail: 'proposal',
    turns: [
      {
        say: '我有50万想三年后给孩子上学用',
        expect: {
          flow: null,
          events: ['tool_error:allocation'],
          text: /出了点问题/,
          noCards: ['allocation'],
        },
      },
    ],
  },
];
