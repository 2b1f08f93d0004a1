import { describe, expect, it } from 'vitest';
import { applyOp, parseInsightIntervention } from './intervention.js';

describe('what-if intervention expressions', () => {
  it('parse a set, a shift and a conditional set', () => {
    expect(parseInsightIntervention('livestream_audience_2000=1')).toEqual({
      factor: 'livestream_audience_2000',
      op: '=',
      value: 1,
      where: null,
    });
    expect(parseInsightIntervention('sessions_per_month+=1').op).toBe('+=');
    expect(parseInsightIntervention('coupon=1 for price >= 5').where).toEqual({
      factor: 'price',
      cmp: '>=',
      value: 5,
    });
  });

  it('refuse unknown factors, non-actionable factors and non-0/1 values for a 0/1 factor, naming the field', () => {
    expect(() => parseInsightIntervention('engagement=1')).toThrow(/intervene: unknown factor "engagement"/);
    expect(() => parseInsightIntervention('age+=1')).toThrow(/not an actionable factor/);
    expect(() => parseInsightIntervention('coupon=2')).toThrow(/coupon=1 or coupon=0/);
    expect(() => parseInsightIntervention('coupon')).toThrow(/expected "factor=value"/);
  });

  it('keep doses non-negative', () => {
    const iv = parseInsightIntervention('sessions_per_month-=3');
    expect(applyOp(iv, 2)).toBe(0);
    expect(applyOp(iv, 5)).toBe(2);
  });
});
