/** The campaign form's editable state and its translation to the API's definition (core/engagement/campaign.ts). */
export type Channel = 'app' | 'sms' | 'wecom' | 'email' | 'chat';
export const CHANNELS: readonly Channel[] = ['app', 'sms', 'wecom', 'email', 'chat'];
export type ConversionKind = 'offered_products' | 'any_purchase' | 'event';
export const CONVERSIONS: readonly ConversionKind[] = ['offered_products', 'any_purchase', 'event'];

export type ArmDraft = {
  key: string;
  weight: number;
  channel: Channel;
  title: string;
  body: string;
  products: string[];
};

export type CampaignDraft = {
  key: string;
  name: string;
  segmentId: number | null;
  arms: ArmDraft[];
  holdout: number;
  conversion: ConversionKind;
  eventType: string;
  windowDays: number;
  startAt: string;
};

export const newArm = (n: number): ArmDraft => ({
  key: String.fromCharCode(97 + n),
  weight: 1,
  channel: 'app',
  title: '',
  body: '尊敬的客户，{{products}} 正在发售，欢迎通过手机银行了解详情。基金有风险，投资需谨慎。',
  products: [],
});

export const newDraft = (now: Date): CampaignDraft => ({
  key: '',
  name: '',
  segmentId: null,
  arms: [newArm(0)],
  holdout: 0.1,
  conversion: 'offered_products',
  eventType: '',
  windowDays: 14,
  startAt: now.toISOString().slice(0, 16),
});

/** The definition the API validates (paths in its errors follow this shape: `campaign.arms[0].message.body`). */
export const definitionOf = (d: CampaignDraft): Record<string, unknown> => {
  const start = new Date(d.startAt);
  return {
    key: d.key,
    name: d.name,
    target: { segmentId: d.segmentId ?? 0 },
    arms: d.arms.map((a) => ({
      key: a.key,
      weight: a.weight,
      message: {
        channel: a.channel,
        purpose: 'marketing',
        title: a.title,
        body: a.body,
        products: a.products,
      },
    })),
    holdout: d.holdout,
    conversion: d.conversion === 'event' ? { kind: 'event', eventType: d.eventType } : { kind: d.conversion },
    windowDays: d.windowDays,
    startAt: Number.isNaN(start.getTime()) ? d.startAt : start.toISOString(),
  };
};
