/**
 * Compact JSON encoding of large weight arrays: little-endian float32 bytes in base64 (4 bytes per weight
 * instead of ~20 characters of decimal text). float32 keeps 7 significant digits — far more than a linear
 * text classifier's scores need — and the arrays are widened back to float64 on load.
 *
 * Base64 (RFC 4648, with padding) is coded here over typed arrays: the former route through a binary string,
 * `String.fromCharCode(...chunk)` and `btoa`, took ≈ 30% of `caiban nlu train` on BANKING77 (a 77 × 30k weight
 * matrix). Core code cannot use Node's Buffer, and both directions must run in the browser too.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const ENC = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DEC = new Int16Array(256).fill(-1);
for (let k = 0; k < 64; k++) DEC[ENC[k]!] = k;
const ascii = new TextDecoder('latin1');

/** Base64 text of the bytes, padded with '='. */
export const bytesToBase64 = (bytes: Uint8Array): string => {
  const n = bytes.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENC[v >>> 18]!;
    out[o++] = ENC[(v >>> 12) & 63]!;
    out[o++] = ENC[(v >>> 6) & 63]!;
    out[o++] = ENC[v & 63]!;
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i]! << 16) | (two ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENC[v >>> 18]!;
    out[o++] = ENC[(v >>> 12) & 63]!;
    out[o++] = two ? ENC[(v >>> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return ascii.decode(out);
};

/** Bytes of base64 text (padding optional); null when the text is not base64. */
export const base64ToBytes = (text: string): Uint8Array | null => {
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === PAD) len--;
  if (text.length - len > 2 || len % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const d = c < 256 ? DEC[c]! : -1;
    if (d < 0) return null;
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
};

export const encodeFloat64AsFloat32Base64 = (values: Float64Array): string =>
  bytesToBase64(new Uint8Array(new Float32Array(values).buffer));

/** Inverse of encodeFloat64AsFloat32Base64; null when the text is not base64 of a whole number of floats. */
export const decodeFloat32Base64 = (text: string): Float64Array | null => {
  const bytes = base64ToBytes(text);
  if (!bytes || bytes.length % 4 !== 0) return null;
  return new Float64Array(new Float32Array(bytes.buffer, 0, bytes.length / 4));
};
