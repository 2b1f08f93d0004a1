import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeConversation } from './analyze.js';
import { findAmounts } from './money-amounts.js';
import { normalizeUtterance } from './text.js';
import { dialogue } from './dialogue.fixture.js';
import type { MoneyIntent } from './types.js';

const intents = (script: string, start?: string): MoneyIntent[] =>
  analyzeConversation(dialogue(script, start)).intents;
const brief = (i: MoneyIntent) => [i.purpose, i.amount, i.horizon_months, i.liquidity, i.risk_appetite];

describe('per-money investment intents', () => {
  it('splits 50万 for retirement in 10 years and 10万 for a trip next year into two records', () => {
    const got = intents(`
      c: 王经理，我手上有60万
      r: 这些钱大概有什么用途？
      c: 50万是养老的，我还有10年退休
      c: 另外10万明年想带家人出去旅游`);
    expect(got.map(brief)).toEqual([
      ['retirement', 500000, 120, 'low', null],
      ['travel', 100000, 12, 'high', null],
    ]);
    expect(got[0]!.evidence).toContain('50万是养老的，我还有10年退休');
  });

  it('lets a later correction win ("不对，是30万")', () => {
    const got = intents(`
      c: 我准备拿50万出来养老
      r: 好的，50万养老
      c: 不对，是30万`);
    expect(got.map(brief)).toEqual([['retirement', 300000, null, null, null]]);
  });

  it('corrects the amount named after 不是, and a horizon after 哦不对', () => {
    expect(intents('c: 我想投20万\nr: 好的\nc: 不是20万，是25万').map((i) => i.amount)).toEqual([250000]);
    expect(intents('c: 10万打算后年去欧洲玩\nc: 哦不对，是明年')[0]!.horizon_months).toBe(12);
  });

  it('does not extract salary, a past loss, a product minimum, someone else’s money or a hypothetical sum', () => {
    expect(intents('c: 我月薪2万，每个月能存五六千')).toEqual([]);
    expect(intents('c: 去年买基金亏了8万')).toEqual([]);
    expect(intents('c: 这个理财起投多少？\nr: 1万起投\nc: 100万起的那种我买不了')).toEqual([]);
    expect(intents('c: 我朋友买了50万的私募，赚了不少')).toEqual([]);
    expect(intents('c: 我老婆有20万私房钱，想让我帮她问问')).toEqual([]);
    expect(intents('c: 如果有100万的话，你建议怎么配？')).toEqual([]);
    expect(intents('c: 手续费要500块吗')).toEqual([]);
  });

  it('keeps the customer’s own sum next to amounts that are not intents', () => {
    const got = intents('c: 我朋友买了50万的私募，我自己有15万闲钱，也想试试');
    expect(got.map((i) => i.amount)).toEqual([150000]);
  });

  it('reports the parts of a pool, not the pool (其中, 一半, 剩下的, sums that add up)', () => {
    expect(intents('c: 我有100万，其中30万可以拿去博一把').map(brief)).toEqual([
      ['growth', 300000, null, null, 'aggressive'],
    ]);
    expect(
      intents('c: 我打算把定期到期的60万拿来做个规划\nc: 一半给孩子将来上大学，一半养老').map((i) => [
        i.purpose,
        i.amount,
      ]),
    ).toEqual([
      ['education', 300000],
      ['retirement', 300000],
    ]);
    expect(intents('c: 存了有10万\nc: 想拿8万出来投资，剩下的留着应急，这部分要稳').map(brief)).toEqual([
      ['growth', 80000, null, null, null],
      ['emergency', 20000, null, 'high', 'conservative'],
    ]);
    expect(intents('c: 我有60万，50万养老10年后退休用，10万明年旅游').map((i) => i.amount)).toEqual([
      500000, 100000,
    ]);
  });

  it('binds attributes said before the amount to it (准备明年买房，首付现在有80万)', () => {
    const got = intents('c: 准备明年买房，首付现在有80万\nc: 这笔钱可不能有闪失\nc: 另外我还想留5万应急');
    expect(got.map(brief)).toEqual([
      ['house', 800000, 12, 'high', 'conservative'],
      ['emergency', 50000, null, 'high', null],
    ]);
  });

  it('reads horizons from ages: own and retirement age, a child going to university', () => {
    expect(intents('c: 我今年45，打算60岁退休\nc: 现在有120万，想给退休做准备')[0]!.horizon_months).toBe(180);
    expect(intents('c: 孩子今年10岁，想给他攒一笔上大学的钱\nc: 先存20万进去')[0]!.horizon_months).toBe(96);
    const answered = intents('c: 我有30万给孩子上大学用\nr: 孩子多大了？\nc: 5岁');
    expect(answered[0]!.horizon_months).toBe(156);
  });

  it('resolves 今年年底 against the month of the message and takes the lower bound of a range', () => {
    expect(intents('c: 35万给儿子买车用，今年年底要提车', '2025-06-10T10:00')[0]!.horizon_months).toBe(6);
    expect(intents('c: 这15万三五年不用')[0]!.horizon_months).toBe(36);
    expect(intents('c: 先买10万，这10万两三年内都用不到')[0]!.horizon_months).toBe(24);
  });

  it('does not take a maturity or a past period for a horizon', () => {
    const got = intents('c: 我去年存了个三年定期，明年到期，到期了有30万，想买点稳健的');
    expect(got.map(brief)).toEqual([['growth', 300000, null, null, 'moderate']]);
  });

  it('applies a person-level risk statement to money without its own, and a money-level one only to it', () => {
    const got = intents(`
      c: 我风险承受能力挺高的
      c: 20万想做长期投资
      c: 另外还有5万，这部分要稳`);
    expect(got.map((i) => i.risk_appetite)).toEqual(['aggressive', 'conservative']);
  });

  it('takes an RM restatement the customer confirms, and not one the customer does not', () => {
    const confirmed = intents(
      'c: 我有40万想规划一下\nr: 所以您这40万主要是给孩子读书用，五年后用，对吗？\nc: 对的',
    );
    expect(confirmed.map(brief)).toEqual([['education', 400000, 60, 'low', null]]);
    const proposal = intents(
      'c: 我总共有30万可以投\nr: 建议您拿20万配置债基，10万配置偏股基金\nc: 嗯，我考虑一下',
    );
    expect(proposal.map((i) => i.amount)).toEqual([300000]);
  });

  it('reads amounts written with separators, full-width digits and Traditional characters', () => {
    expect(
      intents('c: 我手上有1,000,000元想做个规划，其中300,000给孩子留学').map((i) => [i.purpose, i.amount]),
    ).toEqual([['education', 300000]]);
    expect(intents('c: 有１０万想买理财')[0]!.amount).toBe(100000);
    expect(intents('c: 我有五十萬，十年後退休用').map(brief)).toEqual([
      ['retirement', 500000, 120, 'low', null],
    ]);
  });

  it('reads a burst of short messages and an answer to the RM’s question as one statement', () => {
    expect(intents('c: 我有\nc: 50万\nc: 想养老用').map((i) => [i.purpose, i.amount])).toEqual([
      ['retirement', 500000],
    ]);
    expect(intents('r: 您大概有多少闲钱？\nc: 大概二三十万吧').map((i) => i.amount)).toEqual([200000]);
    expect(intents('c: 100万啊\nc: 那算了')).toEqual([]);
    const when = intents('c: 我有30万\nr: 这笔钱大概多久会用到？\nc: 说不好，可能两三年吧');
    expect(when.map(brief)).toEqual([['growth', 300000, 24, 'medium', null]]);
  });

  it('takes a time said with a life goal as that goal’s time, and ignores tiny "amounts" (分两块)', () => {
    const got = intents('c: 50万留着养老，我再过10年就退休了\nc: 还有10万，明年想带孩子出国玩一趟');
    expect(got.map(brief)).toEqual([
      ['retirement', 500000, 120, 'low', null],
      ['travel', 100000, 12, 'high', null],
    ]);
    expect(intents('c: 手上的钱分两块：养老50万，10年后用；旅游10万，明年用').map((i) => i.amount)).toEqual([
      500000, 100000,
    ]);
  });

  it('finds N万 as N × 10 000 yuan for any N (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99999 }), (n) => {
        const found = findAmounts(normalizeUtterance(`我有${n}万`));
        expect(found.map((a) => a.value)).toEqual([n * 10000]);
      }),
    );
  });
});
