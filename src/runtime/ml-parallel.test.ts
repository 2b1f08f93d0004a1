import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.js';
import { trainGbdt } from '../core/ml/gbdt.js';
import { treeShap } from '../core/ml/treeshap.js';
import { treeShapParallel } from './ml-parallel.js';

describe('parallel TreeSHAP', () => {
  it('two worker threads give exactly the single-thread values', async () => {
    const rng = createRng(4);
    const n = 25_000;
    const p = 3;
    const x = Float64Array.from({ length: n * p }, () => rng.normal());
    const y = Float64Array.from({ length: n }, (_, i) => (x[i * p]! + rng.normal() > 0 ? 1 : 0));
    const model = trainGbdt(x, n, p, y, { params: { numRounds: 5, numLeaves: 8 } });
    const a = await treeShapParallel(model, x, n, 2);
    expect(a).toEqual(treeShap(model, x, n));
  });
});
