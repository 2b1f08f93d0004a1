import {
  F64,
  I32,
  V128,
  encodeModule,
  f64,
  f64x2,
  get,
  i32,
  select,
  set,
  until,
  v128,
} from '../wasm/encode.js';
import type { Bytes, FunctionDef, ValueType } from '../wasm/encode.js';
import { watOf } from '../wasm/wat.js';

/**
 * The inner loops of GBDT training as a WebAssembly kernel: histogram building (Σg, Σh, count per feature and
 * bin) from rows in place or gathered first, the row gather, the stable row partition of a split, histogram
 * subtraction and the leaf-score update. They run 3–4× faster than the same loops in JavaScript (no typed-array
 * bounds checks, the (g, h) pair added as one f64x2). Every cell is summed over the same rows in the same order
 * with the same IEEE operations as a scalar loop, so the results are bit-identical to it (gbdt-kernel.test.ts
 * checks that against a plain JS reference).
 *
 * Arguments are byte offsets into the one memory that holds the training arrays (see gbdt-arena.ts), row or
 * feature indices, counts, and one f64 value; `KERNEL_SIGNATURES` names them, and the same lists build the
 * functions and type the calls (`instantiateKernel` takes named arguments). gbdt-kernel.wat is the module's text
 * form (gbdt-kernel.test.ts keeps it in step).
 *
 * Histogram layout: feature f, bin b at hist + f·6144 + b·24 → (Σg, Σh, count) as f64. A fixed block per
 * feature keeps the cell address one multiply-add (a per-feature offset table costs ~10% in the hot loop);
 * callers clear and subtract only the bins a feature uses.
 */
export const HIST_BINS = 256;
export const CELL_BYTES = 24;
export const FEATURE_BYTES = HIST_BINS * CELL_BYTES;
/** A feature's block in f64 cells (3 per bin), the stride a Float64Array view of a slot uses. */
export const HIST_STRIDE = FEATURE_BYTES / 8;

/** A kernel function's named parameters and what it returns (`R`: number for an i32 result, void for none). */
export type Signature<N extends string, R extends number | void> = {
  params: Array<[N, ValueType]>;
  results: ValueType[];
  /** Type only: what the typed call returns. */
  returns?: R;
};
const i32Params = <N extends string>(...names: N[]): Array<[N, ValueType]> => names.map((n) => [n, I32]);
const procedure = <N extends string>(params: Array<[N, ValueType]>): Signature<N, void> => ({
  params,
  results: [],
});
const returnsI32 = <N extends string>(params: Array<[N, ValueType]>): Signature<N, number> => ({
  params,
  results: [I32],
});

const HIST_DIRECT = procedure(
  i32Params('hist', 'bins', 'p', 'grad', 'hess', 'order', 'k', 'end', 'feats', 'qLo', 'qHi'),
);
const HIST_GATHERED = procedure(i32Params('hist', 'rows', 'stride', 'pairs', 'm', 'feats', 'qLo', 'qHi'));

/**
 * Every exported function's parameters in call order — the one list the generators below take their locals from,
 * the encoder writes as the function type, and `instantiateKernel` maps named arguments onto.
 */
export const KERNEL_SIGNATURES = {
  hist_direct: HIST_DIRECT,
  hist_direct_list: HIST_DIRECT,
  gather: procedure(i32Params('rows', 'pairs', 'bins', 'p', 'chunks', 'grad', 'hess', 'order', 'k', 'end')),
  hist_gathered: HIST_GATHERED,
  hist_gathered_list: HIST_GATHERED,
  partition: returnsI32(i32Params('column', 'order', 'scratch', 'k', 'end', 'thr', 'defLeft', 'mask')),
  subtract: procedure(i32Params('parent', 'child', 'bytes')),
  add_leaf: procedure([
    ['score', I32],
    ['order', I32],
    ['k', I32],
    ['end', I32],
    ['v', F64],
  ]),
};

export type KernelName = keyof typeof KERNEL_SIGNATURES;
type ArgsOf<S> = S extends Signature<infer N, infer _R> ? Record<N, number> : never;
type ReturnOf<S> = S extends Signature<infer _N, infer R> ? R : never;
/** A kernel function called with its arguments by name. */
export type KernelCall<K extends KernelName> = (
  args: ArgsOf<(typeof KERNEL_SIGNATURES)[K]>,
) => ReturnOf<(typeof KERNEL_SIGNATURES)[K]>;
/** The kernel's exports, typed from `KERNEL_SIGNATURES`. */
export type KernelExports = { [K in KernelName]: KernelCall<K> };

