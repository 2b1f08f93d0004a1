import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { createArena } from './gbdt-arena.js';
import type { Arena } from './gbdt-arena.js';
import { KERNEL_SIGNATURES, instantiateKernel, kernelModuleBytes, kernelWat } from './gbdt-kernel.js';

/**
 * The WebAssembly kernel against plain JavaScript statements of the same loops: every histogram cell, partition
 * and subtraction must be bit-identical (same rows, same order, same IEEE additions).
 */
const N = 3000;
const BIN_COUNTS = Int32Array.from([256, 7, 3, 200, 2, 256, 40, 18, 256]);
const P = BIN_COUNTS.length;

const filled = (seed: number): Arena => {
  const a = createArena(N, 4, BIN_COUNTS, false);
  const rng = createRng(seed);
  for (let i = 0; i < N; i++) {
    for (let f = 0; f < P; f++) a.bins[i * P + f] = rng.int(BIN_COUNTS[f]!);
    a.grad[i] = rng.normal();
    a.hess[i] = rng.next() * 0.25;
  }
  for (let f = 0; f < P; f++) for (let i = 0; i < N; i++) a.cols[f * N + i] = a.bins[i * P + f]!;
  // A sparse, ascending row subset, as after a few partitions.
  let m = 0;
  for (let i = 0; i < N; i++) if (rng.next() < 0.37) a.order[m++] = i;
  return a;
};

/** The reference: (Σg, Σh, count) per feature block of 256 cells. */
const referenceHistogram = (a: Arena, start: number, end: number, features: number[]): Float64Array => {
  const h = new Float64Array(a.hists[0]!.length);
  for (let k = start; k < end; k++) {
    const r = a.order[k]!;
    for (const f of features) {
      const c = f * 768 + a.bins[r * P + f]! * 3;
      h[c] = h[c]! + a.grad[r]!;
      h[c + 1] = h[c + 1]! + a.hess[r]!;
      h[c + 2] = h[c + 2]! + 1;
    }
  }
  return h;
};

const sameBits = (x: Float64Array, y: Float64Array): boolean =>
  x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

