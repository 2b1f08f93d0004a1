import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';
import { choleskyWasm, gramUpperWasm } from './linalg-kernel.js';
import { choleskyJs, gramUpperJs } from './linalg.js';

const table = (n: number, t: number, seed: number, gaps: number[] = []): (Float64Array | null)[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, j) =>
    gaps.includes(j) ? null : Float64Array.from({ length: t }, () => 0.02 * rng.normal() + 1e-4),
  );
};

const collect = (
  f: (cols: readonly (Float64Array | null)[], visit: (i: number, j: number, d: number) => void) => unknown,
  cols: readonly (Float64Array | null)[],
): Map<string, number> => {
  const out = new Map<string, number>();
  f(cols, (i, j, d) => out.set(`${i},${j}`, d));
  return out;
};

describe('Gram kernel (WebAssembly SIMD)', () => {
  it.each([
    [1, 5],
    [2, 3],
    [7, 11],
    [8, 1],
    [13, 40],
    [37, 257],
    [150, 2000], // several kernel calls (row slices)
  ])('visits the same pairs with bit-identical sums as the JavaScript loop (n=%i, T=%i)', (n, t) => {
    const cols = table(n, t, n * 1000 + t);
    const wasm = collect(gramUpperWasm, cols);
    const js = collect(gramUpperJs, cols);
    expect(wasm.size).toBe((n * (n + 1)) / 2);
    expect([...wasm.keys()].sort()).toEqual([...js.keys()].sort());
    const differ = [...js].filter(([k, v]) => !Object.is(wasm.get(k), v)).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('skips missing columns like the JavaScript loop', () => {
    const cols = table(19, 30, 5, [0, 4, 9, 18]);
    const wasm = collect(gramUpperWasm, cols);
    const js = collect(gramUpperJs, cols);
    expect([...wasm.keys()].sort()).toEqual([...js.keys()].sort());
    for (const [k, v] of js) expect(wasm.get(k)).toBe(v);
    expect(wasm.has('0,1')).toBe(false);
  });
});

describe('Cholesky kernel (WebAssembly SIMD)', () => {
  const spd = (n: number, seed: number): Float64Array => {
    const rng = createRng(seed);
    const t = n + 5;
    const x = Float64Array.from({ length: t * n }, () => rng.normal());
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < t; k++) s += x[k * n + i]! * x[k * n + j]!;
        a[i * n + j] = s;
      }
    return a;
  };

  // 300: several kernel calls (column slices)
  it.each([1, 2, 3, 4, 5, 7, 33, 64, 101, 300])('gives the JavaScript factor bit for bit (n=%i)', (n) => {
    const a = spd(n, n);
    const js = choleskyJs(a, n, 1e-12);
    const wasm = choleskyWasm(a, n, 1e-12);
    expect(js).not.toBeNull();
    expect(wasm).toBeInstanceOf(Float64Array);
    expect(wasm).toHaveLength(n * n);
    const differ: number[] = [];
    for (let i = 0; i < n * n; i++) if (!Object.is(wasm![i], js![i])) differ.push(i);
    expect(differ).toEqual([]);
  });

  it('returns null where the JavaScript loop does (not positive definite, NaN)', () => {
    const n = 40;
    const a = spd(n, 1);
    a[7 * n + 7] = -1;
    expect(choleskyJs(a, n, 0)).toBeNull();
    expect(choleskyWasm(a, n, 0)).toBeNull();
    a[7 * n + 7] = NaN;
    expect(choleskyWasm(a, n, 0)).toBeNull();
    // A failing pivot in a later kernel call (column slice) than the first.
    const m = 300;
    const c = spd(m, 3);
    c[250 * m + 250] = -1;
    expect(choleskyJs(c, m, 0)).toBeNull();
    expect(choleskyWasm(c, m, 0)).toBeNull();
    // The kernel's memory is reused across calls: a smaller, valid matrix afterwards still factors exactly.
    const b = spd(9, 2);
    expect(Array.from(choleskyWasm(b, 9, 0)!)).toEqual(Array.from(choleskyJs(b, 9, 0)!));
  });
});
