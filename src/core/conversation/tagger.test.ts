import { describe, expect, it } from 'vitest';
import { analyzeConversation } from './analyze.js';
import { dialogue } from './dialogue.fixture.js';

const tags = (script: string): string[] => analyzeConversation(dialogue(script)).tags;

describe('conversation tags', () => {
  it('finds each objection in the customer’s own words', () => {
    expect(tags('c: 我就是怕到时候亏了本金')).toEqual(['fear_of_loss']);
    expect(tags('c: 你们的管理费比别家贵')).toEqual(['fees_high']);
    expect(tags('c: 过两天再说吧')).toEqual(['wait_and_see']);
    expect(tags('c: 我得回去跟我老婆商量商量')).toEqual(['consult_family']);
    expect(tags('c: 我被之前的理财经理坑过')).toEqual(['distrust']);
    expect(tags('c: 我怕急用钱的时候取不出来')).toEqual(['liquidity_concern']);
  });

  it('respects negation: 我不怕亏, 费率不高, 不用再等了, 不是不相信你', () => {
    expect(tags('c: 我一点都不怕亏')).toEqual([]);
    expect(tags('c: 费率不高，主要是担心净值波动')).toEqual(['fear_of_loss']);
    expect(tags('c: 不用再等了，今天就买吧')).toEqual(['purchase_signal']);
    expect(tags('c: 不是不相信你，是我老公不让买')).toEqual(['consult_family']);
    expect(tags('c: 我没有要投诉的意思，就是问问')).toEqual([]);
  });

  it('reads A-not-A questions and 要不 as questions and suggestions, not negations', () => {
    expect(tags('c: 要不下个月再买吧')).toEqual(['wait_and_see']);
    expect(tags('c: 这个会不会亏本啊？')).toEqual(['fear_of_loss']);
  });

  it('ignores objection words spoken by the RM', () => {
    expect(tags('r: 很多客户担心亏损，也觉得费率高\nc: 嗯，我倒是觉得还好')).toEqual([]);
    expect(tags('r: 您再看看这份产品说明书\nc: 好的，我看完了，就这个吧')).toEqual(['purchase_signal']);
  });

  it('counts an objection the RM asks about when the customer agrees, not when the customer denies', () => {
    expect(tags('r: 您是不是担心费用太高？\nc: 对，主要是这个')).toEqual(['fees_high']);
    expect(tags('r: 您是担心亏损吗？\nc: 倒不是，主要是这钱可能随时要用')).toEqual(['liquidity_concern']);
  });

  it('suppresses a cue cancelled in the same clause (亏了也无所谓, 锁定期长点没关系, 商量过了)', () => {
    expect(tags('c: 亏了也无所谓，反正是闲钱')).toEqual([]);
    expect(tags('c: 这钱5年内都用不到，锁定期长点没关系')).toEqual([]);
    expect(tags('c: 我和老公商量过了，他也同意')).toEqual([]);
  });

  it('tells a redemption wish from a question about redemption rules', () => {
    expect(tags('c: 我想把钱取出来')).toEqual(['redemption_intent']);
    expect(tags('c: 赎回的话要多久到账')).toEqual([]);
    expect(tags('c: 旅游那10万得随时能取出来')).toEqual(['liquidity_concern']);
  });

  it('marks an objection resolved when the customer is reassured or moves to buy', () => {
    const r = analyzeConversation(
      dialogue('c: 封闭期多久？我怕急用的时候取不出来\nr: 这款是每日开放的，T+1到账\nc: 那就放心了，买20万'),
    );
    expect(r.details.find((d) => d.key === 'liquidity_concern')).toMatchObject({ resolved: true });
    const open = analyzeConversation(dialogue('c: 我怕亏\nr: 这款波动很小\nc: 我再想想'));
    expect(open.details.find((d) => d.key === 'fear_of_loss')).toMatchObject({ resolved: false });
  });

  it('scores the customer’s sentiment, not the RM’s, and worry alone is not negative', () => {
    const s = (script: string) => analyzeConversation(dialogue(script)).sentiment;
    expect(s('c: 太感谢了，你们服务真好')).toBe('positive');
    expect(s('c: 你们客服态度太差了，我要投诉')).toBe('negative');
    expect(s('c: 我有点怕亏')).toBe('neutral');
    expect(s('r: 非常抱歉，给您添麻烦了，我们很失望\nc: 好的')).toBe('neutral');
    expect(s('c: 这个靠谱吗？')).toBe('neutral');
    expect(s('c: 我对你们很不满意，太失望了')).toBe('negative');
  });
});
