import {
  F64,
  I32,
  V128,
  encodeModule,
  f64,
  f64x2,
  get,
  i32,
  ret,
  set,
  until,
  v128,
  when,
} from './wasm/encode.js';
import type { Bytes, FunctionDef } from './wasm/encode.js';

/**
 * Two dense kernels of linalg.ts as WebAssembly SIMD, both bit-identical to their JavaScript loops (the same
 * products summed in the same order with the same IEEE operations; WebAssembly has no fused multiply-add), so
 * results do not depend on which one ran (linalg-kernel.test.ts checks it).
 *
 * `gram`: the Gram matrix XᵀX of a T × n table — the covariance kernel of the portfolio risk models (`gramUpper`
 * in linalg.ts hands large tables here). X is packed in panels of eight columns, each panel T rows of 64 bytes
 * (one cache line per date), so every pass streams two panels front to back: the two f64 lanes of each vector
 * hold two different columns j, j+1, and every entry Σ_t X[t,i]·X[t,j] is still one sum in t order with the same
 * IEEE multiply and add, hence bit-identical to the scalar loop. A pass takes two columns i against the eight
 * columns of a panel (eight f64x2 accumulators); the four passes of one panel of rows i against one panel of
 * columns j run back to back while both panels (2 × 64 bytes × T) sit in the core's L2 cache. (The earlier
 * date-major layout read one 4 KiB-apart line per date and ran from L3: ≈ 1.6× slower on 500 × 1,000.)
 */

// Parameters, then locals (indices as WebAssembly numbers them).
const X = 0; // byte offset of X (panels of 8 columns, each T rows of 8 f64)
const G = 1; // byte offset of G (npad × npad f64, row-major; rows of panel p filled from column 8p on)
const T = 2;
const NP = 3; // padded width, a multiple of 8
const IP = 4; // first row panel to fill; the loop variable
const IPEND = 5; // row panels [IP, IPEND) are filled
const JP = 6; // column panel
const KP = 7; // byte offset of the row pair within its panel: 0, 16, 32, 48
const PEND = 8; // end of the row panel's stream
const P = 9;
const Q = 10;
const PANEL = 11; // bytes of one panel: 64·T
const OUT = 12;
const A0 = 13;
const A1 = 14;
const ACC = 15; // 15..22
const B = 23; // 23..26

const acc = (k: number): number => ACC + k;

