import { badInput } from '../errors.js';
import { createRng } from '../random.js';
import type { Rng } from '../random.js';
import { applyBinMapper, binCount, fitBinMapper } from './gbdt-binning.js';
import type { BinMapper } from './gbdt-binning.js';
import { createArena } from './gbdt-arena.js';
import type { Arena } from './gbdt-arena.js';
import { createWorkspace, growTree } from './gbdt-grow.js';
import type { GrowConfig, GrowData, GrownTree, GrowWorkspace, HistogramStrategy } from './gbdt-grow.js';
import { addTreeOutput, leafOfBinnedRow } from './gbdt-tree.js';
import type { Tree } from './gbdt-tree.js';
import { gradientRange } from './gbdt-objective.js';
import type { GbdtObjective } from './gbdt-objective.js';
import { sigmoid } from './linear.js';

/**
 * Gradient-boosted decision trees with Newton steps on histograms (Friedman 2001; Chen & Guestrin 2016;
 * Ke et al. 2017). Objectives: `binary` (log loss on the logit scale) and `l2` (squared error).
 */
export type { GbdtObjective } from './gbdt-objective.js';

export type GbdtParams = {
  objective: GbdtObjective;
  numRounds: number;
  learningRate: number;
  numLeaves: number;
  /** ≤ 0: unlimited. */
  maxDepth: number;
  minDataInLeaf: number;
  minSumHessian: number;
  lambdaL2: number;
  minGainToSplit: number;
  maxBin: number;
  /** Fraction of rows drawn (without replacement, Bernoulli) every `baggingFreq` rounds; 1 = no bagging. */
  baggingFraction: number;
  baggingFreq: number;
  /** Fraction of features drawn per tree. */
  featureFraction: number;
  /** Stop when the validation loss has not improved for this many rounds (needs a validation set). */
  earlyStoppingRounds: number;
  seed: number;
  catSmooth: number;
  catL2: number;
  maxCatThreshold: number;
  maxCatToOnehot: number;
  minDataPerGroup: number;
};

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  objective: 'binary',
  numRounds: 100,
  learningRate: 0.1,
  numLeaves: 31,
  maxDepth: -1,
  minDataInLeaf: 20,
  minSumHessian: 1e-3,
  lambdaL2: 0,
  minGainToSplit: 0,
  maxBin: 255,
  baggingFraction: 1,
  baggingFreq: 0,
  featureFraction: 1,
  earlyStoppingRounds: 0,
  seed: 0,
  catSmooth: 10,
  catL2: 10,
  maxCatThreshold: 32,
  maxCatToOnehot: 4,
  minDataPerGroup: 20,
};

export type GbdtModel = {
  objective: GbdtObjective;
  initScore: number;
  numFeatures: number;
  categorical: boolean[];
  monotone: number[];
  trees: Tree[];
  /** Number of trees kept (the best validation round when early stopping was used). */
  bestIteration: number;
  /** Validation loss per round, when a validation set was given. */
  validLoss: number[];
};

export type GbdtValidation = { x: Float64Array; n: number; y: Float64Array; weights?: Float64Array };

export type GbdtTrainOptions = {
  params?: Partial<GbdtParams>;
  weights?: Float64Array;
  /** Per feature: true when the column holds integer category codes (NaN = missing). */
  categorical?: readonly boolean[];
  /** Per feature: −1 (output must not increase with the feature), 0, or +1. */
  monotone?: readonly number[];
  valid?: GbdtValidation;
  /** How histograms are built (e.g. across worker threads); default: in this thread. */
  histograms?: HistogramStrategy;
};

