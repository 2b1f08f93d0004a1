import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditDetailText, eventDetail } from './display.js';
import { FEATURE_MESSAGES } from './i18n/features.js';
import { zhCN } from './i18n/zh-CN.js';
import { en } from './i18n/en.js';

const resources = (base: object, lang: 'zh-CN' | 'en') => ({
  translation: { ...base, ...Object.fromEntries(FEATURE_MESSAGES.map((f) => [f.key, f[lang]])) },
});

describe('display of internal keys', () => {
  beforeAll(async () => {
    await i18next.init({
      resources: { 'zh-CN': resources(zhCN, 'zh-CN'), en: resources(en, 'en') },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
  });

  it('labels the pages of behaviour events instead of showing their keys', () => {
    const t = i18next.getFixedT('zh-CN');
    expect(eventDetail(t, { page: 'market_news' })).toBe('市场资讯');
    expect(eventDetail(t, { page: 'wealth_checkup', product_code: 'PB001' })).toBe('财富体检 · PB001');
    expect(eventDetail(i18next.getFixedT('en'), { page: 'wealth_checkup' })).toBe('Wealth check-up');
  });

  it('renders audit details as labelled text, not JSON', () => {
    const t = i18next.getFixedT('zh-CN');
    const text = auditDetailText(t, { fields: ['name', 'phone', 'id_number'], via: 'customer_360' });
    expect(text).toBe('字段: 姓名、手机号、证件号码 · 来源: 客户360');
    const proposal = auditDetailText(t, {
      request: { purpose: 'retirement', amount: 100000, horizonMonths: 36 },
      classWeights: { fixed_income: 0.6, equity: 0.4 },
      picks: [{ code: 'PB001' }, { code: 'EQ001' }],
    });
    expect(proposal).not.toMatch(/[{}"_]/);
    expect(proposal).toContain('推荐产品: 2 项');
    expect(proposal).toContain('固定收益 60%');
    expect(auditDetailText(t, {})).toBe('—');
  });
});

describe('timestamps', () => {
  it('use one year-month-day format in Beijing time whatever the UI language', async () => {
    const { formatDateTime } = await import('./format.js');
    expect(formatDateTime('2026-10-30T06:05:09Z')).toBe('2026-10-30 14:05:09');
    expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00');
  });
});
