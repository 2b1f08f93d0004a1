/**
 * Best-split search over gradient histograms (second-order gain of XGBoost, Chen & Guestrin 2016, eq. 7;
 * categorical partitions sorted by gradient statistics as in LightGBM, Ke et al. 2017).
 * Histogram layout (gbdt-kernel.ts): one Float64Array per leaf; feature f's bin b is at f·HIST_STRIDE + 3·b and
 * holds (Σg, Σh, count).
 */
import { HIST_STRIDE } from './gbdt-kernel.js';

export type SplitConfig = {
  lambdaL2: number;
  minDataInLeaf: number;
  minSumHessian: number;
  minGainToSplit: number;
  /** Added to the denominator when ordering categories by Σg/Σh. */
  catSmooth: number;
  /** Extra L2 used when scoring categorical partitions (guards against over-fitting many categories). */
  catL2: number;
  maxCatThreshold: number;
  /** Categorical features with at most this many categories use one-vs-rest splits. */
  maxCatToOnehot: number;
  minDataPerGroup: number;
};

export type LeafStats = { g: number; h: number; c: number; lo: number; hi: number };

export type Split = {
  gain: number;
  feature: number;
  thresholdBin: number;
  defaultLeft: boolean;
  /** For categorical splits: mask over bins, 1 = left. */
  catMask: Uint8Array | null;
  lg: number;
  lh: number;
  lc: number;
  rg: number;
  rh: number;
  rc: number;
};

/** Newton leaf value w = −G/(H+λ), clipped to the monotone bounds [lo, hi]. */
export const leafOutput = (g: number, h: number, lambda: number, lo: number, hi: number): number => {
  const w = -g / (h + lambda);
  return w < lo ? lo : w > hi ? hi : w;
};

/** Loss reduction of a leaf with value w: −(2Gw + (H+λ)w²); equals G²/(H+λ) at the unclipped optimum. */
export const leafGain = (g: number, h: number, lambda: number, w: number): number =>
  -(2 * g * w + (h + lambda) * w * w);

type Ctx = {
  hist: Float64Array;
  leaf: LeafStats;
  cfg: SplitConfig;
  parentGain: number;
  best: Split | null;
};

const consider = (
  ctx: Ctx,
  f: number,
  lg: number,
  lh: number,
  lc: number,
  mono: number,
  lambda: number,
): number => {
  const { leaf, cfg } = ctx;
  const rc = leaf.c - lc;
  const rh = leaf.h - lh;
  if (lc < cfg.minDataInLeaf || rc < cfg.minDataInLeaf) return -Infinity;
  if (lh < cfg.minSumHessian || rh < cfg.minSumHessian) return -Infinity;
  const rg = leaf.g - lg;
  const wl = leafOutput(lg, lh, lambda, leaf.lo, leaf.hi);
  const wr = leafOutput(rg, rh, lambda, leaf.lo, leaf.hi);
  if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) return -Infinity;
  const gain = leafGain(lg, lh, lambda, wl) + leafGain(rg, rh, lambda, wr) - ctx.parentGain;
  if (!(gain > cfg.minGainToSplit) || (ctx.best !== null && gain <= ctx.best.gain)) return -Infinity;
  ctx.best = {
    gain,
    feature: f,
    thresholdBin: 0,
    defaultLeft: false,
    catMask: null,
    lg,
    lh,
    lc,
    rg,
    rh,
    rc,
  };
  return gain;
};

const scanNumeric = (ctx: Ctx, f: number, nb: number, mono: number): void => {
  const h = ctx.hist;
  const base = f * HIST_STRIDE;
  const mg = h[base]!;
  const mh = h[base + 1]!;
  const mc = h[base + 2]!;
  const lambda = ctx.cfg.lambdaL2;
  let ag = 0;
  let ah = 0;
  let ac = 0;
  for (let b = 1; b < nb - 1; b++) {
    const o = base + b * 3;
    // An empty bin splits the rows exactly as the bin before it, whose gain it could only tie: skip it.
    if (h[o + 2] === 0) continue;
    ag += h[o]!;
    ah += h[o + 1]!;
    ac += h[o + 2]!;
    if (consider(ctx, f, ag, ah, ac, mono, lambda) > -Infinity) {
      ctx.best!.thresholdBin = b;
      // Without missing values in training, unseen missing values follow the larger child.
      ctx.best!.defaultLeft = mc === 0 && ac >= ctx.leaf.c - ac;
    }
    if (mc > 0 && consider(ctx, f, ag + mg, ah + mh, ac + mc, mono, lambda) > -Infinity) {
      ctx.best!.thresholdBin = b;
      ctx.best!.defaultLeft = true;
    }
  }
};

const scanCategorical = (ctx: Ctx, f: number, nb: number): void => {
  const h = ctx.hist;
  const base = f * HIST_STRIDE;
  const { cfg } = ctx;
  const used: number[] = [];
  for (let b = 1; b < nb; b++) if (h[base + b * 3 + 2]! >= Math.max(1, cfg.minDataPerGroup)) used.push(b);
  if (used.length < 1) return;
  const take = (set: number[]): void => {
    let lg = 0;
    let lh = 0;
    let lc = 0;
    for (const b of set) {
      lg += h[base + b * 3]!;
      lh += h[base + b * 3 + 1]!;
      lc += h[base + b * 3 + 2]!;
    }
    const lambda = used.length <= cfg.maxCatToOnehot ? cfg.lambdaL2 : cfg.lambdaL2 + cfg.catL2;
    if (consider(ctx, f, lg, lh, lc, 0, lambda) > -Infinity) {
      const mask = new Uint8Array(256);
      for (const b of set) mask[b] = 1;
      ctx.best!.catMask = mask;
      ctx.best!.defaultLeft = false;
    }
  };
  if (used.length <= cfg.maxCatToOnehot) {
    for (const b of used) take([b]);
    return;
  }
  const ratio = (b: number): number => h[base + b * 3]! / (h[base + b * 3 + 1]! + cfg.catSmooth);
  used.sort((a, b) => ratio(a) - ratio(b));
  const limit = Math.min(cfg.maxCatThreshold, Math.floor((used.length + 1) / 2));
  for (const seq of [used, [...used].reverse()]) {
    for (let k = 1; k <= limit; k++) take(seq.slice(0, k));
  }
};

/**
 * Best split of a leaf over the given features, or null when none gains more than minGainToSplit.
 * `monotone[f]` ∈ {−1, 0, 1} constrains the left/right outputs (1: left ≤ right).
 */
export const findBestSplit = (
  hist: Float64Array,
  leaf: LeafStats,
  features: Int32Array,
  binCounts: Int32Array,
  categorical: Uint8Array,
  monotone: Int8Array,
  cfg: SplitConfig,
): Split | null => {
  const w = leafOutput(leaf.g, leaf.h, cfg.lambdaL2, leaf.lo, leaf.hi);
  const ctx: Ctx = {
    hist,
    leaf,
    cfg,
    parentGain: leafGain(leaf.g, leaf.h, cfg.lambdaL2, w),
    best: null,
  };
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    if (categorical[f] === 1) scanCategorical(ctx, f, binCounts[f]!);
    else scanNumeric(ctx, f, binCounts[f]!, monotone[f]!);
  }
  return ctx.best;
};
