/**
 * Path bookkeeping shared by the TreeSHAP variants (Lundberg et al. 2018, Algorithm 2: EXTEND and the
 * UNWIND-based weight sum). A path holds, per element, the feature, its zero fraction (share of training
 * cover that follows the path) and one fraction (1 when the explained row follows it), and the weights
 * of the subsets of each size.
 */
/** Path arrays of the algorithm, one slot per (depth level, element), reused across rows. */
export type PathBuffers = { feat: Int32Array; zero: Float64Array; one: Float64Array; w: Float64Array };

export const makeBuffers = (depth: number): PathBuffers => {
  const size = ((depth + 2) * (depth + 3)) / 2 + depth + 2;
  return {
    feat: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    w: new Float64Array(size),
  };
};

export const extendPath = (
  b: PathBuffers,
  o: number,
  d: number,
  zero: number,
  one: number,
  feature: number,
): void => {
  b.feat[o + d] = feature;
  b.zero[o + d] = zero;
  b.one[o + d] = one;
  b.w[o + d] = d === 0 ? 1 : 0;
  for (let i = d - 1; i >= 0; i--) {
    b.w[o + i + 1] = b.w[o + i + 1]! + (one * b.w[o + i]! * (i + 1)) / (d + 1);
    b.w[o + i] = (zero * b.w[o + i]! * (d - i)) / (d + 1);
  }
};

/** Σ of the path weights with element k removed (without modifying the path). */
export const unwoundSum = (b: PathBuffers, o: number, d: number, k: number): number => {
  const one = b.one[o + k]!;
  const zero = b.zero[o + k]!;
  let next = b.w[o + d]!;
  let total = 0;
  for (let i = d - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (d + 1)) / ((i + 1) * one);
      total += tmp;
      next = b.w[o + i]! - (tmp * zero * (d - i)) / (d + 1);
    } else if (zero !== 0) {
      total += b.w[o + i]! / zero / ((d - i) / (d + 1));
    }
  }
  return total;
};
