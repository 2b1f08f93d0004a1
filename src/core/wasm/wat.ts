import { F64, I32, MAX_PAGES, V128 } from './encode.js';
import type { Bytes, FunctionDef, ValueType } from './encode.js';

/**
 * The text form (WAT, linear instructions) of a module that `encodeModule` encodes from the same function
 * definitions: decodes each body's bytes back into instructions, so the text shows exactly what the binary does.
 * Locals are printed by name when the definition names them. Knows the instructions encode.ts can emit.
 */
const TYPE: Record<ValueType, string> = { [I32]: 'i32', [F64]: 'f64', [V128]: 'v128' };

/** Opcode → mnemonic and the immediates that follow it in the binary. */
type Immediate = 'local' | 'mem' | 'i32' | 'f64' | 'label' | 'block' | 'lane';
const OPS: Record<number, [string, ...Immediate[]]> = {
  0x02: ['block', 'block'],
  0x03: ['loop', 'block'],
  0x04: ['if', 'block'],
  0x05: ['else'],
  0x0b: ['end'],
  0x0f: ['return'],
  0x0c: ['br', 'label'],
  0x0d: ['br_if', 'label'],
  0x1b: ['select'],
  0x20: ['local.get', 'local'],
  0x21: ['local.set', 'local'],
  0x28: ['i32.load', 'mem'],
  0x2b: ['f64.load', 'mem'],
  0x2d: ['i32.load8_u', 'mem'],
  0x36: ['i32.store', 'mem'],
  0x39: ['f64.store', 'mem'],
  0x41: ['i32.const', 'i32'],
  0x44: ['f64.const', 'f64'],
  0x45: ['i32.eqz'],
  0x46: ['i32.eq'],
  0x47: ['i32.ne'],
  0x49: ['i32.lt_u'],
  0x4d: ['i32.le_u'],
  0x4f: ['i32.ge_u'],
  0x63: ['f64.lt'],
  0x64: ['f64.gt'],
  0x6a: ['i32.add'],
  0x6b: ['i32.sub'],
  0x6c: ['i32.mul'],
  0x71: ['i32.and'],
  0x74: ['i32.shl'],
  0x76: ['i32.shr_u'],
  0xa0: ['f64.add'],
  0xa1: ['f64.sub'],
  0xa2: ['f64.mul'],
  0xa3: ['f64.div'],
  0x9f: ['f64.sqrt'],
};
const SIMD: Record<number, [string, ...Immediate[]]> = {
  0x00: ['v128.load', 'mem'],
  0x0a: ['v128.load64_splat', 'mem'],
  0x0b: ['v128.store', 'mem'],
  0x14: ['f64x2.splat'],
  0x21: ['f64x2.extract_lane', 'lane'],
  0x22: ['f64x2.replace_lane', 'lane'],
  0xf0: ['f64x2.add'],
  0xf1: ['f64x2.sub'],
  0xf2: ['f64x2.mul'],
};
/** Natural alignment exponent of each memory access; only a different one is printed. */
const NATURAL: Record<string, number> = {
  'i32.load': 2,
  'i32.load8_u': 0,
  'i32.store': 2,
  'f64.load': 3,
  'f64.store': 3,
  'v128.load': 4,
  'v128.load64_splat': 3,
  'v128.store': 4,
};

const reader = (bytes: Bytes) => {
  let at = 0;
  const uleb = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++]!;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return v;
    }
  };
  const sleb = (): number => {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++]!;
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && b & 0x40 ? v | (-1 << shift) : v;
  };
  const f64 = (): number => {
    const v = new DataView(Uint8Array.from(bytes.slice(at, at + 8)).buffer).getFloat64(0, true);
    at += 8;
    return v;
  };
  return { uleb, sleb, f64, byte: (): number => bytes[at++]!, done: (): boolean => at >= bytes.length };
};

/** Instructions of one function body, indented by block depth. */
const instructions = (body: Bytes, local: (i: number) => string): string[] => {
  const r = reader(body);
  const lines: string[] = [];
  let depth = 2;
  while (!r.done()) {
    const op = r.byte();
    const entry = op === 0xfd ? SIMD[r.uleb()] : OPS[op];
    if (!entry) throw new Error(`wat: opcode 0x${op.toString(16)} is not one encode.ts emits`);
    const [mnemonic, ...immediates] = entry;
    const parts = [mnemonic];
    for (const imm of immediates) {
      if (imm === 'local') parts.push(local(r.uleb()));
      else if (imm === 'label') parts.push(String(r.uleb()));
      else if (imm === 'i32') parts.push(String(r.sleb()));
      else if (imm === 'f64') parts.push(String(r.f64()));
      else if (imm === 'lane') parts.push(String(r.byte()));
      else if (imm === 'block')
        r.byte(); // 0x40: no result
      else {
        const align = r.uleb();
        const offset = r.uleb();
        if (offset !== 0) parts.push(`offset=${offset}`);
        if (align !== NATURAL[mnemonic]) parts.push(`align=${2 ** align}`);
      }
    }
    if (mnemonic === 'end' || mnemonic === 'else') depth--;
    lines.push(`${'  '.repeat(depth)}${parts.join(' ')}`);
    if (mnemonic === 'block' || mnemonic === 'loop' || mnemonic === 'if' || mnemonic === 'else') depth++;
  }
  return lines;
};

/** WAT of the module `encodeModule(functions, opts)` writes. */
export const watOf = (functions: FunctionDef[], opts: { shared: boolean }): string => {
  const out = ['(module', `  (import "env" "memory" (memory 1${opts.shared ? ` ${MAX_PAGES} shared` : ''}))`];
  functions.forEach((f) => {
    const own = f.names ?? [];
    const local = (j: number): string => (own[j] ? `$${own[j]}` : String(j));
    const head = [`  (func $${f.name} (export "${f.name}")`];
    f.params.forEach((t, j) => head.push(`(param ${local(j)} ${TYPE[t]})`));
    for (const t of f.results) head.push(`(result ${TYPE[t]})`);
    out.push(head.join(' '));
    f.locals.forEach((t, j) => out.push(`    (local ${local(f.params.length + j)} ${TYPE[t]})`));
    out.push(...instructions(f.body.flat(), local), '  )');
  });
  out.push(')');
  return `${out.join('\n')}\n`;
};
