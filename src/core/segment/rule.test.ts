import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseRule, ruleIssues } from './rule.js';

const firstIssue = (rule: unknown) => ruleIssues(rule)[0];

describe('segment rule validation', () => {
  it('accepts the rule shapes of the contract', () => {
    const rule = {
      all: [
        { attr: 'aum', op: 'gte', value: 50_000 },
        { attr: 'age', op: 'between', value: [60, 80] },
        { any: [{ tag: 'vip' }, { event: 'login', min_count: 3, days: 30 }] },
        { not: { holds: { product_type: 'equity' } } },
        { holds: { risk_level_gte: 'R3', min_value: 1000 } },
        { attr: 'tier', op: 'in', value: ['affluent', 'private'] },
        { attr: 'payroll', op: 'eq', value: true },
      ],
    };
    expect(parseRule(rule)).toBe(rule);
  });

  it('names an unknown attribute and the JSON path of its node', () => {
    const issue = firstIssue({
      all: [{ attr: 'aum', op: 'gt', value: 1 }, { any: [{ attr: 'salary', op: 'gt', value: 1 }] }],
    });
    expect(issue?.path).toBe('rule.all[1].any[0].attr');
    expect(issue?.message).toContain('unknown attribute "salary"');
    expect(issue?.message).toContain('tenure_months');
  });

  it('points at the offending value, operator or key', () => {
    expect(firstIssue({ not: { attr: 'age', op: 'gte', value: 'sixty' } })?.path).toBe('rule.not.value');
    expect(firstIssue({ attr: 'county', op: 'gt', value: true })).toEqual({
      path: 'rule.op',
      message: 'operator "gt" does not apply to county; use eq, ne',
    });
    expect(firstIssue({ attr: 'tier', op: 'in', value: ['mass', 'gold'] })?.path).toBe('rule.value[1]');
    expect(firstIssue({ event: 'login', min_count: -1, days: 30 })?.path).toBe('rule.min_count');
    expect(firstIssue({ holds: { product_type: 'crypto' } })?.path).toBe('rule.holds.product_type');
    expect(firstIssue({ all: [] })?.path).toBe('rule.all');
    expect(firstIssue({ tag: 'vip', any: [] })?.message).toContain('not several');
    expect(firstIssue({ all: [{ tag: 'vip', extra: 1 }] })?.path).toBe('rule.all[0]');
    expect(firstIssue(42)?.path).toBe('rule');
  });

  it('throws BAD_INPUT carrying the path as the field and every issue', () => {
    try {
      parseRule({
        any: [
          { attr: 'x', op: 'eq', value: 1 },
          { attr: 'aum', op: 'between', value: [1] },
        ],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe('BAD_INPUT');
      expect(err.details.field).toBe('rule.any[0].attr');
      expect((err.details.issues as unknown[]).length).toBe(2);
    }
  });

  it('bounds the size and depth of a rule', () => {
    let deep: unknown = { tag: 'vip' };
    for (let i = 0; i < 20; i++) deep = { not: deep };
    expect(firstIssue(deep)?.message).toContain('nests at most');
    const wide = { any: Array.from({ length: 400 }, () => ({ tag: 'vip' })) };
    expect(firstIssue(wide)?.message).toContain('at most 300 nodes');
  });
});