const gramFunction = (): FunctionDef => {
  const zero = f64x2.splat(f64.const(0));
  const clear: Bytes[] = Array.from({ length: 8 }, (_, k) => set(acc(k), zero));
  const step: Bytes[] = [
    set(A0, v128.load64Splat(get(P))),
    set(A1, v128.load64Splat(get(P), 8)),
    ...[0, 1, 2, 3].map((k) => set(B + k, v128.load(get(Q), 16 * k))),
    ...[0, 1, 2, 3].map((k) => set(acc(k), f64x2.add(get(acc(k)), f64x2.mul(get(A0), get(B + k))))),
    ...[0, 1, 2, 3].map((k) => set(acc(4 + k), f64x2.add(get(acc(4 + k)), f64x2.mul(get(A1), get(B + k))))),
    set(P, i32.add(get(P), i32.const(64))),
    set(Q, i32.add(get(Q), i32.const(64))),
  ];
  const store: Bytes[] = [
    // OUT = G + ((8·IP + K/8)·NP + 8·JP)·8: rows i = 8·IP + K/8 and i + 1, columns of panel JP
    set(
      OUT,
      i32.add(
        get(G),
        i32.shl(
          i32.add(
            i32.mul(i32.add(i32.shl(get(IP), i32.const(3)), i32.shrU(get(KP), i32.const(3))), get(NP)),
            i32.shl(get(JP), i32.const(3)),
          ),
          i32.const(3),
        ),
      ),
    ),
    ...[0, 1, 2, 3].map((k) => v128.store(get(OUT), get(acc(k)), 16 * k)),
    set(OUT, i32.add(get(OUT), i32.shl(get(NP), i32.const(3)))),
    ...[0, 1, 2, 3].map((k) => v128.store(get(OUT), get(acc(4 + k)), 16 * k)),
  ];
  const body: Bytes[] = [
    set(PANEL, i32.shl(get(T), i32.const(6))),
    until(
      i32.geU(get(IP), get(IPEND)),
      set(JP, get(IP)),
      until(
        i32.geU(get(JP), i32.shrU(get(NP), i32.const(3))),
        set(KP, i32.const(0)),
        until(
          i32.geU(get(KP), i32.const(64)),
          ...clear,
          set(P, i32.add(i32.add(get(X), i32.mul(get(IP), get(PANEL))), get(KP))),
          set(PEND, i32.add(get(P), get(PANEL))),
          set(Q, i32.add(get(X), i32.mul(get(JP), get(PANEL)))),
          until(i32.geU(get(P), get(PEND)), ...step),
          ...store,
          set(KP, i32.add(get(KP), i32.const(16))),
        ),
        set(JP, i32.add(get(JP), i32.const(1))),
      ),
      set(IP, i32.add(get(IP), i32.const(1))),
    ),
  ];
  return {
    name: 'gram',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [
      ...Array.from({ length: 7 }, () => I32),
      ...Array.from({ length: 2 + 8 + 4 }, () => V128),
    ] as FunctionDef['locals'],
    body,
    names: ['x', 'g', 't', 'npad', 'ip', 'ipend', 'jp', 'k', 'pend', 'p', 'q', 'panel', 'out', 'a0', 'a1',
      'acc0', 'acc1', 'acc2', 'acc3', 'acc4', 'acc5', 'acc6', 'acc7', 'b0', 'b1', 'b2', 'b3'], // prettier-ignore
  };
};

/**
 * Cholesky A = LLᵀ as `cholesky` in linalg.ts computes it (row-major; column j's dot products of rows i and j
 * over k < j with four partial sums — here the lanes of two f64x2 accumulators — then the tail into the first).
 * Returns 0 when a pivot is not above `floor` (not positive definite), else 1. L's upper triangle is left as it
 * was (the caller clears it).
 */
const CA = 0; // a (byte offset)
const CL = 1; // l (byte offset)
const CN = 2;
const FLOOR = 3; // f64
const CJ = 4; // first column to compute (columns before it are done); the loop variable
const CJEND = 5; // columns [CJ, CJEND) are computed
const CI = 6;
const RJ = 7; // byte offset of row j of l
const RI = 8;
const PAJ = 9; // byte offset of row j of a
const PAI = 10;
const K = 11;
const PA = 12;
const PB = 13;
const CROW = 14;
const D = 15; // f64
const LJJ = 16;
const S0 = 17;
const ACC01 = 18; // v128
const ACC23 = 19;
// Four rows at once (rows i … i+3 against row j): their pointers, partial sums and results.
const PR = [PA, 20, 21, 22]; // i32: byte offset of rows i … i+3 of l at column k
const SR = [S0, 23, 24, 25]; // f64
const DR = [D, 26, 27, 28]; // f64
const AR: [number, number][] = [
  [ACC01, ACC23],
  [29, 30],
  [31, 32],
  [33, 34],
]; // v128 lane pairs of each row's four partial sums
const V01 = 35; // v128: row j at k, k+1
const V23 = 36; // v128: row j at k+2, k+3

