import { describe, expect, it } from 'vitest';
import { buildKbCore } from './kb-index.js';
import { topicScore } from './kb-topic.js';
import { compileLexicon } from './lexicon-match.js';
import type { KbItem } from './types.js';

const items: KbItem[] = [
  {
    id: 'redeem',
    question: '基金赎回多久到账',
    similar: ['基金卖了钱几天回来', '赎回到账要几天'],
    answer: '一般T+1到T+4个工作日到账。',
    category: 'redemption',
  },
  {
    id: 'sip',
    question: '基金定投怎么设置',
    similar: ['每月定投在哪里开', '定投扣款日能改吗'],
    answer: '在基金详情页设置定投计划。',
    category: 'sip',
  },
];
const outOfKb = [
  { group: 'card', text: '信用卡年费怎么免' },
  { group: 'card', text: '信用卡还款日能改吗' },
  { group: 'mortgage', text: '房贷月供怎么算' },
  { group: 'mortgage', text: '房贷扣款日能改吗' },
];
const core = buildKbCore(items, compileLexicon([]), null, outOfKb);
const prior = core.topic!;

describe('out-of-KB topic prior (naive Bayes log-odds)', () => {
  it('reads the out-of-KB side’s words as off topic and the KB’s own words as on topic', () => {
    expect(topicScore(prior, ['信用卡'])).toBeGreaterThan(0);
    expect(topicScore(prior, ['房贷'])).toBeGreaterThan(0);
    expect(topicScore(prior, ['定投'])).toBeLessThan(0);
    expect(topicScore(prior, ['信用卡', '定投'])).toBeCloseTo(
      topicScore(prior, ['信用卡']) + topicScore(prior, ['定投']),
      12,
    );
  });

  it('gives a customer query (precomputed ratios) exactly the score of the counts with nothing left out', () => {
    for (const terms of [['信用卡', '定投'], ['赎回', '房贷', '蚱蜢'], []])
      expect(topicScore(prior, terms)).toBe(topicScore(prior, terms, { inCounts: new Map() }));
  });

  it('adds nothing for a term neither side has seen', () => {
    expect(topicScore(prior, ['蚱蜢'])).toBe(0);
    expect(topicScore(prior, ['信用卡', '蚱蜢'])).toBe(topicScore(prior, ['信用卡']));
  });

  it('scores a written question without its whole group, as if the prior had never seen that need', () => {
    const g = prior.outGroup[0]!; // 'card'
    expect(topicScore(prior, ['信用卡'], { outGroup: g })).toBe(0);
    // A word of 扣款日能改吗 is on both sides; without the mortgage group only the KB's use of it is left.
    const m = prior.outGroup[3]!;
    const shared = [...prior.groupCount[m]!.keys()].filter((t) => prior.inCount.has(t));
    expect(shared.length).toBeGreaterThan(0);
    for (const t of shared)
      expect(topicScore(prior, [t], { outGroup: m })).toBeLessThan(topicScore(prior, [t]));
  });

  it('scores a near miss without its whole item: the item’s own words lose their in-KB evidence', () => {
    const sip = 1;
    const without = new Map(core.itemWordCount[sip]!);
    expect(topicScore(prior, ['定投'], { inCounts: without })).toBe(0);
    expect(topicScore(prior, ['定投'])).toBeLessThan(0);
  });

  it('is off without out-of-KB texts', () => {
    expect(buildKbCore(items, compileLexicon([]), null).topic).toBeNull();
  });
});
