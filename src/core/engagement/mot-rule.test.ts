import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import type { CustomerSnapshot } from '../segment/evaluate.js';
import { BUILTIN_RULES, builtinRule } from './builtin-rules.js';
import { dedupeKey, epochDay, messageKey, renderTemplate, rulesFiring, type MotTrigger } from './evaluate.js';
import { parseMotRule } from './mot-rule.js';

const NOW = new Date('2026-03-10T02:00:00Z'); // 10:00 in China

const customer = (holdings: CustomerSnapshot['holdings'] = []): CustomerSnapshot => ({
  id: 42,
  birthDate: '1980-03-10',
  aumFen: 80_000_000,
  riskLevel: 'C3',
  tier: 'affluent',
  grade: 'V3',
  lifecycle: 'growth',
  cityTier: 1,
  county: false,
  payroll: true,
  elderly: false,
  carOwner: false,
  onboardedAt: '2015-01-01',
  segment: 'affluent',
  riskAssessedAt: '2025-06-01',
  rmId: 9,
  tags: [],
  events: [],
  holdings,
});

const inflow = (amount: number, at = NOW): MotTrigger => ({
  kind: 'event',
  type: 'large_transfer_in',
  payload: { amount },
  at,
});
const keys = (rs: readonly { key: string }[]) => rs.map((r) => r.key);

describe('built-in MOT rules', () => {
  it('are all valid rule documents with the contract keys', () => {
    for (const r of BUILTIN_RULES) expect(parseMotRule(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(keys(BUILTIN_RULES).sort()).toEqual(
      [
        'abandoned_purchase',
        'assessment_expiring',
        'birthday',
        'holding_drawdown',
        'large_inflow',
        'large_outflow',
        'market_move',
        'maturity_7d',
        'repeat_view_no_buy',
      ].sort(),
    );
  });

  it('a 60万 transfer in fires large_inflow; a 1万 transfer fires nothing', () => {
    expect(keys(rulesFiring(BUILTIN_RULES, inflow(600_000), customer(), new Set()))).toEqual([
      'large_inflow',
    ]);
    expect(rulesFiring(BUILTIN_RULES, inflow(10_000), customer(), new Set())).toEqual([]);
    expect(keys(rulesFiring(BUILTIN_RULES, inflow(500_000), customer(), new Set()))).toEqual([
      'large_inflow',
    ]);
  });

  it('a rule switched off for the customer’s branch does not fire', () => {
    expect(rulesFiring(BUILTIN_RULES, inflow(600_000), customer(), new Set(['large_inflow']))).toEqual([]);
  });

  it('an index move of −2.5% reaches holders of equity funds only; −1% reaches nobody', () => {
    const move = (change: number): MotTrigger => ({ kind: 'market', index: '000300', change, at: NOW });
    const equity = customer([{ productType: 'index', productRisk: 'R4', valueFen: 1_000_000 }]);
    const bonds = customer([{ productType: 'pure_bond', productRisk: 'R2', valueFen: 1_000_000 }]);
    expect(keys(rulesFiring(BUILTIN_RULES, move(-0.025), equity, new Set()))).toEqual(['market_move']);
    expect(rulesFiring(BUILTIN_RULES, move(-0.025), bonds, new Set())).toEqual([]);
    expect(rulesFiring(BUILTIN_RULES, move(-0.01), equity, new Set())).toEqual([]);
  });
});

describe('dedupe keys', () => {
  const rule = builtinRule('large_inflow')!; // window 7 days
  it('are equal within one window and differ in the next; the message key names rule, customer and bucket', () => {
    const day = epochDay(NOW);
    const start = new Date(Date.UTC(1970, 0, 1) + (day - (day % 7)) * 86_400_000 - 8 * 3_600_000);
    const sameBucket = new Date(start.getTime() + 6 * 86_400_000);
    const next = new Date(start.getTime() + 7 * 86_400_000);
    expect(dedupeKey(rule, inflow(1, start))).toBe(dedupeKey(rule, inflow(1, sameBucket)));
    expect(dedupeKey(rule, inflow(1, next))).not.toBe(dedupeKey(rule, inflow(1, start)));
    expect(messageKey(rule, 42, inflow(1, start))).toBe(`mot:large_inflow:42:${Math.floor(day / 7)}`);
  });

  it('separate two subjects of one rule (two funds maturing the same week)', () => {
    const m = builtinRule('maturity_7d')!;
    const a: MotTrigger = { kind: 'scan', scan: 'maturity', at: NOW, subject: 'WM001@2026-03-15' };
    const b: MotTrigger = { ...a, subject: 'WM002@2026-03-15' };
    expect(dedupeKey(m, a)).not.toBe(dedupeKey(m, b));
  });
});

describe('parseMotRule', () => {
  const good = JSON.parse(JSON.stringify(builtinRule('large_inflow'))) as Record<string, unknown>;
  const bad = (patch: Record<string, unknown>): AppError => {
    try {
      parseMotRule({ ...good, ...patch });
    } catch (e) {
      return e as AppError;
    }
    throw new Error('expected a rejection');
  };

  it('names the JSON path of a bad payload condition', () => {
    const e = bad({
      trigger: { event: 'large_transfer_in', where: [{ field: 'amount', op: 'over', value: 1 }] },
    });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.details.field).toBe('rule.trigger.where[0].op');
  });

  it('names the JSON path of a bad segment condition node', () => {
    const e = bad({
      conditions: {
        all: [
          { attr: 'aum', op: 'gte', value: 1 },
          { attr: 'shoe_size', op: 'eq', value: 1 },
        ],
      },
    });
    expect(e.details.field).toBe('rule.conditions.all[1].attr');
  });

  it('refuses a rule without actions and an SLA of zero hours', () => {
    expect(bad({ actions: {} }).details.field).toBe('rule.actions');
    expect(bad({ actions: { lead: { script: { zh: 'x', en: 'x' }, slaHours: 0 } } }).details.field).toBe(
      'rule.actions.lead.slaHours',
    );
  });
});

describe('renderTemplate', () => {
  it('fills known placeholders from the facts and leaves unknown ones', () => {
    expect(
      renderTemplate(
        { zh: '{name}您好，{amount}元到账{x}', en: 'Hi {name}' },
        { name: '张三', amount: '600,000' },
      ),
    ).toEqual({ zh: '张三您好，600,000元到账{x}', en: 'Hi 张三' });
  });
});
