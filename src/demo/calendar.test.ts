import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, holidayOf, isTradingDay, previousTradingDay, tradingDays, weekday } from './calendar.js';

describe('trading calendar', () => {
  it('never trades on a weekend', () => {
    for (const d of tradingDays('2022-01-01', '2026-12-31')) expect([0, 6]).not.toContain(weekday(d));
  });

  it('closes the whole Spring Festival and National Day weeks', () => {
    for (const d of ['2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16']) {
      expect(isTradingDay(d), d).toBe(false);
      expect(holidayOf(d)).toBe('春节');
    }
    expect(tradingDays('2024-10-01', '2024-10-07')).toEqual([]);
    expect(tradingDays('2025-10-01', '2025-10-08')).toEqual([]);
    expect(tradingDays('2026-02-15', '2026-02-23')).toEqual([]);
    expect(isTradingDay('2024-10-08')).toBe(true);
    expect(isTradingDay('2026-02-24')).toBe(true);
  });

  it('keeps make-up working weekends closed for the exchanges', () => {
    // 2024-02-04 (Sunday) and 2024-10-12 (Saturday) were working days for offices, not for the exchanges.
    expect(isTradingDay('2024-02-04')).toBe(false);
    expect(isTradingDay('2024-10-12')).toBe(false);
  });

  it('has about 242 trading days a year, as the exchanges do', () => {
    for (const y of [2023, 2024, 2025]) {
      const n = tradingDays(`${y}-01-01`, `${y}-12-31`).length;
      expect(n, String(y)).toBeGreaterThanOrEqual(238);
      expect(n, String(y)).toBeLessThanOrEqual(246);
    }
  });

  it('knows the demo reference date 2026-10-30 is a trading day', () => {
    expect(isTradingDay('2026-10-30')).toBe(true);
    expect(previousTradingDay('2026-10-04')).toBe('2026-09-30');
  });

  it('rejects dates outside the covered years naming the fix', () => {
    expect(() => isTradingDay('2030-01-02')).toThrow(/outside the trading calendar/);
  });

  it('adds months clamping to the month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', -12)).toBe('2024-11-15');
    const days = tradingDays('2023-01-01', '2026-12-31');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: days.length - 1 }), fc.integer({ min: -24, max: 24 }), (i, k) => {
        const d = days[i]!;
        const r = addMonths(d, k);
        return Number(r.slice(8)) <= Number(d.slice(8));
      }),
    );
  });
});