const checkParams = (q: GbdtParams): void => {
  const pos = (k: keyof GbdtParams, v: number, ok: boolean, what: string): void => {
    if (!ok) throw badInput(k, `${what}, got ${v}`);
  };
  pos('numRounds', q.numRounds, Number.isInteger(q.numRounds) && q.numRounds >= 1, 'must be an integer ≥ 1');
  pos('learningRate', q.learningRate, q.learningRate > 0 && q.learningRate <= 1, 'must be in (0, 1]');
  pos('numLeaves', q.numLeaves, Number.isInteger(q.numLeaves) && q.numLeaves >= 2, 'must be an integer ≥ 2');
  pos('lambdaL2', q.lambdaL2, q.lambdaL2 >= 0, 'must be ≥ 0');
  pos(
    'baggingFraction',
    q.baggingFraction,
    q.baggingFraction > 0 && q.baggingFraction <= 1,
    'must be in (0, 1]',
  );
  pos(
    'featureFraction',
    q.featureFraction,
    q.featureFraction > 0 && q.featureFraction <= 1,
    'must be in (0, 1]',
  );
};

/** Mean loss: log loss for binary (on raw scores), squared error for l2. */
export const objectiveLoss = (
  obj: GbdtObjective,
  y: Float64Array,
  s: Float64Array,
  w?: Float64Array,
): number => {
  let sum = 0;
  let ws = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    const z = s[i]!;
    const l =
      obj === 'binary' ? Math.max(z, 0) - z * y[i]! + Math.log1p(Math.exp(-Math.abs(z))) : (z - y[i]!) ** 2;
    sum += wi * l;
    ws += wi;
  }
  return sum / ws;
};

const initialScore = (obj: GbdtObjective, y: Float64Array, w?: Float64Array): number => {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * y[i]!;
    ws += wi;
  }
  const m = s / ws;
  if (obj === 'l2') return m;
  const q = Math.min(Math.max(m, 1e-12), 1 - 1e-12);
  return Math.log(q / (1 - q));
};

/** Turns a grown (binned) tree into a model tree with raw thresholds and shrunken leaf values. */
const finishTree = (g: GrownTree, mapper: BinMapper, lr: number): Tree => {
  const m = g.feature.length;
  const threshold = new Float64Array(m);
  const categories: Array<Int32Array | null> = [];
  for (let k = 0; k < m; k++) {
    const fb = mapper.features[g.feature[k]!]!;
    const mask = g.catMask[k];
    if (fb.kind === 'categorical' && mask) {
      const codes: number[] = [];
      fb.codes.forEach((code, b) => {
        if (mask[b + 1] === 1) codes.push(code);
      });
      categories.push(Int32Array.from(codes.sort((a, b) => a - b)));
      threshold[k] = NaN;
    } else if (fb.kind === 'numeric') {
      categories.push(null);
      threshold[k] = fb.upper[g.thresholdBin[k]! - 1]!;
    }
  }
  return {
    feature: Int32Array.from(g.feature),
    threshold,
    defaultLeft: Uint8Array.from(g.defaultLeft, (b) => (b ? 1 : 0)),
    categories,
    left: Int32Array.from(g.left),
    right: Int32Array.from(g.right),
    gain: Float64Array.from(g.gain),
    cover: Float64Array.from(g.cover),
    leafValue: g.leafValue.map((v) => v * lr),
    leafCover: g.leafCover,
    binned: { thresholdBin: Int32Array.from(g.thresholdBin), catMask: g.catMask },
  };
};

const drawFeatures = (p: number, frac: number, rng: Rng): Int32Array => {
  const all = Int32Array.from({ length: p }, (_, i) => i);
  if (frac >= 1) return all;
  const k = Math.max(1, Math.round(frac * p));
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(p - i);
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.subarray(0, k).sort();
};

const drawBag = (n: number, frac: number, rng: Rng, bag: Int32Array): number => {
  let m = 0;
  for (let i = 0; i < n; i++) if (rng.next() < frac) bag[m++] = i;
  return m;
};

