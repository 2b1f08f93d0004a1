import { describe, expect, it } from 'vitest';
import { STARTER_KB } from './data/kb-starter.js';
import { SYNONYMS } from './data/synonyms.js';
import { kbFromJson, kbFromTable, kbToCsv } from './kb-io.js';
import { buildKbIndex, searchKb } from './kb.js';

describe('knowledge-base retrieval', () => {
  const index = buildKbIndex(STARTER_KB, { synonyms: SYNONYMS });

  it('ships a starter KB of at least 150 items with 2–4 similar questions each', () => {
    expect(STARTER_KB.length).toBeGreaterThanOrEqual(150);
    for (const it of STARTER_KB) expect(it.similar.length).toBeGreaterThanOrEqual(2);
  });

  it('finds every item from its own standard question', () => {
    let hits = 0;
    for (const it of STARTER_KB) if (searchKb(index, it.question).match?.id === it.id) hits++;
    expect(hits / STARTER_KB.length).toBeGreaterThanOrEqual(0.97);
  });

  it('answers "no match" for a question from another domain, still listing candidates by score', () => {
    const r = searchKb(index, '今天晚上吃什么火锅比较好');
    expect(r.match).toBeNull();
    for (let i = 1; i < r.candidates.length; i++) {
      expect(r.candidates[i - 1]!.score).toBeGreaterThanOrEqual(r.candidates[i]!.score);
    }
  });

  it('uses synonyms: 卖掉 (sell) reaches the redemption (赎回) items with a higher score', () => {
    const plain = buildKbIndex(STARTER_KB);
    const withSyn = searchKb(index, '基金卖掉以后钱几天能回来');
    const without = searchKb(plain, '基金卖掉以后钱几天能回来');
    expect(withSyn.match?.category).toBe('redemption');
    expect(withSyn.candidates[0]!.score).toBeGreaterThan(without.candidates[0]!.score);
  });

  it('reads Traditional characters like Simplified', () => {
    expect(searchKb(index, '基金淨值是什麼').match?.id).toBe(searchKb(index, '基金净值是什么').match?.id);
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