/** target = Σ_{k<len} mem[pa + 8k]·mem[pb + 8k] in dotRange's order. */
const dotRange = (target: number, pa: number, pb: number, len: number): Bytes[] => [
  set(ACC01, f64x2.splat(f64.const(0))),
  set(ACC23, f64x2.splat(f64.const(0))),
  set(K, i32.const(0)),
  set(PA, get(pa)),
  set(PB, get(pb)),
  until(
    i32.geU(i32.add(get(K), i32.const(3)), get(len)),
    set(ACC01, f64x2.add(get(ACC01), f64x2.mul(v128.load(get(PA)), v128.load(get(PB))))),
    set(ACC23, f64x2.add(get(ACC23), f64x2.mul(v128.load(get(PA), 16), v128.load(get(PB), 16)))),
    set(PA, i32.add(get(PA), i32.const(32))),
    set(PB, i32.add(get(PB), i32.const(32))),
    set(K, i32.add(get(K), i32.const(4))),
  ),
  set(S0, f64x2.extractLane(get(ACC01), 0)),
  until(
    i32.geU(get(K), get(len)),
    set(S0, f64.add(get(S0), f64.mul(f64.load(get(PA)), f64.load(get(PB))))),
    set(PA, i32.add(get(PA), i32.const(8))),
    set(PB, i32.add(get(PB), i32.const(8))),
    set(K, i32.add(get(K), i32.const(1))),
  ),
  set(
    target,
    f64.add(
      f64.add(f64.add(get(S0), f64x2.extractLane(get(ACC01), 1)), f64x2.extractLane(get(ACC23), 0)),
      f64x2.extractLane(get(ACC23), 1),
    ),
  ),
];

/**
 * DR[r] = Σ_{k<len} l[row i+r, k]·l[row j, k] for r = 0…3, each summed exactly as dotRange sums it (the same
 * lanes, the same tail, the same final order), so the factor stays bit-identical; row j is loaded once for
 * the four rows, which halves the loads per multiply-add of the one-row loop.
 */
const dotRange4 = (rowI: number, rowJ: number, len: number): Bytes[] => {
  const zero = f64x2.splat(f64.const(0));
  const rows = [0, 1, 2, 3];
  return [
    ...rows.flatMap((r) => [set(AR[r]![0], zero), set(AR[r]![1], zero)]),
    set(K, i32.const(0)),
    set(PB, get(rowJ)),
    set(PR[0]!, get(rowI)),
    ...[1, 2, 3].map((r) => set(PR[r]!, i32.add(get(PR[r - 1]!), get(CROW)))),
    until(
      i32.geU(i32.add(get(K), i32.const(3)), get(len)),
      set(V01, v128.load(get(PB))),
      set(V23, v128.load(get(PB), 16)),
      ...rows.flatMap((r) => [
        set(AR[r]![0], f64x2.add(get(AR[r]![0]), f64x2.mul(v128.load(get(PR[r]!)), get(V01)))),
        set(AR[r]![1], f64x2.add(get(AR[r]![1]), f64x2.mul(v128.load(get(PR[r]!), 16), get(V23)))),
      ]),
      set(PB, i32.add(get(PB), i32.const(32))),
      ...rows.map((r) => set(PR[r]!, i32.add(get(PR[r]!), i32.const(32)))),
      set(K, i32.add(get(K), i32.const(4))),
    ),
    ...rows.map((r) => set(SR[r]!, f64x2.extractLane(get(AR[r]![0]), 0))),
    until(
      i32.geU(get(K), get(len)),
      ...rows.map((r) =>
        set(SR[r]!, f64.add(get(SR[r]!), f64.mul(f64.load(get(PR[r]!)), f64.load(get(PB))))),
      ),
      set(PB, i32.add(get(PB), i32.const(8))),
      ...rows.map((r) => set(PR[r]!, i32.add(get(PR[r]!), i32.const(8)))),
      set(K, i32.add(get(K), i32.const(1))),
    ),
    ...rows.map((r) =>
      set(
        DR[r]!,
        f64.add(
          f64.add(
            f64.add(get(SR[r]!), f64x2.extractLane(get(AR[r]![0]), 1)),
            f64x2.extractLane(get(AR[r]![1]), 0),
          ),
          f64x2.extractLane(get(AR[r]![1]), 1),
        ),
      ),
    ),
  ];
};

