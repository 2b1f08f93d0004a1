/**
 * A small WebAssembly binary encoder for hand-written numeric kernels. Instructions are written in the folded
 * form of the text format — `i32.add(get(a), get(b))` — and each helper returns the bytes of its operands
 * followed by its own opcode, so a kernel reads like its WAT and needs no toolchain. Covers the MVP integer and
 * f64 instructions the kernels use plus the few 128-bit SIMD ones (f64x2) that Node has shipped since v16.
 * Spec: https://webassembly.github.io/spec/core/binary/ (opcodes), SIMD proposal opcode table.
 */
export type Bytes = number[];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128 of a non-negative 32-bit integer. */
export const uleb = (value: number): Bytes => {
  const out: Bytes = [];
  let v = value >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
};

/** Signed LEB128 of a 32-bit integer. */
export const sleb = (value: number): Bytes => {
  const out: Bytes = [];
  let v = value | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};

const cat = (...parts: Bytes[]): Bytes => parts.flat();
const name = (s: string): Bytes => {
  const utf8 = [...new TextEncoder().encode(s)];
  return cat(uleb(utf8.length), utf8);
};
const vec = (items: Bytes[]): Bytes => cat(uleb(items.length), ...items);
const section = (id: number, body: Bytes): Bytes => cat([id], uleb(body.length), body);
/** memarg: alignment exponent and constant offset. */
const mem = (align: number, offset: number): Bytes => cat([align], uleb(offset));
const simd = (op: number): Bytes => cat([0xfd], uleb(op));

// ── variables and control ─────────────────────────────────────────────────────────────────────────
export const get = (local: number): Bytes => cat([0x20], uleb(local));
export const set = (local: number, value: Bytes): Bytes => cat(value, [0x21], uleb(local));
/** Runs `body` until `exit` (an i32 condition tested before each pass) is non-zero. */
export const until = (exit: Bytes, ...body: Bytes[]): Bytes =>
  cat([0x02, 0x40, 0x03, 0x40], exit, [0x0d, 1], ...body, [0x0c, 0, 0x0b, 0x0b]);
/** `if cond then … else …` without a result. */
export const when = (cond: Bytes, then: Bytes[], otherwise: Bytes[] = []): Bytes =>
  cat(cond, [0x04, 0x40], ...then, otherwise.length ? cat([0x05], ...otherwise) : [], [0x0b]);
/** Returns from the function (with the value on the stack, if any). */
export const ret = (value: Bytes = []): Bytes => cat(value, [0x0f]);
/** `cond ? a : b` for i32 values (both evaluated). */
export const select = (a: Bytes, b: Bytes, cond: Bytes): Bytes => cat(a, b, cond, [0x1b]);

const binary =
  (op: number) =>
  (a: Bytes, b: Bytes): Bytes =>
    cat(a, b, [op]);

export const i32 = {
  const: (v: number): Bytes => cat([0x41], sleb(v)),
  eqz: (a: Bytes): Bytes => cat(a, [0x45]),
  eq: binary(0x46),
  ne: binary(0x47),
  ltU: binary(0x49),
  leU: binary(0x4d),
  geU: binary(0x4f),
  add: binary(0x6a),
  sub: binary(0x6b),
  mul: binary(0x6c),
  and: binary(0x71),
  shl: binary(0x74),
  shrU: binary(0x76),
  load: (addr: Bytes, offset = 0): Bytes => cat(addr, [0x28], mem(2, offset)),
  load8u: (addr: Bytes, offset = 0): Bytes => cat(addr, [0x2d], mem(0, offset)),
  store: (addr: Bytes, value: Bytes, offset = 0): Bytes => cat(addr, value, [0x36], mem(2, offset)),
};

export const f64 = {
  const: (v: number): Bytes => {
    const b = new Uint8Array(new Float64Array([v]).buffer);
    return cat([0x44], [...b]);
  },
  lt: binary(0x63),
  gt: binary(0x64),
  add: binary(0xa0),
  sub: binary(0xa1),
  mul: binary(0xa2),
  div: binary(0xa3),
  sqrt: (a: Bytes): Bytes => cat(a, [0x9f]),
  load: (addr: Bytes, offset = 0): Bytes => cat(addr, [0x2b], mem(3, offset)),
  store: (addr: Bytes, value: Bytes, offset = 0): Bytes => cat(addr, value, [0x39], mem(3, offset)),
};

export const v128 = {
  load: (addr: Bytes, offset = 0): Bytes => cat(addr, simd(0x00), mem(4, offset)),
  store: (addr: Bytes, value: Bytes, offset = 0): Bytes => cat(addr, value, simd(0x0b), mem(4, offset)),
  /** Loads one f64 into both lanes (one instruction; the same as f64x2.splat of f64.load). */
  load64Splat: (addr: Bytes, offset = 0): Bytes => cat(addr, simd(0x0a), mem(3, offset)),
};

export const f64x2 = {
  splat: (a: Bytes): Bytes => cat(a, simd(0x14)),
  extractLane: (v: Bytes, lane: number): Bytes => cat(v, simd(0x21), [lane]),
  replaceLane: (v: Bytes, lane: number, a: Bytes): Bytes => cat(v, a, simd(0x22), [lane]),
  add: (a: Bytes, b: Bytes): Bytes => cat(a, b, simd(0xf0)),
  sub: (a: Bytes, b: Bytes): Bytes => cat(a, b, simd(0xf1)),
  mul: (a: Bytes, b: Bytes): Bytes => cat(a, b, simd(0xf2)),
};

// ── module ────────────────────────────────────────────────────────────────────────────────────────
export type FunctionDef = {
  name: string;
  params: ValueType[];
  results: ValueType[];
  /** Types of the locals after the parameters (local indices continue from params.length). */
  locals: ValueType[];
  body: Bytes[];
  /** Names of the parameters then the locals, in index order: only the text form (wat.ts) prints them. */
  names?: string[];
};

/** Largest memory a 32-bit module can address: 65,536 pages of 64 KiB. */
export const MAX_PAGES = 65_536;

/**
 * A module that imports its memory as `env.memory` (shared when `shared`, as worker threads need) and exports
 * the given functions under their names.
 */
export const encodeModule = (
  functions: FunctionDef[],
  opts: { shared: boolean },
): Uint8Array<ArrayBuffer> => {
  const types = functions.map((f) =>
    cat([0x60], vec(f.params.map((t) => [t])), vec(f.results.map((t) => [t]))),
  );
  const limits = opts.shared ? cat([0x03], uleb(1), uleb(MAX_PAGES)) : cat([0x00], uleb(1));
  const imports = [cat(name('env'), name('memory'), [0x02], limits)];
  const exports = functions.map((f, i) => cat(name(f.name), [0x00], uleb(i)));
  const bodies = functions.map((f) => {
    const groups: Bytes[] = [];
    for (let i = 0; i < f.locals.length;) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      groups.push(cat(uleb(j - i), [f.locals[i]!]));
      i = j;
    }
    const code = cat(vec(groups), ...f.body, [0x0b]);
    return cat(uleb(code.length), code);
  });
  return Uint8Array.from(
    cat(
      [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      section(1, vec(types)),
      section(2, vec(imports)),
      section(3, vec(functions.map((_, i) => uleb(i)))),
      section(7, vec(exports)),
      section(10, vec(bodies)),
    ),
  );
};
