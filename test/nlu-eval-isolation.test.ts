import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTENT_IDS } from '../src/core/nlu/types.js';
import { INTENT_CORPUS } from '../src/core/nlu/data/intent-corpus.js';
import { INTENT_HELDOUT } from '../src/core/nlu/data/intent-heldout.js';
import { KB_DEV_QUERIES } from '../src/core/nlu/data/kb-dev-queries.js';
import { KB_QUERIES } from '../src/core/nlu/data/kb-queries.js';
import { STARTER_KB } from '../src/core/nlu/data/kb-starter.js';
import { KB_UNANSWERABLE } from '../src/core/nlu/data/kb-unanswerable.js';
import { INTENT_EVAL } from '../src/core/nlu/data/eval/intent-eval.js';
import { KB_EVAL_QUERIES } from '../src/core/nlu/data/eval/kb-eval.js';
import { CUSTOMER_NEEDS } from '../src/core/nlu/data/eval/needs.js';
import { bigrams, jaccard } from './support/text-similarity.js';

/** Every text the engine may learn or tune from: intent corpus, the old held-out sets, the starter KB. */
const trainingTexts = (): string[] => [
  ...INTENT_IDS.flatMap((id) => [...INTENT_CORPUS[id], ...INTENT_HELDOUT[id]]),
  ...STARTER_KB.flatMap((k) => [k.question, ...k.similar]),
  ...KB_QUERIES.map((q) => q.query),
  ...KB_DEV_QUERIES.map((q) => q.query),
  ...KB_UNANSWERABLE.flatMap((g) => g.questions),
];

const evalTexts = (): string[] => [
  ...INTENT_IDS.flatMap((id) => INTENT_EVAL[id]),
  ...KB_EVAL_QUERIES.map((q) => q.query),
];

const srcRoot = join(import.meta.dirname, '..', 'src');
const evalDir = join(srcRoot, 'core', 'nlu', 'data', 'eval');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });

describe('frozen evaluation set (issue 17)', () => {
  it('has at least 300 KB queries (40 without an answer) over existing items, from listed needs', () => {
    const ids = new Set(STARTER_KB.map((k) => k.id));
    expect(KB_EVAL_QUERIES.length).toBeGreaterThanOrEqual(300);
    expect(KB_EVAL_QUERIES.filter((q) => q.expected_id === 'none').length).toBeGreaterThanOrEqual(40);
    for (const q of KB_EVAL_QUERIES) {
      expect(q.expected_id === 'none' || ids.has(q.expected_id), q.query).toBe(true);
      expect(CUSTOMER_NEEDS[q.need], q.query).toBeDefined();
    }
  });

  it('has at least 400 intent utterances covering every intent', () => {
    expect(Object.keys(INTENT_EVAL).sort()).toEqual([...INTENT_IDS].sort());
    expect(INTENT_IDS.reduce((s, id) => s + INTENT_EVAL[id].length, 0)).toBeGreaterThanOrEqual(400);
  });

  it('shares no identical or near-identical text with anything the engine trains or tunes on', () => {
    const train = trainingTexts().map((t) => ({ t, b: bigrams(t) }));
    const close = evalTexts().flatMap((text) => {
      const b = bigrams(text);
      const hit = train.find((x) => jaccard(b, x.b) >= 0.7);
      return hit ? [`${text} ≈ ${hit.t}`] : [];
    });
    expect(close).toEqual([]);
  });

  it('is imported only by tests and benchmarks, never by engine code', () => {
    const offenders = sourceFiles(srcRoot).filter((file) => {
      if (file.endsWith('.test.ts') || file.startsWith(evalDir)) return false;
      return /from '[^']*data\/eval\//.test(readFileSync(file, 'utf8'));
    });
    expect(offenders.map((f) => relative(srcRoot, f))).toEqual([]);
  });

  it('is frozen: its content matches the digest recorded when it was written', () => {
    const digest = createHash('sha256')
      .update(JSON.stringify({ kb: KB_EVAL_QUERIES, intents: INTENT_EVAL }))
      .digest('hex');
    // Changing the set after tuning would make its figures meaningless: write a new set instead.
    expect(digest).toBe('3f091763452bb22534e0f770775b724eff9529f7aa5e2359db8d40a8ec5f477c');
  });
});
