import { describe, expect, it } from 'vitest';
import { CORPUS, type CorpusCase } from './corpus.fixture.js';
import { lintText, lintTextForTypes } from './lint.js';
import { MISSING_RULES, PRODUCT_TYPES, VIOLATION_RULES } from './types.js';

const run = (c: CorpusCase) =>
  lintText(c.text, { productType: c.type ?? 'general', aiGenerated: c.ai === true });

describe('compliance corpus', () => {
  it('has at least 150 texts covering every rule with positive and negative cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    for (const rule of VIOLATION_RULES) {
      expect(
        CORPUS.some((c) => c.violations?.includes(rule)),
        rule,
      ).toBe(true);
    }
    for (const rule of MISSING_RULES)
      expect(
        CORPUS.some((c) => c.missing?.includes(rule)),
        rule,
      ).toBe(true);
    expect(CORPUS.filter((c) => !c.violations && !c.missing).length).toBeGreaterThanOrEqual(60);
  });

  it('finds exactly the expected violations and missing items in every text', () => {
    const wrong: string[] = [];
    for (const c of CORPUS) {
      const r = run(c);
      const gotV = r.violations.map((v) => v.rule);
      const gotM = [...r.missing];
      const wantM = MISSING_RULES.filter((m) => c.missing?.includes(m));
      const okV = JSON.stringify([...gotV].sort()) === JSON.stringify([...(c.violations ?? [])].sort());
      const okM = JSON.stringify(gotM) === JSON.stringify(wantM);
      const okMatch =
        c.matches === undefined ||
        JSON.stringify(r.violations.map((v) => v.match)) === JSON.stringify(c.matches);
      if (!okV || !okM || !okMatch) {
        wrong.push(
          `${c.text} → ${JSON.stringify(r.violations.map((v) => [v.rule, v.match]))} missing=${JSON.stringify(gotM)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no false positive on the compliant texts', () => {
    const compliant = CORPUS.filter((c) => !c.violations && !c.missing);
    const flagged = compliant.filter((c) => !run(c).ok).map((c) => c.text);
    expect(flagged).toEqual([]);
  });

  it('reports spans that point at the original text', () => {
    for (const c of CORPUS) {
      for (const v of run(c).violations) expect(c.text.slice(v.start, v.end)).toBe(v.match);
    }
  });
});

describe('one scan for several product types', () => {
  it('gives for each type what a lint of that type alone gives, on every corpus text', () => {
    for (const c of CORPUS) {
      const ai = { aiGenerated: c.ai === true };
      const all = lintTextForTypes(c.text, PRODUCT_TYPES, ai);
      expect(all.map((r) => r.product_type)).toEqual([...PRODUCT_TYPES]);
      PRODUCT_TYPES.forEach((productType, k) =>
        expect(all[k], `${c.text} as ${productType}`).toEqual(lintTextForTypes(c.text, [productType], ai)[0]),
      );
    }
  });
});
