import { detectTags } from './tagger.js';
import { compileTaxonomy, type Taxonomy } from './taxonomy.js';
import { toTurns } from './turns.js';

/**
 * Runs a taxonomy's own examples through the tagger: every example, said by the customer, must raise its
 * tag and no counter-example may. Operations run it after editing the JSON (`caiban conversations taxonomy`).
 */
export type ExampleFailure = { tag: string; text: string; expected: boolean };

export const checkTaxonomyExamples = (taxonomy: Taxonomy): { passed: number; failed: ExampleFailure[] } => {
  const tx = compileTaxonomy(taxonomy);
  const failed: ExampleFailure[] = [];
  let passed = 0;
  const raises = (text: string, key: string): boolean =>
    detectTags(toTurns([{ sender: 'customer', text }]), tx).some((h) => h.key === key);
  for (const tag of taxonomy.tags) {
    const cases: Array<[string, boolean]> = [
      ...tag.examples.map((t): [string, boolean] => [t, true]),
      ...tag.counter_examples.map((t): [string, boolean] => [t, false]),
    ];
    for (const [text, expected] of cases) {
      if (raises(text, tag.key) === expected) passed++;
      else failed.push({ tag: tag.key, text, expected });
    }
  }
  return { passed, failed };
};
