import { describe, expect, it } from 'vitest';
import { budgetedStrategy, leverTargetList, spearman } from './levers.js';

const score = (customerId: number, coupon: number, rm: number, live: number) => ({
  customerId,
  pOutcome: 0.5,
  cate: { coupon, rm_call: rm, livestream_invite: live },
});

describe('the budgeted strategy list', () => {
  it('gives each customer the lever with the most uplift per yuan and spends the budget greedily', () => {
    const s = budgetedStrategy(
      [
        score(1, 0.1, 0.0, 0.0),
        score(2, 0.0, 0.06, 0.0),
        score(3, 0.0, 0.0, 0.02),
        score(4, -0.1, -0.1, -0.1),
      ],
      40,
    );
    // Ratios: 1 → 0.002 (coupon), 2 → 0.002 (rm_call), 3 → 0.004 (live): 3 first (5), then 1 does not fit (50), 2 fits (30).
    expect(s.rows.map((r) => r.best_lever)).toEqual(['coupon', 'rm_call', 'livestream_invite', null]);
    expect(s.rows.map((r) => r.chosen)).toEqual([false, true, true, false]);
    expect(s.cost).toBe(35);
    expect(s.expected_incremental).toBeCloseTo(0.08, 12);
  });

  it('chooses everyone with a positive lever when there is no budget', () => {
    const s = budgetedStrategy([score(1, 0.1, 0, 0), score(2, -0.1, -0.2, -0.3)], null);
    expect(s.rows.map((r) => r.chosen)).toEqual([true, false]);
    expect(s.cost).toBe(50);
  });
});

describe('Spearman rank correlation', () => {
  it('is 1 for a monotone relation, −1 reversed, and handles ties with average ranks', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(0.8660254, 6);
  });
});

describe('one lever’s target list under a budget', () => {
  const scores = [score(1, 0.05, 0, 0), score(2, 0.2, 0, 0), score(3, -0.1, 0, 0), score(4, 0.2, 0, 0)];

  it('takes the largest positive uplifts first, as many contacts as the budget buys', () => {
    const l = leverTargetList(scores, 'coupon', 120);
    // 120 yuan / 50 = 2 coupons: customers 2 and 4 (tie on uplift → lower id first), not 1.
    expect(l.chosen.map((c) => c.customer_id)).toEqual([2, 4]);
    expect(l.cost).toBe(100);
    expect(l.expected_incremental).toBeCloseTo(0.4, 12);
    // A larger budget still never buys a contact with a negative uplift.
    expect(leverTargetList(scores, 'coupon', 10_000).chosen.map((c) => c.customer_id)).toEqual([2, 4, 1]);
  });

  it('refuses a budget below one contact (naming budget) and a lever nobody gains from (naming lever)', () => {
    expect(() => leverTargetList(scores, 'coupon', 49)).toThrow(/^budget: /);
    try {
      leverTargetList(scores, 'rm_call', 1000);
      expect.unreachable();
    } catch (e) {
      expect((e as { details: { field: string } }).details.field).toBe('lever');
    }
  });
});
