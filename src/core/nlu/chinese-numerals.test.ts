import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumber, rewriteChineseNumerals } from './chinese-numerals.js';

const DIG = '零一二三四五六七八九';

/** Standard spelling of 0 < n < 10^8 (e.g. 30500 → 三万零五百), written independently of the parser. */
const spell = (n: number): string => {
  const below10k = (v: number, leadingZero: boolean): string => {
    const units = ['千', '百', '十', ''];
    const ds = String(v).padStart(4, '0').split('').map(Number);
    let out = '';
    let zero = leadingZero;
    ds.forEach((d, i) => {
      if (d === 0) {
        if (out !== '' || zero) zero = true;
        return;
      }
      if (zero && out !== '') out += '零';
      else if (zero && leadingZero && out === '') out += '零';
      zero = false;
      out += DIG[d]! + units[i]!;
    });
    return out;
  };
  const high = Math.floor(n / 1e4);
  const low = n % 1e4;
  if (high === 0) return below10k(low, false);
  return below10k(high, false) + '万' + (low === 0 ? '' : below10k(low, low < 1000));
};

describe('Chinese numerals', () => {
  it.each([
    ['五十万', 500000],
    ['一万二', 12000],
    ['三千五', 3500],
    ['十五', 15],
    ['一百零五', 105],
    ['一亿五千万', 150000000],
    ['二〇二四', 2024],
    ['三点五', 3.5],
    ['三点五万', 35000],
    ['两', 2],
  ])('parses %s as %d', (s, v) => {
    expect(parseChineseNumber(s)).toBe(v);
  });

  it('parses every standard spelling below one hundred million back to its value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        expect(parseChineseNumber(spell(n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['我有五十万想三年后用', '我有50万想3年后用'],
    ['一年半', '1年半'],
    ['亏了两成', '亏了2成'],
    ['涨了百分之十五', '涨了15%'],
    ['回撤了八个点', '回撤了8个点'],
    ['一万块', '1万块'],
    ['三千块', '3000块'],
  ])('rewrites quantities: %s → %s', (input, out) => {
    expect(rewriteChineseNumerals(input)).toBe(out);
  });

  it.each(['一定要', '一下', '万一亏了怎么办', '千万别买', '统一', '一点点', '第一', '零'])(
    'leaves words that merely contain numerals alone: %s',
    (s) => {
      expect(rewriteChineseNumerals(s)).toBe(s);
    },
  );
});