/** The frame of kernel function `name`: its signature's parameters, then `locals`, each with its local index. */
const frameOf = <K extends KernelName, L extends string>(
  name: K,
  locals: Array<[L, ValueType]>,
): {
  at: Record<keyof ArgsOf<(typeof KERNEL_SIGNATURES)[K]> | L, number>;
  def: (body: Bytes[]) => FunctionDef;
} => {
  const sig = KERNEL_SIGNATURES[name] as Signature<string, number | void>;
  const f = frame(sig.params, locals);
  return {
    at: f.at as Record<keyof ArgsOf<(typeof KERNEL_SIGNATURES)[K]> | L, number>,
    def: (body) => ({
      name,
      params: f.params,
      results: sig.results,
      locals: f.locals,
      body,
      names: [...sig.params, ...locals].map(([n]) => n),
    }),
  };
};

/** Names the parameters and locals of a function so the body can refer to them by name. */
const frame = <P extends string, L extends string>(
  params: Array<[P, ValueType]>,
  locals: Array<[L, ValueType]>,
): { at: Record<P | L, number>; params: ValueType[]; locals: ValueType[] } => {
  const at = {} as Record<P | L, number>;
  [...params, ...locals].forEach(([n], i) => (at[n] = i));
  return { at, params: params.map(([, t]) => t), locals: locals.map(([, t]) => t) };
};

const inc = (local: number, by: number): Bytes => set(local, i32.add(get(local), i32.const(by)));
/** Element address: base + index · 2^shift. */
const elem = (base: number, index: Bytes, shift: number): Bytes =>
  i32.add(get(base), i32.shl(index, i32.const(shift)));

/** Adds the row's (g, h) pair and 1 to the cell at `cell`. */
const addToCell = (cell: number, gh: number): Bytes[] => [
  v128.store(get(cell), f64x2.add(v128.load(get(cell)), get(gh))),
  f64.store(get(cell), f64.add(f64.load(get(cell), 16), f64.const(1)), 16),
];

/** Loads (grad[r], hess[r]) into one f64x2. */
const loadPair = (grad: number, hess: number, r: number): Bytes =>
  f64x2.replaceLane(f64x2.splat(f64.load(elem(grad, get(r), 3))), 1, f64.load(elem(hess, get(r), 3)));

/**
 * The per-row feature loop shared by the histogram functions: adds the pair in local `gh` to the cells of the
 * row whose bins start at local `row`, for features [qLo, qHi) — contiguous (`list` false) or read from the
 * i32 list at `feats` (`list` true).
 */
const featureLoop = (
  at: Record<'hist' | 'row' | 'gh' | 'qLo' | 'qHi' | 'feats' | 'q' | 'qe' | 'f' | 'cell', number>,
  list: boolean,
): Bytes[] =>
  list
    ? [
        set(at.q, elem(at.feats, get(at.qLo), 2)),
        set(at.qe, elem(at.feats, get(at.qHi), 2)),
        until(
          i32.geU(get(at.q), get(at.qe)),
          set(at.f, i32.load(get(at.q))),
          set(
            at.cell,
            i32.add(
              i32.add(get(at.hist), i32.mul(get(at.f), i32.const(FEATURE_BYTES))),
              i32.mul(i32.load8u(i32.add(get(at.row), get(at.f))), i32.const(CELL_BYTES)),
            ),
          ),
          ...addToCell(at.cell, at.gh),
          inc(at.q, 4),
        ),
      ]
    : [
        // q walks the row's bins, f the features' histogram blocks.
        set(at.q, i32.add(get(at.row), get(at.qLo))),
        set(at.qe, i32.add(get(at.row), get(at.qHi))),
        set(at.f, i32.add(get(at.hist), i32.mul(get(at.qLo), i32.const(FEATURE_BYTES)))),
        until(
          i32.geU(get(at.q), get(at.qe)),
          set(at.cell, i32.add(get(at.f), i32.mul(i32.load8u(get(at.q)), i32.const(CELL_BYTES)))),
          ...addToCell(at.cell, at.gh),
          inc(at.q, 1),
          inc(at.f, FEATURE_BYTES),
        ),
      ];