const validate = (
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  q: GbdtParams,
  o: GbdtTrainOptions,
): void => {
  if (x.length !== n * p) throw badInput('X', `has ${x.length} values, expected n·p = ${n * p}`);
  if (y.length !== n) throw badInput('y', `has ${y.length} values, expected ${n}`);
  if (n < 2) throw badInput('X', 'needs at least 2 rows');
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (q.objective === 'binary' ? v !== 0 && v !== 1 : !Number.isFinite(v)) {
      throw badInput(
        'y',
        `row ${i}: ${v} is not ${q.objective === 'binary' ? 'a 0/1 label' : 'a finite number'}`,
      );
    }
  }
  if (o.weights && o.weights.length !== n)
    throw badInput('weights', `has ${o.weights.length} values, expected ${n}`);
  if (o.monotone && o.monotone.some((m) => m !== -1 && m !== 0 && m !== 1)) {
    throw badInput('monotone', 'each entry must be −1, 0 or 1');
  }
};

/** Column-major copy of row-major bins, in blocks of rows so both sides stay in cache. */
const transposeBins = (bins: Uint8Array, n: number, p: number, cols: Uint8Array): void => {
  const B = 4096;
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    for (let j = 0; j < p; j++) {
      for (let i = i0, o = i0 * p + j, c = j * n + i0; i < i1; i++, o += p, c++) cols[c] = bins[o]!;
    }
  }
};

/** Bins X into a fresh arena (shared memory when a threaded strategy will read it). */
const prepare = (x: Float64Array, n: number, p: number, q: GbdtParams, opts: GbdtTrainOptions) => {
  const categorical = Array.from({ length: p }, (_, j) => opts.categorical?.[j] === true);
  const monotone = Array.from({ length: p }, (_, j) => (categorical[j] ? 0 : (opts.monotone?.[j] ?? 0)));
  const mapper = fitBinMapper(x, n, p, categorical, q.maxBin);
  const binCounts = Int32Array.from(mapper.features, binCount);
  const arena = createArena(n, q.numLeaves, binCounts, opts.histograms !== undefined);
  applyBinMapper(mapper, x, n, arena.bins);
  transposeBins(arena.bins, n, p, arena.cols);
  const data: GrowData = {
    bins: arena.bins,
    p,
    grad: arena.grad,
    hess: arena.hess,
    binCounts,
    categorical: Uint8Array.from(categorical, (c) => (c ? 1 : 0)),
    monotone: Int8Array.from(monotone),
  };
  return { categorical, monotone, mapper, data, arena };
};

/**
 * Adds a new tree to the training scores: in-bag rows through the leaf row ranges of the growth partition
 * (no traversal needed), out-of-bag rows by traversing the binned matrix.
 */
const addToScores = (
  tree: Tree,
  grown: GrownTree,
  arena: Arena,
  inBag: Uint8Array | null,
  data: GrowData,
): void => {
  for (let l = 0; l < tree.leafValue.length; l++) {
    arena.kernel.addLeaf(grown.leafStart[l]!, grown.leafEnd[l]!, tree.leafValue[l]!);
  }
  const scores = arena.score;
  if (!inBag) return;
  for (let i = 0; i < scores.length; i++) {
    if (inBag[i] === 0) scores[i] = scores[i]! + tree.leafValue[leafOfBinnedRow(tree, data.bins, data.p, i)]!;
  }
};

/** Trains a GBDT; deterministic for a given `params.seed`. X is row-major with NaN for missing values. */
export const trainGbdt = (
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  opts: GbdtTrainOptions = {},
): GbdtModel => {
  const q: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...opts.params };
  checkParams(q);
  validate(x, n, p, y, q, opts);
  const prep = prepare(x, n, p, q, opts);
  const strategy = opts.histograms ?? null;
  const ws = createWorkspace(prep.arena, strategy);
  const order = prep.arena.order;
  if (!strategy) return boost(n, p, y, opts, q, prep, ws, order);
  strategy.bind(prep.arena.memory, prep.arena.layout);
  try {
    return boost(n, p, y, opts, q, prep, ws, order);
  } finally {
    strategy.release();
  }
};

