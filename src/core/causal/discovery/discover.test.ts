import { describe, expect, it } from 'vitest';
import { createRng } from '../../random.js';
import { correlationMatrix, fisherZ, gSquare, partialCorrelation } from './ci-tests.js';
import { discover, toDiscoveryData } from './discover.js';
import { directed, extendToDag, undirected } from './pc.js';

/** a → c ← b, c → d, e isolated (linear Gaussian). */
const collider = (n: number, seed: number) => {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const dd = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.normal();
    b[i] = rng.normal();
    c[i] = 0.8 * a[i]! - 0.6 * b[i]! + 0.5 * rng.normal();
    dd[i] = 0.7 * c[i]! + 0.5 * rng.normal();
    e[i] = rng.normal();
  }
  return toDiscoveryData(['a', 'b', 'c', 'd', 'e'], [a, b, c, dd, e]);
};

describe('conditional-independence tests', () => {
  it('partial correlation of a chain vanishes given the middle node; Fisher-z agrees', () => {
    const d = collider(3000, 1);
    const corr = correlationMatrix(d.cols, d.n);
    expect(Math.abs(partialCorrelation(corr, 5, 0, 3, [2]))).toBeLessThan(0.05);
    expect(fisherZ(corr, 5, d.n, 0, 3, [])).toBeLessThan(1e-6);
    expect(fisherZ(corr, 5, d.n, 0, 1, [])).toBeGreaterThan(0.01);
    // conditioning on the collider makes a and b dependent
    expect(fisherZ(corr, 5, d.n, 0, 1, [2])).toBeLessThan(1e-6);
  });

  it('G² detects dependence between discrete columns and not between independent ones', () => {
    const rng = createRng(2);
    const n = 2000;
    const x = Float64Array.from({ length: n }, () => rng.int(3));
    const y = Float64Array.from(x, (v) => (rng.next() < 0.7 ? v : rng.int(3)));
    const z = Float64Array.from({ length: n }, () => rng.int(2));
    const d = toDiscoveryData(['x', 'y', 'z'], [x, y, z]);
    expect(d.discrete).toEqual([true, true, true]);
    expect(gSquare(d, 0, 1, [])).toBeLessThan(1e-10);
    expect(gSquare(d, 0, 2, [])).toBeGreaterThan(0.01);
    expect(gSquare(d, 0, 2, [1])).toBeGreaterThan(0.001);
  });
});

describe('PC-stable discovery', () => {
  it('recovers the skeleton, the v-structure a → c ← b and c → d by Meek R1', () => {
    const res = discover(collider(3000, 3), { alpha: 0.01, bootstrap: 50, rng: createRng(1) });
    const key = (e: { from: string; to: string; directed: boolean }) =>
      `${e.from}${e.directed ? '->' : '--'}${e.to}`;
    expect(res.edges.map(key).sort()).toEqual(['a->c', 'b->c', 'c->d']);
    const ac = res.edges.find((e) => e.from === 'a')!;
    expect(ac.strength).toBeGreaterThan(0.5);
    expect(ac.ci_low).toBeLessThan(ac.strength);
    expect(ac.ci_high).toBeGreaterThan(ac.strength);
    const bc = res.edges.find((e) => e.from === 'b')!;
    expect(bc.strength).toBeLessThan(0);
  });

  it('tiers orient an otherwise undirected chain along the background order', () => {
    const rng = createRng(4);
    const n = 2000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(x, (v) => v + rng.normal());
    const free = discover(toDiscoveryData(['x', 'y'], [x, y]), { bootstrap: 0, rng: createRng(1) });
    expect(free.edges[0]!.directed).toBe(false);
    const tiered = discover(toDiscoveryData(['x', 'y'], [x, y]), {
      tiers: [['y'], ['x']],
      bootstrap: 0,
      rng: createRng(1),
    });
    expect(tiered.edges[0]).toMatchObject({ from: 'y', to: 'x', directed: true });
  });

  it('the result does not depend on the column order (order-independent skeleton)', () => {
    const d = collider(2000, 5);
    const perm = [3, 1, 4, 0, 2];
    const d2 = toDiscoveryData(
      perm.map((j) => d.names[j]!),
      perm.map((j) => d.cols[j]!),
    );
    const k = (r: ReturnType<typeof discover>) => r.edges.map((e) => [e.from, e.to].sort().join('')).sort();
    expect(k(discover(d2, { bootstrap: 0, rng: createRng(1) }))).toEqual(
      k(discover(d, { bootstrap: 0, rng: createRng(1) })),
    );
  });

  it('extends a PDAG to a DAG without touching directed edges', () => {
    const res = discover(collider(3000, 3), { bootstrap: 0, rng: createRng(1) });
    const dag = extendToDag(res.graph, [0, 0, 0, 0, 0]);
    for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) expect(undirected(dag, a, b)).toBe(false);
    expect(directed(dag, 0, 2)).toBe(true);
  });
});