const LOOP_LOCALS: Array<['row' | 'q' | 'qe' | 'f' | 'cell', typeof I32] | ['gh', typeof V128]> = [
  ['gh', V128],
  ['row', I32],
  ['q', I32],
  ['qe', I32],
  ['f', I32],
  ['cell', I32],
];

/**
 * hist_direct / hist_direct_list: rows order[start…end) read in place from the row-major bins (best when the
 * rows are a dense part of the matrix, whose cache lines the hardware prefetches).
 */
const histDirect = (list: boolean): FunctionDef => {
  const { at, def } = frameOf(list ? 'hist_direct_list' : 'hist_direct', [['r', I32], ...LOOP_LOCALS]);
  return def([
    until(
      i32.geU(get(at.k), get(at.end)),
      set(at.r, i32.load(elem(at.order, get(at.k), 2))),
      set(at.gh, loadPair(at.grad, at.hess, at.r)),
      set(at.row, i32.add(get(at.bins), i32.mul(get(at.r), get(at.p)))),
      ...featureLoop(at, list),
      inc(at.k, 1),
    ),
  ]);
};

/**
 * gather: copies the bins of rows order[k…end) (row r at bins + r·p) into `rows` — `chunks` 16-byte copies per
 * row, so the gathered stride is chunks·16; the last copy may read up to 15 bytes past the matrix, which the arena
 * pads — and their (g, h) pairs into `pairs`. The loop is short, so the CPU keeps many of these scattered loads
 * in flight — unlike the long feature loop.
 */
const gather = (): FunctionDef => {
  const { at, def } = frameOf('gather', [
    ['r', I32],
    ['src', I32],
    ['c', I32],
  ]);
  return def([
    until(
      i32.geU(get(at.k), get(at.end)),
      set(at.r, i32.load(elem(at.order, get(at.k), 2))),
      set(at.src, i32.add(get(at.bins), i32.mul(get(at.r), get(at.p)))),
      set(at.c, i32.const(0)),
      until(
        i32.geU(get(at.c), get(at.chunks)),
        v128.store(get(at.rows), v128.load(get(at.src))),
        inc(at.rows, 16),
        inc(at.src, 16),
        inc(at.c, 1),
      ),
      v128.store(get(at.pairs), loadPair(at.grad, at.hess, at.r)),
      inc(at.pairs, 16),
      inc(at.k, 1),
    ),
  ]);
};

/** hist_gathered / hist_gathered_list: m gathered rows (stride `stride` bytes) with their pairs, in sequence. */
const histGathered = (list: boolean): FunctionDef => {
  const { at, def } = frameOf(list ? 'hist_gathered_list' : 'hist_gathered', [['end', I32], ...LOOP_LOCALS]);
  return def([
    set(at.end, i32.add(get(at.pairs), i32.shl(get(at.m), i32.const(4)))),
    until(
      i32.geU(get(at.pairs), get(at.end)),
      set(at.gh, v128.load(get(at.pairs))),
      set(at.row, get(at.rows)),
      ...featureLoop(at, list),
      set(at.rows, i32.add(get(at.rows), get(at.stride))),
      inc(at.pairs, 16),
    ),
  ]);
};

/**
 * partition: stable split of order[k…end) by the bins in `column` (the split feature's column of the column-major
 * copy, which fits in cache where the row-major matrix does not) — bin 0 (missing) goes left iff defLeft; other
 * bins go left iff mask[b] = 1 when mask ≠ 0 (categorical), else iff b ≤ thr. Left rows are compacted in place
 * from k, right rows written to scratch from k. Returns the number of left rows.
 */
