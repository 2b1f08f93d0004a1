import { describe, expect, it } from 'vitest';
import { INTENT_IDS, PURPOSES, RISK_APPETITES } from '../types.js';
import { INTENT_CORPUS } from './intent-corpus.js';
import { INTENT_HELDOUT } from './intent-heldout.js';
import { KB_DEV_QUERIES } from './kb-dev-queries.js';
import { KB_QUERIES } from './kb-queries.js';
import { STARTER_KB } from './kb-starter.js';
import { KB_UNANSWERABLE } from './kb-unanswerable.js';
import { SLOT_CASES } from './slot-cases.js';
import { SYNONYMS } from './synonyms.js';
import { bigrams, jaccard, squash } from '../../../../test/support/text-similarity.js';

// Forbidden marketing words of reference/regulation.md §2, and the negated forms allowed to contain them.
const FORBIDDEN = [
  '保本', '保息', '保收益', '稳赚', '无风险', '零风险', '没有风险', '收益有保障', '保证收益', '承诺收益',
  '刚性兑付', '本金安全', '绝对安全', '保证本金', '稳稳赚', '相当于存款', '存款替代', '和存款一样安全',
  '最好', '最强', '最大', '首只', '唯一', '第一', '名列前茅', '位居前列', '业绩优良', '最有价值', '高收益',
  '正收益', '预计收益',
];
const ALLOWED_NEGATIONS = ['并非无风险', '不保证本金和收益', '不保证收益', '不构成收益承诺', '不承诺保本'];

describe('intent corpus and held-out set', () => {
  it('covers exactly the intent ids, with at least 45 training and 12 held-out utterances each', () => {
    expect(Object.keys(INTENT_CORPUS).sort()).toEqual([...INTENT_IDS].sort());
    expect(Object.keys(INTENT_HELDOUT).sort()).toEqual([...INTENT_IDS].sort());
    for (const id of INTENT_IDS) {
      expect(INTENT_CORPUS[id].length, id).toBeGreaterThanOrEqual(45);
      expect(INTENT_HELDOUT[id].length, id).toBeGreaterThanOrEqual(12);
    }
  });

  it('labels no utterance twice, in either file', () => {
    for (const set of [INTENT_CORPUS, INTENT_HELDOUT]) {
      const seen = new Map<string, string>();
      for (const id of INTENT_IDS) {
        for (const text of set[id]) {
          expect(seen.get(squash(text)), `${text} in ${id}`).toBeUndefined();
          seen.set(squash(text), id);
        }
      }
    }
  });

  it('keeps held-out utterances apart from the training corpus (no identical or near-identical lines)', () => {
    const train = INTENT_IDS.flatMap((id) => INTENT_CORPUS[id].map((t) => bigrams(t)));
    const close: string[] = [];
    for (const id of INTENT_IDS) {
      for (const text of INTENT_HELDOUT[id]) {
        const b = bigrams(text);
        if (train.some((t) => jaccard(b, t) >= 0.6)) close.push(text);
      }
    }
    expect(close).toEqual([]);
  });
});

describe('starter knowledge base', () => {
  it('has at least 160 well-formed items with sequential ids and 8–10 similar questions', () => {
    expect(STARTER_KB.length).toBeGreaterThanOrEqual(160);
    STARTER_KB.forEach((item, i) => {
      expect(item.id).toBe(`kb-${String(i + 1).padStart(3, '0')}`);
      expect(item.similar.length, item.id).toBeGreaterThanOrEqual(8);
      expect(item.similar.length, item.id).toBeLessThanOrEqual(10);
      const sentences = item.answer.split(/[。！？]/).filter((s) => s.trim() !== '').length;
      expect(sentences, item.id).toBeGreaterThanOrEqual(1);
      expect(sentences, item.id).toBeLessThanOrEqual(4);
      expect(item.category, item.id).toMatch(/^[a-z_]+$/);
    });
  });

  it('uses no forbidden marketing wording outside legitimate negations', () => {
    const hits: string[] = [];
    for (const item of STARTER_KB) {
      let text = item.answer;
      for (const ok of ALLOWED_NEGATIONS) text = text.split(ok).join('');
      for (const word of FORBIDDEN) if (text.includes(word)) hits.push(`${item.id}: ${word}`);
    }
    expect(hits).toEqual([]);
  });

  it('carries the required risk reminder in answers about bank wealth products', () => {
    const missing = STARTER_KB.filter(
      (k) => k.category === 'bank_wm' && /理财/.test(k.answer) && !/理财非存款、产品有风险、投资须谨慎|理财产品过往业绩不代表其未来表现/.test(k.answer),
    ).map((k) => k.id);
    expect(missing).toEqual([]);
  });

  it('has no standard or similar question repeated across items', () => {
    const seen = new Map<string, string>();
    for (const item of STARTER_KB) {
      for (const q of [item.question, ...item.similar]) {
        const prior = seen.get(squash(q));
        expect(prior === undefined || prior === item.id, `${q}: ${prior} and ${item.id}`).toBe(true);
        seen.set(squash(q), item.id);
      }
    }
  });
});

