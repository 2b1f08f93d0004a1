import { describe, expect, it } from 'vitest';
import { chinaToday, periodFrom } from './period.js';

describe('statement periods', () => {
  it('starts on the 1st of a month whole months back, across a year boundary', () => {
    expect(periodFrom('m3', '2026-12-07')).toBe('2026-10-01');
    expect(periodFrom('m6', '2026-03-31')).toBe('2025-10-01');
    expect(periodFrom('y1', '2026-01-15')).toBe('2025-02-01');
    expect(periodFrom('ytd', '2026-12-07')).toBe('2026-01-01');
  });

  it('reads the business date in China (UTC+8)', () => {
    expect(chinaToday(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(chinaToday(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
  });
});