const partition = (): FunctionDef => {
  const { at, def } = frameOf('partition', [
    ['row', I32],
    ['b', I32],
    ['l', I32],
    ['rr', I32],
    ['start', I32],
    ['left', I32],
  ]);
  // Branch-free: which side a row takes is unpredictable, so both stores happen and only the counters move.
  const goesLeft = select(
    get(at.defLeft),
    select(i32.load8u(i32.add(get(at.mask), get(at.b))), i32.leU(get(at.b), get(at.thr)), get(at.mask)),
    i32.eqz(get(at.b)),
  );
  return def([
    set(at.start, get(at.k)),
    set(at.l, get(at.k)),
    set(at.rr, get(at.k)),
    until(
      i32.geU(get(at.k), get(at.end)),
      set(at.row, i32.load(elem(at.order, get(at.k), 2))),
      set(at.b, i32.load8u(i32.add(get(at.column), get(at.row)))),
      set(at.left, goesLeft),
      i32.store(elem(at.order, get(at.l), 2), get(at.row)),
      i32.store(elem(at.scratch, get(at.rr), 2), get(at.row)),
      set(at.l, i32.add(get(at.l), get(at.left))),
      set(at.rr, i32.add(get(at.rr), i32.sub(i32.const(1), get(at.left)))),
      inc(at.k, 1),
    ),
    i32.sub(get(at.l), get(at.start)),
  ]);
};

/** add_leaf: score[order[k]] += v for k in [start, end) (a leaf's rows after growth). */
const addLeaf = (): FunctionDef => {
  const { at, def } = frameOf('add_leaf', [['addr', I32]]);
  return def([
    until(
      i32.geU(get(at.k), get(at.end)),
      set(at.addr, elem(at.score, i32.load(elem(at.order, get(at.k), 2)), 3)),
      f64.store(get(at.addr), f64.add(f64.load(get(at.addr)), get(at.v))),
      inc(at.k, 1),
    ),
  ]);
};

/** subtract: parent[i] −= child[i] over `bytes` (a multiple of 16). */
const subtract = (): FunctionDef => {
  const { at, def } = frameOf('subtract', [['end', I32]]);
  return def([
    set(at.end, i32.add(get(at.parent), get(at.bytes))),
    until(
      i32.geU(get(at.parent), get(at.end)),
      v128.store(get(at.parent), f64x2.sub(v128.load(get(at.parent)), v128.load(get(at.child)))),
      inc(at.parent, 16),
      inc(at.child, 16),
    ),
  ]);
};

/** The kernel's functions, in export order. */
const kernelFunctions = (): FunctionDef[] => [
  histDirect(false),
  histDirect(true),
  gather(),
  histGathered(false),
  histGathered(true),
  partition(),
  subtract(),
  addLeaf(),
];

/** The kernel's module bytes for a plain or a shared memory. */
export const kernelModuleBytes = (shared: boolean): Uint8Array<ArrayBuffer> =>
  encodeModule(kernelFunctions(), { shared });

/** The kernel's text form (shared memory), committed as gbdt-kernel.wat. */
export const kernelWat = (): string => watOf(kernelFunctions(), { shared: true });

const compiled = new Map<boolean, WebAssembly.Module>();

/** Instantiates the kernel on `memory` (synchronously; the module is compiled once per process). */
export const instantiateKernel = (memory: WebAssembly.Memory, shared: boolean): KernelExports => {
  let mod = compiled.get(shared);
  if (!mod) {
    mod = new WebAssembly.Module(kernelModuleBytes(shared));
    compiled.set(shared, mod);
  }
  const raw = new WebAssembly.Instance(mod, { env: { memory } }).exports;
  const typed = {} as Record<KernelName, unknown>;
  for (const name of Object.keys(KERNEL_SIGNATURES) as KernelName[]) {
    typed[name] = byName(
      KERNEL_SIGNATURES[name].params,
      raw[name] as (...args: number[]) => number | undefined,
    );
  }
  return typed as KernelExports;
};

/**
 * Wraps a positional WebAssembly export as a call with named arguments, in the order of its signature (one
 * argument buffer per function; calls do not nest).
 */
const byName = (
  params: Array<[string, ValueType]>,
  fn: (...args: number[]) => number | undefined,
): ((args: Record<string, number>) => number | undefined) => {
  if (typeof fn !== 'function' || fn.length !== params.length) {
    throw new Error(
      `GBDT kernel: an export does not match its signature (${params.map(([n]) => n).join(', ')})`,
    );
  }
  const names = params.map(([n]) => n);
  const buffer = new Array<number>(names.length).fill(0);
  return (args) => {
    for (let i = 0; i < names.length; i++) buffer[i] = args[names[i]!]!;
    return fn(...buffer);
  };
};
