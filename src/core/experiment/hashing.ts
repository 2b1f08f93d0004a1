/**
 * Deterministic assignment hashing, conformant to the GrowthBook SDK spec (cases.json 0.8.0): 32-bit
 * FNV-1a over UTF-16 code units; v1 = (fnv(value + seed) mod 1000)/1000, v2 =
 * (fnv(String(fnv(seed + value))) mod 10000)/10000; other versions → null.
 */
export const fnv1a32 = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
};

export const hashToUnit = (seed: string, value: string, version: number): number | null => {
  if (version === 2) return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
  if (version === 1) return (fnv1a32(value + seed) % 1000) / 1000;
  return null;
};

/** Equal weights 1/n for n variations (empty for n ≤ 0). */
export const equalWeights = (n: number): number[] => (n <= 0 ? [] : new Array<number>(n).fill(1 / n));

/**
 * Bucket ranges [start, start + coverage·w) of each variation on the unit interval. Coverage is clamped
 * to [0, 1]; weights of the wrong length or summing outside [0.99, 1.01] fall back to equal weights.
 */
export const bucketRanges = (
  numVariations: number,
  coverage: number,
  weights?: readonly number[] | null,
): Array<[number, number]> => {
  const cov = Math.min(1, Math.max(0, coverage));
  let w: readonly number[] = weights ?? equalWeights(numVariations);
  if (w.length !== numVariations) w = equalWeights(numVariations);
  const total = w.reduce((s, x) => s + x, 0);
  if (total < 0.99 || total > 1.01) w = equalWeights(numVariations);
  let cumulative = 0;
  return w.map((x) => {
    const start = cumulative;
    cumulative += x;
    return [start, start + cov * x];
  });
};

/** Index of the range that contains n (half-open), or −1 when n falls outside every range. */
export const chooseVariation = (n: number, ranges: ReadonlyArray<readonly [number, number]>): number => {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (n >= r[0] && n < r[1]) return i;
  }
  return -1;
};

/** Namespace membership: hash("__" + id, value, v1) ∈ [start, end). */
export const inNamespace = (hashValue: string, ns: readonly [string, number, number]): boolean => {
  const n = hashToUnit('__' + ns[0], hashValue, 1);
  return n !== null && n >= ns[1] && n < ns[2];
};

/** Variation of a unit: hash the unit id, then pick the bucket range that contains it. */
export const assignVariation = (
  seed: string,
  unitId: string,
  numVariations: number,
  opts: { coverage?: number; weights?: readonly number[]; hashVersion?: 1 | 2 } = {},
): number => {
  const n = hashToUnit(seed, unitId, opts.hashVersion ?? 2);
  if (n === null) return -1;
  return chooseVariation(n, bucketRanges(numVariations, opts.coverage ?? 1, opts.weights ?? null));
};
