import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAutomaton, scanAutomaton } from './aho-corasick.js';

const allMatches = (patterns: string[], text: string): string[] => {
  const a = buildAutomaton(patterns);
  const got: string[] = [];
  scanAutomaton(a, text, (id, s, e) => got.push(`${id}@${s}-${e}`));
  return got.sort();
};

const naive = (patterns: string[], text: string): string[] => {
  const got: string[] = [];
  patterns.forEach((p, id) => {
    if (p === '') return;
    for (let s = text.indexOf(p); s >= 0; s = text.indexOf(p, s + 1)) got.push(`${id}@${s}-${s + p.length}`);
  });
  return got.sort();
};

describe('Aho–Corasick matcher', () => {
  it('finds overlapping and nested Chinese terms', () => {
    const patterns = ['稳赚', '稳赚不赔', '不赔', '保本', '非保本'];
    expect(allMatches(patterns, '非保本，稳赚不赔')).toEqual(naive(patterns, '非保本，稳赚不赔'));
    expect(allMatches(patterns, '非保本，稳赚不赔')).toHaveLength(5);
  });

  it('property: agrees with a naive indexOf search on random texts over a small alphabet', () => {
    const alphabet = fc.constantFrom('保', '本', '不', '风', '险', 'a', '零');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        fc.array(alphabet, { maxLength: 40 }),
        (ps, t) => {
          const text = t.join('');
          expect(allMatches(ps, text)).toEqual(naive(ps, text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
