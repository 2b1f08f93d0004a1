import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  compareDates,
  daysInMonth,
  formatIsoDate,
  lastValidDay,
  nextDay,
  parseIsoDate,
} from './dates.js';

const d = (s: string) => parseIsoDate(s, 'date');

describe('calendar dates', () => {
  it('clamps a day that does not exist in the target month to its last day', () => {
    expect(formatIsoDate(addMonthsClamped(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatIsoDate(addMonthsClamped(d('2023-01-31'), 1))).toBe('2023-02-28');
    expect(formatIsoDate(addMonthsClamped(d('2024-02-29'), 12))).toBe('2025-02-28');
    expect(formatIsoDate(addMonthsClamped(d('2024-02-29'), 48))).toBe('2028-02-29');
    expect(formatIsoDate(addMonthsClamped(d('2024-03-31'), -1))).toBe('2024-02-29');
    expect(formatIsoDate(addMonthsClamped(d('2024-12-15'), 1))).toBe('2025-01-15');
  });

  it('rejects malformed and impossible dates with the field name', () => {
    expect(() => parseIsoDate('2025-2-1', 'assessed_at')).toThrow(/assessed_at: expected a date/);
    expect(() => parseIsoDate('2023-02-29', 'on')).toThrow(/on: "2023-02-29" is not a calendar date/);
  });

  it('property: the last valid day is the same day N months later or that month’s last day', () => {
    const arb = fc.record({
      year: fc.integer({ min: 1990, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      months: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(arb, ({ year, month, day, months }) => {
        const start = { year, month, day: Math.min(day, daysInMonth(year, month)) };
        const last = lastValidDay(start, months);
        expect(compareDates(last, start)).toBeGreaterThan(0);
        const monthsApart = (last.year - start.year) * 12 + (last.month - start.month);
        expect(monthsApart).toBe(months);
        expect(last.day === start.day || last.day === daysInMonth(last.year, last.month)).toBe(true);
        expect(compareDates(nextDay(last), last)).toBeGreaterThan(0);
      }),
    );
  });
});
