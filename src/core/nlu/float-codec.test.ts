import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import {
  base64ToBytes,
  bytesToBase64,
  decodeFloat32Base64,
  encodeFloat64AsFloat32Base64,
} from './float-codec.js';

describe('base64 over typed arrays', () => {
  const rng = createRng(3);
  const lengths = [0, 1, 2, 3, 4, 5, 6, 7, 63, 64, 65, 1000, 4099];

  it.each(lengths)('matches the platform encoder and round-trips (%i bytes)', (n) => {
    const bytes = Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 256));
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(Array.from(base64ToBytes(text)!)).toEqual(Array.from(bytes));
    expect(Array.from(base64ToBytes(text.replace(/=+$/, ''))!)).toEqual(Array.from(bytes)); // unpadded
  });

  it('refuses text that is not base64', () => {
    expect(base64ToBytes('ab$d')).toBeNull();
    expect(base64ToBytes('abcde')).toBeNull(); // one char left over
    expect(base64ToBytes('ab===')).toBeNull();
    expect(base64ToBytes('ab cd')).toBeNull();
    expect(base64ToBytes('ab=d')).toBeNull(); // padding inside
    expect(base64ToBytes('抱歉')).toBeNull();
  });
});

describe('float32 weight codec', () => {
  it('round-trips through float32, exactly for float32 values', () => {
    const rng = createRng(5);
    const values = Float64Array.from({ length: 777 }, () => Math.fround(rng.normal() * 10));
    values[0] = 0;
    values[1] = -0;
    values[2] = Math.fround(1e-30);
    const back = decodeFloat32Base64(encodeFloat64AsFloat32Base64(values))!;
    expect(back).toHaveLength(values.length);
    for (let i = 0; i < values.length; i++) expect(Object.is(back[i], values[i])).toBe(true);
  });

  it('rounds float64 to the nearest float32', () => {
    const back = decodeFloat32Base64(encodeFloat64AsFloat32Base64(Float64Array.of(0.1, 1 / 3)))!;
    expect(Array.from(back)).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
  });

  it('refuses base64 of a byte count that is not a whole number of floats', () => {
    expect(decodeFloat32Base64(bytesToBase64(Uint8Array.of(1, 2, 3)))).toBeNull();
    expect(decodeFloat32Base64('not base64!')).toBeNull();
  });
});