describe('KB evaluation queries', () => {
  it('number at least 120, at least 20 of them with no answer, all pointing at existing items', () => {
    const ids = new Set(STARTER_KB.map((k) => k.id));
    expect(KB_QUERIES.length).toBeGreaterThanOrEqual(120);
    expect(KB_QUERIES.filter((q) => q.expected_id === 'none').length).toBeGreaterThanOrEqual(20);
    for (const q of KB_QUERIES) expect(q.expected_id === 'none' || ids.has(q.expected_id), q.query).toBe(true);
  });

  it('are fresh wording, not copies of KB questions or similar questions', () => {
    const kb = new Set(STARTER_KB.flatMap((k) => [k.question, ...k.similar].map(squash)));
    expect(KB_QUERIES.filter((q) => kb.has(squash(q.query))).map((q) => q.query)).toEqual([]);
  });

  it('second development set: at least 80 queries, 20 without an answer, existing ids, none repeated from the KB or the first set', () => {
    const ids = new Set(STARTER_KB.map((k) => k.id));
    expect(KB_DEV_QUERIES.length).toBeGreaterThanOrEqual(80);
    expect(KB_DEV_QUERIES.filter((q) => q.expected_id === 'none').length).toBeGreaterThanOrEqual(20);
    for (const q of KB_DEV_QUERIES) expect(q.expected_id === 'none' || ids.has(q.expected_id), q.query).toBe(true);
    const seen = new Set([
      ...STARTER_KB.flatMap((k) => [k.question, ...k.similar].map(squash)),
      ...KB_QUERIES.map((q) => squash(q.query)),
    ]);
    expect(KB_DEV_QUERIES.filter((q) => seen.has(squash(q.query))).map((q) => q.query)).toEqual([]);
    expect(new Set(KB_DEV_QUERIES.map((q) => squash(q.query))).size).toBe(KB_DEV_QUERIES.length);
  });
});

describe('synonym groups', () => {
  it('has at least 60 groups of two or more terms, each term in one group only', () => {
    expect(SYNONYMS.length).toBeGreaterThanOrEqual(60);
    const seen = new Set<string>();
    for (const group of SYNONYMS) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const term of group) {
        expect(seen.has(term), term).toBe(false);
        seen.add(term);
      }
    }
  });
});

describe('slot cases', () => {
  it('has at least 120 unique annotated utterances with valid slot values', () => {
    expect(SLOT_CASES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(SLOT_CASES.map((c) => c.text)).size).toBe(SLOT_CASES.length);
    for (const { text, slots } of SLOT_CASES) {
      if (slots.amount !== undefined) expect(slots.amount, text).toBeGreaterThan(0);
      if (slots.horizon_months !== undefined) expect(Number.isInteger(slots.horizon_months), text).toBe(true);
      if (slots.purpose !== undefined) expect(PURPOSES, text).toContain(slots.purpose);
      if (slots.risk_appetite !== undefined) expect(RISK_APPETITES, text).toContain(slots.risk_appetite);
      if (slots.percent !== undefined) expect(Math.abs(slots.percent), text).toBeLessThanOrEqual(1);
      if (slots.product_code !== undefined) expect(slots.product_code, text).toMatch(/^\d{6}$/);
    }
  });

  it('covers every slot and both signs of percent', () => {
    const has = (pred: (c: (typeof SLOT_CASES)[number]) => boolean): number => SLOT_CASES.filter(pred).length;
    expect(has((c) => c.slots.amount !== undefined)).toBeGreaterThanOrEqual(30);
    expect(has((c) => c.slots.horizon_months !== undefined)).toBeGreaterThanOrEqual(20);
    expect(has((c) => (c.slots.percent ?? 0) < 0)).toBeGreaterThanOrEqual(8);
    expect(has((c) => (c.slots.percent ?? 0) > 0)).toBeGreaterThanOrEqual(8);
    expect(has((c) => c.slots.product_code !== undefined)).toBeGreaterThanOrEqual(6);
    for (const p of PURPOSES) expect(has((c) => c.slots.purpose === p), p).toBeGreaterThanOrEqual(2);
    for (const r of RISK_APPETITES) expect(has((c) => c.slots.risk_appetite === r), r).toBeGreaterThanOrEqual(3);
  });
});

describe('written unanswerable questions (kb-unanswerable.ts)', () => {
  const all = KB_UNANSWERABLE.flatMap((g) => g.questions);

  it('has at least 150 distinct questions with whole needs held out', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map(squash)).size).toBe(all.length);
    expect(KB_UNANSWERABLE.filter((g) => g.dev).length).toBeGreaterThanOrEqual(4);
  });

  it('copies no KB question and no development query', () => {
    const others = [
      ...STARTER_KB.flatMap((k) => [k.question, ...k.similar]),
      ...KB_QUERIES.map((q) => q.query),
      ...KB_DEV_QUERIES.map((q) => q.query),
    ].map((t) => ({ t, b: bigrams(t) }));
    const close = all.flatMap((q) => {
      const b = bigrams(q);
      const hit = others.find((o) => jaccard(b, o.b) >= 0.7);
      return hit ? [`${q} ≈ ${hit.t}`] : [];
    });
    expect(close).toEqual([]);
  });
});
