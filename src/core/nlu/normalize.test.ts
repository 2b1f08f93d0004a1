import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';
import { words } from './tokenize.js';

describe('normalizeText', () => {
  it('folds full-width letters, digits and punctuation and lower-cases', () => {
    expect(normalizeText('ＡＢＣ１２３％，ETF')).toBe('abc123%,etf');
  });

  it('converts Traditional to Simplified Chinese', () => {
    expect(normalizeText('我想買基金，請問贖回要幾天到賬？')).toBe('我想买基金,请问赎回要几天到账?');
  });

  it('turns Chinese numerals into digits and keeps 万 as a unit', () => {
    expect(normalizeText('我有五十万想三年后给孩子上学用')).toBe('我有50万想3年后给孩子上学用');
  });

  it('collapses white space', () => {
    expect(normalizeText('  hello \t  world \n')).toBe('hello world');
  });
});

describe('words', () => {
  it('keeps THUOCL / domain finance terms whole', () => {
    expect(words('货币基金七日年化收益率是多少')).toEqual(
      expect.arrayContaining(['货币基金', '七日年化', '收益率']),
    );
  });

  it('maps numbers to shapes, 6-digit codes apart', () => {
    expect(words('000001 and 50')).toEqual(['<code>', 'and', '<num>']);
    expect(words('000001', true)).toEqual(['000001']);
  });
});
