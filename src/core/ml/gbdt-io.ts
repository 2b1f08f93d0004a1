import { badInput } from '../errors.js';
import type { GbdtModel } from './gbdt.js';
import type { Tree } from './gbdt-tree.js';

/** JSON form of a GBDT (numbers round-trip exactly through JSON's shortest decimal form). */
export type GbdtJson = {
  objective: 'binary' | 'l2';
  initScore: number;
  numFeatures: number;
  categorical: boolean[];
  monotone: number[];
  bestIteration: number;
  trees: Array<{
    feature: number[];
    threshold: Array<number | null>;
    defaultLeft: number[];
    categories: Array<number[] | null>;
    left: number[];
    right: number[];
    gain: number[];
    cover: number[];
    leafValue: number[];
    leafCover: number[];
  }>;
};

export const gbdtToJson = (m: GbdtModel): GbdtJson => ({
  objective: m.objective,
  initScore: m.initScore,
  numFeatures: m.numFeatures,
  categorical: m.categorical,
  monotone: m.monotone,
  bestIteration: m.bestIteration,
  trees: m.trees.map((t) => ({
    feature: [...t.feature],
    threshold: [...t.threshold].map((v) => (Number.isNaN(v) ? null : v)),
    defaultLeft: [...t.defaultLeft],
    categories: t.categories.map((c) => (c ? [...c] : null)),
    left: [...t.left],
    right: [...t.right],
    gain: [...t.gain],
    cover: [...t.cover],
    leafValue: [...t.leafValue],
    leafCover: [...t.leafCover],
  })),
});

const nums = (v: unknown, field: string): number[] => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number'))
    throw badInput(field, 'must be an array of numbers');
  return v as number[];
};

/** Reads a GBDT back from JSON, checking the tree structure so that prediction cannot run off the arrays. */
export const gbdtFromJson = (j: GbdtJson): GbdtModel => {
  if (j.objective !== 'binary' && j.objective !== 'l2')
    throw badInput('model.objective', 'must be binary or l2');
  if (!Array.isArray(j.trees)) throw badInput('model.trees', 'must be an array');
  const trees: Tree[] = j.trees.map((t, k) => {
    const f = `model.trees[${k}]`;
    const feature = Int32Array.from(nums(t.feature, `${f}.feature`));
    const m = feature.length;
    const left = Int32Array.from(nums(t.left, `${f}.left`));
    const right = Int32Array.from(nums(t.right, `${f}.right`));
    const leafValue = Float64Array.from(nums(t.leafValue, `${f}.leafValue`));
    const L = leafValue.length;
    const okChild = (c: number): boolean => (c >= 0 ? c < m : ~c < L);
    if (left.length !== m || right.length !== m || (m > 0 && L !== m + 1) || (m === 0 && L !== 1)) {
      throw badInput(f, 'node arrays have inconsistent lengths');
    }
    if (![...left, ...right].every(okChild) || feature.some((x) => x < 0 || x >= j.numFeatures)) {
      throw badInput(f, 'has a child or feature index out of range');
    }
    return {
      feature,
      threshold: Float64Array.from(t.threshold, (v) => (v === null ? NaN : v)),
      defaultLeft: Uint8Array.from(nums(t.defaultLeft, `${f}.defaultLeft`)),
      categories: t.categories.map((c) => (c ? Int32Array.from(c) : null)),
      left,
      right,
      gain: Float64Array.from(nums(t.gain, `${f}.gain`)),
      cover: Float64Array.from(nums(t.cover, `${f}.cover`)),
      leafValue,
      leafCover: Float64Array.from(nums(t.leafCover, `${f}.leafCover`)),
    };
  });
  return {
    objective: j.objective,
    initScore: j.initScore,
    numFeatures: j.numFeatures,
    categorical: j.categorical,
    monotone: j.monotone,
    trees,
    bestIteration: j.bestIteration,
    validLoss: [],
  };
};
