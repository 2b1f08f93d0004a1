import { describe, expect, it } from 'vitest';
import { completeText } from '../../guard/complete.js';
import type { ProductType } from '../../product-types.js';
import type { ProductRiskLevel } from '../../suitability/types.js';
import type { AdvisoryProduct } from '../product.js';
import { buildShelfContext } from '../shelf-context.js';
import { weekdays } from '../shelf.fixture.js';
import { evaluateAlerts } from './evaluate.js';
import { suggestTargets } from './signals.js';
import { DEFAULT_ALERT_POLICY, type AlertInput } from './types.js';

const DATES = weekdays('2026-01-05', '2026-10-30');
const AS_OF = '2026-10-30';

/** A product whose daily returns are given by `ret(i)` (adjusted = unit, no dividends). */
const product = (
  code: string,
  type: ProductType,
  risk: ProductRiskLevel,
  ret: (i: number) => number,
  extra: Partial<AdvisoryProduct> = {},
): AdvisoryProduct => {
  const nav: number[] = [];
  let v = 1;
  DATES.forEach((_, i) => {
    if (i > 0) v *= 1 + ret(i);
    nav.push(v);
  });
  return {
    code,
    name: `演示${code}`,
    type,
    risk,
    issuer: 'I',
    manager: 'M',
    benchmarkIndex: null,
    termDays: null,
    maturityDate: null,
    status: 'open',
    minPurchaseFen: 100,
    fees: { purchase: 0, redemption: 0, management: 0.01, custody: 0.002, salesService: 0 },
    nav: { dates: DATES, unit: nav, adjusted: nav },
    ...extra,
  };
};
const N = DATES.length;
const wiggle = (i: number) => (i % 2 === 0 ? 0.005 : -0.005);
const shelf = buildShelfContext(
  [
    product('SWING', 'equity', 'R4', (i) => (i === N - 1 ? -0.025 : wiggle(i))),
    product('CALM', 'money_market', 'R1', (i) => (i === N - 1 ? 0.0002 : 0.00005)),
    product('JUMP', 'pure_bond', 'R2', (i) => (i === N - 1 ? -0.035 : 0.0001 * (i % 3))),
    product('BEAR', 'equity', 'R4', (i) => (i > N - 60 ? -0.0045 : 0.004 * Math.sin(i))),
    product('WILD', 'sector', 'R5', (i) => (i === N - 1 ? -0.035 : i % 2 === 0 ? 0.02 : -0.02)),
    product('WM', 'bank_wm', 'R2', () => 0.0001, { termDays: 180, maturityDate: '2026-11-02' }),
    product('WMLATE', 'bank_wm', 'R2', () => 0.0001, { termDays: 180, maturityDate: '2026-11-20' }),
    product('STALE', 'equity', 'R4', wiggle, { nav: { dates: DATES.slice(0, -8), unit: [], adjusted: [] } }),
  ].map((p) =>
    p.code === 'STALE'
      ? {
          ...p,
          nav: {
            dates: DATES.slice(0, -8),
            unit: Array(N - 8).fill(1) as number[],
            adjusted: Array(N - 8).fill(1) as number[],
          },
        }
      : p,
  ),
  AS_OF,
);
const units = (code: string, yuan: number) => (yuan / shelf.products.get(code)!.lastUnit!).toFixed(2);
const base: AlertInput = {
  asOf: AS_OF,
  customerId: 42,
  customer: { level: 'C4', assessedAt: '2026-06-01', channel: 'bank' },
  holdings: [],
  shelf,
};
const run = (over: Partial<AlertInput>) => evaluateAlerts({ ...base, ...over });

describe('alerts — NAV swing', () => {
  it('a −2.5% day on a fund that usually moves ±0.5% is a 5σ swing', () => {
    const a = run({
      holdings: [{ productCode: 'SWING', units: units('SWING', 10_000), costFen: 1_000_000 }],
    });
    const s = a.find((x) => x.type === 'nav_swing')!;
    expect(s).toMatchObject({ id: `nav_swing:42:SWING:${AS_OF}`, customer_id: '42', product_code: 'SWING' });
    expect(s.payload).toMatchObject({ direction: 'down', trigger: 'sigma' });
    expect(s.payload.z_score as number).toBeLessThan(-4.5);
    expect(s.payload.message.zh).toContain('-2.50%');
  });

  it('a tiny move on a money fund is no alert however many σ; a −3.5% day on a bond fund is, by the fixed line', () => {
    const a = run({
      holdings: [
        { productCode: 'CALM', units: '10000.00', costFen: 1_000_000 },
        { productCode: 'JUMP', units: units('JUMP', 10_000), costFen: 1_000_000 },
        { productCode: 'WILD', units: units('WILD', 10_000), costFen: 1_000_000 },
      ],
    });
    const swings = a.filter((x) => x.type === 'nav_swing');
    // JUMP is also far beyond 3σ; WILD (±2% a day) only crosses the fixed 3% line.
    expect(swings.map((x) => [x.product_code, x.payload.trigger])).toEqual([
      ['JUMP', 'sigma'],
      ['WILD', 'fixed'],
    ]);
  });

  it('a stale NAV raises nothing', () => {
    const a = run({ holdings: [{ productCode: 'STALE', units: '100.00', costFen: 10_000 }] });
    expect(a.filter((x) => x.type === 'nav_swing')).toEqual([]);
  });
});

