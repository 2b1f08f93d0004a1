import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brentRoot, xirr } from './xirr.js';

/**
 * Expected rates from an independent stdlib-only Python restatement (bisection on r of Σ c (1+r)^(−d/365),
 * 300 halvings), run once: excel 0.37336253351883164, statement 0.09252396014832376, loss −0.2620349715861693.
 */
describe('XIRR (ACT/365)', () => {
  it('reproduces the Excel documentation example (37.34%)', () => {
    const r = xirr([
      { date: '2008-01-01', amount: -10000 },
      { date: '2008-03-01', amount: 2750 },
      { date: '2008-10-30', amount: 4250 },
      { date: '2009-02-15', amount: 3250 },
      { date: '2009-04-01', amount: 2750 },
    ]);
    expect(r.status).toBe('ok');
    expect(r.rate).toBeCloseTo(0.37336253351883164, 10);
  });

  it('a statement year with an added purchase and a partial redemption', () => {
    const r = xirr([
      { date: '2025-12-31', amount: -100000 },
      { date: '2026-03-15', amount: -50000 },
      { date: '2026-07-01', amount: 20000 },
      { date: '2026-12-31', amount: 142000 },
    ]);
    expect(r.rate).toBeCloseTo(0.09252396014832376, 10);
  });

  it('a loss over half a year annualises below −26%', () => {
    const r = xirr([
      { date: '2026-01-05', amount: -10000 },
      { date: '2026-02-05', amount: -10000 },
      { date: '2026-06-30', amount: 17500 },
    ]);
    expect(r.rate).toBeCloseTo(-0.2620349715861693, 10);
  });

  it('one year doubling is exactly 100%; nothing gained is exactly 0', () => {
    expect(
      xirr([
        { date: '2025-01-01', amount: -1 },
        { date: '2026-01-01', amount: 2 },
      ]).rate,
    ).toBeCloseTo(1, 12);
    expect(
      xirr([
        { date: '2025-01-01', amount: -5 },
        { date: '2025-06-01', amount: 5 },
      ]),
    ).toMatchObject({ rate: 0, status: 'ok' });
  });

  it('is not defined without flows, with flows of one sign, or all on one day with a non-zero sum', () => {
    expect(xirr([])).toMatchObject({ rate: null, status: 'no_flows' });
    expect(xirr([{ date: '2026-01-01', amount: 0 }])).toMatchObject({ status: 'no_flows' });
    expect(
      xirr([
        { date: '2026-01-01', amount: -100 },
        { date: '2026-05-01', amount: -5 },
      ]),
    ).toMatchObject({ rate: null, status: 'no_sign_change' });
    expect(
      xirr([
        { date: '2026-01-01', amount: -100 },
        { date: '2026-01-01', amount: 90 },
      ]),
    ).toMatchObject({ rate: null, status: 'no_root' });
  });

  it('a total loss within a few days is a rate near −100%, found inside the bracket', () => {
    const r = xirr([
      { date: '2026-01-01', amount: -100 },
      { date: '2026-01-11', amount: 1 },
    ]);
    expect(r.status).toBe('ok');
    // The true rate is −1 + 1e−73, which rounds to −1 in double precision.
    expect(r.rate!).toBeGreaterThanOrEqual(-1);
    expect(r.rate!).toBeLessThan(-0.99);
  });

  it('names the flow of a bad date', () => {
    expect(() =>
      xirr([
        { date: '2026-02-30', amount: -1 },
        { date: '2026-03-01', amount: 2 },
      ]),
    ).toThrow(/flows\[0\]\.date/);
  });

  it('property: when defined, the rate zeroes the NPV', () => {
    let checked = 0;
    const day = (n: number): string =>
      new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 1_000_000 }),
        fc.array(
          fc.record({ d: fc.integer({ min: 1, max: 700 }), a: fc.integer({ min: -50_000, max: 50_000 }) }),
          {
            maxLength: 6,
          },
        ),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 1, max: 720 }),
        (begin, mid, end, endDay) => {
          const flows = [
            { date: day(0), amount: -begin },
            ...mid.map((m) => ({ date: day(Math.min(m.d, endDay)), amount: m.a })),
            { date: day(endDay), amount: end },
          ];
          const r = xirr(flows);
          // Outside this range (1 + r)^−t overflows in double precision; the solver works in ln(1 + r).
          if (r.status !== 'ok' || r.rate < -0.99 || r.rate > 1e4) return;
          checked++;
          const npv = flows.reduce(
            (s, f) =>
              s + f.amount * (1 + r.rate) ** (-(Date.parse(f.date) - Date.parse(day(0))) / 86_400_000 / 365),
            0,
          );
          const scale = flows.reduce((s, f) => s + Math.abs(f.amount), 0);
          expect(Math.abs(npv) / scale).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(150);
  });

  it('Brent refuses an interval without a sign change and finds √2', () => {
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(/bracket/);
    expect(brentRoot((x) => x * x - 2, 0, 2).x).toBeCloseTo(Math.SQRT2, 12);
  });
});
