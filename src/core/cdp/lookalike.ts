import { badInput } from '../errors.js';
import { auc } from '../ml/metrics.js';
import { logisticClassifier } from '../ml/learners.js';
import { PRODUCT_TYPES } from '../product-types.js';
import { GRADES, RISK_LEVELS, TIERS } from '../segment/attributes.js';

/**
 * Lookalike audiences: from a seed list of customers, the customers most like them. Positive-unlabelled
 * learning (Elkan & Noto 2008): a logistic regression (L2, standardised columns, core/ml) separates the seed
 * (labelled) from a sample of everybody else (unlabelled, class-weighted to the seed's total weight); under
 * "seed picked at random among the similar" its score P(seed | x) ranks customers as P(similar | x) does.
 * The score shown is that probability. A holdout of a fifth of the seed measures how well the model finds
 * seed-like customers it was not trained on (AUC against the unlabelled sample).
 */

/** What the model sees of a customer (no names, phones, ids). */
export type LookalikeProfile = {
  id: number;
  age: number;
  tenureMonths: number;
  aumFen: number;
  riskLevel: string;
  tier: string;
  grade: string;
  cityTier: number;
  county: boolean;
  payroll: boolean;
  carOwner: boolean;
  /** Product types held (any value). */
  productTypes: readonly string[];
  /** Behaviour events in the last 90 days. */
  recentEvents: number;
};

export const LOOKALIKE_FEATURES: readonly string[] = [
  'age',
  'tenure_years',
  'log_aum',
  'risk_level',
  'tier',
  'grade',
  'city_tier',
  'county',
  'payroll',
  'car_owner',
  'log_recent_events',
  'product_type_count',
  ...PRODUCT_TYPES.map((t) => `holds_${t}`),
];

const P = LOOKALIKE_FEATURES.length;

const writeFeatures = (c: LookalikeProfile, out: Float64Array, off: number): void => {
  const v = [
    c.age,
    c.tenureMonths / 12,
    Math.log1p(Math.max(0, c.aumFen) / 100),
    RISK_LEVELS.indexOf(c.riskLevel as (typeof RISK_LEVELS)[number]),
    TIERS.indexOf(c.tier as (typeof TIERS)[number]),
    GRADES.indexOf(c.grade as (typeof GRADES)[number]),
    c.cityTier,
    c.county ? 1 : 0,
    c.payroll ? 1 : 0,
    c.carOwner ? 1 : 0,
    Math.log1p(Math.max(0, c.recentEvents)),
    new Set(c.productTypes).size,
  ];
  for (let j = 0; j < v.length; j++) out[off + j] = v[j]!;
  const held = new Set(c.productTypes);
  for (let k = 0; k < PRODUCT_TYPES.length; k++)
    out[off + v.length + k] = held.has(PRODUCT_TYPES[k]!) ? 1 : 0;
};

export const featureMatrix = (rows: readonly LookalikeProfile[]): Float64Array => {
  const x = new Float64Array(rows.length * P);
  rows.forEach((r, i) => writeFeatures(r, x, i * P));
  return x;
};

export type LookalikeModel = {
  /** P(seed-like | profile) for each profile. */
  score(rows: readonly LookalikeProfile[]): Float64Array;
  /** Trained on this many seed customers and this many unlabelled ones. */
  positives: number;
  unlabelled: number;
  /** AUC of held-out seed customers against the unlabelled sample (null when the seed is under 10). */
  holdoutAuc: number | null;
};

/** Smallest seed a model is trained from. */
export const MIN_SEED = 1;

/** Deterministic shuffle (mulberry32) so that the holdout split is reproducible. */
const shuffled = <T>(xs: readonly T[], seed: number): T[] => {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

const fit = (pos: readonly LookalikeProfile[], unl: readonly LookalikeProfile[]) => {
  const rows = [...pos, ...unl];
  const n = rows.length;
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  // Each class carries half of the weight, whatever their sizes.
  for (let i = 0; i < n; i++) {
    const isPos = i < pos.length;
    y[i] = isPos ? 1 : 0;
    w[i] = isPos ? n / (2 * pos.length) : n / (2 * unl.length);
  }
  const model = logisticClassifier({ l2: 1 });
  model.fit(featureMatrix(rows), n, P, y, w);
  return (xs: readonly LookalikeProfile[]) => model.predictProba(featureMatrix(xs), xs.length);
};

/**
 * Trains the lookalike model from `seed` and `unlabelled` (a sample of the population, seed customers removed
 * by the caller or here). Throws a 400 naming `seed` when it is too small or there is nobody to compare with.
 */
export const trainLookalike = (
  seed: readonly LookalikeProfile[],
  unlabelled: readonly LookalikeProfile[],
): LookalikeModel => {
  if (seed.length < MIN_SEED)
    throw badInput(
      'seed',
      `${seed.length} customer(s) found in your scope; a lookalike needs at least ${MIN_SEED} (pick a larger segment or more customer ids)`,
      { found: seed.length },
    );
  const seedIds = new Set(seed.map((s) => s.id));
  const unl = unlabelled.filter((u) => !seedIds.has(u.id));
  if (unl.length < MIN_SEED)
    throw badInput('seed', 'the seed covers (nearly) everybody in your scope; nobody to compare with');
  let holdoutAuc: number | null = null;
  if (seed.length >= 10) {
    const s = shuffled(seed, 20_241);
    const cut = Math.max(2, Math.floor(s.length / 5));
    const held = s.slice(0, cut);
    const scoreHeld = fit(s.slice(cut), unl);
    const scores = scoreHeld([...held, ...unl]);
    const y = new Float64Array(held.length + unl.length);
    for (let i = 0; i < held.length; i++) y[i] = 1;
    holdoutAuc = Math.round(auc(y, scores) * 1000) / 1000;
  }
  return { score: fit(seed, unl), positives: seed.length, unlabelled: unl.length, holdoutAuc };
};

/** A bounded top-k by score (ties: lower id first), fed page by page. */
export class TopK {
  private items: { id: number; score: number }[] = [];
  constructor(private readonly k: number) {}
  push(id: number, score: number): void {
    this.items.push({ id, score });
    if (this.items.length >= this.k * 2 + 1000) this.trim();
  }
  private trim(): void {
    this.items.sort((a, b) => b.score - a.score || a.id - b.id);
    this.items.length = Math.min(this.items.length, this.k);
  }
  result(): { id: number; score: number }[] {
    this.trim();
    return this.items;
  }
}
