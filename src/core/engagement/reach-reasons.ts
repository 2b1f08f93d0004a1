/** Labels of the reach reason codes, for the console and the CLI (Chinese first, English second). */
export type ReasonLabel = { readonly zh: string; readonly en: string };

const CHANNEL: Readonly<Record<string, ReasonLabel>> = {
  sms: { zh: '短信', en: 'SMS' },
  app_push: { zh: 'App推送', en: 'app push' },
  wechat: { zh: '微信', en: 'WeChat' },
  phone_call: { zh: '电话', en: 'phone' },
  email: { zh: '邮件', en: 'email' },
  app: { zh: 'App', en: 'app' },
  chat: { zh: '智能顾问会话', en: 'advisor chat' },
  wecom: { zh: '企业微信', en: 'WeCom' },
};

const FIXED: Readonly<Record<string, ReasonLabel>> = {
  do_not_contact: { zh: '客户已设置免打扰', en: 'Customer is on do-not-contact' },
  non_personalised: {
    zh: '客户已拒绝个性化营销',
    en: 'Customer refused personalised marketing',
  },
  quiet_hours: { zh: '免打扰时段，顺延至次日9:00', en: 'Quiet hours: deferred to 09:00' },
  'cap:day': { zh: '超过每日营销触达上限', en: 'Daily marketing cap reached' },
  'cap:week': { zh: '超过每周营销触达上限', en: 'Weekly marketing cap reached' },
  unknown_customer: { zh: '客户不存在', en: 'Unknown customer' },
  no_adapter: { zh: '渠道未配置', en: 'Channel not configured' },
};

const channelLabel = (c: string | undefined): ReasonLabel => CHANNEL[c ?? ''] ?? { zh: c ?? '', en: c ?? '' };

/**
 * The zh/en label of a reason code. Parametric codes: `no_consent:<channel>:<purpose>`, `cap:day:<channel>`,
 * `cap:week:<channel>`, `guard:<rule>` (the outbound guard's blocking finding). Unknown codes label as themselves.
 */
export const reasonLabel = (code: string): ReasonLabel => {
  const fixed = FIXED[code];
  if (fixed !== undefined) return fixed;
  const [head, a, b] = code.split(':');
  if (head === 'no_consent') {
    const ch = channelLabel(a);
    const purpose = b === 'marketing' ? { zh: '营销', en: 'marketing' } : { zh: b ?? '', en: b ?? '' };
    return { zh: `未获${ch.zh}${purpose.zh}授权`, en: `No ${purpose.en} consent for ${ch.en}` };
  }
  if (head === 'cap' && a !== undefined && b !== undefined) {
    const ch = channelLabel(b);
    return a === 'day'
      ? { zh: `超过${ch.zh}每日上限`, en: `Daily ${ch.en} cap reached` }
      : { zh: `超过${ch.zh}每周上限`, en: `Weekly ${ch.en} cap reached` };
  }
  if (code === 'guard:unverifiable')
    return { zh: '客户适当性资料无法核验', en: "The customer's suitability facts cannot be verified" };
  if (head === 'guard') {
    const rule = code.slice('guard:'.length);
    return { zh: `合规/适当性检查拦截（${rule}）`, en: `Refused by the outbound guard (${rule})` };
  }
  return { zh: code, en: code };
};

/** The reason group a code is counted under in charts: `no_consent:sms:marketing` → `no_consent`. */
export const reasonGroup = (code: string): string => {
  if (code.startsWith('cap:day')) return 'cap:day';
  if (code.startsWith('cap:week')) return 'cap:week';
  return code.split(':')[0] ?? code;
};
