import type { QuickReply } from './types.js';

/** A one-tap follow-up of a proactive message: the label (zh/en) and the text sent back as a `reply` action. */
export type InboxFollowUp = QuickReply & { readonly label_en: string };

/** The intent each follow-up text starts (asserted against the built-in language engine in the unit test). */
export const FOLLOW_UPS = {
  why_falling: {
    label: '为什么下跌？',
    label_en: 'Why is it falling?',
    value: '我的基金为什么连续下跌？',
    intent: 'fund_drop_reason',
  },
  checkup: {
    label: '财富体检',
    label_en: 'Wealth check-up',
    value: '帮我做个财富体检',
    intent: 'portfolio_checkup',
  },
  targets: {
    label: '调整止盈止损',
    label_en: 'Adjust take-profit / stop-loss',
    value: '帮我设置止盈止损',
    intent: 'take_profit_stop_loss',
  },
  reinvest: {
    label: '到期资金怎么配',
    label_en: 'Plan the maturing money',
    value: '我想做个资产配置',
    intent: 'allocation_advice',
  },
  assessment: {
    label: '重新风险测评',
    label_en: 'Retake the risk assessment',
    value: '我要做风险测评',
    intent: 'risk_assessment',
  },
  handoff: { label: '转人工', label_en: 'Talk to my RM', value: '转人工', intent: 'human_handoff' },
} as const satisfies Record<string, InboxFollowUp & { intent: string }>;

type FollowUpKey = keyof typeof FOLLOW_UPS;

/** Alert type (contracts/advisory ALERT_TYPES) → the follow-ups offered under its message, most useful first. */
const BY_ALERT: Readonly<Record<string, readonly FollowUpKey[]>> = {
  nav_swing: ['why_falling', 'checkup', 'handoff'],
  holding_drawdown: ['why_falling', 'targets', 'handoff'],
  stop_loss: ['why_falling', 'targets', 'handoff'],
  take_profit: ['targets', 'checkup', 'handoff'],
  maturity_upcoming: ['reinvest', 'handoff'],
  assessment_expiring: ['assessment'],
  assessment_expired: ['assessment'],
};

/** The one-tap follow-ups of an alert type; an unknown type gets the check-up and the hand-off. */
export const followUpsOf = (alertType: string): InboxFollowUp[] =>
  (BY_ALERT[alertType] ?? ['checkup', 'handoff']).map((k) => {
    const f = FOLLOW_UPS[k];
    return { label: f.label, label_en: f.label_en, value: f.value };
  });
