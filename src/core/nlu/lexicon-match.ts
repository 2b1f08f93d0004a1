import { PARAPHRASES } from './data/paraphrases.js';
import { SYNONYMS } from './data/synonyms.js';
import type { Rng } from '../random.js';
import { normalizeText } from './normalize.js';

/**
 * Finance lexicon matching: every term of a group (synonyms and colloquial ↔ formal paraphrases) found in a
 * normalised text yields that group's concept id, so 卖掉 / 取出来 / 赎回 all stand for one concept. Matching is
 * leftmost-longest over one alternation (longer terms first), so 卖掉 wins over 卖 and 卡玛 over 卡; Latin
 * terms match whole words only (sip does not fire inside gossip). A term listed in several groups stands for
 * each of them.
 */
export type Lexicon = {
  pattern: RegExp | null;
  /** Normalised term → group ids. */
  groups: Map<string, number[]>;
  /** Group names (first term of each group). */
  names: string[];
  /** Normalised terms of each group. */
  members: string[][];
};

const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const compileLexicon = (groupsIn: readonly (readonly string[])[]): Lexicon => {
  const groups = new Map<string, number[]>();
  const names: string[] = [];
  const members: string[][] = [];
  groupsIn.forEach((g, i) => {
    names.push(g[0] ?? '');
    members.push([]);
    for (const term of g) {
      const t = normalizeText(term);
      if (t === '') continue;
      if (!members[i]!.includes(t)) members[i]!.push(t);
      const ids = groups.get(t) ?? [];
      if (!ids.includes(i)) ids.push(i);
      groups.set(t, ids);
    }
  });
  if (groups.size === 0) return { pattern: null, groups, names, members };
  const alternatives = [...groups.keys()]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((t) => (/^[a-z0-9 ]+$/.test(t) ? `(?<![a-z0-9])${escape(t)}(?![a-z0-9])` : escape(t)));
  return { pattern: new RegExp(alternatives.join('|'), 'g'), groups, names, members };
};

/** Concept ids found in a normalised text, each once, in order of first appearance. */
export const conceptIds = (text: string, lexicon: Lexicon): number[] => {
  if (lexicon.pattern === null) return [];
  const out: number[] = [];
  for (const m of text.matchAll(lexicon.pattern)) {
    for (const g of lexicon.groups.get(m[0]) ?? []) if (!out.includes(g)) out.push(g);
  }
  return out;
};

/**
 * A paraphrase of a normalised text for training augmentation: each lexicon term found is swapped, with
 * probability `rate`, for another Chinese term of (one of) its groups (赎回 → 卖掉). Null when nothing changed.
 */
export const paraphrase = (text: string, lexicon: Lexicon, rng: Rng, rate = 0.5): string | null => {
  if (lexicon.pattern === null) return null;
  let changed = false;
  const out = text.replace(lexicon.pattern, (m) => {
    if (rng.next() >= rate) return m;
    const ids = lexicon.groups.get(m) ?? [];
    const options = ids
      .flatMap((g) => lexicon.members[g]!)
      .filter((t) => t !== m && /^[\u3400-\u9fff]+$/.test(t));
    if (options.length === 0) return m;
    changed = true;
    return options[rng.int(options.length)]!;
  });
  return changed ? out : null;
};

let finance: Lexicon | null = null;

/** The built-in finance lexicon: SYNONYMS followed by PARAPHRASES (compiled once, on first use). */
export const financeLexicon = (): Lexicon => (finance ??= compileLexicon([...SYNONYMS, ...PARAPHRASES]));