/** The boosting rounds of `trainGbdt` on prepared data and a bound workspace. */
const boost = (
  n: number,
  p: number,
  y: Float64Array,
  opts: GbdtTrainOptions,
  q: GbdtParams,
  prep: ReturnType<typeof prepare>,
  ws: GrowWorkspace,
  order: Int32Array,
): GbdtModel => {
  const { categorical, monotone, mapper, data } = prep;
  const cfg: GrowConfig = { ...q, maxDepth: q.maxDepth };
  const rng = createRng(q.seed);
  const w = opts.weights;
  const init = initialScore(q.objective, y, w);
  const { arena } = prep;
  const scores = arena.score.fill(init);
  // Labels and weights live in the arena, where worker threads computing gradients read them too.
  arena.label.set(y);
  if (w) arena.weight.set(w);
  const strategy = ws.strategy;
  const valid = opts.valid;
  const validBins = valid ? applyBinMapper(mapper, valid.x, valid.n) : null;
  const validScores = valid ? new Float64Array(valid.n).fill(init) : null;
  const bag = Int32Array.from({ length: n }, (_, i) => i);
  const inBag = new Uint8Array(n).fill(1);
  let bagSize = n;
  const bagging = q.baggingFraction < 1 && q.baggingFreq > 0;
  const trees: Tree[] = [];
  const validLoss: number[] = [];
  let best = { loss: Infinity, round: 0 };
  for (let round = 0; round < q.numRounds; round++) {
    if (strategy?.gradients) strategy.gradients(q.objective, w !== undefined);
    else gradientRange(q.objective, arena.label, scores, w && arena.weight, data.grad, data.hess, 0, n);
    if (bagging && round % q.baggingFreq === 0) {
      bagSize = drawBag(n, q.baggingFraction, rng, bag);
      inBag.fill(0);
      for (let k = 0; k < bagSize; k++) inBag[bag[k]!] = 1;
    }
    const features = drawFeatures(p, q.featureFraction, rng);
    order.set(bag.subarray(0, bagSize));
    const grown = growTree(data, order, bagSize, features, cfg, ws);
    const tree = finishTree(grown, mapper, q.learningRate);
    trees.push(tree);
    addToScores(tree, grown, arena, bagSize < n ? inBag : null, data);
    if (valid && validBins && validScores) {
      for (let i = 0; i < valid.n; i++)
        validScores[i] = validScores[i]! + tree.leafValue[leafOfBinnedRow(tree, validBins, p, i)]!;
      const loss = objectiveLoss(q.objective, valid.y, validScores, valid.weights);
      validLoss.push(loss);
      if (loss < best.loss - 1e-12) best = { loss, round: round + 1 };
      else if (q.earlyStoppingRounds > 0 && round + 1 - best.round >= q.earlyStoppingRounds) break;
    }
    if (tree.feature.length === 0) break; // no split improves the loss any more
  }
  const keep = valid && q.earlyStoppingRounds > 0 ? Math.max(best.round, 1) : trees.length;
  return {
    objective: q.objective,
    initScore: init,
    numFeatures: p,
    categorical,
    monotone,
    trees: trees.slice(0, keep),
    bestIteration: keep,
    validLoss,
  };
};

/** Raw scores (logit for binary, value for l2): init + Σ trees. */
export const predictGbdtRaw = (model: GbdtModel, x: Float64Array, n: number): Float64Array => {
  const p = model.numFeatures;
  if (x.length !== n * p) throw badInput('X', `has ${x.length} values, expected ${n}·${p} (model features)`);
  const out = new Float64Array(n).fill(model.initScore);
  for (const t of model.trees) addTreeOutput(t, x, n, p, out);
  return out;
};

/** Predictions on the response scale: probabilities for binary, values for l2. */
export const predictGbdt = (model: GbdtModel, x: Float64Array, n: number): Float64Array => {
  const raw = predictGbdtRaw(model, x, n);
  return model.objective === 'binary' ? raw.map(sigmoid) : raw;
};
