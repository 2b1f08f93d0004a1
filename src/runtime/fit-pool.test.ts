import { afterAll, describe, expect, it } from 'vitest';
import { estimateEffect } from '../core/causal/effects/estimate.js';
import { createRng } from '../core/random.js';
import { createFitPool } from './fit-pool.js';

const pool = await createFitPool(2);
afterAll(async () => pool.close());

describe('worker-thread pool for cross-fitting', () => {
  it('gives exactly the in-process estimate', () => {
    const rng = createRng(3);
    const n = 2000;
    const p = 4;
    const x = Float64Array.from({ length: n * p }, () => rng.normal());
    const t = Float64Array.from({ length: n }, (_, i) =>
      rng.next() < 1 / (1 + Math.exp(-x[i * p]!)) ? 1 : 0,
    );
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(x[i * p]!) + 0.5 * t[i]! + rng.normal());
    const d = { x, n, p, t, y, names: ['a', 'b', 'c', 'd'] };
    const opts = { method: 'aipw' as const, learner: 'gbdt' as const, gbdt: { numRounds: 20, maxBin: 32 } };
    const local = estimateEffect(d, opts);
    const pooled = estimateEffect(d, { ...opts, runner: pool.runner });
    expect(pooled.ate).toBe(local.ate);
    expect(pooled.se).toBe(local.se);
  });
});
