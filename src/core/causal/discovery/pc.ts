import { badInput } from '../../errors.js';
import type { CiTest } from './ci-tests.js';

/**
 * A partially directed graph on p nodes: g[a·p + b] = 1 when there is a mark from a to b. Both g[a,b] and
 * g[b,a] set → undirected a — b; only g[a,b] → a → b; neither → not adjacent.
 */
export type Pdag = { p: number; g: Uint8Array };

export const adjacent = (G: Pdag, a: number, b: number): boolean =>
  G.g[a * G.p + b] === 1 || G.g[b * G.p + a] === 1;
export const directed = (G: Pdag, a: number, b: number): boolean =>
  G.g[a * G.p + b] === 1 && G.g[b * G.p + a] === 0;
export const undirected = (G: Pdag, a: number, b: number): boolean =>
  G.g[a * G.p + b] === 1 && G.g[b * G.p + a] === 1;
const orient = (G: Pdag, a: number, b: number): void => {
  G.g[a * G.p + b] = 1;
  G.g[b * G.p + a] = 0;
};

const neighbours = (G: Pdag, a: number): number[] => {
  const out: number[] = [];
  for (let b = 0; b < G.p; b++) if (b !== a && adjacent(G, a, b)) out.push(b);
  return out;
};

/** All subsets of `items` of size k (lexicographic). */
const subsets = function* (items: readonly number[], k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > items.length) return;
  for (;;) {
    yield idx.map((i) => items[i]!);
    let i = k - 1;
    while (i >= 0 && idx[i] === items.length - k + i) i--;
    if (i < 0) return;
    idx[i]! += 1;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
};

export type Skeleton = { graph: Pdag; sepsets: Map<number, number[]>; tests: number };

const key = (a: number, b: number, p: number): number => Math.min(a, b) * p + Math.max(a, b);

/**
 * PC-stable skeleton (Colombo & Maathuis 2014): at each level ℓ the adjacency sets are frozen first, so the
 * result does not depend on the order of the variables. An edge a — b is removed when some S ⊆ adj(a)∖{b}
 * with |S| = ℓ gives p > alpha; S is kept as the separating set.
 */
export const pcSkeleton = (p: number, test: CiTest, alpha: number, maxDepth = Infinity): Skeleton => {
  if (!(alpha > 0 && alpha < 1)) throw badInput('--alpha', 'expected a number in (0, 1)');
  const G: Pdag = { p, g: new Uint8Array(p * p).fill(1) };
  for (let a = 0; a < p; a++) G.g[a * p + a] = 0;
  const sepsets = new Map<number, number[]>();
  let tests = 0;
  for (let level = 0; level <= Math.min(maxDepth, p - 2); level++) {
    const frozen = Array.from({ length: p }, (_, a) => neighbours(G, a));
    let any = false;
    for (let a = 0; a < p; a++) {
      for (const b of frozen[a]!) {
        if (!adjacent(G, a, b)) continue;
        const cand = frozen[a]!.filter((c) => c !== b);
        if (cand.length < level) continue;
        any = true;
        for (const s of subsets(cand, level)) {
          tests++;
          if (test(a, b, s) > alpha) {
            G.g[a * p + b] = 0;
            G.g[b * p + a] = 0;
            sepsets.set(key(a, b, p), s);
            break;
          }
        }
      }
    }
    if (!any) break;
  }
  return { graph: G, sepsets, tests };
};

/**
 * Orientation: (1) background tiers — an edge between different tiers points from the earlier tier to the
 * later one; (2) v-structures a → c ← b for non-adjacent a, b whose separating set lacks c (unless the tiers
 * forbid it); (3) Meek's rules R1–R3 (Meek 1995) until nothing changes.
 */
export const orientPdag = (sk: Skeleton, tier: readonly number[]): Pdag => {
  const G: Pdag = { p: sk.graph.p, g: sk.graph.g.slice() };
  const p = G.p;
  const allowed = (a: number, b: number): boolean => tier[a]! <= tier[b]!;
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) if (a !== b && adjacent(G, a, b) && tier[a]! < tier[b]!) orient(G, a, b);
  for (let c = 0; c < p; c++) {
    const nb = neighbours(G, c);
    for (let i = 0; i < nb.length; i++) {
      for (let j = i + 1; j < nb.length; j++) {
        const a = nb[i]!;
        const b = nb[j]!;
        if (adjacent(G, a, b)) continue;
        const sep = sk.sepsets.get(key(a, b, p)) ?? [];
        if (sep.includes(c)) continue;
        if (!allowed(a, c) || !allowed(b, c)) continue;
        if (directed(G, c, a) || directed(G, c, b)) continue; // keep earlier orientations (no bidirected)
        orient(G, a, c);
        orient(G, b, c);
      }
    }
  }
  meek(G);
  return G;
};

/** Meek rules R1–R3 applied to a fixpoint. */
const meek = (G: Pdag): void => {
  const p = G.p;
  let changed = true;
  while (changed) {
    changed = false;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        if (a === b || !undirected(G, a, b)) continue;
        let orientAB = false;
        for (let c = 0; c < p && !orientAB; c++) {
          if (c === a || c === b) continue;
          // R1: c → a — b, c and b non-adjacent ⇒ a → b
          if (directed(G, c, a) && !adjacent(G, c, b)) orientAB = true;
          // R2: a → c → b and a — b ⇒ a → b
          if (directed(G, a, c) && directed(G, c, b)) orientAB = true;
        }
        // R3: a — c → b, a — d → b, c and d non-adjacent ⇒ a → b
        if (!orientAB) {
          const cs: number[] = [];
          for (let c = 0; c < p; c++)
            if (c !== a && c !== b && undirected(G, a, c) && directed(G, c, b)) cs.push(c);
          for (let i = 0; i < cs.length && !orientAB; i++)
            for (let j = i + 1; j < cs.length; j++) if (!adjacent(G, cs[i]!, cs[j]!)) orientAB = true;
        }
        if (orientAB) {
          orient(G, a, b);
          changed = true;
        }
      }
    }
  }
};

/**
 * A DAG consistent with the PDAG (Dor & Tarsi 1992): repeatedly remove a sink x whose undirected neighbours
 * are adjacent to all of x's other neighbours, orienting its undirected edges into x. When no such node
 * exists (the PDAG admits no extension), the remaining undirected edges follow the tier and column order.
 */
export const extendToDag = (P: Pdag, tier: readonly number[]): Pdag => {
  const G: Pdag = { p: P.p, g: P.g.slice() };
  const p = G.p;
  const work: Pdag = { p, g: P.g.slice() };
  const alive = new Set(Array.from({ length: p }, (_, i) => i));
  while (alive.size > 0) {
    let pick = -1;
    for (const x of alive) {
      const out = [...alive].some((y) => directed(work, x, y));
      if (out) continue;
      const nb = [...alive].filter((y) => y !== x && adjacent(work, x, y));
      const und = nb.filter((y) => undirected(work, x, y));
      if (und.every((y) => nb.every((z) => z === y || adjacent(work, y, z)))) {
        pick = x;
        break;
      }
    }
    if (pick < 0) break;
    for (const y of alive) if (y !== pick && undirected(work, pick, y)) orient(G, y, pick);
    for (let y = 0; y < p; y++) {
      work.g[pick * p + y] = 0;
      work.g[y * p + pick] = 0;
    }
    alive.delete(pick);
  }
  for (let a = 0; a < p; a++)
    for (let b = a + 1; b < p; b++) {
      if (!undirected(G, a, b)) continue;
      if (tier[a]! <= tier[b]!) orient(G, a, b);
      else orient(G, b, a);
    }
  return G;
};
