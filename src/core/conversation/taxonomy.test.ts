import { describe, expect, it } from 'vitest';
import TAXONOMY_V1 from './data/taxonomy.v1.json' with { type: 'json' };
import { checkTaxonomyExamples } from './taxonomy-check.js';
import { DEFAULT_TAXONOMY, parseTaxonomy } from './taxonomy.js';
import { OBJECTION_CODES } from './types.js';

const clone = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(TAXONOMY_V1)) as Record<string, unknown>;
const tagsOf = (doc: Record<string, unknown>) => doc.tags as Array<Record<string, unknown>>;

const refusal = (doc: unknown): string => {
  try {
    parseTaxonomy(doc, 'taxonomy.json');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the taxonomy to be refused');
};

describe('tag taxonomy', () => {
  it('defines every objection code of the contract, with descriptions, examples and RM tips', () => {
    const keys = DEFAULT_TAXONOMY.tags.map((t) => t.key);
    for (const code of OBJECTION_CODES) expect(keys).toContain(code);
    for (const t of DEFAULT_TAXONOMY.tags) {
      expect(t.description.zh.length).toBeGreaterThan(0);
      expect(t.examples.length).toBeGreaterThan(0);
      expect(t.rm_tip?.zh.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('passes its own examples and counter-examples', () => {
    const r = checkTaxonomyExamples(DEFAULT_TAXONOMY);
    expect(r.failed).toEqual([]);
    expect(r.passed).toBeGreaterThan(50);
  });

  it('reports an example an edit breaks', () => {
    const doc = clone();
    tagsOf(doc)[0]!.cues = ['不会出现的词'];
    const r = checkTaxonomyExamples(parseTaxonomy(doc));
    expect(r.failed.some((f) => f.tag === 'fear_of_loss' && f.expected)).toBe(true);
  });

  it('refuses a bad edit naming the entry: invalid regex, duplicate key, missing objection, bad shape', () => {
    const badRegex = clone();
    (tagsOf(badRegex)[1]!.cues as string[])[0] = '(unclosed';
    expect(refusal(badRegex)).toMatch(
      /^taxonomy\.json: tags\[1\]\.cues\[0\]: not a valid regular expression/,
    );
    const dup = clone();
    tagsOf(dup)[2]!.key = 'fear_of_loss';
    expect(refusal(dup)).toMatch(/tags\[2\]\.key: "fear_of_loss" is defined twice/);
    const missing = clone();
    (missing.tags as unknown[]).splice(5, 1);
    expect(refusal(missing)).toMatch(/"liquidity_concern" is missing/);
    const shape = clone();
    tagsOf(shape)[0]!.kind = 'mood';
    expect(refusal(shape)).toMatch(/tags\[0\]\.kind/);
  });
});
