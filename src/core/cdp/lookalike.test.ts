import { describe, expect, it } from 'vitest';
import type { LookalikeProfile } from './lookalike.js';
import { TopK, trainLookalike } from './lookalike.js';

/** A small deterministic generator (mulberry32). */
const rng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const TYPES = ['money_market', 'pure_bond', 'hybrid', 'equity', 'bank_wm', 'insurance'];

/**
 * A population of `n` ordinary customers plus `planted` customers of one distinct profile (young, county,
 * car owners, active in the app, holding equity and QDII, risk C4/C5) with noise so that no single column
 * separates them.
 */
const population = (n: number, planted: number, seed: number) => {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const ordinary = (id: number): LookalikeProfile => ({
    id,
    age: 22 + Math.floor(r() * 60),
    tenureMonths: Math.floor(r() * 200),
    aumFen: Math.floor(10 ** (3 + r() * 4)) * 100,
    riskLevel: pick(['C1', 'C2', 'C3', 'C4', 'C5']),
    tier: pick(['mass', 'potential', 'affluent']),
    grade: pick(['V1', 'V2', 'V3']),
    cityTier: 1 + Math.floor(r() * 5),
    county: r() < 0.3,
    payroll: r() < 0.4,
    carOwner: r() < 0.3,
    productTypes: TYPES.filter(() => r() < 0.3),
    recentEvents: Math.floor(r() * 12),
  });
  const similar = (id: number): LookalikeProfile => ({
    ...ordinary(id),
    age: 25 + Math.floor(r() * 10),
    riskLevel: pick(['C4', 'C5']),
    county: r() < 0.8,
    carOwner: r() < 0.85,
    productTypes: ['equity', 'qdii', ...TYPES.filter(() => r() < 0.2)],
    recentEvents: 15 + Math.floor(r() * 30),
  });
  const all: LookalikeProfile[] = [];
  for (let i = 0; i < n; i++) all.push(ordinary(i + 1));
  const plantedIds: number[] = [];
  for (let i = 0; i < planted; i++) {
    const id = n + i + 1;
    plantedIds.push(id);
    all.push(similar(id));
  }
  return { all, plantedIds };
};

describe('lookalike (positive-unlabelled logistic regression)', () => {
  it('ranks the planted similar customers at the top of a generated population', () => {
    const { all, plantedIds } = population(3000, 80, 7);
    const seedIds = new Set(plantedIds.slice(0, 20));
    const hidden = new Set(plantedIds.slice(20));
    const seed = all.filter((c) => seedIds.has(c.id));
    const model = trainLookalike(seed, all);
    const candidates = all.filter((c) => !seedIds.has(c.id));
    const scores = model.score(candidates);
    const top = new TopK(hidden.size);
    candidates.forEach((c, i) => top.push(c.id, scores[i]!));
    const found = top.result().filter((x) => hidden.has(x.id)).length;
    // 60 planted among 3 060 candidates (2 %): the top 60 must hold most of them.
    expect(found / hidden.size).toBeGreaterThan(0.8);
    expect(model.holdoutAuc).not.toBeNull();
    expect(model.holdoutAuc!).toBeGreaterThan(0.95);
    expect(model.positives).toBe(20);
    expect(model.unlabelled).toBe(3060);
  });

  it('a seed of random customers finds nobody in particular (holdout AUC near chance)', () => {
    const { all } = population(3000, 0, 11);
    const seed = all.filter((_, i) => i % 100 === 0);
    const model = trainLookalike(seed, all);
    expect(model.holdoutAuc!).toBeLessThan(0.75);
  });

  it('refuses an empty seed, naming the field', () => {
    const { all } = population(50, 0, 3);
    expect(() => trainLookalike([], all)).toThrow(/^seed: 0 customer/);
  });

  it('TopK keeps the k best, ties by lower id', () => {
    const t = new TopK(3);
    for (let i = 1; i <= 5000; i++) t.push(i, i % 7);
    expect(t.result()).toEqual([
      { id: 6, score: 6 },
      { id: 13, score: 6 },
      { id: 20, score: 6 },
    ]);
  });
});
