import { describe, expect, it } from 'vitest';
import { STARTER_KB } from './data/kb-starter.js';
import { kbFromJson, kbFromTable, kbToCsv } from './kb-io.js';
import { searchKb, trainKb } from './kb.js';
import { compileLexicon, conceptIds, financeLexicon } from './lexicon-match.js';
import { normalizeText } from './normalize.js';

describe('knowledge-base retrieval', () => {
  const index = trainKb(STARTER_KB);

  it('ships a starter KB of at least 150 items with 8–10 similar questions each', () => {
    expect(STARTER_KB.length).toBeGreaterThanOrEqual(150);
    for (const it of STARTER_KB) expect(it.similar.length).toBeGreaterThanOrEqual(8);
  });

  it('finds every item from its own standard question', () => {
    let hits = 0;
    for (const it of STARTER_KB) if (searchKb(index, it.question).match?.id === it.id) hits++;
    expect(hits / STARTER_KB.length).toBeGreaterThanOrEqual(0.98);
  });

  it('answers "no match" for a question from another domain, still listing candidates by score', () => {
    const r = searchKb(index, '今天晚上吃什么火锅比较好');
    expect(r.match).toBeNull();
    expect(r.candidates.length).toBeGreaterThan(0);
    for (let i = 1; i < r.candidates.length; i++) {
      expect(r.candidates[i - 1]!.score).toBeGreaterThanOrEqual(r.candidates[i]!.score);
    }
  });

  it('reads colloquial wording through the lexicon: 卖掉 reaches the redemption items', () => {
    expect(searchKb(index, '基金卖掉以后钱几天能回来').match?.category).toBe('redemption');
    const lex = financeLexicon();
    expect(conceptIds(normalizeText('卖掉'), lex)).toEqual(
      expect.arrayContaining(conceptIds(normalizeText('赎回'), lex)),
    );
  });

  it('reads Traditional characters like Simplified', () => {
    expect(searchKb(index, '基金淨值是什麼').match?.id).toBe(searchKb(index, '基金净值是什么').match?.id);
  });

  it('learns from the KB itself and reports how the "no match" threshold was calibrated', () => {
    const cal = index.calibration;
    expect(cal.method).toBe('leave-one-item-out');
    expect(cal.loo_top1).toBeGreaterThan(0.5);
    expect(cal.threshold).toBeGreaterThan(0);
    expect(cal.threshold).toBeLessThan(1);
    expect(cal.curve.length).toBeGreaterThan(10);
    expect(cal.n_unanswerable).toBeGreaterThan(cal.n_answerable);
  });

  it('says "no match" for most questions of a topic the KB does not cover', () => {
    const withoutInsurance = trainKb(
      STARTER_KB.filter((k) => k.category !== 'insurance'),
      { intentModel: null },
    );
    const insurance = STARTER_KB.filter((k) => k.category === 'insurance');
    const none = insurance.filter((k) => searchKb(withoutInsurance, k.question).match === null).length;
    expect(none / insurance.length).toBeGreaterThanOrEqual(0.5);
  });

  it('sets a higher bar when the threshold is chosen on near misses than on off-topic text', () => {
    // Near misses (a question whose item is left out) look far more answerable than small talk, so balancing
    // no-match precision and recall on them needs a higher P(answerable) threshold.
    const items = STARTER_KB.slice(0, 40);
    const near = trainKb(items, { intentModel: null, nearMissShare: 1 }).calibration;
    const offTopic = trainKb(items, { intentModel: null, nearMissShare: 0 }).calibration;
    expect(near.near_miss_share).toBe(1);
    expect(offTopic.near_miss_share).toBe(0);
    expect(near.threshold).toBeGreaterThan(offTopic.threshold);
  });

  it('is deterministic and handles tiny knowledge bases', () => {
    const a = searchKb(trainKb(STARTER_KB.slice(0, 30), { intentModel: null }), '赎回多久到账');
    const b = searchKb(trainKb(STARTER_KB.slice(0, 30), { intentModel: null }), '赎回多久到账');
    expect(a).toEqual(b);
    const one = trainKb(STARTER_KB.slice(0, 1), { intentModel: null });
    expect(one.calibration.method).toBe('fallback');
    expect(searchKb(one, STARTER_KB[0]!.question).match?.id).toBe(STARTER_KB[0]!.id);
    expect(searchKb(trainKb([], { intentModel: null }), '基金')).toMatchObject({
      match: null,
      candidates: [],
    });
  });
});

describe('finance lexicon', () => {
  it('matches longest terms first, Latin terms as whole words, and ambiguous terms to each of their groups', () => {
    const lex = compileLexicon([
      ['赎回', '卖', '卖掉'],
      ['申购', '买'],
      ['认购', '买'],
      ['定投', 'sip'],
      ['卡玛比率', '卡玛'],
      ['银行卡', '卡'],
    ]);
    expect(conceptIds('卖掉基金', lex)).toEqual([0]);
    expect(conceptIds('想买', lex)).toEqual([1, 2]);
    expect(conceptIds('gossip', lex)).toEqual([]);
    expect(conceptIds('开个sip', lex)).toEqual([3]);
    expect(conceptIds('卡玛怎么看', lex)).toEqual([4]);
  });
});

describe('KB files', () => {
  it('round-trips JSON and CSV rows', () => {
    const items = STARTER_KB.slice(0, 3).map((i) => ({ ...i, similar: [...i.similar] }));
    expect(kbFromJson(JSON.parse(JSON.stringify(items)))).toEqual(items);
    const csv = kbToCsv([
      { id: 'x1', question: 'a,b', similar: ['c', 'd "e"'], answer: 'line', category: 'k' },
    ]);
    expect(csv).toBe('id,question,similar,answer,category\nx1,"a,b","c|d ""e""",line,k\n');
    const table = kbFromTable(
      ['id', 'question', 'similar', 'answer', 'category'],
      [['x1', 'q', 'a| b |', 'ans', 'k']],
    );
    expect(table).toEqual([{ id: 'x1', question: 'q', similar: ['a', 'b'], answer: 'ans', category: 'k' }]);
  });

  it('rejects duplicate ids and missing columns with the field named', () => {
    expect(() =>
      kbFromJson([
        { id: 'a', question: 'q' },
        { id: 'a', question: 'r' },
      ]),
    ).toThrow(/duplicate id "a"/);
    expect(() => kbFromTable(['id', 'answer'], [])).toThrow(/column "question"/);
    expect(() => kbFromJson({})).toThrow(/--kb/);
  });
});
