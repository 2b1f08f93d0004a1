import { describe, expect, it } from 'vitest';
import { buildCatalogueIndex } from '../nlu/catalogue.js';
import { analyzeConversation } from './analyze.js';
import { LABELLED_CATALOGUE } from './data/catalogue.js';
import { LABELLED_DEV } from './data/labelled-dev.js';
import { LABELLED_HELDOUT } from './data/labelled-heldout.js';
import { evaluateInsights, score } from './evaluate.js';
import { DEFAULT_TAXONOMY } from './taxonomy.js';
import { OBJECTION_CODES, type LabelledConversation } from './types.js';

const catalogue = buildCatalogueIndex(LABELLED_CATALOGUE);
const keys = DEFAULT_TAXONOMY.tags.map((t) => t.key);
const run = (set: readonly LabelledConversation[]) =>
  evaluateInsights(set, (c) => analyzeConversation(c, { catalogue }), keys);

describe('evaluation on our labelled conversations', () => {
  it('has at least 40 conversations with a separate held-out part and varied labels', () => {
    expect(LABELLED_DEV.length + LABELLED_HELDOUT.length).toBeGreaterThanOrEqual(40);
    expect(LABELLED_HELDOUT.length).toBeGreaterThanOrEqual(20);
    const ids = new Set([...LABELLED_DEV, ...LABELLED_HELDOUT].map((c) => c.id));
    expect(ids.size).toBe(LABELLED_DEV.length + LABELLED_HELDOUT.length);
    for (const code of OBJECTION_CODES) {
      expect(LABELLED_HELDOUT.some((c) => c.labels.tags.includes(code))).toBe(true);
    }
  });

  it.each([
    ['development', LABELLED_DEV],
    ['held-out', LABELLED_HELDOUT],
  ])('meets the acceptance bar on the %s set: intents P and R ≥ 0.85, objection F1 ≥ 0.8', (_name, set) => {
    const r = run(set);
    expect(r.intents.precision).toBeGreaterThanOrEqual(0.85);
    expect(r.intents.recall).toBeGreaterThanOrEqual(0.85);
    expect(r.objections.f1).toBeGreaterThanOrEqual(0.8);
    for (const code of OBJECTION_CODES) expect(r.per_tag[code]!.f1 ?? 0).toBeGreaterThanOrEqual(0.8);
  });

  it('counts a wrong intent as both a false positive and a false negative, and lists it', () => {
    const lc = LABELLED_DEV.find((c) => c.id === 'd01')!;
    const r = evaluateInsights(
      [lc],
      (c) => {
        const got = analyzeConversation(c);
        return {
          ...got,
          intents: got.intents.map((i) => ({ ...i, amount: i.amount + 1 })),
          tags: ['distrust'],
        };
      },
      keys,
    );
    expect(r.intents).toMatchObject({ tp: 0, fp: 2, fn: 2, precision: 0, recall: 0 });
    expect(r.per_tag.distrust).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null });
    expect(r.mistakes.filter((m) => m.kind === 'intent_fn')).toHaveLength(2);
  });

  it('computes precision, recall and F1 with null for an empty denominator', () => {
    expect(score(3, 1, 2)).toEqual({ precision: 0.75, recall: 0.6, f1: 0.6667, tp: 3, fp: 1, fn: 2 });
    expect(score(0, 0, 0)).toEqual({ precision: null, recall: null, f1: null, tp: 0, fp: 0, fn: 0 });
  });
});
