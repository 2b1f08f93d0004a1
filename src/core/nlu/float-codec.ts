/**
 * Compact JSON encoding of large weight arrays: little-endian float32 bytes in base64 (4 bytes per weight
 * instead of ~20 characters of decimal text). float32 keeps 7 significant digits — far more than a linear
 * text classifier's scores need — and the arrays are widened back to float64 on load.
 */

const CHUNK = 0x8000;

export const encodeFloat64AsFloat32Base64 = (values: Float64Array): string => {
  const bytes = new Uint8Array(Float32Array.from(values).buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
};

/** Inverse of encodeFloat64AsFloat32Base64; null when the text is not base64 of a whole number of floats. */
export const decodeFloat32Base64 = (text: string): Float64Array | null => {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length % 4 !== 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return Float64Array.from(new Float32Array(bytes.buffer));
};
