/**
 * Seeded pseudo-random numbers for everything in Caiban that needs randomness (core has no Math.random).
 * Generator: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32; period 2^128 − 1.
 */
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1) (Marsaglia polar method). */
  normal(): number;
  /** A fresh generator derived from this one (for parallel streams). */
  fork(): Rng;
};

const splitmix32 = (seed: number): (() => number) => {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
};

export const createRng = (seed: number): Rng => {
  const sm = splitmix32(Math.floor(seed) ^ 0x5bd1e995);
  const st = new Uint32Array([sm(), sm(), sm(), sm()]);
  if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1;
  let spare: number | null = null;

  const nextU32 = (): number => {
    const s0 = st[0]!;
    const s1 = st[1]!;
    const s2 = st[2]!;
    const s3 = st[3]!;
    const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    st[2] = s2 ^ s0;
    st[3] = s3 ^ s1;
    st[1] = s1 ^ st[2];
    st[0] = s0 ^ st[3];
    st[2] = st[2] ^ t;
    st[3] = rotl(st[3], 11);
    return r;
  };

  const rng: Rng = {
    next: () => nextU32() / 4294967296,
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    normal: () => {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      for (;;) {
        const u = 2 * rng.next() - 1;
        const v = 2 * rng.next() - 1;
        const s = u * u + v * v;
        if (s > 0 && s < 1) {
          const m = Math.sqrt((-2 * Math.log(s)) / s);
          spare = v * m;
          return u * m;
        }
      }
    },
    fork: () => createRng(nextU32()),
  };
  return rng;
};

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Fisher–Yates shuffle in place with the given generator. */
export const shuffleInPlace = <T>(items: T[], rng: Rng): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
};
