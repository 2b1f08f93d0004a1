import { defineMessages } from './define.js';

/** The customer's chat with the AI advisor (/app/chat). */
export const ADVISOR_CHAT_MESSAGES = defineMessages(
  'advisorChat',
  {
    title: '财伴智能投顾',
    placeholder: '问问财伴，例如：我有50万想三年后给孩子上学用',
    send: '发送',
    customerOnly: '智能投顾仅对客户开放，请用客户账号登录。',
    failed: '发送失败，请稍后再试。',
    handoff: '已转接理财经理',
    rm: '理财经理',
    card: '卡片',
  },
  {
    title: 'Caiban AI advisor',
    placeholder: 'Ask Caiban, e.g. I have 500k for my child’s school in three years',
    send: 'Send',
    customerOnly: 'The AI advisor is for customers; sign in with a customer account.',
    failed: 'Could not send; please try again.',
    handoff: 'Handed over to your relationship manager',
    rm: 'Relationship manager',
    card: 'Card',
  },
);
