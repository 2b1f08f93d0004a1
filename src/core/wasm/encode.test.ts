import { describe, expect, it } from 'vitest';
import { F64, I32, encodeModule, f64, get, i32, set, sleb, uleb, until, when } from './encode.js';

describe('WebAssembly encoder', () => {
  it('writes LEB128 as the spec examples', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(624_485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(sleb(-123_456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-64)).toEqual([0x40]);
  });

  it('assembles loops, branches and memory access that run as written', () => {
    // sum(ptr, n): Σ f64 at ptr[0…n) counting only the positive ones; count(ptr, n) returns how many.
    const bytes = encodeModule(
      [
        {
          name: 'sum',
          params: [I32, I32],
          results: [F64],
          locals: [I32, F64],
          body: [
            until(
              i32.geU(get(2), get(1)),
              when(f64.lt(f64.const(0), f64.load(i32.add(get(0), i32.shl(get(2), i32.const(3))))), [
                set(3, f64.add(get(3), f64.load(i32.add(get(0), i32.shl(get(2), i32.const(3)))))),
              ]),
              set(2, i32.add(get(2), i32.const(1))),
            ),
            get(3),
          ],
        },
      ],
      { shared: false },
    );
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const { sum } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as {
      sum: (ptr: number, n: number) => number;
    };
    new Float64Array(memory.buffer, 64, 5).set([1.5, -2, 3, -0.5, 4]);
    expect(sum(64, 5)).toBe(8.5);
    expect(sum(64, 0)).toBe(0);
  });
});