describe('alerts — targets and drawdown', () => {
  it('a customer’s take-profit target is hit at +25%; the id stays the same on a re-run', () => {
    const holding = {
      productCode: 'SWING',
      units: units('SWING', 12_500),
      costFen: 1_000_000,
      openedAt: '2026-02-02',
      targets: { takeProfit: 0.2 },
    };
    const a = run({ holdings: [holding] });
    const tp = a.find((x) => x.type === 'take_profit')!;
    expect(tp.payload).toMatchObject({ source: 'customer', target: 0.2 });
    expect(tp.payload.return as number).toBeCloseTo(0.25, 3);
    expect(run({ holdings: [holding] }).map((x) => x.id)).toEqual(a.map((x) => x.id));
  });

  it('with no target set, the stop-loss suggested from the fund’s volatility applies', () => {
    const f = shelf.products.get('BEAR')!;
    const t = suggestTargets(f, DEFAULT_ALERT_POLICY.suggested)!;
    expect(t.stopLoss).toBeCloseTo(Math.max(-0.3, Math.min(-0.03, -1.5 * f.volatility! * Math.SQRT1_2)), 12);
    const a = run({
      holdings: [
        { productCode: 'BEAR', units: units('BEAR', 6_000), costFen: 1_000_000, openedAt: '2026-01-05' },
      ],
    });
    expect(a.find((x) => x.type === 'stop_loss')?.payload).toMatchObject({ source: 'suggested' });
    expect(suggestTargets(shelf.products.get('CALM')!, DEFAULT_ALERT_POLICY.suggested)).toBeNull();
  });

  it('a fund 20–30% below its high since purchase raises the −20% band, naming the peak', () => {
    const a = run({
      holdings: [
        { productCode: 'BEAR', units: units('BEAR', 10_000), costFen: 1_000_000, openedAt: '2026-01-05' },
      ],
    });
    const d = a.find((x) => x.type === 'holding_drawdown')!;
    expect(d.payload.band).toBe(-0.2);
    expect(d.payload.drawdown as number).toBeLessThan(-0.2);
    expect(d.payload.drawdown as number).toBeGreaterThan(-0.3);
    expect(d.id).toBe(`holding_drawdown:42:BEAR:-0.2:${d.payload.peak_date as string}`);
  });

  it('refuses a positive stop-loss, naming the field', () => {
    expect(() =>
      run({ holdings: [{ productCode: 'SWING', units: '1.00', costFen: 100, targets: { stopLoss: 0.1 } }] }),
    ).toThrow(/targets\.stopLoss/);
  });
});

describe('alerts — maturity and assessment', () => {
  it('reminds of a maturity within 7 days, not of one three weeks away', () => {
    const a = run({
      holdings: [
        { productCode: 'WM', units: '1000.00', costFen: 100_000 },
        { productCode: 'WMLATE', units: '1000.00', costFen: 100_000 },
      ],
    });
    expect(
      a.filter((x) => x.type === 'maturity_upcoming').map((x) => [x.product_code, x.payload.days_left]),
    ).toEqual([['WM', 3]]);
  });

  it('an assessment expiring in 20 days is a reminder; an expired one an expiry event', () => {
    const soon = run({ customer: { ...base.customer, assessedAt: '2025-11-19' } });
    expect(soon).toEqual([
      expect.objectContaining({ type: 'assessment_expiring', id: 'assessment_expiring:42:-:2026-11-19' }),
    ]);
    expect(soon[0]!.payload.days_left).toBe(20);
    const gone = run({ customer: { ...base.customer, assessedAt: '2025-10-01' } });
    expect(gone.map((x) => x.type)).toEqual(['assessment_expired']);
  });

  it('an instant as asOf becomes occurred_at and sets the business date in China time', () => {
    // Valid through 2026-10-29; 17:00 UTC on that day is already 2026-10-30 in China.
    const a = run({ asOf: '2026-10-29T17:00:00Z', customer: { ...base.customer, assessedAt: '2025-10-29' } });
    expect(a[0]).toMatchObject({ type: 'assessment_expired', occurred_at: '2026-10-29T17:00:00Z' });
  });

  it('every alert message can be completed into compliant customer text', () => {
    const a = run({
      customer: { ...base.customer, assessedAt: '2025-11-19' },
      holdings: [
        {
          productCode: 'SWING',
          units: units('SWING', 12_500),
          costFen: 1_000_000,
          targets: { takeProfit: 0.2 },
        },
        { productCode: 'BEAR', units: units('BEAR', 6_000), costFen: 1_000_000, openedAt: '2026-01-05' },
        { productCode: 'WM', units: '1000.00', costFen: 100_000 },
      ],
    });
    expect(new Set(a.map((x) => x.type)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(a.map((x) => x.id)).size).toBe(a.length);
    for (const x of a) {
      const type = x.product_code === null ? [] : [shelf.products.get(x.product_code)!.product.type];
      expect(completeText(x.payload.message, { productTypes: type }).remaining).toEqual([]);
    }
  });
});
