import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from './money.js';

describe('money as yuan strings', () => {
  it('formats fen with exactly two decimals', () => {
    expect(fenToYuan(123450)).toBe('1234.50');
    expect(fenToYuan(-7)).toBe('-0.07');
    expect(fenToYuan(0)).toBe('0.00');
  });

  it('round-trips every safe fen amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
      }),
    );
  });
});
