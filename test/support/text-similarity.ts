/**
 * Near-duplicate checks of the language data's tests (the evaluation set must not leak into training data):
 * squashed text, character bigrams and their Jaccard similarity.
 */

/** Strip punctuation, spaces and case so that trivial variants compare equal. */
export const squash = (s: string): string =>
  s.toLowerCase().replace(/[\s，。？！,.?!~、：:；;"“”'‘’（）()]/g, '');

/** Character bigram set of a squashed string (the whole string when shorter than 2). */
export const bigrams = (s: string): Set<string> => {
  const t = squash(s);
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i += 1) out.add(t.slice(i, i + 2));
  if (t.length < 2) out.add(t);
  return out;
};

/** Jaccard similarity of two sets. */
export const jaccard = (a: Set<string>, b: Set<string>): number => {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter += 1;
  return inter / (a.size + b.size - inter);
};
