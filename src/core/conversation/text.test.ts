import { describe, expect, it } from 'vitest';
import { defaultCompiledTaxonomy } from './taxonomy.js';
import {
  isNegated,
  isQuestion,
  normalizeUtterance,
  rewriteRanges,
  splitClauses,
  splitSentences,
} from './text.js';

describe('transcript text', () => {
  it('keeps both bounds of colloquial ranges that the shared normaliser would merge', () => {
    expect(rewriteRanges('两三年')).toBe('2-3年');
    expect(rewriteRanges('三五十万')).toBe('30-50万');
    expect(rewriteRanges('十年八年都行')).toBe('8-10年都行');
    expect(rewriteRanges('一两个月')).toBe('1-2个月');
    expect(rewriteRanges('三二年')).toBe('三二年');
    expect(normalizeUtterance('这15万三五年不用')).toBe('这15万3-5年不用');
  });

  it('reads thousands separators as one sum of money', () => {
    expect(rewriteRanges('有1,000,000元，其中300,000给孩子')).toBe('有1000000元，其中300000元给孩子');
    expect(rewriteRanges('1.5万')).toBe('1.5万');
  });

  it('splits messages into sentences and clauses without breaking numbers', () => {
    expect(splitSentences('我有50万。想买理财！好吗？')).toEqual(['我有50万。', '想买理财！', '好吗？']);
    expect(splitClauses('我有1,000,000元，其中30万养老、20万旅游：就这样')).toEqual([
      '我有1,000,000元',
      '其中30万养老',
      '20万旅游',
      '就这样',
    ]);
  });

  it('treats A-not-A questions and conjunctions as no negation', () => {
    const neg = defaultCompiledTaxonomy().negation;
    expect(isNegated('我不', neg)).toBe(true);
    expect(isNegated('我并没有', neg)).toBe(true);
    expect(isNegated('您是不是', neg)).toBe(false);
    expect(isNegated('要不', neg)).toBe(false);
    expect(isQuestion('这个靠谱吗')).toBe(true);
    expect(isQuestion('我再想想')).toBe(false);
  });
});