describe('GBDT WebAssembly kernel', () => {
  it('is a valid module for plain and shared memories', () => {
    expect(WebAssembly.validate(kernelModuleBytes(false))).toBe(true);
    expect(WebAssembly.validate(kernelModuleBytes(true))).toBe(true);
  });

  it('matches its committed text form (update with `npx vitest run src/core/ml/gbdt-kernel.test.ts -u`)', async () => {
    await expect(kernelWat()).toMatchFileSnapshot('./gbdt-kernel.wat');
  });

  it('exports one function per signature, with as many parameters, called by name', () => {
    const raw = new WebAssembly.Instance(new WebAssembly.Module(kernelModuleBytes(false)), {
      env: { memory: new WebAssembly.Memory({ initial: 1 }) },
    }).exports;
    expect(Object.keys(raw).sort()).toEqual(Object.keys(KERNEL_SIGNATURES).sort());
    for (const [name, sig] of Object.entries(KERNEL_SIGNATURES)) {
      expect((raw[name] as (...args: number[]) => unknown).length, name).toBe(sig.params.length);
    }
    // Named arguments reach their own parameter: subtract(parent, child, bytes) on f64 pairs at 64 and 96.
    const memory = new WebAssembly.Memory({ initial: 1 });
    const k = instantiateKernel(memory, false);
    new Float64Array(memory.buffer, 64, 4).set([10, 20, 1, 2]);
    k.subtract({ child: 80, bytes: 16, parent: 64 });
    expect(Array.from(new Float64Array(memory.buffer, 64, 4))).toEqual([9, 18, 1, 2]);
  });

  it('builds histograms bit-identical to the scalar loop: in place or gathered, all features or a list', () => {
    const a = filled(1);
    const [start, end] = [40, 900];
    const cases: Array<{ features: number[]; identity: boolean }> = [
      { features: Array.from({ length: P }, (_, f) => f), identity: true },
      { features: [0, 3, 4, 8], identity: false },
    ];
    for (const { features, identity } of cases) {
      a.features.set(features);
      const want = referenceHistogram(a, start, end, features);
      for (const gathered of [false, true]) {
        a.hists[1]!.fill(0);
        if (gathered) a.kernel.gather(start, start, end);
        a.kernel.build(1, start, end, 0, features.length, identity, gathered);
        expect(sameBits(a.hists[1]!, want), `identity ${identity}, gathered ${gathered}`).toBe(true);
      }
    }
  });

  it('gathers a build in two pieces exactly as in one (how two threads split it)', () => {
    const a = filled(2);
    a.features.set(Array.from({ length: P }, (_, f) => f));
    const [start, end] = [10, 1000];
    a.hists[0]!.fill(0);
    a.kernel.gather(start, start, end);
    a.kernel.build(0, start, end, 0, P, true, true);
    a.hists[2]!.fill(0);
    a.kernel.gather(start, 500, end);
    a.kernel.gather(start, start, 500);
    a.kernel.build(2, start, end, 0, 4, true, true);
    a.kernel.build(2, start, end, 4, P, true, true);
    expect(sameBits(a.hists[2]!, a.hists[0]!)).toBe(true);
  });

  it('partitions stably by threshold (missing to the default side) and by a categorical mask', () => {
    const a = filled(3);
    const rows = Array.from(a.order.subarray(0, 1000));
    const check = (
      feature: number,
      left: (b: number) => boolean,
      rule: Parameters<Arena['kernel']['partition']>[2],
    ): void => {
      a.order.set(rows);
      const nl = a.kernel.partition(100, 900, rule);
      const want = rows.slice(100, 900);
      const l = want.filter((r) => left(a.bins[r * P + feature]!));
      const r = want.filter((x) => !left(a.bins[x * P + feature]!));
      expect(nl).toBe(l.length);
      expect(Array.from(a.order.subarray(100, 100 + nl))).toEqual(l);
      expect(Array.from(a.scratch.subarray(100, 100 + r.length))).toEqual(r);
      expect(Array.from(a.order.subarray(0, 100))).toEqual(rows.slice(0, 100));
    };
    check(3, (b) => (b === 0 ? true : b <= 90), {
      feature: 3,
      thresholdBin: 90,
      defaultLeft: true,
      categorical: false,
    });
    check(0, (b) => (b === 0 ? false : b <= 12), {
      feature: 0,
      thresholdBin: 12,
      defaultLeft: false,
      categorical: false,
    });
    a.mask.fill(0);
    a.mask[2] = 1;
    a.mask[5] = 1;
    check(6, (b) => b === 2 || b === 5, {
      feature: 6,
      thresholdBin: 0,
      defaultLeft: false,
      categorical: true,
    });
  });

  it('adds a leaf value to the scores of its rows, as the scalar loop', () => {
    const a = filled(5);
    a.score.set(Float64Array.from({ length: N }, (_, i) => Math.sin(i)));
    const want = Float64Array.from(a.score);
    for (let k = 7; k < 600; k++) want[a.order[k]!] = want[a.order[k]!]! + 0.125;
    a.kernel.addLeaf(7, 600, 0.125);
    expect(sameBits(a.score, want)).toBe(true);
  });

  it('subtracts and clears only the bins each feature uses', () => {
    const a = filled(4);
    const rng = createRng(9);
    for (const h of [a.hists[0]!, a.hists[1]!]) for (let i = 0; i < h.length; i++) h[i] = rng.normal();
    const parent = Float64Array.from(a.hists[0]!);
    const child = a.hists[1]!;
    a.kernel.subtract(0, 1);
    for (let f = 0; f < P; f++) {
      for (let c = 0; c < 768; c++) {
        const i = f * 768 + c;
        // The used part (rounded up to whole 16-byte lanes) changes; the rest of the block is untouched.
        const used = c < Math.ceil((BIN_COUNTS[f]! * 24) / 16) * 2;
        expect(Object.is(a.hists[0]![i], used ? parent[i]! - child[i]! : parent[i])).toBe(true);
      }
    }
    a.kernel.clear(1);
    for (let f = 0; f < P; f++)
      expect(child.subarray(f * 768, f * 768 + BIN_COUNTS[f]! * 3).every((v) => v === 0)).toBe(true);
  });

  it('refuses a training set beyond what a 32-bit WebAssembly memory addresses, naming X', () => {
    expect(() => createArena(60_000_000, 31, new Int32Array(30).fill(256), false)).toThrow(
      /X: 60000000 rows × 30 features need .* GiB .* sample/,
    );
  });
});