const choleskyFunction = (): FunctionDef => {
  const at = (row: number, col: number): Bytes => i32.add(get(row), i32.shl(get(col), i32.const(3)));
  const body: Bytes[] = [
    set(CROW, i32.shl(get(CN), i32.const(3))),
    set(RJ, i32.add(get(CL), i32.mul(get(CJ), get(CROW)))),
    set(PAJ, i32.add(get(CA), i32.mul(get(CJ), get(CROW)))),
    until(
      i32.geU(get(CJ), get(CJEND)),
      ...dotRange(D, RJ, RJ, CJ),
      set(D, f64.sub(f64.load(at(PAJ, CJ)), get(D))),
      when(i32.eqz(f64.gt(get(D), get(FLOOR))), [ret(i32.const(0))]),
      set(LJJ, f64.sqrt(get(D))),
      f64.store(at(RJ, CJ), get(LJJ)),
      set(CI, i32.add(get(CJ), i32.const(1))),
      set(RI, i32.add(get(RJ), get(CROW))),
      set(PAI, i32.add(get(PAJ), get(CROW))),
      until(
        i32.geU(i32.add(get(CI), i32.const(3)), get(CN)),
        ...dotRange4(RI, RJ, CJ),
        ...[0, 1, 2, 3].flatMap((r) => [
          f64.store(at(RI, CJ), f64.div(f64.sub(f64.load(at(PAI, CJ)), get(DR[r]!)), get(LJJ))),
          set(RI, i32.add(get(RI), get(CROW))),
          set(PAI, i32.add(get(PAI), get(CROW))),
        ]),
        set(CI, i32.add(get(CI), i32.const(4))),
      ),
      until(
        i32.geU(get(CI), get(CN)),
        ...dotRange(D, RI, RJ, CJ),
        f64.store(at(RI, CJ), f64.div(f64.sub(f64.load(at(PAI, CJ)), get(D)), get(LJJ))),
        set(CI, i32.add(get(CI), i32.const(1))),
        set(RI, i32.add(get(RI), get(CROW))),
        set(PAI, i32.add(get(PAI), get(CROW))),
      ),
      set(CJ, i32.add(get(CJ), i32.const(1))),
      set(RJ, i32.add(get(RJ), get(CROW))),
      set(PAJ, i32.add(get(PAJ), get(CROW))),
    ),
    i32.const(1),
  ];
  return {
    name: 'cholesky',
    params: [I32, I32, I32, F64, I32, I32],
    results: [I32],
    locals: [
      ...Array.from({ length: 9 }, () => I32),
      ...[F64, F64, F64, V128, V128, I32, I32, I32],
      ...Array.from({ length: 6 }, () => F64),
      ...Array.from({ length: 8 }, () => V128),
    ] as FunctionDef['locals'],
    body,
    names: ['a', 'l', 'n', 'floor', 'j', 'jend', 'i', 'rj', 'ri', 'paj', 'pai', 'k', 'pa', 'pb', 'row', 'd', 'ljj', 's0',
      'acc01', 'acc23', 'pa1', 'pa2', 'pa3', 's1', 's2', 's3', 'd1', 'd2', 'd3', 'acc1_01', 'acc1_23', 'acc2_01',
      'acc2_23', 'acc3_01', 'acc3_23', 'v01', 'v23'], // prettier-ignore
  };
};

type Kernel = {
  memory: WebAssembly.Memory;
  gram: (x: number, g: number, t: number, npad: number, p0: number, p1: number) => void;
  cholesky: (a: number, l: number, n: number, floor: number, j0: number, j1: number) => number;
};

let compiled: WebAssembly.Module | null | undefined;
let kernel: Kernel | null = null;

/** The kernel with at least `bytes` of memory (one instance per thread, its memory grown as needed), or null. */
const kernelWith = (bytes: number): Kernel | null => {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(
        encodeModule([gramFunction(), choleskyFunction()], { shared: false }),
      );
    } catch {
      compiled = null; // no WebAssembly SIMD here: callers use the JavaScript loops
    }
  }
  if (!compiled) return null;
  const pages = Math.ceil(bytes / 65536) + 1;
  if (!kernel) {
    const memory = new WebAssembly.Memory({ initial: pages });
    const ex = new WebAssembly.Instance(compiled, { env: { memory } }).exports as Omit<Kernel, 'memory'>;
    kernel = { memory, gram: ex.gram, cholesky: ex.cholesky };
  } else {
    const have = kernel.memory.buffer.byteLength / 65536;
    if (have < pages) kernel.memory.grow(pages - have);
  }
  return kernel;
};

