import { STARTER_KB } from '../core/nlu/data/kb-starter.js';
import { SYNONYMS } from '../core/nlu/data/synonyms.js';
import { DEFAULT_KB_OPTIONS, trainKb, type KbIndex, type KbModels, type KbOptions } from '../core/nlu/kb.js';
import type { KbItem } from '../core/nlu/types.js';
import { contentKey, memoryEntry, rememberEntry, sharedEntry, shareEntry } from './trained-cache.js';

/**
 * A KB index through the trained-artefact cache (trained-cache.ts): the same items and options give the index
 * built earlier in this process, or its learnt ranker and "no match" model from CAIBAN_MODEL_CACHE (the
 * retrieval structures are rebuilt, the learning is skipped), else a fresh training. Options that carry an intent
 * model object (not 'builtin' or none) are not cached: the key would have to hash the model.
 */
export const kbIndexOf = (items: readonly KbItem[], options: Partial<KbOptions> = {}): KbIndex => {
  const opts: KbOptions = { ...DEFAULT_KB_OPTIONS, ...options };
  if (opts.intentModel !== 'builtin' && opts.intentModel !== null) return trainKb(items, options);
  // outOfDomain: [] (the option's default) stands for the built-in off-topic texts, which trainKb resolves.
  const key = contentKey('kb-index/1', { items, opts, outOfDomainGiven: options.outOfDomain !== undefined });
  const inMemory = memoryEntry<KbIndex>(key);
  if (inMemory !== undefined) return inMemory;
  const shared = sharedEntry<KbModels>(key);
  const index = trainKb(items, options, shared);
  rememberEntry(key, index);
  if (shared === undefined)
    shareEntry(key, { ranker: index.ranker, noMatch: index.noMatch, calibration: index.calibration });
  return index;
};

/** The starter knowledge base (the one the advisor and the WeCom assistant answer from until ops import one). */
export const starterKbIndex = (): KbIndex => kbIndexOf(STARTER_KB, { synonyms: SYNONYMS });
