import { describe, expect, it } from 'vitest';
import { SLOT_CASES } from './data/slot-cases.js';
import { normalizeText } from './normalize.js';
import { extractSlots } from './slots.js';

const slotsOf = (text: string): ReturnType<typeof extractSlots> => extractSlots(normalizeText(text));

describe('slot extraction', () => {
  it('has at least 100 annotated utterances to check', () => {
    expect(SLOT_CASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(SLOT_CASES.map((c) => [c.text, c.slots] as const))('%s', (text, want) => {
    expect(slotsOf(text)).toEqual(want);
  });

  it('reads the acceptance message', () => {
    expect(slotsOf('我有50万想三年后给孩子上学用，不想亏钱')).toEqual({
      amount: 500000,
      horizon_months: 36,
      purpose: 'education',
      risk_appetite: 'conservative',
    });
  });

  it.each([
    ['5万', 50000],
    ['五万元', 50000],
    ['50w', 500000],
    ['1.2万', 12000],
    ['三千', 3000],
    ['2k', 2000],
    ['1.5亿', 150000000],
  ])('amount %s → %d yuan', (t, v) => {
    expect(slotsOf(`买${t}`).amount).toBe(v);
  });

  it.each([
    ['3年', 36],
    ['半年', 6],
    ['一年半', 18],
    ['两年多', 24],
    ['五年以上', 60],
  ])('horizon %s → %d months', (t, v) => {
    expect(slotsOf(`打算放${t}`).horizon_months).toBe(v);
  });

  it.each([
    ['跌了20%', -0.2],
    ['亏了两成', -0.2],
    ['涨了百分之十五', 0.15],
    ['回撤了8个点', -0.08],
  ])('percent %s → %d', (t, v) => {
    expect(slotsOf(t).percent).toBeCloseTo(v, 10);
  });

  it('does not read past periods, calendar years or yield windows as a horizon', () => {
    expect(slotsOf('近一年收益率12%').horizon_months).toBeUndefined();
    expect(slotsOf('2025年到期').horizon_months).toBeUndefined();
    expect(slotsOf('七日年化2.1%').horizon_months).toBeUndefined();
  });

  it('tells a product code from an amount', () => {
    expect(slotsOf('000001这只基金怎么样')).toEqual({ product_code: '000001' });
    expect(slotsOf('我有100000元')).toEqual({ amount: 100000 });
  });

  it('prefers the more specific risk phrase (不怕亏 is not 怕亏)', () => {
    expect(slotsOf('我不怕亏，想博一把').risk_appetite).toBe('aggressive');
  });
});