/**
 * Splits rows (or columns) [0, n) into consecutive slices, each a multiple of `step`, for calls of a kernel.
 * V8 runs a new WebAssembly function in its baseline tier (Liftoff) and compiles the optimised one in the
 * background once it has run a while; a call that is already running stays in the slow tier to its end. One
 * call over a whole 500 × 1,000 table thus ran at baseline speed from start to finish in a fresh process (the
 * CLI); in slices of about SLICE_WORK multiply-adds, the calls after the first few run the optimised code. The
 * results are unchanged: each slice does the same operations in the same order as one call would.
 */
const SLICE_WORK = 1 << 21;
const slices = (n: number, step: number, workPerRow: number): [number, number][] => {
  const per = Math.max(step, Math.ceil(SLICE_WORK / Math.max(1, workPerRow) / step) * step);
  const out: [number, number][] = [];
  for (let a = 0; a < n; a += per) out.push([a, Math.min(n, a + per)]);
  return out;
};

/** Largest table the kernel takes (bytes of X plus G); beyond it the caller's JavaScript loop runs. */
const MAX_BYTES = 1 << 30;

/**
 * Upper triangle of XᵀX for equal-length columns, as `gramUpper` visits it (i ≤ j, both columns present), or
 * false when the kernel cannot run (no WebAssembly, or a table too large for one 32-bit memory).
 */
export const gramUpperWasm = (
  cols: readonly (Float64Array | null)[],
  visit: (i: number, j: number, dot: number) => void,
): boolean => {
  const n = cols.length;
  const first = cols.find((c) => c !== null);
  if (!first) return true;
  const t = first.length;
  const npad = (n + 7) & ~7;
  const xBytes = t * npad * 8;
  const gBytes = npad * npad * 8;
  if (xBytes + gBytes > MAX_BYTES) return false;
  const k = kernelWith(xBytes + gBytes);
  if (!k) return false;
  const { memory, gram } = k;
  const x = new Float64Array(memory.buffer, 0, t * npad);
  x.fill(0); // missing columns and the padding
  for (let j = 0; j < n; j++) {
    const c = cols[j];
    if (!c) continue;
    // column j is lane j mod 8 of panel ⌊j/8⌋ (T rows of eight values)
    for (let k = 0, at = (j >> 3) * 8 * t + (j & 7); k < t; k++, at += 8) x[at] = c[k]!;
  }
  for (const [p0, p1] of slices(npad >> 3, 1, 8 * t * npad)) gram(0, xBytes, t, npad, p0, p1);
  const g = new Float64Array(memory.buffer, xBytes, npad * npad);
  for (let i = 0; i < n; i++) {
    if (!cols[i]) continue;
    for (let j = i; j < n; j++) if (cols[j]) visit(i, j, g[i * npad + j]!);
  }
  return true;
};

/**
 * Cholesky factor of the order-n matrix `a` (row-major) with pivots above `floor`, as `cholesky` in linalg.ts
 * computes it; null when a pivot is not, undefined when the kernel cannot run.
 */
export const choleskyWasm = (
  a: ArrayLike<number>,
  n: number,
  floor: number,
): Float64Array | null | undefined => {
  const bytes = n * n * 8;
  if (2 * bytes > MAX_BYTES) return undefined;
  const k = kernelWith(2 * bytes);
  if (!k) return undefined;
  const av = new Float64Array(k.memory.buffer, 0, n * n);
  av.set(a);
  const lv = new Float64Array(k.memory.buffer, bytes, n * n);
  lv.fill(0);
  for (const [j0, j1] of slices(n, 1, n * n)) if (k.cholesky(0, bytes, n, floor, j0, j1) === 0) return null;
  return lv.slice();
};
