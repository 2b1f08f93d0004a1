/**
 * Aho–Corasick multi-pattern matcher (Aho & Corasick 1975) over UTF-16 code units: one pass over the text
 * finds every occurrence of every pattern, in O(text + matches) after an O(Σ pattern) build. Transitions
 * live in one Map keyed by node × 65536 + code unit, which keeps the automaton compact for CJK alphabets.
 */
export type Automaton = {
  readonly patternLengths: Int32Array;
  readonly goto: Map<number, number>;
  readonly fail: Int32Array;
  /** Pattern ids ending at each node, including those of its dictionary-suffix chain. */
  readonly out: ReadonlyArray<readonly number[]>;
};

const key = (node: number, code: number): number => node * 65536 + code;

export const buildAutomaton = (patterns: readonly string[]): Automaton => {
  const goto = new Map<number, number>();
  const children: number[][] = [[]];
  const own: number[][] = [[]];
  patterns.forEach((p, id) => {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      const k = key(node, p.charCodeAt(i));
      let next = goto.get(k);
      if (next === undefined) {
        next = children.length;
        goto.set(k, next);
        children.push([]);
        own.push([]);
        children[node]!.push(p.charCodeAt(i));
      }
      node = next;
    }
    if (p.length > 0) own[node]!.push(id);
  });
  const n = children.length;
  const fail = new Int32Array(n);
  const out: number[][] = own.map((o) => [...o]);
  const queue: number[] = [];
  for (const c of children[0]!) queue.push(goto.get(key(0, c))!);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const c of children[node]!) {
      const child = goto.get(key(node, c))!;
      let f = fail[node]!;
      while (f !== 0 && !goto.has(key(f, c))) f = fail[f]!;
      const target = goto.get(key(f, c));
      fail[child] = target !== undefined && target !== child ? target : 0;
      out[child] = [...out[child]!, ...out[fail[child]]!];
      queue.push(child);
    }
  }
  return { patternLengths: Int32Array.from(patterns, (p) => p.length), goto, fail, out };
};

/** Calls `onMatch(patternId, start, end)` for every occurrence (end exclusive), in order of `end`. */
export const scanAutomaton = (
  a: Automaton,
  text: string,
  onMatch: (patternId: number, start: number, end: number) => void,
): void => {
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let next = a.goto.get(key(node, c));
    while (next === undefined && node !== 0) {
      node = a.fail[node]!;
      next = a.goto.get(key(node, c));
    }
    node = next ?? 0;
    const hits = a.out[node]!;
    for (let h = 0; h < hits.length; h++) {
      const id = hits[h]!;
      onMatch(id, i + 1 - a.patternLengths[id]!, i + 1);
    }
  }
};
