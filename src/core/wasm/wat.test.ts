import { describe, expect, it } from 'vitest';
import { F64, I32, V128, f64, get, i32, set, until, v128, when } from './encode.js';
import { watOf } from './wat.js';

describe('WebAssembly text form', () => {
  it('decodes what the encoder wrote, with named locals, immediates and nested blocks', () => {
    const text = watOf(
      [
        {
          name: 'sum',
          params: [I32, I32],
          results: [F64],
          locals: [I32, F64],
          names: ['ptr', 'n', 'i'],
          body: [
            until(
              i32.geU(get(2), get(1)),
              when(
                f64.lt(f64.const(-0.5), f64.load(get(0), 8)),
                [set(3, f64.add(get(3), f64.load(get(0), 8)))],
                [v128.store(get(0), v128.load(get(0), 16))],
              ),
              set(2, i32.add(get(2), i32.const(-1))),
            ),
            get(3),
          ],
        },
      ],
      { shared: false },
    );
    expect(text).toBe(
      [
        '(module',
        '  (import "env" "memory" (memory 1))',
        '  (func $sum (export "sum") (param $ptr i32) (param $n i32) (result f64)',
        '    (local $i i32)',
        '    (local 3 f64)',
        '    block',
        '      loop',
        '        local.get $i',
        '        local.get $n',
        '        i32.ge_u',
        '        br_if 1',
        '        f64.const -0.5',
        '        local.get $ptr',
        '        f64.load offset=8',
        '        f64.lt',
        '        if',
        '          local.get 3',
        '          local.get $ptr',
        '          f64.load offset=8',
        '          f64.add',
        '          local.set 3',
        '        else',
        '          local.get $ptr',
        '          local.get $ptr',
        '          v128.load offset=16',
        '          v128.store',
        '        end',
        '        local.get $i',
        '        i32.const -1',
        '        i32.add',
        '        local.set $i',
        '        br 0',
        '      end',
        '    end',
        '    local.get 3',
        '  )',
        ')',
        '',
      ].join('\n'),
    );
  });

  it('prints the one-lane splat load and the unsigned shift the Gram kernel uses', () => {
    const text = watOf(
      [
        {
          name: 'f',
          params: [I32],
          results: [],
          locals: [V128],
          body: [set(1, v128.load64Splat(i32.shrU(get(0), i32.const(3)), 8))],
        },
      ],
      { shared: false },
    );
    expect(text).toContain('    i32.shr_u\n    v128.load64_splat offset=8\n    local.set 1\n');
  });
});
