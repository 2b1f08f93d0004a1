import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { createRng } from '../random.js';
import { parseIntervention, topologicalOrder, whatIf } from './scm.js';

/** price → interest → purchase, income → purchase, income → price (confounded). */
const world = (n: number, seed: number) => {
  const rng = createRng(seed);
  const income = Float64Array.from({ length: n }, () => rng.normal());
  const price = Float64Array.from(income, (v) => 5 + 0.5 * v + rng.normal());
  const interest = Float64Array.from(price, (v) => 10 - 0.8 * v + 0.5 * rng.normal());
  const purchase = Float64Array.from(interest, (v, i) => 0.3 * v + 0.6 * income[i]! + 0.3 * rng.normal());
  return { names: ['income', 'price', 'interest', 'purchase'], cols: [income, price, interest, purchase] };
};
const dag = { names: ['income', 'price', 'interest', 'purchase'], parents: [[], [0], [1], [2, 0]] };

describe('structural causal model what-if', () => {
  it('parses the three intervention forms and rejects others', () => {
    expect(parseIntervention('price=4.5')).toEqual({ column: 'price', kind: 'set', value: 4.5 });
    expect(parseIntervention('price>=6')).toEqual({ column: 'price', kind: 'at-least', value: 6 });
    expect(parseIntervention('price+=-1')).toEqual({ column: 'price', kind: 'shift', value: -1 });
    expect(parseIntervention('price-=1')).toEqual({ column: 'price', kind: 'shift', value: -1 });
    expect(() => parseIntervention('price<3')).toThrow(/--intervene/);
  });

  it('a shift of price moves purchase by the product of the path coefficients (−0.8 × 0.3 per unit)', () => {
    const w = world(4000, 1);
    const r = whatIf(dag, w.cols, 'purchase', parseIntervention('price+=1'), {
      kind: 'linear',
      bootstrap: 60,
      rng: createRng(2),
    });
    expect(r.effect).toBeCloseTo(-0.24, 1);
    expect(r.ci_low).toBeLessThan(-0.24);
    expect(r.ci_high).toBeGreaterThan(-0.24);
    expect(r.intervened_mean - r.baseline_mean).toBeCloseTo(r.effect, 12);
  });

  it('residual resampling (independent noise draws) agrees with abduction on a linear SCM', () => {
    const w = world(4000, 8);
    const iv = parseIntervention('price=6');
    const a = whatIf(dag, w.cols, 'purchase', iv, { kind: 'linear', bootstrap: 0, rng: createRng(1) });
    const r = whatIf(dag, w.cols, 'purchase', iv, {
      kind: 'linear',
      bootstrap: 30,
      rng: createRng(1),
      noise: 'resample',
    });
    expect(r.effect).toBeCloseTo(a.effect, 1);
    expect(r.ci_low).toBeLessThan(a.effect);
    expect(r.ci_high).toBeGreaterThan(a.effect);
  });

  it('do(price = v) and price ≥ v differ as they should; a non-ancestor has no effect', () => {
    const w = world(3000, 3);
    const set = whatIf(dag, w.cols, 'purchase', parseIntervention('price=4'), {
      kind: 'linear',
      bootstrap: 0,
      rng: createRng(1),
    });
    const floor = whatIf(dag, w.cols, 'purchase', parseIntervention('price>=4'), {
      kind: 'linear',
      bootstrap: 0,
      rng: createRng(1),
    });
    expect(set.effect).toBeGreaterThan(0); // mean price is 5: setting 4 lowers price, raises interest
    expect(floor.effect).toBeLessThan(0); // raising the low prices only
    const none = whatIf(dag, w.cols, 'income', parseIntervention('price=4'), {
      kind: 'linear',
      bootstrap: 0,
      rng: createRng(1),
    });
    expect(none.effect).toBe(0);
  });

  it('GBDT node models recover a non-linear mechanism', () => {
    const rng = createRng(4);
    const n = 3000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(x, (v) => (v > 0 ? 2 : 0) + 0.2 * rng.normal());
    const d = { names: ['x', 'y'], parents: [[], [0]] };
    const r = whatIf(d, [x, y], 'y', parseIntervention('x=1'), {
      kind: 'gbdt',
      bootstrap: 0,
      rng: createRng(1),
      gbdt: { numRounds: 40, learningRate: 0.3, maxBin: 32 },
    });
    expect(r.intervened_mean).toBeCloseTo(2, 1);
  });

  it('rejects a cyclic graph naming the nodes', () => {
    let err: unknown;
    try {
      topologicalOrder({ names: ['a', 'b', 'c'], parents: [[2], [0], [1]] });
    } catch (e) {
      err = e;
    }
    expect(isAppError(err) && err.message).toContain('a, b, c');
  });
});
