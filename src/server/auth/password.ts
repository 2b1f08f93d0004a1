import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt (RFC 7914) from node:crypto. Stored format (PHC-like, self-describing so the
 * cost can be raised later without breaking old hashes):
 *   scrypt$N$r$p$<salt base64url>$<hash base64url>
 * N = 2^15, r = 8, p = 1 (OWASP minimum for scrypt is N = 2^17 with p = 1 or N = 2^15 with more memory; we use
 * 2^15 × r 8 = 32 MiB per hash, which keeps login under ~100 ms on a small server).
 */
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const maxmemFor = (n: number, r: number): number => 128 * n * r * 2;

const derive = (
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  keylen: number,
): Promise<Buffer> =>
  new Promise((resolveKey, reject) => {
    scrypt(password.normalize('NFKC'), salt, keylen, { N: n, r, p, maxmem: maxmemFor(n, r) }, (err, key) =>
      err ? reject(err) : resolveKey(key),
    );
  });

/**
 * Hashes a password with a fresh random salt. `salt` may be given only for reproducible demo data (the demo
 * bank derives it from its seed so that two seeds of the same bank are byte-identical). `n` (a power of two,
 * 2^10 to 2^20) lowers or raises the work factor; only the test suite's demo banks lower it, so that each of
 * their logins costs about a millisecond instead of ~120 ms of CPU (verification reads N from the stored hash).
 */
export const hashPassword = async (
  password: string,
  salt: Buffer = randomBytes(16),
  n: number = N,
): Promise<string> => {
  if (!Number.isInteger(n) || n < 1 << 10 || n > 1 << 20 || (n & (n - 1)) !== 0)
    throw new RangeError(`scrypt N must be a power of two from 2^10 to 2^20, got ${n}`);
  const key = await derive(password, salt, n, R, P, KEYLEN);
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
};

/** True when `password` matches `stored` (constant-time compare); false for any malformed hash. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const n = Number(parts[1]);
  const r = Number(parts[2]);
  const p = Number(parts[3]);
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20 || (n & (n - 1)) !== 0)
    return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || expected.length < 16) return false;
  const key = await derive(password, salt, n, r, p, expected.length);
  return timingSafeEqual(key, expected);
};
