import { describe, expect, it } from 'vitest';
import { encodeFeatures, inferSchema, isMissing } from './dataset.js';

describe('dataset encoding', () => {
  it('treats blank, NA, NaN, null and n/a (any case, blanks around, also Unicode blanks) as missing', () => {
    for (const s of [
      '',
      '  ',
      'NA',
      ' na ',
      'NaN',
      'nan',
      'NULL',
      'null ',
      'N/A',
      '\u00a0nan\u00a0',
      '\tn/a\t',
    ])
      expect(isMissing(s), JSON.stringify(s)).toBe(true);
    for (const s of ['0', '1.5', 'nanx', 'nulls', '0.3727334505411208', ' 12345 ', 'none', 'n a'])
      expect(isMissing(s), JSON.stringify(s)).toBe(false);
  });

  it('finds numeric and categorical columns and encodes them', () => {
    const t = {
      columns: ['a', 'b', 'c', 'y'],
      rows: [
        ['0.3727334505411208', 'x', ' 7 ', '1'],
        ['NA', 'y', '', '0'],
        ['-1e-3', ' x ', '1234567', '1'],
      ],
    };
    const schema = inferSchema(t, { target: 'y' });
    expect(schema.features).toEqual([
      { name: 'a', kind: 'numeric' },
      { name: 'b', kind: 'categorical', categories: ['x', 'y'] },
      { name: 'c', kind: 'numeric' },
    ]);
    expect(Array.from(encodeFeatures(schema, t).x)).toEqual([
      0.3727334505411208,
      0,
      7,
      NaN,
      1,
      NaN,
      -1e-3,
      0,
      1234567,
    ]);
    expect(inferSchema(t, { target: 'y', categorical: ['c'] }).features[2]).toEqual({
      name: 'c',
      kind: 'categorical',
      categories: ['1234567', '7'],
    });
  });
});
