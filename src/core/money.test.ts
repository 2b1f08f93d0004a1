import { describe, expect, it } from 'vitest';
import { ageOn } from './suitability/dates.js';
import { fenOfYuan, yuanOfFen, yuanText } from './money.js';

describe('money: the one display formatter and conversions', () => {
  it('formats fen for people with two or no decimals', () => {
    expect(yuanText(1_234_560)).toBe('12,345.60');
    expect(yuanText(-7)).toBe('-0.07');
    expect(yuanText(55_127_049, 0)).toBe('551,270');
    expect(yuanText(55_127_050, 0)).toBe('551,271');
    expect(yuanText(-30, 0)).toBe('0');
  });

  it('converts yuan and fen exactly', () => {
    expect(fenOfYuan(0.1 + 0.2)).toBe(30);
    expect(yuanOfFen(123_456_789)).toBe(1_234_567.89);
    expect(yuanOfFen(-5)).toBe(-0.05);
  });

  it('has one ageOn, counting completed years', () => {
    expect(ageOn('1980-06-15', '2026-06-14')).toBe(45);
    expect(ageOn('1980-06-15', '2026-06-15')).toBe(46);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
  });
});
